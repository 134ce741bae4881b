package io.lexica.vectors;

import java.util.List;
import java.util.Set;

/**
 * Embeddings that can score every word: exact (brute-force) nearest neighbours, the reference that
 * approximate search is measured against, and queries no index can answer, such as 3CosMul.
 * Implementations are thread-safe like {@link Embeddings}; each call scans on the calling thread.
 */
public interface ExhaustiveSearch {
  /** Scores one word from its unit vector. */
  @FunctionalInterface
  interface Scorer {
    /**
     * Scores one word.
     *
     * @param unitVector the word's unit vector; a buffer valid during the call only
     * @return the word's score; higher is better
     */
    float score(float[] unitVector);
  }

  /**
   * The {@code k} words with the highest scores that are at least {@code minScore}, best first,
   * skipping the words in {@code exclude}. Equal scores keep row order (frequency order), so the
   * answer is deterministic.
   *
   * @param scorer scores each word's unit vector
   * @param k the most words
   * @param minScore the lowest score kept
   * @param exclude words left out
   * @return the best words with their scores
   */
  List<Neighbor> top(Scorer scorer, int k, float minScore, Set<String> exclude);
}
