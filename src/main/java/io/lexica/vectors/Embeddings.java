package io.lexica.vectors;

import java.io.Closeable;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Query-time access to a model: vectors of words and their nearest neighbours. This is what the
 * query expander, the token filter, the document embedder and the OpenSearch plugin depend on; the
 * Lucene vector store and the in-memory exact index implement it.
 *
 * <p>Implementations must be thread-safe: any number of threads may query one instance at once.
 * Similarities are cosines.
 */
public interface Embeddings extends Closeable {
  /**
   * The vector size.
   *
   * @return the number of floats of every vector
   */
  int dimension();

  /**
   * Number of words in the vocabulary.
   *
   * @return the size
   */
  int size();

  /**
   * True when the word is in the vocabulary (subword models may still give vectors for others).
   *
   * @param word a word, as the model spells it
   * @return whether it has a row of its own
   */
  boolean contains(String word);

  /**
   * The word's unit-length vector, or null when the model has none for it. Subword models compose
   * one for out-of-vocabulary words.
   *
   * @param word any word
   * @return a new array the caller may change, or null
   */
  float[] unitVector(String word);

  /**
   * The word's corpus count, 0 when unknown or out of vocabulary.
   *
   * @param word any word
   * @return the count
   */
  long count(String word);

  /**
   * The sum of the corpus counts of the vocabulary's words (so {@code count(w) / totalCount()} is a
   * word's probability among the words the model knows), 0 when the model holds no counts (a vector
   * file).
   *
   * @return the sum
   */
  default long totalCount() {
    return 0;
  }

  /**
   * How the model was made (the metadata a Lexica model records: algorithm, analyzer, SIF component
   * ...); empty for models without any (vector files).
   *
   * @return an unmodifiable map, possibly empty
   */
  default Map<String, String> metadata() {
    return Map.of();
  }

  /**
   * The {@code k} words nearest to a unit-length query vector with similarity at least {@code
   * minSimilarity}, best first, skipping the words in {@code exclude}.
   *
   * @param unitQuery a unit-length vector of {@link #dimension()} floats
   * @param k the most neighbours
   * @param minSimilarity the lowest cosine
   * @param exclude words left out of the result
   * @return the neighbours with their cosines
   */
  List<Neighbor> nearest(float[] unitQuery, int k, float minSimilarity, Set<String> exclude);

  /**
   * The {@code k} words nearest to {@code word} (itself excluded); empty when it has no vector.
   *
   * @param word the word
   * @param k the most neighbours
   * @param minSimilarity the lowest cosine
   * @return the neighbours with their cosines
   */
  default List<Neighbor> nearest(String word, int k, float minSimilarity) {
    float[] v = unitVector(word);
    return v == null ? List.of() : nearest(v, k, minSimilarity, Set.of(word));
  }

  /**
   * Cosine similarity of two words, or NaN when either has no vector.
   *
   * @param a one word
   * @param b the other
   * @return the cosine, from -1 to 1
   */
  default float similarity(String a, String b) {
    float[] va = unitVector(a);
    float[] vb = unitVector(b);
    if (va == null || vb == null) {
      return Float.NaN;
    }
    float dot = 0;
    for (int i = 0; i < va.length; i++) {
      dot += va[i] * vb[i];
    }
    return dot;
  }

  @Override
  default void close() {}
}
