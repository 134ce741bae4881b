package io.lexica.math;

/**
 * Dot products and scaled additions on slices of flat float arrays: the inner loops of every
 * trainer. Slices are given as (array, offset) pairs so that rows of a row-major matrix are used in
 * place, without copies (Lucene's {@code VectorUtil} works on whole arrays only).
 *
 * <p>Uses the JDK's incubating Vector API ({@code jdk.incubator.vector}) when the module is present
 * (the launcher and tests add it with {@code --add-modules jdk.incubator.vector}), and plain loops
 * otherwise. The two paths may round differently in the last bits; one process always uses the same
 * path, so results are reproducible run to run. Stateless and thread-safe.
 */
public final class VectorMath {
  /** True when the Vector API path is used. */
  public static final boolean SIMD = simdAvailable();

  private VectorMath() {}

  private static boolean simdAvailable() {
    if (Boolean.getBoolean("lexica.noSimd")) {
      return false;
    }
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return false;
    }
    try {
      return PanamaMath.usable();
    } catch (Throwable t) { // LinkageError or an unsupported platform: fall back
      return false;
    }
  }

  /**
   * Sum of {@code a[aOff+i] * b[bOff+i]} for {@code i < length}.
   *
   * @param a the first array
   * @param aOff where {@code a}'s slice starts
   * @param b the second array
   * @param bOff where {@code b}'s slice starts
   * @param length the number of elements multiplied
   * @return the dot product of the two slices, summed in float
   */
  public static float dot(float[] a, int aOff, float[] b, int bOff, int length) {
    return SIMD
        ? PanamaMath.dot(a, aOff, b, bOff, length)
        : ScalarMath.dot(a, aOff, b, bOff, length);
  }

  /**
   * {@code y[yOff+i] += alpha * x[xOff+i]} for {@code i < length} (BLAS saxpy).
   *
   * @param alpha the scale of {@code x}
   * @param x the array added
   * @param xOff where {@code x}'s slice starts
   * @param y the array updated in place
   * @param yOff where {@code y}'s slice starts
   * @param length the number of elements updated
   */
  public static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int length) {
    if (SIMD) {
      PanamaMath.axpy(alpha, x, xOff, y, yOff, length);
    } else {
      ScalarMath.axpy(alpha, x, xOff, y, yOff, length);
    }
  }

  /**
   * The two updates of one logistic step fused in one pass over {@code y}: {@code acc += alpha * y}
   * with the old {@code y}, then {@code y += alpha * x}. In word2vec terms: the hidden gradient
   * takes the output row's contribution before the row moves towards the hidden vector.
   *
   * @param alpha the step: the scale of both updates
   * @param x the vector {@code y} moves towards (word2vec: the hidden vector); read only
   * @param xOff where {@code x}'s slice starts
   * @param y the vector read first and then updated (word2vec: the output row)
   * @param yOff where {@code y}'s slice starts
   * @param acc the accumulator updated with the old {@code y} (word2vec: the hidden gradient)
   * @param accOff where {@code acc}'s slice starts
   * @param length the number of elements of each slice
   */
  public static void axpyPair(
      float alpha, float[] x, int xOff, float[] y, int yOff, float[] acc, int accOff, int length) {
    if (SIMD) {
      PanamaMath.axpyPair(alpha, x, xOff, y, yOff, acc, accOff, length);
    } else {
      ScalarMath.axpyPair(alpha, x, xOff, y, yOff, acc, accOff, length);
    }
  }

  /**
   * {@code y[yOff+i] *= alpha} for {@code i < length}.
   *
   * @param alpha the factor
   * @param y the array scaled in place
   * @param yOff where the slice starts
   * @param length the number of elements scaled
   */
  public static void scale(float alpha, float[] y, int yOff, int length) {
    if (SIMD) {
      PanamaMath.scale(alpha, y, yOff, length);
    } else {
      ScalarMath.scale(alpha, y, yOff, length);
    }
  }

  /**
   * Reads one float in each 64-byte cache line of {@code a[off .. off+length)} and returns a value
   * that depends on them: the Java stand-in for a prefetch. A caller that will need a row soon
   * touches it early and keeps the result (adds it to a field), so the JIT cannot drop the loads;
   * the loads of several rows then overlap instead of each costing a full miss when it is used.
   *
   * @param a the array whose slice will be needed soon
   * @param off where the slice starts
   * @param length the slice's length in floats
   * @return a value that depends on every float read; meaningless except to keep the loads alive
   */
  public static int touch(float[] a, int off, int length) {
    int sum = Float.floatToRawIntBits(a[off + length - 1]);
    for (int i = 0; i < length; i += 16) {
      sum += Float.floatToRawIntBits(a[off + i]);
    }
    return sum;
  }
}
