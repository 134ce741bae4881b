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

  /** Sum of {@code a[aOff+i] * b[bOff+i]} for {@code i < length}. */
  public static float dot(float[] a, int aOff, float[] b, int bOff, int length) {
    return SIMD
        ? PanamaMath.dot(a, aOff, b, bOff, length)
        : ScalarMath.dot(a, aOff, b, bOff, length);
  }

  /** {@code y[yOff+i] += alpha * x[xOff+i]} for {@code i < length} (BLAS saxpy). */
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
   */
  public static void axpyPair(
      float alpha, float[] x, int xOff, float[] y, int yOff, float[] acc, int accOff, int length) {
    if (SIMD) {
      PanamaMath.axpyPair(alpha, x, xOff, y, yOff, acc, accOff, length);
    } else {
      ScalarMath.axpyPair(alpha, x, xOff, y, yOff, acc, accOff, length);
    }
  }

  /** {@code y[yOff+i] *= alpha} for {@code i < length}. */
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
   */
  public static int touch(float[] a, int off, int length) {
    int sum = Float.floatToRawIntBits(a[off + length - 1]);
    for (int i = 0; i < length; i += 16) {
      sum += Float.floatToRawIntBits(a[off + i]);
    }
    return sum;
  }
}
