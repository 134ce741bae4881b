package io.lexica.eval;

import io.lexica.vectors.WordVectors;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Case-insensitive lookup over the first rows of a model, as the evaluation protocol wants: a
 * word's key is its lowercase form, and when several rows share a key (Paris, paris) the first
 * (most frequent) row stands for all of them, as in the C tool's compute-accuracy and gensim's
 * evaluators. Immutable; thread-safe.
 */
final class FoldedVocabulary {
  private final Map<String, Integer> rows;
  private final int[] canonical;

  private FoldedVocabulary(Map<String, Integer> rows, int[] canonical) {
    this.rows = rows;
    this.canonical = canonical;
  }

  /** Indexes rows {@code 0 .. size) of {@code vectors}. */
  static FoldedVocabulary of(WordVectors vectors, int size) {
    Map<String, Integer> rows = new HashMap<>(size * 2);
    int[] canonical = new int[size];
    for (int r = 0; r < size; r++) {
      Integer first = rows.putIfAbsent(fold(vectors.word(r)), r);
      canonical[r] = first == null ? r : first;
    }
    return new FoldedVocabulary(rows, canonical);
  }

  /** The case-folded form used for matching. */
  static String fold(String word) {
    return word.toLowerCase(Locale.ROOT);
  }

  /** The first row whose word folds like {@code word}, or -1. */
  int row(String word) {
    Integer r = rows.get(fold(word));
    return r == null ? -1 : r;
  }

  /** The first row of the case-variant group of {@code row}. */
  int canonical(int row) {
    return canonical[row];
  }

  int size() {
    return canonical.length;
  }
}
