package io.lexica.vectors;

import java.util.Arrays;

/**
 * The {@code k} best (row, score) pairs offered, for exact scans: a bounded min-heap, so a scan of
 * {@code n} rows costs {@code O(n log k)} and no per-row allocation. Ties go to the lower row. Not
 * thread-safe: one per scan.
 */
public final class TopRows {
  private final int[] rows;
  private final float[] scores;
  private int size;

  /**
   * A selection of the best {@code k} rows.
   *
   * @param k how many rows to keep; 0 or less keeps none
   */
  public TopRows(int k) {
    rows = new int[Math.max(k, 0)];
    scores = new float[rows.length];
  }

  /**
   * Offers a row; rows must be offered in increasing order for ties to favour lower rows.
   *
   * @param row the row
   * @param score its score
   */
  public void offer(int row, float score) {
    if (size < rows.length) {
      rows[size] = row;
      scores[size] = score;
      siftUp(size++);
    } else if (size > 0 && score > scores[0]) {
      rows[0] = row;
      scores[0] = score;
      siftDown(0);
    }
  }

  /**
   * The lowest score kept, or negative infinity while fewer than k rows were offered.
   *
   * @return the threshold
   */
  public float threshold() {
    return size < rows.length ? Float.NEGATIVE_INFINITY : scores[0];
  }

  /**
   * Sorts the kept pairs best first (ties: lower row first) and returns their number; read them
   * with {@link #row} and {@link #score}. Call once, after the last offer.
   *
   * @return the number of rows kept, at most k
   */
  public int sortBestFirst() {
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        (a, b) -> {
          int c = Float.compare(scores[b], scores[a]);
          return c != 0 ? c : Integer.compare(rows[a], rows[b]);
        });
    int[] r = rows.clone();
    float[] s = scores.clone();
    for (int i = 0; i < size; i++) {
      rows[i] = r[order[i]];
      scores[i] = s[order[i]];
    }
    return size;
  }

  /**
   * The row at position {@code i} after {@link #sortBestFirst()}.
   *
   * @param i a position, below the count {@link #sortBestFirst()} returned
   * @return the row
   */
  public int row(int i) {
    return rows[i];
  }

  /**
   * The score at position {@code i} after {@link #sortBestFirst()}.
   *
   * @param i a position, below the count {@link #sortBestFirst()} returned
   * @return the score
   */
  public float score(int i) {
    return scores[i];
  }

  private boolean worse(int i, int j) {
    // Heap order: the root is the worst kept pair (lowest score, then highest row).
    return scores[i] < scores[j] || (scores[i] == scores[j] && rows[i] > rows[j]);
  }

  private void siftUp(int i) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (!worse(i, parent)) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int l = 2 * i + 1;
      int r = l + 1;
      int w = i;
      if (l < size && worse(l, w)) {
        w = l;
      }
      if (r < size && worse(r, w)) {
        w = r;
      }
      if (w == i) {
        return;
      }
      swap(i, w);
      i = w;
    }
  }

  private void swap(int i, int j) {
    int r = rows[i];
    rows[i] = rows[j];
    rows[j] = r;
    float s = scores[i];
    scores[i] = scores[j];
    scores[j] = s;
  }
}
