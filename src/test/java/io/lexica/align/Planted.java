package io.lexica.align;

import io.lexica.math.SingularValueDecomposition;
import io.lexica.vectors.WordVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Synthetic bilingual data: a random target embedding and a rotated, noisy copy of it. */
final class Planted {
  private Planted() {}

  /** A random orthogonal {@code d x d} matrix: the U V^T of a Gaussian matrix's SVD. */
  static double[][] randomOrthogonal(Random rnd, int d) {
    double[][] g = new double[d][d];
    for (double[] row : g) {
      for (int j = 0; j < d; j++) {
        row[j] = rnd.nextGaussian();
      }
    }
    SingularValueDecomposition svd = SingularValueDecomposition.of(g);
    double[][] u = svd.u();
    double[][] v = svd.v();
    double[][] q = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        for (int k = 0; k < d; k++) {
          q[i][j] += u[i][k] * v[j][k];
        }
      }
    }
    return q;
  }

  /** {@code n} Gaussian vectors, words {@code prefix0 .. prefix(n-1)}, counts descending. */
  static WordVectors gaussian(Random rnd, String prefix, int n, int d) {
    float[] data = new float[n * d];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) rnd.nextGaussian();
    }
    return new WordVectors(words(prefix, n), data, d, counts(n));
  }

  /**
   * The rows of {@code target} mapped by {@code q^T} (so that {@code source q = target}) plus
   * Gaussian noise of standard deviation {@code noise}, renamed {@code prefix0 ..}.
   */
  static WordVectors rotatedCopy(
      WordVectors target, double[][] q, double noise, Random rnd, String prefix) {
    int d = target.dimension();
    float[] t = target.data();
    float[] out = new float[t.length];
    for (int r = 0; r < target.size(); r++) {
      for (int i = 0; i < d; i++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          s += t[r * d + j] * q[i][j]; // (y Q^T)_i = sum_j y_j Q[i][j]
        }
        out[r * d + i] = (float) (s + noise * rnd.nextGaussian());
      }
    }
    return new WordVectors(words(prefix, target.size()), out, d, counts(target.size()));
  }

  static List<String> words(String prefix, int n) {
    List<String> w = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      w.add(prefix + i);
    }
    return w;
  }

  static long[] counts(int n) {
    long[] c = new long[n];
    for (int i = 0; i < n; i++) {
      c[i] = 1000L * (n - i);
    }
    return c;
  }

  /** Lines {@code s<i> t<i>} for i in [from, to). */
  static BilingualDictionary dictionary(String name, int from, int to) {
    List<String> lines = new ArrayList<>();
    for (int i = from; i < to; i++) {
      lines.add("s" + i + " t" + i);
    }
    return BilingualDictionary.parse(name, lines);
  }
}
