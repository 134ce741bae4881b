package io.lexica.eval;

/**
 * How well a model's cosines agree with human similarity judgements on one pair set.
 *
 * @param name the pair set
 * @param pairs all pairs in the set
 * @param oov pairs with a word the model lacks (within the restriction); they are left out of the
 *     correlations and reported here, never silently
 * @param spearman rank correlation over the pairs the model covers (ties averaged); NaN when fewer
 *     than two
 * @param pearson linear correlation over the same pairs
 */
public record SimilarityReport(String name, int pairs, int oov, double spearman, double pearson) {
  /**
   * Pairs covered: {@code pairs - oov}.
   *
   * @return the number of pairs with both words known
   */
  public int covered() {
    return pairs - oov;
  }

  /**
   * Share of pairs with an unknown word, in [0, 1].
   *
   * @return {@code oov / pairs}
   */
  public double oovRatio() {
    return pairs == 0 ? 0 : (double) oov / pairs;
  }
}
