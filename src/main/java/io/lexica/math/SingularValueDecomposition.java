package io.lexica.math;

import java.util.Arrays;

/**
 * The singular value decomposition {@code A = U diag(s) V^T} of a dense real matrix, by one-sided
 * Jacobi rotations (Hestenes 1958; Demmel and Veselić 1992) in double precision.
 *
 * <p>Why this method: the matrices Lexica decomposes are small (the {@code d x d} cross-covariance
 * of orthogonal Procrustes, {@code d <= 1024}; a few dozen difference vectors for a bias
 * direction), and one-sided Jacobi is short, needs no bidiagonalisation, and computes small
 * singular values and the singular vectors to high relative accuracy. Each sweep rotates every pair
 * of columns of a working copy of {@code A} until they are orthogonal; the accumulated rotations
 * are {@code V}, the column norms the singular values and the normalised columns {@code U}.
 * Convergence is quadratic; a few sweeps (under ten for {@code d = 300}) suffice. Cost per sweep:
 * {@code O(m n^2)} for an {@code m x n} matrix with {@code m >= n} (a wide matrix is decomposed
 * through its transpose).
 *
 * <p>Result, for {@code k = min(m, n)}: {@code U} is {@code m x k} and {@code V} is {@code n x k},
 * both with orthonormal columns, and the singular values are in descending order. Where {@code A}
 * is rank-deficient, the columns of {@code U} for zero singular values are completed to an
 * orthonormal set (any completion is a valid SVD); orthogonal Procrustes relies on this to return
 * an orthogonal matrix even from a degenerate cross-covariance.
 *
 * <p>Immutable; the accessors return copies.
 */
public final class SingularValueDecomposition {
  /** Sweeps before giving up; Jacobi converges in far fewer on any matrix met in practice. */
  private static final int MAX_SWEEPS = 60;

  private final double[][] uColumns; // k columns of length m
  private final double[] singularValues; // k, descending
  private final double[][] vColumns; // k columns of length n
  private final int rows;
  private final int cols;

  private SingularValueDecomposition(
      double[][] uColumns, double[] singularValues, double[][] vColumns, int rows, int cols) {
    this.uColumns = uColumns;
    this.singularValues = singularValues;
    this.vColumns = vColumns;
    this.rows = rows;
    this.cols = cols;
  }

  /**
   * Decomposes {@code a} ({@code a[i][j]} = row i, column j; not modified).
   *
   * @param a the matrix, {@code a[i][j]} = row i, column j; not modified
   * @return the thin decomposition {@code a = U diag(s) V^T}, with {@code k = min(rows, cols)}
   * @throws IllegalArgumentException when {@code a} is empty, ragged or holds a non-finite value
   * @throws ArithmeticException when the rotations do not converge (never seen; a safeguard)
   */
  public static SingularValueDecomposition of(double[][] a) {
    int m = a.length;
    if (m == 0 || a[0].length == 0) {
      throw new IllegalArgumentException("empty matrix");
    }
    int n = a[0].length;
    for (double[] row : a) {
      if (row.length != n) {
        throw new IllegalArgumentException("ragged matrix");
      }
      for (double x : row) {
        if (!Double.isFinite(x)) {
          throw new IllegalArgumentException("matrix holds " + x);
        }
      }
    }
    if (m >= n) {
      double[][] columns = new double[n][m];
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          columns[j][i] = a[i][j];
        }
      }
      return tall(columns, m, n, false);
    }
    // A^T = V S U^T: decompose the (tall) transpose, whose columns are the rows of A.
    double[][] columns = new double[m][];
    for (int i = 0; i < m; i++) {
      columns[i] = a[i].clone();
    }
    return tall(columns, n, m, true);
  }

  /**
   * One-sided Jacobi on the {@code len x count} matrix given by its columns (modified in place),
   * {@code len >= count}. With {@code transposed}, the result describes the transpose.
   */
  private static SingularValueDecomposition tall(
      double[][] w, int len, int count, boolean transposed) {
    double[][] v = new double[count][count];
    for (int j = 0; j < count; j++) {
      v[j][j] = 1;
    }
    // Columns whose cosine is below this count as orthogonal: the rounding of a dot product of
    // length len.
    double tolerance = len * Math.ulp(1.0);
    boolean converged = false;
    for (int sweep = 0; sweep < MAX_SWEEPS && !converged; sweep++) {
      converged = true;
      for (int p = 0; p < count - 1; p++) {
        for (int q = p + 1; q < count; q++) {
          double alpha = dot(w[p], w[p]);
          double beta = dot(w[q], w[q]);
          double gamma = dot(w[p], w[q]);
          if (gamma == 0 || Math.abs(gamma) <= tolerance * Math.sqrt(alpha * beta)) {
            continue;
          }
          converged = false;
          // The rotation that makes columns p and q orthogonal (the smaller root, for stability).
          double zeta = (beta - alpha) / (2 * gamma);
          double t = Math.signum(zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
          if (zeta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(1 + t * t);
          double s = c * t;
          rotate(w[p], w[q], c, s);
          rotate(v[p], v[q], c, s);
        }
      }
    }
    if (!converged) {
      throw new ArithmeticException("SVD did not converge in " + MAX_SWEEPS + " sweeps");
    }
    double[] sigma = new double[count];
    for (int j = 0; j < count; j++) {
      sigma[j] = Math.sqrt(dot(w[j], w[j]));
    }
    Integer[] order = new Integer[count];
    for (int j = 0; j < count; j++) {
      order[j] = j;
    }
    Arrays.sort(order, (x, y) -> Double.compare(sigma[y], sigma[x]));
    double[][] u = new double[count][];
    double[][] vs = new double[count][];
    double[] s = new double[count];
    double largest = sigma[order[0]];
    for (int k = 0; k < count; k++) {
      int j = order[k];
      s[k] = sigma[j];
      vs[k] = v[j];
      // A column this small relative to the largest is numerically zero: its direction is noise.
      if (s[k] > largest * 1e-13 && s[k] > 0) {
        u[k] = w[j];
        scale(u[k], 1 / s[k]);
      } else {
        s[k] = 0;
        u[k] = null;
      }
    }
    complete(u, len);
    return transposed
        ? new SingularValueDecomposition(vs, s, u, count, len)
        : new SingularValueDecomposition(u, s, vs, len, count);
  }

  /**
   * Fills the null columns with unit vectors orthogonal to all others: Gram-Schmidt (twice, for
   * accuracy) on the standard basis vectors, taking those that keep the most length.
   */
  private static void complete(double[][] columns, int len) {
    for (int k = 0; k < columns.length; k++) {
      if (columns[k] != null) {
        continue;
      }
      double[] best = null;
      double bestNorm = -1;
      for (int e = 0; e < len; e++) {
        double[] x = new double[len];
        x[e] = 1;
        for (int pass = 0; pass < 2; pass++) {
          for (double[] c : columns) {
            if (c != null) {
              double proj = dot(c, x);
              for (int i = 0; i < len; i++) {
                x[i] -= proj * c[i];
              }
            }
          }
        }
        double norm = Math.sqrt(dot(x, x));
        if (norm > bestNorm) {
          bestNorm = norm;
          best = x;
        }
        if (norm > 0.5) {
          break; // long enough to be well conditioned
        }
      }
      scale(best, 1 / bestNorm);
      columns[k] = best;
    }
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static void rotate(double[] x, double[] y, double c, double s) {
    for (int i = 0; i < x.length; i++) {
      double xi = x[i];
      double yi = y[i];
      x[i] = c * xi - s * yi;
      y[i] = s * xi + c * yi;
    }
  }

  private static void scale(double[] x, double f) {
    for (int i = 0; i < x.length; i++) {
      x[i] *= f;
    }
  }

  /**
   * The singular values, descending.
   *
   * @return the {@code k} singular values, descending and non-negative; a copy the caller may
   *     change
   */
  public double[] singularValues() {
    return singularValues.clone();
  }

  /**
   * {@code U}: {@code rows x k}, orthonormal columns; {@code u()[i][j]} = row i, column j.
   *
   * @return {@code U}, {@code rows x k}; a copy the caller may change
   */
  public double[][] u() {
    return rowMajor(uColumns, rows);
  }

  /**
   * {@code V}: {@code cols x k}, orthonormal columns; {@code v()[i][j]} = row i, column j.
   *
   * @return {@code V}, {@code cols x k}; a copy the caller may change
   */
  public double[][] v() {
    return rowMajor(vColumns, cols);
  }

  /** The first left singular vector ({@code U}'s first column): the principal direction. */
  double[] firstLeftVector() {
    return uColumns[0].clone();
  }

  /**
   * The first right singular vector ({@code V}'s first column).
   *
   * @return {@code V}'s first column, of length {@code cols}: the direction of largest variance of
   *     the rows
   */
  public double[] firstRightVector() {
    return vColumns[0].clone();
  }

  private static double[][] rowMajor(double[][] columns, int len) {
    double[][] out = new double[len][columns.length];
    for (int j = 0; j < columns.length; j++) {
      for (int i = 0; i < len; i++) {
        out[i][j] = columns[j][i];
      }
    }
    return out;
  }
}
