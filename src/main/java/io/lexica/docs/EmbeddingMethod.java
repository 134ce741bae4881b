package io.lexica.docs;

import io.lexica.LexicaException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a document's word vectors are combined into one document vector. */
public enum EmbeddingMethod {
  /** Plain mean of the unit word vectors of the document's tokens (repeats count). */
  MEAN,
  /** Mean weighted by each word's inverse document frequency in the target index (BM25's idf). */
  IDF,
  /**
   * Smooth inverse frequency (Arora, Liang and Ma 2017): weights {@code a / (a + p(w))} with {@code
   * p(w)} the word's relative frequency in the target field, then the projection on the first
   * principal component of the collection's document vectors is removed.
   */
  SIF;

  /**
   * The name used on the command line and in run names ({@code mean}, {@code idf}, {@code sif}).
   *
   * @return the lower-case name
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@link #id()}, with an error that lists the known methods.
   *
   * @param id the name, any case
   * @return the method
   * @throws io.lexica.LexicaException when no method has that name
   */
  public static EmbeddingMethod parse(String id) {
    for (EmbeddingMethod m : values()) {
      if (m.id().equalsIgnoreCase(id.trim())) {
        return m;
      }
    }
    throw new LexicaException(
        "unknown document embedding method '" + id + "'",
        "use one of "
            + Arrays.stream(values()).map(EmbeddingMethod::id).collect(Collectors.joining(", ")));
  }
}
