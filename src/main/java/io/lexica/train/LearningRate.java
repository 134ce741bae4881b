package io.lexica.train;

/**
 * Linear learning-rate decay over the whole run (all epochs), as in word2vec and fastText: the rate
 * falls from {@code start} to {@code start * floorFraction} as the fraction of work done goes from
 * 0 to 1. Immutable and thread-safe.
 *
 * @param start the initial rate (word2vec: 0.025 skip-gram, 0.05 CBOW)
 * @param floorFraction the smallest rate as a fraction of {@code start} (word2vec: 1e-4)
 */
public record LearningRate(double start, double floorFraction) {
  /** word2vec's floor: the rate never goes below {@code start * 1e-4}. */
  static final double DEFAULT_FLOOR = 1e-4;

  /**
   * Checks the schedule.
   *
   * @throws IllegalArgumentException when {@code start} is not a positive finite number or {@code
   *     floorFraction} is outside [0, 1]
   */
  public LearningRate {
    if (!(start > 0) || Double.isInfinite(start)) {
      throw new IllegalArgumentException("learning rate must be positive: " + start);
    }
    if (!(floorFraction >= 0 && floorFraction <= 1)) {
      throw new IllegalArgumentException("floor fraction must be in [0, 1]: " + floorFraction);
    }
  }

  /**
   * A linear decay from {@code start} with word2vec's floor.
   *
   * @param start the initial rate, positive
   * @return the schedule
   */
  public static LearningRate linear(double start) {
    return new LearningRate(start, DEFAULT_FLOOR);
  }

  /**
   * The rate after {@code fractionDone} (0..1) of all epochs' work.
   *
   * @param fractionDone the share of the run's work done, from 0 to 1
   * @return {@code start * max(floorFraction, 1 - fractionDone)}
   */
  public float at(double fractionDone) {
    double f = Math.max(floorFraction, 1 - fractionDone);
    return (float) (start * f);
  }
}
