package io.lexica.vectors.store;

import io.lexica.vectors.ExhaustiveSearch;
import io.lexica.vectors.Neighbor;
import io.lexica.vectors.WordVectors;
import io.lexica.vectors.store.VectorStore.LanguageRows;
import java.util.List;
import java.util.Set;

/**
 * Consecutive rows of a model as a model of its own: one language of a multilingual model ({@link
 * VectorStore#inLanguage}), or a model's most frequent words ({@link #mostFrequent}). For a
 * language: a word is looked up among that language's rows only (the same spelling in the other
 * language is another word), and neighbours come from those rows (HNSW filtered to them, rescored
 * exactly). In an aligned model the vectors of one language keep their monolingual geometry (an
 * orthogonal map preserves cosines), so this answers as the model did before alignment.
 *
 * <p>Thread-safe like the store it shares; closing it does nothing.
 */
public final class LanguageView extends StoreView implements ExhaustiveSearch {
  private final LanguageRows rows;

  LanguageView(VectorStore store, LanguageRows rows) {
    super(store);
    this.rows = rows;
  }

  /**
   * The language and its rows.
   *
   * @return the rows
   */
  public LanguageRows rows() {
    return rows;
  }

  /**
   * The first {@code n} rows of this view, its {@code n} most frequent words (rows are in frequency
   * order), as a model of its own: lookups and neighbours among them only (HNSW filtered to them),
   * so that a vocabulary cut by frequency is cut for neighbours too. All rows when {@code n} is 0
   * or at least {@link #size()}.
   *
   * @param n how many of the most frequent words
   * @return the view
   */
  public LanguageView mostFrequent(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("negative word count: " + n);
    }
    return n == 0 || n >= rows.size()
        ? this
        : new LanguageView(
            store, new LanguageRows(rows.language(), rows.start(), rows.start() + n));
  }

  /**
   * The words of this view in row (frequency) order; each read from the store when asked.
   *
   * @return an unmodifiable list
   */
  public List<String> words() {
    return new java.util.AbstractList<>() {
      @Override
      public String get(int i) {
        java.util.Objects.checkIndex(i, rows.size());
        return store.word(rows.start() + i);
      }

      @Override
      public int size() {
        return rows.size();
      }
    };
  }

  /** The row of {@code word} in this language, or -1. */
  @Override
  public int row(String word) {
    return store.row(word, rows.start(), rows.end());
  }

  @Override
  public int size() {
    return rows.size();
  }

  @Override
  public List<Neighbor> nearest(
      float[] unitQuery, int k, float minSimilarity, Set<String> exclude) {
    return store.nearest(
        unitQuery, k, minSimilarity, excluded(exclude), rows.start(), rows.end(), false);
  }

  @Override
  public List<Neighbor> top(Scorer scorer, int k, float minScore, Set<String> exclude) {
    return store.top(scorer, k, minScore, excluded(exclude), rows.start(), rows.end());
  }

  /**
   * The language's words and raw vectors in row order (the first {@code limit}; 0: all), checked as
   * {@link VectorStore#read(int)} checks them.
   *
   * @param limit how many words, 0 for all
   * @return the words and their stored vectors
   */
  public WordVectors exportWordVectors(int limit) {
    return store.read(rows.start(), rows.end(), limit).vectors();
  }

  /** Sorted rows of this language's words in {@code words}. */
  private int[] excluded(Set<String> words) {
    return words == null
        ? new int[0]
        : words.stream().mapToInt(this::row).filter(r -> r >= 0).sorted().toArray();
  }
}
