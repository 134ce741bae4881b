package io.lexica.vectors;

import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>Ties are broken by row: the earlier (more frequent) word first, so results are deterministic.
 * It keeps the given {@link WordVectors} (for words and counts) plus a unit-length copy of the
 * matrix.
 *
 * <p>Immutable after construction; thread-safe: any number of threads may query at once.
 */
public final class ExactEmbeddings implements Embeddings {
  private final WordVectors vectors;
  private final float[][] unit;

  /** Indexes all rows of {@code vectors}. */
  public ExactEmbeddings(WordVectors vectors) {
    this.vectors = vectors;
    this.unit = vectors.unitRows(0);
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
  public List<Neighbor> nearest(
      float[] unitQuery, int k, float minSimilarity, Set<String> exclude) {
    if (unitQuery.length != dimension()) {
      throw new IllegalArgumentException(
          "query has " + unitQuery.length + " dimensions, the model " + dimension());
    }
    if (k <= 0) {
      return List.of();
    }
    int[] skip = exclude.stream().mapToInt(vectors::indexOf).filter(r -> r >= 0).toArray();
    // A min-heap of the k best so far: heapRows[0] is the worst kept. On equal scores the earlier
    // row stays, because a later row must be strictly better to enter.
    int[] heapRows = new int[k];
    float[] heapSims = new float[k];
    int filled = 0;
    for (int r = 0; r < unit.length; r++) {
      float s = VectorUtil.dotProduct(unitQuery, unit[r]);
      if (s < minSimilarity || (filled == k && !better(s, r, heapSims[0], heapRows[0]))) {
        continue;
      }
      if (contains(skip, r)) {
        continue;
      }
      if (filled < k) {
        heapRows[filled] = r;
        heapSims[filled] = s;
        siftUp(heapSims, heapRows, filled++);
      } else {
        heapRows[0] = r;
        heapSims[0] = s;
        siftDown(heapSims, heapRows, 0, filled);
      }
    }
    Integer[] order = new Integer[filled];
    for (int i = 0; i < filled; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order, (a, b) -> better(heapSims[a], heapRows[a], heapSims[b], heapRows[b]) ? -1 : 1);
    List<Neighbor> out = new ArrayList<>(filled);
    for (int i : order) {
      out.add(new Neighbor(vectors.word(heapRows[i]), heapSims[i]));
    }
    return out;
  }

  /** True when (s1, r1) ranks before (s2, r2): higher similarity, then lower row. */
  private static boolean better(float s1, int r1, float s2, int r2) {
    return s1 > s2 || (s1 == s2 && r1 < r2);
  }

  private static boolean contains(int[] a, int v) {
    for (int x : a) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }

  private static void siftUp(float[] sims, int[] rows, int i) {
    while (i > 0) {
      int parent = (i - 1) >> 1;
      if (!better(sims[parent], rows[parent], sims[i], rows[i])) {
        break;
      }
      swap(sims, rows, i, parent);
      i = parent;
    }
  }

  private static void siftDown(float[] sims, int[] rows, int i, int n) {
    while (true) {
      int worst = i;
      int l = 2 * i + 1;
      int rr = l + 1;
      if (l < n && better(sims[worst], rows[worst], sims[l], rows[l])) {
        worst = l;
      }
      if (rr < n && better(sims[worst], rows[worst], sims[rr], rows[rr])) {
        worst = rr;
      }
      if (worst == i) {
        return;
      }
      swap(sims, rows, i, worst);
      i = worst;
    }
  }

  private static void swap(float[] sims, int[] rows, int i, int j) {
    float s = sims[i];
    sims[i] = sims[j];
    sims[j] = s;
    int r = rows[i];
    rows[i] = rows[j];
    rows[j] = r;
  }
}
