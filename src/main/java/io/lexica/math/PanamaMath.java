package io.lexica.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
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
      FloatVector acc = FloatVector.zero(SPECIES);
      for (; i < bound; i += LANES) {
        FloatVector va = FloatVector.fromArray(SPECIES, a, aOff + i);
        FloatVector vb = FloatVector.fromArray(SPECIES, b, bOff + i);
        acc = va.fma(vb, acc);
      }
      sum = acc.reduceLanes(VectorOperators.ADD);
    }
    for (; i < length; i++) {
      sum += a[aOff + i] * b[bOff + i];
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
