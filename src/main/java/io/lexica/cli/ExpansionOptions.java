package io.lexica.cli;

import io.lexica.expand.QueryExpander;
import picocli.CommandLine.Option;

/**
 * The expander's settings as command-line options, shared by the commands that expand queries. The
 * defaults are {@link QueryExpander.Builder}'s tuned ones, named here so that help shows them.
 */
final class ExpansionOptions {
  @Option(
      names = "-k",
      paramLabel = "N",
      defaultValue = "" + QueryExpander.Builder.DEFAULT_K,
      converter = OptionTypes.PositiveInt.class,
      description = "Neighbours per query term (or for the centroid).")
  int k;

  @Option(
      names = "--min-similarity",
      paramLabel = "COSINE",
      defaultValue = "" + QueryExpander.Builder.DEFAULT_MIN_SIMILARITY,
      converter = OptionTypes.Cosine.class,
      description = "Lowest cosine of an added term.")
  float minSimilarity;

  @Option(
      names = "--weight",
      paramLabel = "X",
      defaultValue = "" + QueryExpander.Builder.DEFAULT_WEIGHT,
      converter = OptionTypes.PositiveNumber.class,
      description = "Weight of the expansion relative to the query's.")
  double weight;

  @Option(
      names = "--normalize",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Share the weight among a term's neighbours by similarity (the default; with"
              + " --no-normalize each weighs weight x similarity).")
  boolean normalize;

  @Option(
      names = "--max-terms",
      paramLabel = "N",
      defaultValue = "" + QueryExpander.Builder.DEFAULT_MAX_TERMS,
      converter = OptionTypes.NonNegativeInt.class,
      description = "At most this many added terms per query.")
  int maxTerms;

  @Option(
      names = "--min-df",
      paramLabel = "N",
      defaultValue = "" + QueryExpander.Builder.DEFAULT_MIN_DOC_FREQ,
      converter = OptionTypes.NonNegativeInt.class,
      description = "Lowest document frequency of a term (1 drops terms absent from the field).")
  int minDf;

  @Option(
      names = "--max-df",
      paramLabel = "SHARE",
      defaultValue = "" + QueryExpander.Builder.DEFAULT_MAX_DOC_FREQ_RATIO,
      converter = OptionTypes.Share.class,
      description = "Highest share of the documents a term may occur in.")
  double maxDf;

  @Option(
      names = "--expansion-mode",
      paramLabel = "MODE",
      defaultValue = "per_term",
      description = "per_term or centroid.")
  QueryExpander.Mode mode;

  @Option(
      names = "--form",
      paramLabel = "FORM",
      defaultValue = "clauses",
      description = "clauses or synonyms (per_term mode).")
  QueryExpander.Form form;

  /** Applies the options to {@code b}. */
  QueryExpander.Builder applyTo(QueryExpander.Builder b) {
    return b.k(k)
        .minSimilarity(minSimilarity)
        .weight((float) weight)
        .normalize(normalize)
        .maxTerms(maxTerms)
        .docFreqBounds(minDf, maxDf)
        .mode(mode)
        .form(form);
  }
}
