package io.lexica.vectors;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.util.VectorUtil;

/**
 * Exact (brute-force) nearest-neighbour search over all words of a {@link WordVectors}: every query
 * scores every row with Lucene's SIMD {@link VectorUtil#dotProduct(float[], float[])} on unit rows.
 * It is the reference the HNSW store's recall is measured against, and a fine index for
 * vocabularies up to some hundred thousand words (one query over 70 k x 100 takes about a
 * millisecond).
 *
 * <p>As an {@link ExhaustiveSearch} it also answers queries no index can, such as 3CosMul analogies
 * ({@link Analogies#mul}). Ties are broken by row: the earlier (more frequent) word first, so
 * results are deterministic. It keeps the given {@link WordVectors} (for words and counts) plus a
 * unit-length copy of the matrix.
 *
 * <p>Immutable after construction; thread-safe: any number of threads may query at once.
 */
public final class ExactEmbeddings implements Embeddings, ExhaustiveSearch {
  private final WordVectors vectors;
  private final float[][] unit;
  private final long totalCount;

  /**
   * Indexes all rows of {@code vectors}.
   *
   * @param vectors the vectors; normalised copies are kept, {@code vectors} is not changed
   */
  public ExactEmbeddings(WordVectors vectors) {
    this.vectors = vectors;
    this.unit = vectors.unitRows(0);
    long total = 0;
    for (int row = 0; row < vectors.size(); row++) {
      total += vectors.count(row);
    }
    this.totalCount = total;
  }

  @Override
  public int dimension() {
    return vectors.dimension();
  }

  @Override
  public int size() {
    return vectors.size();
  }

  @Override
  public boolean contains(String word) {
    return vectors.indexOf(word) >= 0;
  }

  @Override
  public float[] unitVector(String word) {
    int row = vectors.indexOf(word);
    return row < 0 ? null : unit[row].clone();
  }

  @Override
  public long count(String word) {
    int row = vectors.indexOf(word);
    return row < 0 ? 0 : vectors.count(row);
  }

  @Override
  public long totalCount() {
    return totalCount;
  }

  @Override
  public List<Neighbor> nearest(
      float[] unitQuery, int k, float minSimilarity, Set<String> exclude) {
    if (unitQuery.length != dimension()) {
      throw new IllegalArgumentException(
          "query has " + unitQuery.length + " dimensions, the model " + dimension());
    }
    return top(row -> VectorUtil.dotProduct(unitQuery, row), k, minSimilarity, exclude);
  }

  /** Scores every word's unit vector; see {@link ExhaustiveSearch}. */
  @Override
  public List<Neighbor> top(Scorer scorer, int k, float minScore, Set<String> exclude) {
    if (k <= 0) {
      return List.of();
    }
    int[] skip = exclude.stream().mapToInt(vectors::indexOf).filter(r -> r >= 0).toArray();
    TopRows top = new TopRows(k);
    for (int r = 0; r < unit.length; r++) {
      float s = scorer.score(unit[r]);
      if (s >= minScore && s > top.threshold() && !contains(skip, r)) {
        top.offer(r, s);
      }
    }
    int n = top.sortBestFirst();
    List<Neighbor> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new Neighbor(vectors.word(top.row(i)), top.score(i)));
    }
    return out;
  }

  private static boolean contains(int[] a, int v) {
    for (int x : a) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }
}
