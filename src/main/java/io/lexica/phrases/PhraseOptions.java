package io.lexica.phrases;

import io.lexica.LexicaException;
import java.util.List;

/**
 * Settings of phrase detection ({@link PhraseLearner}): the scorer, one threshold per pass, and the
 * minimum count of a phrase's words (and, for NPMI, of the phrase). Each pass joins bigrams of the
 * previous pass's output, so two passes find phrases of up to four words ("new_york_times" is
 * "new_york" + "times"). The one validation of these settings is this record's constructor.
 *
 * @param scorer how bigrams are scored
 * @param thresholds one per pass, in pass order: a bigram scoring above it is joined
 * @param minCount words (and NPMI bigrams) seen fewer times are never joined; word2phrase's δ
 */
public record PhraseOptions(PhraseScorer scorer, List<Double> thresholds, long minCount) {
  /** At most this many passes: phrases of up to 2^4 = 16 words. */
  public static final int MAX_PASSES = 4;

  /** word2vec's demo-phrases.sh: two passes of word2phrase, thresholds 200 then 100. */
  static final List<Double> WORD2PHRASE_THRESHOLDS = List.of(200.0, 100.0);

  /** Two passes at NPMI 0.5 (gensim asks for a threshold in [-1, 1]; 0.5 keeps strong pairs). */
  static final List<Double> NPMI_THRESHOLDS = List.of(0.5, 0.5);

  /** word2phrase's default minimum count. */
  public static final long DEFAULT_MIN_COUNT = 5;

  /**
   * Checks the options.
   *
   * @throws io.lexica.LexicaException when the scorer is missing, there are no thresholds or more
   *     than {@link #MAX_PASSES}, or the minimum count is below 1
   */
  public PhraseOptions {
    if (scorer == null) {
      throw new LexicaException("no phrase scorer given", "use word2phrase or npmi");
    }
    if (thresholds == null || thresholds.isEmpty() || thresholds.size() > MAX_PASSES) {
      throw new LexicaException(
          "phrase detection needs 1 to "
              + MAX_PASSES
              + " thresholds (one per pass), not "
              + thresholds,
          "pass e.g. --phrase-threshold 200,100");
    }
    thresholds = List.copyOf(thresholds);
    for (double t : thresholds) {
      if (!Double.isFinite(t) || (scorer == PhraseScorer.NPMI && !(t > -1 && t < 1))) {
        throw new LexicaException(
            "phrase threshold " + t + " cannot be used with the " + scorer.id() + " scorer",
            scorer == PhraseScorer.NPMI
                ? "NPMI lies in [-1, 1]: pass a threshold in (-1, 1), e.g. 0.5"
                : "pass a finite number, e.g. 100");
      }
    }
    if (minCount < 1) {
      throw new LexicaException(
          "the phrase minimum count must be at least 1, not " + minCount, "pass e.g. 5");
    }
  }

  /**
   * The default thresholds of {@code scorer}, with word2phrase's minimum count.
   *
   * @param scorer the collocation score
   * @return word2phrase's two passes at 200 and 100, or NPMI's two at 0.5, with a minimum count of
   *     {@value #DEFAULT_MIN_COUNT}
   */
  public static PhraseOptions defaults(PhraseScorer scorer) {
    return new PhraseOptions(
        scorer,
        scorer == PhraseScorer.NPMI ? NPMI_THRESHOLDS : WORD2PHRASE_THRESHOLDS,
        DEFAULT_MIN_COUNT);
  }

  /**
   * Number of passes.
   *
   * @return the number of thresholds: one pass each
   */
  public int passes() {
    return thresholds.size();
  }
}
