package io.lexica.train.glove;

import io.lexica.math.VectorMath;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The GloVe update of one co-occurrence entry, with SIMD lanes over the dimensions. Parameters are
 * kept per word in one row of {@code 2*(dim+1)} floats: the vector, the bias, then their AdaGrad
 * sums of squared gradients, so that an update touches two contiguous rows. The arithmetic is the
 * reference's ({@code glove.c}): clipped, eta-scaled gradients divided by the square root of the
 * accumulated squares (which start at 1); the biases are updated without eta and without clipping,
 * as there.
 *
 * <p>Stateless and thread-safe; concurrent updates of the same rows race, by design (Hogwild).
 */
final class AdaGradKernel {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

  private final int dim;
  private final int gradOffset;
  private final float eta;
  private final float clip;

  AdaGradKernel(int dim, double eta, double clip) {
    this.dim = dim;
    this.gradOffset = dim + 1;
    this.eta = (float) eta;
    this.clip = (float) clip;
  }

  int dimension() {
    return dim;
  }

  /** Floats per parameter row. */
  static int stride(int dim) {
    return 2 * (dim + 1);
  }

  /**
   * Trains on one entry.
   *
   * @param word the word parameter rows; {@code w} the row's offset
   * @param context the context parameter rows; {@code c} the row's offset
   * @return the entry's weighted squared error times 1/2, or NaN when it was skipped (not finite)
   */
  double update(float[] word, int w, float[] context, int c, float logCount, float weight) {
    double diff =
        VectorMath.dot(word, w, context, c, dim) + word[w + dim] + context[c + dim] - logCount;
    double fdiff = weight * diff;
    if (!Double.isFinite(fdiff)) {
      return Double.NaN;
    }
    float f = (float) fdiff;
    int gw = w + gradOffset;
    int gc = c + gradOffset;
    int i = 0;
    int upper = SPECIES.loopBound(dim);
    if (upper > 0) {
      FloatVector fv = FloatVector.broadcast(SPECIES, f);
      FloatVector etaV = FloatVector.broadcast(SPECIES, eta);
      FloatVector hi = FloatVector.broadcast(SPECIES, clip);
      FloatVector lo = FloatVector.broadcast(SPECIES, -clip);
      for (; i < upper; i += SPECIES.length()) {
        FloatVector wv = FloatVector.fromArray(SPECIES, word, w + i);
        FloatVector cv = FloatVector.fromArray(SPECIES, context, c + i);
        FloatVector gwv = FloatVector.fromArray(SPECIES, word, gw + i);
        FloatVector gcv = FloatVector.fromArray(SPECIES, context, gc + i);
        FloatVector tw = fv.mul(cv).max(lo).min(hi).mul(etaV);
        FloatVector tc = fv.mul(wv).max(lo).min(hi).mul(etaV);
        wv.sub(tw.div(gwv.lanewise(VectorOperators.SQRT))).intoArray(word, w + i);
        cv.sub(tc.div(gcv.lanewise(VectorOperators.SQRT))).intoArray(context, c + i);
        tw.fma(tw, gwv).intoArray(word, gw + i);
        tc.fma(tc, gcv).intoArray(context, gc + i);
      }
    }
    for (; i < dim; i++) {
      float tw = Math.min(Math.max(f * context[c + i], -clip), clip) * eta;
      float tc = Math.min(Math.max(f * word[w + i], -clip), clip) * eta;
      word[w + i] -= tw / (float) Math.sqrt(word[gw + i]);
      context[c + i] -= tc / (float) Math.sqrt(context[gc + i]);
      word[gw + i] += tw * tw;
      context[gc + i] += tc * tc;
    }
    word[w + dim] -= f / (float) Math.sqrt(word[gw + dim]);
    context[c + dim] -= f / (float) Math.sqrt(context[gc + dim]);
    word[gw + dim] += f * f;
    context[gc + dim] += f * f;
    return 0.5 * fdiff * diff;
  }
}
