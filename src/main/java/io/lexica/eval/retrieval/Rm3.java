package io.lexica.eval.retrieval;

import io.lexica.LexicaException;
import io.lexica.expand.ExpansionSettings;
import io.lexica.expand.QueryExpander;

/**
 * RM3 pseudo-relevance feedback as Anserini runs it (Rm3Reranker), the baseline expansions are
 * measured against: the relevance model of the top {@code fbDocs} documents, its {@code fbTerms}
 * best terms, interpolated as {@code originalWeight * q + (1 - originalWeight) * rm}. The estimate
 * is the library's ({@link io.lexica.expand.ExpansionSettings#feedbackDocs}); this record names the
 * three settings as Anserini does. Immutable.
 *
 * @param fbDocs feedback documents, at least 1
 * @param fbTerms feedback terms, at least 1
 * @param originalWeight weight of the original query in the interpolation, in (0, 1)
 */
public record Rm3(int fbDocs, int fbTerms, float originalWeight) {
  /** Anserini's defaults: 10 documents, 10 terms, original query weight 0.5. */
  static final Rm3 ANSERINI = new Rm3(10, 10, 0.5f);

  /**
   * Checks the settings.
   *
   * @throws io.lexica.LexicaException when a count is below 1 or the weight is outside (0, 1)
   */
  public Rm3 {
    if (fbDocs < 1 || fbTerms < 1 || !(originalWeight > 0 && originalWeight < 1)) {
      throw new LexicaException(
          "RM3 needs feedback documents and terms >= 1 and an original query weight in (0, 1),"
              + " not "
              + fbDocs
              + ", "
              + fbTerms
              + ", "
              + originalWeight,
          "Anserini's defaults are 10 documents, 10 terms, weight 0.5");
    }
  }

  /**
   * The expander that runs it: feedback only, weight {@code (1 - a) / a}.
   *
   * @return the expander
   */
  public QueryExpander expander() {
    return QueryExpander.of(
        null,
        ExpansionSettings.builder()
            .feedback(fbDocs, fbTerms)
            .weight((1 - originalWeight) / originalWeight)
            .build());
  }
}
