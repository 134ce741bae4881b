package io.lexica.align;

import io.lexica.LexicaException;
import io.lexica.util.ThreadCounts;

/**
 * Settings of an alignment ({@link Aligner}); validated on construction, recorded component by
 * component in the aligned model's metadata.
 *
 * @param normalization preprocessing of both embeddings (default unit, center, unit)
 * @param refinements refinement iterations after the seed fit (Conneau et al. 2018 use 5); 0 fits
 *     the seed dictionary only
 * @param refineVocabulary the most frequent words of each language among which refinement pairs are
 *     induced and the selection criterion is computed (MUSE: 15,000)
 * @param keepSeed whether each refinement fits the seed pairs together with the induced ones (so
 *     the gold anchors are never lost) or the induced pairs alone, as MUSE does
 * @param cslsNeighbours the {@code k} of CSLS's hubness (10 in the paper)
 * @param threads threads for the similarity scans
 */
public record AlignOptions(
    Normalization normalization,
    int refinements,
    int refineVocabulary,
    boolean keepSeed,
    int cslsNeighbours,
    int threads) {
  public static final int DEFAULT_REFINEMENTS = 5;
  public static final int DEFAULT_REFINE_VOCABULARY = 15_000;

  /**
   * Checks every option before any work starts.
   *
   * @throws io.lexica.LexicaException when refinements are outside 0 to 100, or the refinement
   *     vocabulary, CSLS's k or the threads are below 1
   */
  public AlignOptions {
    if (normalization == null) {
      throw new IllegalArgumentException("normalization");
    }
    if (refinements < 0 || refinements > 100) {
      throw new LexicaException(
          "refinements must be 0 to 100, not " + refinements, "pass e.g. --refinements 5");
    }
    if (refineVocabulary < 1) {
      throw new LexicaException(
          "the refinement vocabulary must be at least 1 word, not " + refineVocabulary,
          "pass e.g. --refine-vocabulary 15000");
    }
    if (cslsNeighbours < 1) {
      throw new LexicaException(
          "CSLS neighbours must be at least 1, not " + cslsNeighbours, "pass e.g. --csls-k 10");
    }
    ThreadCounts.require(threads, "alignment threads");
  }

  /**
   * The defaults: unit-center-unit, 5 refinements over 15,000 words keeping the seed, k = 10.
   *
   * @param threads the threads of the CSLS scans
   * @return these defaults (Conneau et al.'s 5 refinements over 15,000 words, but keeping the
   *     seed), with {@code threads}
   */
  public static AlignOptions defaults(int threads) {
    return new AlignOptions(
        Normalization.UNIT_CENTER_UNIT,
        DEFAULT_REFINEMENTS,
        DEFAULT_REFINE_VOCABULARY,
        true,
        Csls.DEFAULT_K,
        threads);
  }
}
