package io.lexica.train;

/**
 * Table-driven logistic function and its logarithm, as word2vec's expTable and fastText's
 * sigmoid/log tables: the inner loops evaluate them once per dot product, where {@link Math#exp}
 * and {@link Math#log} would dominate the time. Arguments are clamped to {@code [-MAX, MAX]};
 * {@link #logSigmoid} interpolates linearly and continues asymptotically outside, so the loss it
 * sums is correct to about 1e-5 per term. Stateless and thread-safe.
 */
public final class Sigmoid {
  /** Beyond this magnitude the sigmoid is taken as its value at the bound (fastText: 8). */
  static final float MAX = 8f;

  private static final int SIZE = 2048;
  private static final float SCALE = SIZE / (2 * MAX);
  private static final float[] SIGMOID = new float[SIZE + 1];
  private static final float[] LOG_SIGMOID = new float[SIZE + 2];

  static {
    for (int i = 0; i <= SIZE; i++) {
      double x = i / (double) SCALE - MAX;
      SIGMOID[i] = (float) (1 / (1 + Math.exp(-x)));
      LOG_SIGMOID[i] = (float) -Math.log1p(Math.exp(-x));
    }
    LOG_SIGMOID[SIZE + 1] = LOG_SIGMOID[SIZE];
  }

  private Sigmoid() {}

  /**
   * {@code 1 / (1 + exp(-x))} from the table (nearest cell).
   *
   * @param x any value; beyond the table's range the result is 0 or 1
   * @return the sigmoid
   */
  public static float sigmoid(float x) {
    if (x <= -MAX) {
      return SIGMOID[0];
    }
    if (x >= MAX) {
      return SIGMOID[SIZE];
    }
    return SIGMOID[(int) ((x + MAX) * SCALE + 0.5f)];
  }

  /**
   * {@code log(sigmoid(x))}, interpolated; for losses.
   *
   * @param x any value
   * @return the log-sigmoid, never above 0
   */
  public static float logSigmoid(float x) {
    if (x <= -MAX) {
      return x; // log sigmoid(x) = x - log(1 + e^x) ~ x
    }
    if (x >= MAX) {
      return (float) -Math.exp(-x); // ~ -e^-x; rare
    }
    float pos = (x + MAX) * SCALE;
    int i = (int) pos;
    float frac = pos - i;
    return LOG_SIGMOID[i] + frac * (LOG_SIGMOID[i + 1] - LOG_SIGMOID[i]);
  }
}
