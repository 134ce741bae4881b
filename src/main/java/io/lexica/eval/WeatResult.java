package io.lexica.eval;

import java.util.List;

/**
 * The outcome of one WEAT on one model.
 *
 * @param sets the test
 * @param found per set X, Y, A, B, how many of its words the model has (the others are left out)
 * @param missing the words the model lacks, in set order
 * @param difference the difference of the mean associations, {@code mean_X s - mean_Y s}: the
 *     effect before it is scaled by the standard deviation
 * @param effectSize Cohen's d of the association: {@code (mean_X s - mean_Y s) / sd_{X u Y} s}; NaN
 *     when a set has no word in the model
 * @param pValue one-sided permutation p-value: the share of equal-size partitions of {@code X u Y}
 *     whose statistic is at least the observed one; NaN with the effect size
 * @param exact whether {@code pValue} enumerated every partition (else it was sampled)
 * @param permutations partitions evaluated
 */
public record WeatResult(
    WeatSets sets,
    int[] found,
    List<String> missing,
    double difference,
    double effectSize,
    double pValue,
    boolean exact,
    long permutations) {
  /** Copies the arrays and the list, so a result is immutable. */
  public WeatResult {
    found = found.clone();
    missing = List.copyOf(missing);
  }

  /**
   * Per set X, Y, A, B, how many of its words the model has.
   *
   * @return a copy, so the result stays immutable
   */
  @Override
  public int[] found() {
    return found.clone();
  }
}
