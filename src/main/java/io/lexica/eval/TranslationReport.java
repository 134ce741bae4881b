package io.lexica.eval;

/**
 * Bilingual lexicon induction (word translation) on one test dictionary: precision@1 and @5 of
 * nearest-neighbour and CSLS retrieval, over all of the dictionary's source words and over those
 * the models know.
 *
 * @param name the dictionary
 * @param sourceWords distinct source words of the dictionary (each is one test query)
 * @param inSource source words the source model has
 * @param medianCount the median corpus count (the model's count) of the {@code inSource} words, 0
 *     when there are none or the model records no counts: how much text the test words had
 * @param known source words the source model has and with at least one translation the target model
 *     has: the words a translation can be right for (MUSE's protocol counts only these)
 * @param nn retrieval by cosine
 * @param csls retrieval by CSLS
 * @param cslsNeighbours the {@code k} of CSLS's hubness
 */
public record TranslationReport(
    String name,
    int sourceWords,
    int inSource,
    long medianCount,
    int known,
    Precision nn,
    Precision csls,
    int cslsNeighbours) {
  /**
   * Hits of one retrieval method: a query is right at {@code n} when a gold translation is among
   * its {@code n} best target words.
   *
   * @param hitsAt1 queries right at 1
   * @param hitsAt5 queries right at 5
   */
  public record Precision(int hitsAt1, int hitsAt5) {}

  /**
   * Precision@1 over the known source words (NaN when none).
   *
   * @param p the method's hits, {@link #nn()} or {@link #csls()}
   * @return {@code hitsAt1 / known}
   */
  public double p1Known(Precision p) {
    return ratio(p.hitsAt1(), known);
  }

  /**
   * Precision@5 over the known source words.
   *
   * @param p the method's hits
   * @return {@code hitsAt5 / known}, NaN when none is known
   */
  public double p5Known(Precision p) {
    return ratio(p.hitsAt5(), known);
  }

  /**
   * Precision@1 over all source words of the dictionary: unknown words count as misses.
   *
   * @param p the method's hits
   * @return {@code hitsAt1 / sourceWords}
   */
  public double p1All(Precision p) {
    return ratio(p.hitsAt1(), sourceWords);
  }

  /**
   * Precision@5 over all source words.
   *
   * @param p the method's hits
   * @return {@code hitsAt5 / sourceWords}
   */
  public double p5All(Precision p) {
    return ratio(p.hitsAt5(), sourceWords);
  }

  private static double ratio(int a, int b) {
    return b == 0 ? Double.NaN : (double) a / b;
  }
}
