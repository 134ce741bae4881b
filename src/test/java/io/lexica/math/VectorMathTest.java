package io.lexica.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VectorMathTest {
  private static float[] random(SplittableRandom r, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) r.nextDouble(-1, 1);
    }
    return a;
  }

  @Test
  void dotAndAxpyMatchNaiveLoopsAtAnyOffsetAndLength() {
    SplittableRandom r = new SplittableRandom(3);
    for (int length : new int[] {0, 1, 3, 7, 8, 9, 16, 31, 100, 301}) {
      float[] a = random(r, length + 13);
      float[] b = random(r, length + 29);
      int aOff = r.nextInt(13);
      int bOff = r.nextInt(29);
      double expected = 0;
      for (int i = 0; i < length; i++) {
        expected += (double) a[aOff + i] * b[bOff + i];
      }
      assertEquals(expected, VectorMath.dot(a, aOff, b, bOff, length), 1e-4, "dot " + length);
      assertEquals(expected, ScalarMath.dot(a, aOff, b, bOff, length), 1e-4, "scalar " + length);

      float[] y = b.clone();
      float[] y2 = b.clone();
      VectorMath.axpy(0.37f, a, aOff, y, bOff, length);
      ScalarMath.axpy(0.37f, a, aOff, y2, bOff, length);
      for (int i = 0; i < y.length; i++) {
        boolean inside = i >= bOff && i < bOff + length;
        float want = inside ? b[i] + 0.37f * a[aOff + i - bOff] : b[i];
        assertEquals(want, y[i], 1e-6, "axpy " + length + " at " + i);
        assertEquals(want, y2[i], 1e-6, "scalar axpy " + length + " at " + i);
      }

      float[] z = b.clone();
      VectorMath.scale(-2f, z, bOff, length);
      for (int i = 0; i < z.length; i++) {
        boolean inside = i >= bOff && i < bOff + length;
        assertEquals(inside ? -2f * b[i] : b[i], z[i], 0f);
      }
    }
  }

  @Test
  void usesTheVectorApiWhenTheModuleIsPresent() {
    // the build adds jdk.incubator.vector to tests, so the SIMD path is the one tested above
    boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    assertEquals(present && !Boolean.getBoolean("lexica.noSimd"), VectorMath.SIMD);
  }
}
