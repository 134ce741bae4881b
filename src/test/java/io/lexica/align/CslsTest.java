package io.lexica.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CslsTest {
  private static float[][] unitRows(Random rnd, int n, int d) {
    float[][] rows = new float[n][d];
    for (float[] row : rows) {
      double norm = 0;
      for (int i = 0; i < d; i++) {
        row[i] = (float) rnd.nextGaussian();
        norm += row[i] * row[i];
      }
      for (int i = 0; i < d; i++) {
        row[i] /= (float) Math.sqrt(norm);
      }
    }
    return rows;
  }

  private static float dot(float[] a, float[] b) {
    float s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** Mean of the k largest cosines of x to the rows of others. */
  private static float bruteHubness(float[] x, float[][] others, int k) {
    float[] sims = new float[others.length];
    for (int i = 0; i < others.length; i++) {
      sims[i] = dot(x, others[i]);
    }
    Arrays.sort(sims);
    double sum = 0;
    int n = Math.min(k, sims.length);
    for (int i = 0; i < n; i++) {
      sum += sims[sims.length - 1 - i];
    }
    return (float) (sum / n);
  }

  @Test
  void hubnessMatchesBruteForceOnBothSidesWithAnyNumberOfThreads() {
    Random rnd = new Random(3);
    // sizes that are not multiples of the scan blocks, and more rows than one block
    float[][] a = unitRows(rnd, 700, 12);
    float[][] b = unitRows(rnd, 1100, 12);
    for (int threads : new int[] {1, 3}) {
      Csls.Hubness h = Csls.hubness(a, b, 4, threads);
      for (int i = 0; i < a.length; i++) {
        assertEquals(bruteHubness(a[i], b, 4), h.a()[i], 1e-5, "a " + i);
      }
      for (int j = 0; j < b.length; j++) {
        assertEquals(bruteHubness(b[j], a, 4), h.b()[j], 1e-5, "b " + j);
      }
    }
    // fewer rows than k: the mean over all of them
    Csls.Hubness small = Csls.hubness(a, Arrays.copyOf(b, 2), 10, 1);
    assertEquals(bruteHubness(a[0], Arrays.copyOf(b, 2), 2), small.a()[0], 1e-6);
  }

  @Test
  void nearestRanksByCosineOrByCslsLikeBruteForce() {
    Random rnd = new Random(9);
    float[][] q = unitRows(rnd, 150, 8);
    float[][] t = unitRows(rnd, 900, 8);
    float[] penalty = Csls.hubness(q, t, 5, 2).b();
    int[][] nn = Csls.nearest(q, t, null, 3, 2);
    int[][] csls = Csls.nearest(q, t, penalty, 3, 2);
    for (int i = 0; i < q.length; i++) {
      Integer[] byCos = new Integer[t.length];
      Integer[] byCsls = new Integer[t.length];
      for (int j = 0; j < t.length; j++) {
        byCos[j] = j;
        byCsls[j] = j;
      }
      float[] x = q[i];
      Arrays.sort(byCos, (u, v) -> Float.compare(dot(x, t[v]), dot(x, t[u])));
      Arrays.sort(
          byCsls,
          (u, v) -> Float.compare(2 * dot(x, t[v]) - penalty[v], 2 * dot(x, t[u]) - penalty[u]));
      assertArrayEquals(new int[] {byCos[0], byCos[1], byCos[2]}, nn[i]);
      assertArrayEquals(new int[] {byCsls[0], byCsls[1], byCsls[2]}, csls[i]);
    }
  }

  @Test
  void cslsDemotesAHubThatNearestNeighbourReturnsForEveryQuery() {
    // Query i = a e0 + b e(i+1), its translation c e0 + s e(i+1), the hub e0. Then cos(q, hub) =
    // a = 0.75 beats cos(q, translation) = ac + bs = 0.733, so nearest neighbour returns the hub
    // for every query. But the hub is near all queries: r(hub) = 0.75, while r(translation) with
    // k = 3 is (0.733 + 2 ac) / 3 = 0.294; CSLS 2 cos - r gives the hub 0.75 and the translation
    // 1.17.
    int n = 5;
    double a = 0.75;
    double b = Math.sqrt(1 - a * a);
    double c = 0.1;
    double s = Math.sqrt(1 - c * c);
    float[][] queries = new float[n][n + 1];
    float[][] targets = new float[n + 1][n + 1];
    for (int i = 0; i < n; i++) {
      queries[i][0] = (float) a;
      queries[i][i + 1] = (float) b;
      targets[i][0] = (float) c;
      targets[i][i + 1] = (float) s;
    }
    targets[n][0] = 1;
    int[][] nn = Csls.nearest(queries, targets, null, 1, 1);
    float[] penalty = Csls.hubness(queries, targets, 3, 1).b();
    assertEquals(a, penalty[n], 1e-6);
    assertEquals((a * c + b * s + 2 * a * c) / 3, penalty[0], 1e-6);
    int[][] csls = Csls.nearest(queries, targets, penalty, 1, 1);
    for (int i = 0; i < n; i++) {
      assertEquals(n, nn[i][0], "nearest neighbour returns the hub for query " + i);
      assertEquals(i, csls[i][0], "CSLS returns the translation for query " + i);
    }
  }
}
