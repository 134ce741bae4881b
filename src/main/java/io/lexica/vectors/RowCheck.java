package io.lexica.vectors;

import io.lexica.LexicaException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The one check every row of word vectors passes on its way into Lexica, whichever reader brings it
 * (word2vec text and binary, GloVe, fastText {@code .vec} and {@code .bin}, the DL4J zip, a model's
 * stored vectors, a subword model's n-gram rows) and whichever command asked for it ({@code
 * import}, {@code eval}, {@code export}, {@code model check}, the expander's {@code Models}). A
 * file one command refuses is refused by all, with the same message; before, {@code import} refused
 * NaN vectors that {@code eval} silently scored.
 *
 * <p>The rules, and why:
 *
 * <ul>
 *   <li><b>Values are finite</b>, else an error naming the source, the row and the word. A NaN
 *       makes every cosine with its word NaN, and NaN compares false, so the word silently drops
 *       out of rankings and evaluation metrics turn to NaN; an infinity makes norms infinite. Such
 *       rows come from a diverged training run or a damaged file, and nothing read from them means
 *       anything, so the reader stops before any work is done on them.
 *   <li><b>Every row has the same dimension</b> (the header's, or the first row's where there is no
 *       header), else an error: {@link #wrongDimension}. Readers that cannot count a row's values
 *       (word2vec binary) detect the misalignment a wrong dimension causes instead.
 *   <li><b>Words are UTF-8</b>: invalid bytes become U+FFFD and one warning counts such words, as
 *       gensim does with {@code unicode_errors='replace'} (the C tool cuts words at 99 bytes, even
 *       inside a character); in strict mode they are an error, gensim's default. Any other byte is
 *       part of the word, control characters included: the formats only reserve the separators (see
 *       {@link io.lexica.vectors.formats.VectorFiles}).
 *   <li><b>A duplicate word</b> keeps its first row; later ones are skipped and one warning counts
 *       them, as gensim does.
 *   <li><b>An all-zero vector</b> is kept with one warning counting such words: it is legal in
 *       every format (padding and unknown-word rows are often zero) and gensim and the C tool read
 *       it, but it has no direction, so its cosine with anything is 0 and it is nobody's neighbour;
 *       the user should know how many words are in that state.
 * </ul>
 *
 * Rows are located as {@code SOURCE UNIT N} ("vectors.txt line 12", "model row 7"), in the unit the
 * source is best inspected with. Not thread-safe: one instance per read.
 */
public final class RowCheck {
  private final String source;
  private final String unit;
  private final boolean strictUtf8;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final Set<String> seen = new HashSet<>();

  private long duplicates;
  private String firstDuplicate;
  private long firstDuplicateAt;
  private long malformed;
  private String firstMalformed;
  private long firstMalformedAt;
  private long zeros;
  private String firstZero;

  /**
   * A check of one read.
   *
   * @param source the file or model, as the user named it (starts every message)
   * @param unit how rows are counted in messages: "line" for text files, "word" or "row" otherwise
   * @param strictUtf8 whether a word that is not valid UTF-8 is an error rather than a warning
   */
  public RowCheck(String source, String unit, boolean strictUtf8) {
    this.source = source;
    this.unit = unit;
    this.strictUtf8 = strictUtf8;
  }

  /**
   * Decodes a word's UTF-8 bytes {@code b[from..to)} found at {@code at}; see the class rules.
   *
   * @param b the buffer
   * @param from where the word starts
   * @param to where it ends (exclusive)
   * @param at the row's number in {@link #where} terms
   * @return the word; invalid bytes as U+FFFD
   */
  public String word(byte[] b, int from, int to, long at) {
    boolean ascii = true;
    for (int i = from; i < to; i++) {
      if (b[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }
    try {
      CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(b, from, to - from));
      return chars.toString();
    } catch (CharacterCodingException e) {
      String lenient = new String(b, from, to - from, StandardCharsets.UTF_8);
      if (strictUtf8) {
        throw new LexicaException(
            where(at, lenient) + ": the word is not valid UTF-8",
            "re-encode the file as UTF-8, or read it without strict UTF-8 checking to replace"
                + " the invalid bytes");
      }
      if (malformed++ == 0) {
        firstMalformed = lenient;
        firstMalformedAt = at;
      }
      return lenient;
    }
  }

  /**
   * Checks the row {@code data[offset .. offset+dim)} of {@code word} found at {@code at}: throws
   * when a value is not finite, counts it when it is all zeros, and returns false when the word was
   * seen before (the caller skips the row).
   *
   * @param word the row's word
   * @param data the buffer holding the row
   * @param offset where the row starts
   * @param dim the row's length
   * @param at the row's number, for messages
   * @return true to keep the row, false for a duplicate word
   */
  public boolean keep(String word, float[] data, int offset, int dim, long at) {
    values(word, data, offset, dim, at);
    if (!seen.add(word)) {
      if (duplicates++ == 0) {
        firstDuplicate = word;
        firstDuplicateAt = at;
      }
      return false;
    }
    return true;
  }

  /**
   * Checks the values of a row whose word is known to be unique (vectors in memory, a model whose
   * words are unique by construction): throws when one is not finite, counts the row when all are
   * zero.
   *
   * @param word the row's word
   * @param data the buffer holding the row
   * @param offset where the row starts
   * @param dim the row's length
   * @param at the row's number, for messages
   */
  public void values(String word, float[] data, int offset, int dim, long at) {
    if (!requireFinite(word, data, offset, dim, at) && zeros++ == 0) {
      firstZero = word;
    }
  }

  /**
   * Throws when a value of the row is NaN or infinite.
   *
   * @param word the row's word, or null for rows that have none (n-gram buckets)
   * @param data the buffer holding the row
   * @param offset where the row starts
   * @param dim the row's length
   * @param at the row's number, for messages
   * @return whether the row has a non-zero value
   */
  public boolean requireFinite(String word, float[] data, int offset, int dim, long at) {
    boolean nonZero = false;
    for (int i = offset, end = offset + dim; i < end; i++) {
      float x = data[i];
      if (!Float.isFinite(x)) {
        throw new LexicaException(
            where(at, word) + ": value " + (i - offset + 1) + " of " + dim + " is " + x,
            "the vectors are broken (a diverged training run?) or the file is damaged: retrain,"
                + " or get an intact copy ('lexica model check' verifies a model)");
      }
      nonZero |= x != 0;
    }
    return nonZero;
  }

  /**
   * The error for a row of {@code word} at {@code at} holding {@code count} values where {@code
   * expected} were due.
   *
   * @param word the row's word
   * @param at the row's number
   * @param count the values found
   * @param expected the values due
   * @param expectedBy what fixed the dimension: "the header says", "the first row has"
   * @return an exception (not thrown) naming the row and the fix
   */
  public LexicaException wrongDimension(
      String word, long at, long count, int expected, String expectedBy) {
    return new LexicaException(
        where(at, word)
            + " has "
            + count
            + " values but "
            + expectedBy
            + " "
            + expected
            + " (dimension mismatch between rows)",
        "every row must hold the same number of values; the file is damaged or was cut and"
            + " pasted together");
  }

  /**
   * {@code SOURCE UNIT N ('word')}: where a row is, for messages.
   *
   * @param at the row's number
   * @param word the row's word, or null
   * @return the location
   */
  public String where(long at, String word) {
    return source + " " + unit + " " + at + (word == null ? "" : " ('" + word + "')");
  }

  /**
   * Problems that did not stop the read, one sentence each, in a fixed order.
   *
   * @return an unmodifiable list, empty when nothing was noticed
   */
  public List<String> warnings() {
    List<String> out = new ArrayList<>();
    if (duplicates > 0) {
      out.add(
          duplicates
              + " duplicate word(s) skipped, keeping each word's first row as gensim does; first: '"
              + firstDuplicate
              + "' in "
              + unit
              + " "
              + firstDuplicateAt);
    }
    if (malformed > 0) {
      out.add(
          malformed
              + " word(s) were not valid UTF-8 (the C tool cuts long words at 99 bytes, even"
              + " inside a character); invalid bytes became U+FFFD; first: '"
              + firstMalformed
              + "' in "
              + unit
              + " "
              + firstMalformedAt);
    }
    if (zeros > 0) {
      out.add(
          zeros
              + " word(s) have an all-zero vector, which has no direction: their cosine with any"
              + " word is 0 and they are nobody's neighbour; first: '"
              + firstZero
              + "'");
    }
    return out;
  }

  /**
   * Checks the {@link #values} of vectors already in memory, whose words are unique by construction
   * (a fastText model's computed word vectors, vectors about to be written), and returns the
   * warnings of this check so far; rows are numbered from 1.
   *
   * @param vectors the vectors
   * @return the warnings
   */
  public List<String> checkAll(WordVectors vectors) {
    int dim = vectors.dimension();
    float[] data = vectors.data();
    for (int r = 0; r < vectors.size(); r++) {
      values(vectors.word(r), data, r * dim, dim, r + 1);
    }
    return warnings();
  }

  /**
   * {@link #checkAll} with a fresh check.
   *
   * @param vectors the vectors
   * @param source the vectors' name, for messages
   * @param unit how rows are counted in messages
   * @return the warnings
   */
  public static List<String> check(WordVectors vectors, String source, String unit) {
    return new RowCheck(source, unit, false).checkAll(vectors);
  }
}
