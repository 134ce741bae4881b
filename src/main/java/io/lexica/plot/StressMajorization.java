package io.lexica.plot;

/**
 * Metric multidimensional scaling by stress majorization (SMACOF: de Leeuw 1977; Borg and Groenen,
 * Modern Multidimensional Scaling, ch. 8): points in the plane whose distances match given
 * distances as well as possible, in the least-squares sense of the raw stress {@code sum over pairs
 * of (d_ij - delta_ij)^2}. Each step is a Guttman transform, which never increases the stress; it
 * starts from a given layout and stops when the stress improves by less than a millionth or after a
 * number of steps.
 *
 * <p>Why after PCA: a projection on two principal components keeps only the variance of those two
 * directions. Around a handful of query words, that is the variance between the groups, and the
 * distances inside a group (along the other ninety-odd directions) are squeezed to a point, so the
 * neighbours of one word pile up on each other. Majorization started from the PCA layout keeps its
 * arrangement of the groups and gives each distance its share, so a neighbour's place relative to
 * its word means what its similarity says. {@link #normalizedStress} measures how well a layout
 * does (the plot states it). Deterministic: no random start. Stateless.
 */
final class StressMajorization {
  private static final int MAX_STEPS = 300;
  private static final double TOLERANCE = 1e-6;

  private StressMajorization() {}

  /**
   * A layout of {@code start.length} points in {@code start[0].length} dimensions whose distances
   * approach {@code delta} (symmetric, zero diagonal), from {@code start} (not modified).
   */
  static double[][] layout(double[][] delta, double[][] start) {
    int n = start.length;
    int dims = start[0].length;
    double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      x[i] = start[i].clone();
    }
    double previous = rawStress(delta, x);
    for (int step = 0; step < MAX_STEPS && previous > 0; step++) {
      double[][] next = new double[n][dims];
      for (int i = 0; i < n; i++) {
        double bii = 0;
        for (int j = 0; j < n; j++) {
          if (j == i) {
            continue;
          }
          double d = distance(x[i], x[j]);
          double bij = d > 0 ? -delta[i][j] / d : 0;
          bii -= bij;
          for (int c = 0; c < dims; c++) {
            next[i][c] += bij * x[j][c];
          }
        }
        for (int c = 0; c < dims; c++) {
          next[i][c] = (next[i][c] + bii * x[i][c]) / n;
        }
      }
      x = next;
      double stress = rawStress(delta, x);
      boolean converged = previous - stress < TOLERANCE * previous;
      previous = stress;
      if (converged) {
        break;
      }
    }
    return x;
  }

  /**
   * Stress-1 of a layout after the best uniform scaling: {@code sqrt(sum (a d_ij - delta_ij)^2 /
   * sum delta_ij^2)}; 0 is a perfect match, and a projection that keeps only a share of the
   * distances is not penalised for its scale.
   */
  static double normalizedStress(double[][] delta, double[][] x) {
    double dd = 0, dDelta = 0, deltaDelta = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = i + 1; j < x.length; j++) {
        double d = distance(x[i], x[j]);
        dd += d * d;
        dDelta += d * delta[i][j];
        deltaDelta += delta[i][j] * delta[i][j];
      }
    }
    if (deltaDelta == 0) {
      return 0;
    }
    double a = dd == 0 ? 0 : dDelta / dd;
    double residual = a * a * dd - 2 * a * dDelta + deltaDelta;
    return Math.sqrt(Math.max(0, residual) / deltaDelta);
  }

  private static double rawStress(double[][] delta, double[][] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = i + 1; j < x.length; j++) {
        double r = distance(x[i], x[j]) - delta[i][j];
        s += r * r;
      }
    }
    return s;
  }

  static double distance(double[] a, double[] b) {
    double s = 0;
    for (int c = 0; c < a.length; c++) {
      double d = a[c] - b[c];
      s += d * d;
    }
    return Math.sqrt(s);
  }
}
