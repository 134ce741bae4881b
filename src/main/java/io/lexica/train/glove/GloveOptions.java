package io.lexica.train.glove;

import io.lexica.LexicaException;

/**
 * GloVe training settings; the defaults are the reference implementation's (Stanford {@code
 * glove.c}), except the dimension (100, the usual benchmark size) and the iterations (15).
 *
 * @param dimension vector size
 * @param iterations passes over the shuffled co-occurrence entries
 * @param xMax the count at which an entry's weight reaches 1
 * @param alpha the weight's exponent: f(x) = min(1, (x/xMax)^alpha)
 * @param eta AdaGrad's initial learning rate
 * @param gradientClip each gradient component is clipped to [-clip, clip], as the reference does
 * @param threads training threads (Hogwild: they update the shared parameters without locks)
 * @param seed seeds the initial vectors and the shuffle; with one thread the result is reproducible
 * @param output which vectors the model keeps
 */
public record GloveOptions(
    int dimension,
    int iterations,
    double xMax,
    double alpha,
    double eta,
    double gradientClip,
    int threads,
    long seed,
    Output output) {

  /** What the output vectors are (the reference's {@code -model} 2 and 1). */
  public enum Output {
    /** Word plus context vector: the reference's default ("model 2"), usually the better one. */
    SUM,
    /** The word vectors alone ("model 1"). */
    WORD
  }

  /**
   * Checks every setting before training starts.
   *
   * @throws io.lexica.LexicaException when a number is not positive or the output is missing
   */
  public GloveOptions {
    require(dimension > 0, "--dim must be positive, not " + dimension);
    require(iterations > 0, "--iterations must be positive, not " + iterations);
    require(xMax > 0, "--x-max must be positive, not " + xMax);
    require(alpha > 0, "--alpha must be positive, not " + alpha);
    require(eta > 0, "the learning rate must be positive, not " + eta);
    require(gradientClip > 0, "the gradient clip must be positive, not " + gradientClip);
    require(threads > 0, "--threads must be positive, not " + threads);
    if (output == null) {
      throw new IllegalArgumentException("output is null");
    }
  }

  private static void require(boolean ok, String problem) {
    if (!ok) {
      throw new LexicaException(problem, "see lexica train --help for valid values");
    }
  }

  /**
   * Defaults: dim 100, 15 iterations, x_max 100, alpha 0.75, eta 0.05, clip 100, all cores.
   *
   * @return the defaults
   */
  public static GloveOptions defaults() {
    return new GloveOptions(
        100, 15, 100, 0.75, 0.05, 100, Runtime.getRuntime().availableProcessors(), 1, Output.SUM);
  }

  /**
   * These options with another dimension.
   *
   * @param dimension the vector size, positive
   * @return new options; these are unchanged
   */
  public GloveOptions withDimension(int dimension) {
    return new GloveOptions(
        dimension, iterations, xMax, alpha, eta, gradientClip, threads, seed, output);
  }

  /**
   * These options with another number of iterations.
   *
   * @param iterations the passes, positive
   * @return new options; these are unchanged
   */
  public GloveOptions withIterations(int iterations) {
    return new GloveOptions(
        dimension, iterations, xMax, alpha, eta, gradientClip, threads, seed, output);
  }

  /**
   * These options with another weighting function.
   *
   * @param xMax the count at which an entry's weight reaches 1, positive
   * @param alpha the weight's exponent, positive
   * @return new options; these are unchanged
   */
  public GloveOptions withWeighting(double xMax, double alpha) {
    return new GloveOptions(
        dimension, iterations, xMax, alpha, eta, gradientClip, threads, seed, output);
  }

  /**
   * These options with another learning rate.
   *
   * @param eta AdaGrad's initial rate, positive
   * @return new options; these are unchanged
   */
  public GloveOptions withEta(double eta) {
    return new GloveOptions(
        dimension, iterations, xMax, alpha, eta, gradientClip, threads, seed, output);
  }

  /**
   * These options with another gradient clip.
   *
   * @param gradientClip each gradient component is clipped to +-this, positive
   * @return new options; these are unchanged
   */
  public GloveOptions withGradientClip(double gradientClip) {
    return new GloveOptions(
        dimension, iterations, xMax, alpha, eta, gradientClip, threads, seed, output);
  }

  /**
   * These options with another thread count.
   *
   * @param threads the threads, positive
   * @return new options; these are unchanged
   */
  public GloveOptions withThreads(int threads) {
    return new GloveOptions(
        dimension, iterations, xMax, alpha, eta, gradientClip, threads, seed, output);
  }

  /**
   * These options with another seed.
   *
   * @param seed any value
   * @return new options; these are unchanged
   */
  public GloveOptions withSeed(long seed) {
    return new GloveOptions(
        dimension, iterations, xMax, alpha, eta, gradientClip, threads, seed, output);
  }

  /**
   * These options with other output vectors.
   *
   * @param output which vectors the model keeps
   * @return new options; these are unchanged
   */
  public GloveOptions withOutput(Output output) {
    return new GloveOptions(
        dimension, iterations, xMax, alpha, eta, gradientClip, threads, seed, output);
  }
}
