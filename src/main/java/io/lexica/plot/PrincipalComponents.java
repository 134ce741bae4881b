package io.lexica.plot;

import io.lexica.math.SingularValueDecomposition;

/**
 * Principal component analysis of a few hundred vectors at most: the rows are centred, the centred
 * matrix is decomposed by {@link SingularValueDecomposition} ({@code X = U S V^T}), and each row's
 * coordinates on the first components are {@code U S}, its projections on the directions of largest
 * variance. A direction's sign is arbitrary in any SVD; it is fixed here so that the row farthest
 * along each component lies on its positive side, which makes a picture come out the same whatever
 * the decomposition's internal choices.
 *
 * <p>Why PCA for pictures of neighbours: it is linear, so distances along the axes mean the same
 * everywhere on the page and groups far apart in the model stay far apart; with a handful of
 * groups, the first two components are nearly the directions that separate them. Immutable.
 */
final class PrincipalComponents {
  private final double[][] coordinates;
  private final double[] explained;

  private PrincipalComponents(double[][] coordinates, double[] explained) {
    this.coordinates = coordinates;
    this.explained = explained;
  }

  /**
   * The first {@code components} principal coordinates of {@code rows} (all of one length).
   *
   * @throws IllegalArgumentException when there are fewer than two rows, the rows differ in length,
   *     or {@code components} is not in [1, min(rows, dimension)]
   */
  public static PrincipalComponents of(float[][] rows, int components) {
    double[][] wide = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      wide[i] = new double[rows[i].length];
      for (int j = 0; j < rows[i].length; j++) {
        wide[i][j] = rows[i][j];
      }
    }
    return of(wide, components);
  }

  /** As {@link #of(float[][], int)}, for rows in double precision (not modified). */
  public static PrincipalComponents of(double[][] rows, int components) {
    int n = rows.length;
    if (n < 2) {
      throw new IllegalArgumentException("PCA needs at least two rows, not " + n);
    }
    int d = rows[0].length;
    if (components < 1 || components > Math.min(n, d)) {
      throw new IllegalArgumentException(
          components + " components of " + n + " rows of dimension " + d);
    }
    double[] mean = new double[d];
    for (double[] row : rows) {
      if (row.length != d) {
        throw new IllegalArgumentException("rows of dimensions " + d + " and " + row.length);
      }
      for (int j = 0; j < d; j++) {
        mean[j] += row[j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    double[][] centred = new double[n][d];
    double total = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        centred[i][j] = rows[i][j] - mean[j];
        total += centred[i][j] * centred[i][j];
      }
    }
    SingularValueDecomposition svd = SingularValueDecomposition.of(centred);
    double[][] u = svd.u();
    double[] s = svd.singularValues();
    double[][] coords = new double[n][components];
    double[] explained = new double[components];
    for (int c = 0; c < components; c++) {
      int farthest = 0;
      for (int i = 1; i < n; i++) {
        if (Math.abs(u[i][c]) > Math.abs(u[farthest][c])) {
          farthest = i;
        }
      }
      double sign = u[farthest][c] < 0 ? -1 : 1;
      for (int i = 0; i < n; i++) {
        coords[i][c] = sign * u[i][c] * s[c];
      }
      explained[c] = total == 0 ? 0 : s[c] * s[c] / total;
    }
    return new PrincipalComponents(coords, explained);
  }

  /** Row {@code i}'s coordinates on the components, first component first. */
  public double[] coordinates(int i) {
    return coordinates[i].clone();
  }

  /** The number of rows. */
  public int size() {
    return coordinates.length;
  }

  /** The share of the total variance each component explains, in [0, 1]. */
  public double[] explainedVariance() {
    return explained.clone();
  }
}
