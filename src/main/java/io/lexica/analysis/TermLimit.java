package io.lexica.analysis;

import io.lexica.LexicaException;
import org.apache.lucene.index.IndexWriter;

/**
 * Lucene's limit on the length of one term, and the one error Lexica gives when an analyzer makes a
 * longer token (a keyword tokenizer on a long line, a URL-heavy text without a length filter),
 * whether it is indexing ({@code lexica index}) or reading text into a corpus ({@code lexica corpus
 * export}, {@code lexica train --input}). Stateless.
 */
public final class TermLimit {
  /** The longest term Lucene indexes, in UTF-8 bytes ({@link IndexWriter#MAX_TERM_LENGTH}). */
  public static final int MAX_BYTES = IndexWriter.MAX_TERM_LENGTH;

  private TermLimit() {}

  /**
   * The error for a token longer than {@link #MAX_BYTES}.
   *
   * @param where what held the token, e.g. "document 2, field body"; or null
   * @param bytes the token's length in UTF-8 bytes, or a negative number when unknown
   * @return an exception (not thrown) naming the token's length, the limit and the fix, for the
   *     caller to throw
   */
  public static LexicaException exceeded(String where, int bytes) {
    return new LexicaException(
        "the analyzer produced a token "
            + (bytes >= 0 ? "of " + bytes + " bytes, " : "")
            + "longer than Lucene's limit of "
            + MAX_BYTES
            + " bytes"
            + (where == null ? "" : " (" + where + ")"),
        "use an analyzer that splits or limits long tokens, e.g. add filter=length(min=1,max=255)");
  }
}
