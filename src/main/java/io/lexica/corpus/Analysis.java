package io.lexica.corpus;

import java.io.IOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TermToBytesRefAttribute;
import org.apache.lucene.util.BytesRef;

/**
 * Runs an analyzer over a field's values the way Lucene's indexing chain assigns positions: the
 * first token of the first value is at {@code increment - 1}, each later value starts after the
 * analyzer's position increment gap. Re-analysis therefore yields the positions the postings have.
 */
public final class Analysis {
  private Analysis() {}

  /** Receives one token: its position and its term bytes (valid only during the call). */
  public interface TokenConsumer {
    /**
     * Receives the next token.
     *
     * @param position the token's position, as the postings would hold it
     * @param term the term's bytes; reused by the next call, so copy what you keep
     */
    void accept(int position, BytesRef term);
  }

  /**
   * Analyzes {@code values} of {@code field} in order, passing each token to {@code consumer}.
   *
   * @param analyzer the analyzer the field was indexed with
   * @param field the field's name (per-field analyzers and the position gap depend on it)
   * @param values the field's values, in the order they were indexed
   * @param consumer receives each token
   * @throws java.io.IOException when the analyzer's token stream fails
   */
  public static void analyze(
      Analyzer analyzer, String field, Iterable<String> values, TokenConsumer consumer)
      throws IOException {
    int pos = -1;
    boolean first = true;
    for (String text : values) {
      if (text == null) {
        continue;
      }
      if (!first) {
        pos += analyzer.getPositionIncrementGap(field);
      }
      first = false;
      try (TokenStream ts = analyzer.tokenStream(field, text)) {
        TermToBytesRefAttribute term = ts.addAttribute(TermToBytesRefAttribute.class);
        PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
        ts.reset();
        while (ts.incrementToken()) {
          pos += inc.getPositionIncrement();
          consumer.accept(Math.max(0, pos), term.getBytesRef());
        }
        ts.end();
        pos += inc.getPositionIncrement(); // trailing removed tokens, as the indexing chain counts
      }
    }
  }
}
