package io.lexica.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorMath}'s operations on the Vector API. Loaded only when {@code jdk.incubator.vector}
 * is in the boot layer; the tail that does not fill a whole vector runs as a plain loop.
 */
final class PanamaMath {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();

  private PanamaMath() {}

  /** False on platforms where the preferred species is a single lane (no gain, only overhead). */
  static boolean usable() {
    return LANES >= 4;
  }

  static float dot(float[] a, int aOff, float[] b, int bOff, int length) {
    int i = 0;
    float sum = 0;
    int bound = SPECIES.loopBound(length);
    if (bound > 0) {
      // two accumulators halve the chain of dependent FMAs (latency 4, throughput 2 a cycle)
      FloatVector acc0 = FloatVector.zero(SPECIES);
      FloatVector acc1 = FloatVector.zero(SPECIES);
      int bound2 = bound - LANES;
      for (; i < bound2; i += 2 * LANES) {
        acc0 =
            FloatVector.fromArray(SPECIES, a, aOff + i)
                .fma(FloatVector.fromArray(SPECIES, b, bOff + i), acc0);
        acc1 =
            FloatVector.fromArray(SPECIES, a, aOff + i + LANES)
                .fma(FloatVector.fromArray(SPECIES, b, bOff + i + LANES), acc1);
      }
      for (; i < bound; i += LANES) {
        acc0 =
            FloatVector.fromArray(SPECIES, a, aOff + i)
                .fma(FloatVector.fromArray(SPECIES, b, bOff + i), acc0);
      }
      sum = sumLanes(acc0.add(acc1));
    }
    for (; i < length; i++) {
      sum += a[aOff + i] * b[bOff + i];
    }
    return sum;
  }

  /**
   * The lanes' sum in lane order. {@code reduceLanes(ADD)} may add in another order once the JIT
   * compiles it than while interpreted, so one process could round the same dot product two ways
   * and a one-thread run would not be reproducible.
   */
  private static float sumLanes(FloatVector v) {
    float sum = 0;
    for (int l = 0; l < LANES; l++) {
      sum += v.lane(l);
    }
    return sum;
  }

  static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int length) {
    int i = 0;
    int bound = SPECIES.loopBound(length);
    if (bound > 0) {
      FloatVector va = FloatVector.broadcast(SPECIES, alpha);
      for (; i < bound; i += LANES) {
        FloatVector vx = FloatVector.fromArray(SPECIES, x, xOff + i);
        FloatVector vy = FloatVector.fromArray(SPECIES, y, yOff + i);
        vx.fma(va, vy).intoArray(y, yOff + i);
      }
    }
    for (; i < length; i++) {
      y[yOff + i] += alpha * x[xOff + i];
    }
  }

  static void axpyPair(
      float alpha, float[] x, int xOff, float[] y, int yOff, float[] acc, int accOff, int length) {
    int i = 0;
    int bound = SPECIES.loopBound(length);
    if (bound > 0) {
      FloatVector va = FloatVector.broadcast(SPECIES, alpha);
      for (; i < bound; i += LANES) {
        FloatVector vy = FloatVector.fromArray(SPECIES, y, yOff + i);
        vy.fma(va, FloatVector.fromArray(SPECIES, acc, accOff + i)).intoArray(acc, accOff + i);
        FloatVector.fromArray(SPECIES, x, xOff + i).fma(va, vy).intoArray(y, yOff + i);
      }
    }
    for (; i < length; i++) {
      float yi = y[yOff + i];
      acc[accOff + i] += alpha * yi;
      y[yOff + i] = yi + alpha * x[xOff + i];
    }
  }

  static void scale(float alpha, float[] y, int yOff, int length) {
    int i = 0;
    int bound = SPECIES.loopBound(length);
    for (; i < bound; i += LANES) {
      FloatVector.fromArray(SPECIES, y, yOff + i).mul(alpha).intoArray(y, yOff + i);
    }
    for (; i < length; i++) {
      y[yOff + i] *= alpha;
    }
  }
}
