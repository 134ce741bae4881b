package io.lexica.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** The terms an analyzer makes of a text, as strings in order; for queries and short texts. */
public final class Tokens {
  private Tokens() {}

  /**
   * Analyzes {@code text} as {@code field} and returns its terms in order.
   *
   * @param analyzer the analyzer to run; not closed
   * @param field the field name the analyzer is asked for (per-field analyzers choose by it)
   * @param text the text to analyze
   * @return the terms in position order, position gaps and offsets dropped; empty when the analyzer
   *     keeps nothing
   */
  public static List<String> of(Analyzer analyzer, String field, String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
