package io.lexica.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SingularValueDecompositionTest {
  static double[][] gaussian(SplittableRandom r, int m, int n) {
    double[][] a = new double[m][n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        // Box-Muller: a standard normal from two uniforms
        a[i][j] =
            Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
      }
    }
    return a;
  }

  /** U diag(s) V^T. */
  static double[][] reconstruct(SingularValueDecomposition svd) {
    double[][] u = svd.u();
    double[][] v = svd.v();
    double[] s = svd.singularValues();
    double[][] a = new double[u.length][v.length];
    for (int i = 0; i < u.length; i++) {
      for (int j = 0; j < v.length; j++) {
        double x = 0;
        for (int k = 0; k < s.length; k++) {
          x += u[i][k] * s[k] * v[j][k];
        }
        a[i][j] = x;
      }
    }
    return a;
  }

  static void assertOrthonormalColumns(double[][] q, double tolerance) {
    int k = q[0].length;
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        double dot = 0;
        for (double[] row : q) {
          dot += row[a] * row[b];
        }
        assertEquals(a == b ? 1 : 0, dot, tolerance, "column " + a + " . column " + b);
      }
    }
  }

  static void assertMatrixEquals(double[][] expected, double[][] actual, double tolerance) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], actual[i], tolerance, "row " + i);
    }
  }

  @Test
  void reconstructsRandomMatricesOfEveryShapeWithOrthonormalFactors() {
    SplittableRandom r = new SplittableRandom(7);
    int[][] shapes = {{1, 1}, {5, 3}, {3, 5}, {40, 40}, {120, 17}, {17, 120}, {100, 100}};
    for (int[] shape : shapes) {
      double[][] a = gaussian(r, shape[0], shape[1]);
      SingularValueDecomposition svd = SingularValueDecomposition.of(a);
      int k = Math.min(shape[0], shape[1]);
      assertEquals(k, svd.singularValues().length);
      assertEquals(shape[0], svd.u().length);
      assertEquals(k, svd.u()[0].length);
      assertEquals(shape[1], svd.v().length);
      assertOrthonormalColumns(svd.u(), 1e-12);
      assertOrthonormalColumns(svd.v(), 1e-12);
      double[] s = svd.singularValues();
      for (int i = 1; i < s.length; i++) {
        assertTrue(s[i - 1] >= s[i] && s[i] >= 0, "descending and non-negative: " + s[i]);
      }
      assertMatrixEquals(a, reconstruct(svd), 1e-11);
    }
  }

  @Test
  void singularValuesOfAKnownMatrix() {
    // [[3, 0], [4, 5]]: s1^2 + s2^2 = 50 (Frobenius), s1 s2 = 15 (|det|), so s = sqrt(45), sqrt(5)
    SingularValueDecomposition svd = SingularValueDecomposition.of(new double[][] {{3, 0}, {4, 5}});
    assertArrayEquals(new double[] {Math.sqrt(45), Math.sqrt(5)}, svd.singularValues(), 1e-14);
    // A diagonal matrix: its absolute diagonal, sorted; the vectors are signed unit vectors.
    SingularValueDecomposition diag =
        SingularValueDecomposition.of(new double[][] {{2, 0, 0}, {0, -7, 0}, {0, 0, 0.5}});
    assertArrayEquals(new double[] {7, 2, 0.5}, diag.singularValues(), 0);
    assertEquals(1, Math.abs(diag.firstLeftVector()[1]), 0);
    assertEquals(1, Math.abs(diag.firstRightVector()[1]), 0);
  }

  @Test
  void rankDeficientMatricesGetZerosAndACompleteOrthonormalU() {
    SplittableRandom r = new SplittableRandom(11);
    // rank 2: the product of 6x2 and 2x6 random matrices
    double[][] left = gaussian(r, 6, 2);
    double[][] right = gaussian(r, 2, 6);
    double[][] a = new double[6][6];
    for (int i = 0; i < 6; i++) {
      for (int j = 0; j < 6; j++) {
        a[i][j] = left[i][0] * right[0][j] + left[i][1] * right[1][j];
      }
    }
    SingularValueDecomposition svd = SingularValueDecomposition.of(a);
    double[] s = svd.singularValues();
    assertTrue(s[1] > 1e-3);
    for (int i = 2; i < 6; i++) {
      assertEquals(0, s[i], 1e-12);
    }
    assertOrthonormalColumns(svd.u(), 1e-12);
    assertOrthonormalColumns(svd.v(), 1e-12);
    assertMatrixEquals(a, reconstruct(svd), 1e-12);

    SingularValueDecomposition zero = SingularValueDecomposition.of(new double[3][3]);
    assertArrayEquals(new double[3], zero.singularValues(), 0);
    assertOrthonormalColumns(zero.u(), 1e-15);
  }

  @Test
  void rejectsBadInput() {
    assertThrows(
        IllegalArgumentException.class, () -> SingularValueDecomposition.of(new double[0][0]));
    assertThrows(
        IllegalArgumentException.class,
        () -> SingularValueDecomposition.of(new double[][] {{1, 2}, {3}}));
    assertThrows(
        IllegalArgumentException.class,
        () -> SingularValueDecomposition.of(new double[][] {{1, Double.NaN}}));
  }
}
