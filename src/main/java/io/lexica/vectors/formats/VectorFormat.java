package io.lexica.vectors.formats;

import io.lexica.LexicaException;
import io.lexica.vectors.FastTextBin;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The word-vector file formats Lexica reads and writes. All hold one row per word in file order
 * (the trainers' frequency order), words as UTF-8, and may be gzip-compressed (detected by content
 * on reading, by a {@code .gz} name on writing).
 */
public enum VectorFormat {
  /** Detect the format from the file's content (reading only). */
  AUTO("auto"),
  /**
   * Mikolov's word2vec text format: a header line {@code "V dim"}, then one line per word: the
   * word, a space, {@code dim} space-separated decimals.
   */
  WORD2VEC_TEXT("word2vec-text"),
  /**
   * word2vec binary format: the header line {@code "V dim\n"}, then per word its UTF-8 bytes, a
   * space, {@code dim} float32 little-endian, and a newline. The C tool writes that newline, gensim
   * does not; both read either, and so does Lexica.
   */
  WORD2VEC_BINARY("word2vec-binary"),
  /** GloVe text: like word2vec text without the header line. */
  GLOVE("glove"),
  /** fastText's {@code .vec} output: the word2vec text format. */
  FASTTEXT_VEC("fasttext-vec"),
  /**
   * fastText's binary model ({@code .bin}, {@link FastTextBin}); read only, as the word vectors
   * fastText computes (the n-gram rows are {@link FastTextBin#read}'s business).
   */
  FASTTEXT_BIN("fasttext-bin");

  private final String id;

  VectorFormat(String id) {
    this.id = id;
  }

  /**
   * The name used on the command line, e.g. {@code word2vec-binary}.
   *
   * @return the name {@link #parse} reads
   */
  public String id() {
    return id;
  }

  /**
   * True for the formats whose first line is {@code "V dim"}.
   *
   * @return whether the file starts with a header
   */
  boolean hasHeader() {
    return this == WORD2VEC_TEXT || this == WORD2VEC_BINARY || this == FASTTEXT_VEC;
  }

  /**
   * The format named {@code id} (case-insensitive).
   *
   * @param id the name, any case
   * @return the format
   * @throws io.lexica.LexicaException when no format has that name, listing them
   */
  public static VectorFormat parse(String id) {
    for (VectorFormat f : values()) {
      if (f.id.equals(id.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new LexicaException(
        "unknown vector format '" + id + "'",
        "use one of " + Arrays.stream(values()).map(f -> f.id).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return id;
  }
}
