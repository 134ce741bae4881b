package io.lexica.docs;

import java.util.List;
import java.util.Random;

/**
 * The first principal component of a set of document vectors (uncentred, as SIF's truncated SVD),
 * found by power iteration; SIF removes each document vector's projection on it, which takes out
 * what all documents share (mostly the weight of very common words).
 */
public final class CommonComponent {
  private static final int ITERATIONS = 50;

  private CommonComponent() {}

  /**
   * The unit-length first right singular vector of the matrix whose rows are {@code vectors}.
   *
   * @param vectors the rows, each of length {@code dimension}
   * @param dimension the rows' dimension
   * @param seed seeds the start vector, so the result is reproducible
   * @return the component, by power iteration on {@code X^T X}
   */
  public static float[] of(List<float[]> vectors, int dimension, long seed) {
    double[] u = new double[dimension];
    Random random = new Random(seed);
    for (int i = 0; i < dimension; i++) {
      u[i] = random.nextGaussian();
    }
    normalize(u);
    double[] next = new double[dimension];
    for (int it = 0; it < ITERATIONS; it++) {
      java.util.Arrays.fill(next, 0);
      for (float[] v : vectors) { // next += v (v . u), i.e. next = X^T X u
        double p = 0;
        for (int i = 0; i < dimension; i++) {
          p += v[i] * u[i];
        }
        for (int i = 0; i < dimension; i++) {
          next[i] += v[i] * p;
        }
      }
      if (normalize(next) == 0) {
        break; // no documents, or all vectors orthogonal to the start: nothing to remove
      }
      double[] t = u;
      u = next;
      next = t;
    }
    float[] out = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      out[i] = (float) u[i];
    }
    return out;
  }

  /**
   * Removes from {@code v} (in place) its projection on the unit vector {@code component}.
   *
   * @param v the vector changed in place
   * @param component a unit vector of the same length
   */
  public static void remove(float[] v, float[] component) {
    double p = 0;
    for (int i = 0; i < v.length; i++) {
      p += v[i] * component[i];
    }
    for (int i = 0; i < v.length; i++) {
      v[i] -= (float) (p * component[i]);
    }
  }

  private static double normalize(double[] v) {
    double n = 0;
    for (double x : v) {
      n += x * x;
    }
    n = Math.sqrt(n);
    if (n > 0) {
      for (int i = 0; i < v.length; i++) {
        v[i] /= n;
      }
    }
    return n;
  }
}
