package io.lexica.align;

import io.lexica.math.SingularValueDecomposition;
import io.lexica.vectors.WordVectors;
import java.util.Arrays;

/**
 * Orthogonal Procrustes: the rotation (or reflection) {@code W} that best maps source vectors onto
 * their translations, {@code W = argmin ||X W - Y||_F} over orthogonal {@code W}, where row {@code
 * i} of {@code X} and of {@code Y} are the vectors of a dictionary pair. Its closed form
 * (Schönemann 1966) is {@code W = U V^T} for the singular value decomposition {@code X^T Y = U S
 * V^T}. Xing et al. 2015 and Smith et al. 2017 showed that constraining the map to be orthogonal,
 * rather than any linear map (Mikolov et al. 2013), keeps each language's monolingual geometry
 * (cosines are preserved) and translates better; Conneau et al. 2018 use it in every refinement
 * step.
 *
 * <p>The cross-covariance is summed in double precision. Stateless; thread-safe.
 */
public final class Procrustes {
  private Procrustes() {}

  /**
   * The orthogonal map ({@code d x d}, row-major: {@code w[i][j]}) that best takes the source rows
   * to the target rows of {@code pairs} ({@code pairs[p] = {sourceRow, targetRow}}).
   *
   * @param source the vectors mapped from
   * @param target the vectors mapped onto, of the same dimension
   * @param pairs the row pairs to fit
   * @return the map {@code W = U V^T} from the SVD of {@code X^T Y} over the pairs
   * @throws IllegalArgumentException when there are no pairs or the dimensions differ
   */
  public static double[][] fit(WordVectors source, WordVectors target, int[][] pairs) {
    int d = source.dimension();
    if (target.dimension() != d) {
      throw new IllegalArgumentException("dimensions differ: " + d + " and " + target.dimension());
    }
    if (pairs.length == 0) {
      throw new IllegalArgumentException("no pairs");
    }
    float[] x = source.data();
    float[] y = target.data();
    double[][] m = new double[d][d];
    for (int[] p : pairs) {
      int xo = p[0] * d;
      int yo = p[1] * d;
      for (int i = 0; i < d; i++) {
        double xi = x[xo + i];
        double[] row = m[i];
        for (int j = 0; j < d; j++) {
          row[j] += xi * y[yo + j];
        }
      }
    }
    SingularValueDecomposition svd = SingularValueDecomposition.of(m);
    double[][] u = svd.u();
    double[][] v = svd.v();
    double[][] w = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        double s = 0;
        for (int k = 0; k < d; k++) {
          s += u[i][k] * v[j][k];
        }
        w[i][j] = s;
      }
    }
    return w;
  }

  /**
   * {@code vectors} mapped by {@code w}: row {@code x} becomes {@code x W}; words and counts kept.
   *
   * @param vectors the vectors to map; not modified
   * @param w a {@code d x d} map, as {@link #fit} returns it
   * @return a new set of vectors
   */
  public static WordVectors apply(WordVectors vectors, double[][] w) {
    int d = vectors.dimension();
    float[] in = vectors.data();
    float[] out = new float[in.length];
    double[] acc = new double[d];
    for (int r = 0; r < vectors.size(); r++) {
      Arrays.fill(acc, 0);
      int o = r * d;
      for (int i = 0; i < d; i++) {
        double xi = in[o + i];
        double[] wi = w[i];
        for (int j = 0; j < d; j++) {
          acc[j] += xi * wi[j];
        }
      }
      for (int j = 0; j < d; j++) {
        out[o + j] = (float) acc[j];
      }
    }
    long[] counts = new long[vectors.size()];
    for (int r = 0; r < counts.length; r++) {
      counts[r] = vectors.count(r);
    }
    return new WordVectors(vectors.words(), out, d, counts);
  }
}
