package io.lexica.align;

import io.lexica.vectors.TopRows;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.apache.lucene.util.VectorUtil;

/**
 * Cross-domain similarity local scaling (CSLS, Conneau et al. 2018) and plain nearest neighbours
 * between two sets of unit vectors in one space, by exhaustive scans of their cosine matrix.
 *
 * <p>In a shared space some words (hubs) are the nearest neighbour of many words of the other
 * language while others are nobody's; nearest-neighbour translation then returns hubs. CSLS scores
 * a pair by {@code 2 cos(x, y) - r_T(x) - r_S(y)}, where {@code r_T(x)} is the mean cosine of
 * {@code x} to its {@code k} nearest target words and {@code r_S(y)} that of {@code y} to its
 * {@code k} nearest source words (its hubness): a hub's high cosines are discounted by its high
 * {@code r}. For ranking the targets of one query {@code r_T(x)} is a constant, so {@link #nearest}
 * ranks by {@code 2 cos - r_S(y)}.
 *
 * <p>Both scans visit every pair once, in blocks of rows of each side so that a block of targets
 * stays in cache while a block of queries is scored against it (otherwise every query would stream
 * the whole target matrix from memory), on {@code threads} threads over query blocks. Cost: {@code
 * |A| |B|} dot products, e.g. 20 k x 90 k x 300 dimensions in about a minute on two cores. Ties
 * keep the lower row (the more frequent word). Stateless; thread-safe.
 */
public final class Csls {
  /** The neighbours of the CSLS correction in Conneau et al. 2018 (and MUSE's default). */
  public static final int DEFAULT_K = 10;

  /** Rows of each side scored together: 64 queries x 512 targets of 300 floats fit in L2. */
  private static final int QUERY_BLOCK = 64;

  private static final int TARGET_BLOCK = 512;

  private Csls() {}

  /**
   * Per row of each side, the mean cosine of its {@code k} nearest rows of the other side (over all
   * of them when there are fewer).
   *
   * @param a unit vectors, one array per row
   * @param b unit vectors of the same dimension
   */
  public record Hubness(float[] a, float[] b) {}

  /**
   * Both sides' hubness in one scan of the cosine matrix.
   *
   * @param a unit vectors, one array per row
   * @param b unit vectors of the same dimension
   * @param k how many nearest rows of the other side the mean takes (CSLS's k, 10 in the paper)
   * @param threads the threads that share the scan
   * @return each side's per-row hubness, the penalty of {@link #nearest}
   * @throws IllegalArgumentException when {@code k < 1}
   */
  public static Hubness hubness(float[][] a, float[][] b, int k, int threads) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1: " + k);
    }
    int chunks = Math.max(1, Math.min(threads, (a.length + QUERY_BLOCK - 1) / QUERY_BLOCK));
    List<TopK> bSides = new ArrayList<>();
    for (int c = 0; c < chunks; c++) {
      bSides.add(new TopK(b.length, k));
    }
    TopK aSide = new TopK(a.length, k);
    parallel(
        chunks,
        threads,
        c -> {
          int from = (int) ((long) a.length * c / chunks);
          int to = (int) ((long) a.length * (c + 1) / chunks);
          TopK bSide = bSides.get(c);
          for (int q0 = from; q0 < to; q0 += QUERY_BLOCK) {
            int q1 = Math.min(to, q0 + QUERY_BLOCK);
            for (int t0 = 0; t0 < b.length; t0 += TARGET_BLOCK) {
              int t1 = Math.min(b.length, t0 + TARGET_BLOCK);
              for (int q = q0; q < q1; q++) {
                float[] x = a[q];
                for (int t = t0; t < t1; t++) {
                  float s = VectorUtil.dotProduct(x, b[t]);
                  aSide.offer(q, s); // rows of a chunk belong to this thread alone
                  bSide.offer(t, s);
                }
              }
            }
          }
        });
    TopK merged = bSides.get(0);
    for (int c = 1; c < chunks; c++) {
      merged.mergeFrom(bSides.get(c));
    }
    return new Hubness(aSide.means(), merged.means());
  }

  /**
   * For each query row, the {@code k} best target rows, best first: by {@code 2 cos - penalty[t]}
   * (CSLS with the targets' hubness) or, when {@code penalty} is null, by cosine (nearest
   * neighbour).
   *
   * @param queries unit vectors to find targets for
   * @param targets unit vectors searched
   * @param penalty per target row, its hubness ({@link Hubness#b()} when the targets are {@code
   *     b}); null for plain cosine
   * @param k how many targets per query
   * @param threads the threads that share the scan
   * @return per query row, up to {@code k} target rows, best first
   */
  public static int[][] nearest(
      float[][] queries, float[][] targets, float[] penalty, int k, int threads) {
    int[][] out = new int[queries.length][];
    int blocks = (queries.length + QUERY_BLOCK - 1) / QUERY_BLOCK;
    parallel(
        blocks,
        threads,
        blk -> {
          int q0 = blk * QUERY_BLOCK;
          int q1 = Math.min(queries.length, q0 + QUERY_BLOCK);
          TopRows[] tops = new TopRows[q1 - q0];
          for (int q = q0; q < q1; q++) {
            tops[q - q0] = new TopRows(k);
          }
          for (int t0 = 0; t0 < targets.length; t0 += TARGET_BLOCK) {
            int t1 = Math.min(targets.length, t0 + TARGET_BLOCK);
            for (int q = q0; q < q1; q++) {
              float[] x = queries[q];
              TopRows top = tops[q - q0];
              for (int t = t0; t < t1; t++) {
                float s = VectorUtil.dotProduct(x, targets[t]);
                if (penalty != null) {
                  s = 2 * s - penalty[t];
                }
                if (s > top.threshold()) {
                  top.offer(t, s);
                }
              }
            }
          }
          for (int q = q0; q < q1; q++) {
            TopRows top = tops[q - q0];
            int n = top.sortBestFirst();
            int[] rows = new int[n];
            for (int i = 0; i < n; i++) {
              rows[i] = top.row(i);
            }
            out[q] = rows;
          }
        });
    return out;
  }

  /** Runs {@code task(0 .. tasks-1)} on up to {@code threads} threads; rethrows the first error. */
  static void parallel(int tasks, int threads, IntConsumer task) {
    int n = Math.max(1, Math.min(threads, tasks));
    if (n == 1) {
      for (int i = 0; i < tasks; i++) {
        task.accept(i);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    Throwable[] error = new Throwable[1];
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < n; w++) {
      Thread t =
          new Thread(
              () -> {
                try {
                  for (int i; (i = next.getAndIncrement()) < tasks; ) {
                    task.accept(i);
                  }
                } catch (Throwable e) {
                  synchronized (error) {
                    if (error[0] == null) {
                      error[0] = e;
                    }
                  }
                  next.set(tasks); // the others stop at their next task
                }
              },
              "lexica-csls-" + w);
      t.setDaemon(true);
      workers.add(t);
      t.start();
    }
    for (Thread t : workers) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    if (error[0] instanceof RuntimeException re) {
      throw re;
    }
    if (error[0] instanceof Error err) {
      throw err;
    }
  }

  /**
   * The {@code k} largest values offered per row, unordered: a row's values in a slot of {@code k}
   * floats with its minimum tracked, so most offers cost one comparison. Not thread-safe.
   */
  private static final class TopK {
    private final int k;
    private final float[] values;
    private final int[] filled;
    private final float[] min;
    private final int[] minAt;

    TopK(int rows, int k) {
      this.k = k;
      this.values = new float[rows * k];
      this.filled = new int[rows];
      this.min = new float[rows];
      this.minAt = new int[rows];
    }

    void offer(int row, float v) {
      int f = filled[row];
      int base = row * k;
      if (f < k) {
        values[base + f] = v;
        filled[row] = ++f;
        if (f == k) {
          findMin(row);
        }
      } else if (v > min[row]) {
        values[base + minAt[row]] = v;
        findMin(row);
      }
    }

    private void findMin(int row) {
      int base = row * k;
      int at = 0;
      for (int i = 1; i < k; i++) {
        if (values[base + i] < values[base + at]) {
          at = i;
        }
      }
      minAt[row] = at;
      min[row] = values[base + at];
    }

    void mergeFrom(TopK other) {
      for (int row = 0; row < filled.length; row++) {
        for (int i = 0; i < other.filled[row]; i++) {
          offer(row, other.values[row * k + i]);
        }
      }
    }

    float[] means() {
      float[] out = new float[filled.length];
      for (int row = 0; row < out.length; row++) {
        double sum = 0;
        for (int i = 0; i < filled[row]; i++) {
          sum += values[row * k + i];
        }
        out[row] = filled[row] == 0 ? 0 : (float) (sum / filled[row]);
      }
      return out;
    }
  }
}
