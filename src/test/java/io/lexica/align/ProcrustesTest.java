package io.lexica.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.vectors.WordVectors;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProcrustesTest {
  private static int[][] identityPairs(int n) {
    int[][] pairs = new int[n][];
    for (int i = 0; i < n; i++) {
      pairs[i] = new int[] {i, i};
    }
    return pairs;
  }

  @Test
  void recoversAPlantedRotationOfARandomMatrix() {
    Random rnd = new Random(17);
    int d = 40;
    WordVectors target = Planted.gaussian(rnd, "t", 300, d);
    double[][] q = Planted.randomOrthogonal(rnd, d);
    WordVectors source = Planted.rotatedCopy(target, q, 0, rnd, "s");

    double[][] w = Procrustes.fit(source, target, identityPairs(300));
    // source = target Q^T, so the best map is Q itself, up to float rounding of the inputs
    for (int i = 0; i < d; i++) {
      assertArrayEquals(q[i], w[i], 1e-5, "row " + i);
    }
    WordVectors mapped = Procrustes.apply(source, w);
    assertArrayEquals(target.data(), mapped.data(), 1e-4f);
    assertEquals(source.words(), mapped.words());
    assertEquals(source.count(7), mapped.count(7));
  }

  @Test
  void theMapIsOrthogonalEvenFromFewerPairsThanDimensionsAndRecoversAReflection() {
    Random rnd = new Random(5);
    int d = 30;
    WordVectors target = Planted.gaussian(rnd, "t", 200, d);
    double[][] q = Planted.randomOrthogonal(rnd, d);
    for (int j = 0; j < d; j++) {
      q[0][j] = -q[0][j]; // flip one row: determinant -1 (a reflection) either way
    }
    WordVectors source = Planted.rotatedCopy(target, q, 0, rnd, "s");
    double[][] w = Procrustes.fit(source, target, identityPairs(200));
    for (int i = 0; i < d; i++) {
      assertArrayEquals(q[i], w[i], 1e-5);
    }
    // 10 pairs in 30 dimensions: underdetermined, but the map is still orthogonal
    double[][] few = Procrustes.fit(source, target, identityPairs(10));
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        double dot = 0;
        for (int k = 0; k < d; k++) {
          dot += few[i][k] * few[j][k];
        }
        assertEquals(i == j ? 1 : 0, dot, 1e-9);
      }
    }
  }

  @Test
  void noiseMovesTheMapLittleAndTheFitIsTheBestOrthogonalOne() {
    Random rnd = new Random(23);
    int d = 20;
    WordVectors target = Planted.gaussian(rnd, "t", 500, d);
    double[][] q = Planted.randomOrthogonal(rnd, d);
    WordVectors source = Planted.rotatedCopy(target, q, 0.1, rnd, "s");
    double[][] w = Procrustes.fit(source, target, identityPairs(500));
    double residualFit = residual(source, target, w);
    double residualTrue = residual(source, target, q);
    assertTrue(residualFit <= residualTrue + 1e-6, residualFit + " vs " + residualTrue);
    // any other rotation does worse
    double[][] other = Planted.randomOrthogonal(rnd, d);
    assertTrue(residual(source, target, other) > residualFit);
  }

  private static double residual(WordVectors source, WordVectors target, double[][] w) {
    WordVectors mapped = Procrustes.apply(source, w);
    double sum = 0;
    for (int i = 0; i < mapped.data().length; i++) {
      double e = mapped.data()[i] - target.data()[i];
      sum += e * e;
    }
    return sum;
  }
}
