package io.lexica.math;

/** The plain-loop versions of {@link VectorMath}'s operations, for JVMs without the Vector API. */
final class ScalarMath {
  private ScalarMath() {}

  static float dot(float[] a, int aOff, float[] b, int bOff, int length) {
    // four accumulators: lets the JIT pipeline the multiplies, as the SIMD path does
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int i = 0;
    for (; i + 3 < length; i += 4) {
      s0 += a[aOff + i] * b[bOff + i];
      s1 += a[aOff + i + 1] * b[bOff + i + 1];
      s2 += a[aOff + i + 2] * b[bOff + i + 2];
      s3 += a[aOff + i + 3] * b[bOff + i + 3];
    }
    for (; i < length; i++) {
      s0 += a[aOff + i] * b[bOff + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int length) {
    for (int i = 0; i < length; i++) {
      y[yOff + i] += alpha * x[xOff + i];
    }
  }

  static void axpyPair(
      float alpha, float[] x, int xOff, float[] y, int yOff, float[] acc, int accOff, int length) {
    for (int i = 0; i < length; i++) {
      float yi = y[yOff + i];
      acc[accOff + i] += alpha * yi;
      y[yOff + i] = yi + alpha * x[xOff + i];
    }
  }

  static void scale(float alpha, float[] y, int yOff, int length) {
    for (int i = 0; i < length; i++) {
      y[yOff + i] *= alpha;
    }
  }
}
