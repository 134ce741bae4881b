package io.lexica.cli;

import io.lexica.LexicaException;
import io.lexica.expand.ExpansionSettings;
import io.lexica.expand.QueryExpander;
import io.lexica.vectors.Embeddings;
import picocli.CommandLine.Option;

/**
 * The expander's settings as command-line options, shared by the commands that expand queries
 * ({@code expand}, {@code search}, {@code eval retrieval}). The settings type is {@link
 * ExpansionSettings}, which checks every value; the options give the common settings typed values
 * ({@link OptionTypes} refuses a bad one while parsing), and {@code --settings} takes any other in
 * the settings' {@code key=value} text form, applied last. The defaults are the settings': an
 * option whose default is the same with and without a first pass shows it as picocli's default; the
 * ones that differ ({@code -k}, {@code --weight}, {@code --expansion-mode}, {@code --min-df}) are
 * left unset unless given, so that {@code --no-first-pass} starts from {@link
 * ExpansionSettings#WITHOUT_FIRST_PASS}.
 */
final class ExpansionOptions {
  @Option(
      names = "-k",
      paramLabel = "N",
      converter = OptionTypes.PositiveInt.class,
      description =
          "Neighbours per query term, or of the query (default: "
              + ExpansionSettings.DEFAULT_K
              + "; "
              + ExpansionSettings.WITHOUT_FIRST_PASS_K
              + " with --no-first-pass).")
  Integer k;

  @Option(
      names = "--min-similarity",
      paramLabel = "COSINE",
      defaultValue = "" + ExpansionSettings.DEFAULT_MIN_SIMILARITY,
      converter = OptionTypes.Cosine.class,
      description = "Lowest cosine of an added neighbour.")
  float minSimilarity;

  @Option(
      names = "--weight",
      paramLabel = "X",
      converter = OptionTypes.PositiveNumber.class,
      description =
          "Weight of the expansion relative to the query's: the added terms share X times the"
              + " query's weight; 1 is RM3's original-query weight 0.5 (default: "
              + ExpansionSettings.DEFAULT_WEIGHT
              + "; "
              + ExpansionSettings.WITHOUT_FIRST_PASS_WEIGHT
              + " with --no-first-pass).")
  Double weight;

  @Option(
      names = "--normalize",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Share the weight among the neighbours by similarity (with --no-normalize each weighs"
              + " weight x similarity).")
  boolean normalize;

  @Option(
      names = "--max-terms",
      paramLabel = "N",
      defaultValue = "" + ExpansionSettings.DEFAULT_MAX_TERMS,
      converter = OptionTypes.NonNegativeInt.class,
      description = "At most this many neighbours added per query.")
  int maxTerms;

  @Option(
      names = "--min-df",
      paramLabel = "N",
      converter = OptionTypes.NonNegativeInt.class,
      description =
          "Lowest document frequency of a term; 1 drops terms absent from the field (default: "
              + ExpansionSettings.DEFAULT_MIN_DOC_FREQ
              + "; "
              + ExpansionSettings.WITHOUT_FIRST_PASS_MIN_DOC_FREQ
              + " with --no-first-pass).")
  Integer minDf;

  @Option(
      names = "--max-df",
      paramLabel = "SHARE",
      defaultValue = "" + ExpansionSettings.DEFAULT_MAX_DOC_FREQ_RATIO,
      converter = OptionTypes.Share.class,
      description = "Highest share of the documents a neighbour may occur in.")
  double maxDf;

  @Option(
      names = "--expansion-mode",
      paramLabel = "MODE",
      description =
          "Which neighbours: per_term (each query term's, next to it), centroid (the query's"
              + " centroid's) or joint (close to every query word) (default: centroid, with or"
              + " without --no-first-pass).")
  QueryExpander.Mode mode;

  @Option(
      names = "--form",
      paramLabel = "FORM",
      defaultValue = "clauses",
      description = "clauses or synonyms (per_term mode).")
  QueryExpander.Form form;

  @Option(
      names = "--no-first-pass",
      description =
          "Expand without searching first: no feedback, no query-local model, and the best"
              + " settings for that (what the OpenSearch query runs).")
  boolean noFirstPass;

  @Option(
      names = "--feedback-docs",
      paramLabel = "N",
      converter = OptionTypes.NonNegativeInt.class,
      description =
          "Pseudo-relevance feedback from the first pass's top N documents (0: none; default: "
              + ExpansionSettings.DEFAULT_FEEDBACK_DOCS
              + ", none with --no-first-pass).")
  Integer feedbackDocs;

  @Option(
      names = "--feedback-terms",
      paramLabel = "N",
      defaultValue = "" + ExpansionSettings.DEFAULT_FEEDBACK_TERMS,
      converter = OptionTypes.PositiveInt.class,
      description = "The best N terms of the feedback documents' relevance model are kept.")
  int feedbackTerms;

  @Option(
      names = "--feedback-reweight",
      paramLabel = "GAMMA",
      defaultValue = "" + ExpansionSettings.DEFAULT_FEEDBACK_REWEIGHT,
      converter = OptionTypes.NonNegativeNumber.class,
      description =
          "Feedback terms are re-weighted by cos^GAMMA to the query in the model (0: RM3's"
              + " weights).")
  double feedbackReweight;

  @Option(
      names = "--feedback-share",
      paramLabel = "SHARE",
      defaultValue = "" + ExpansionSettings.DEFAULT_FEEDBACK_SHARE,
      converter = OptionTypes.Fraction.class,
      description =
          "The feedback terms' share of the expansion; the model's neighbours get the rest.")
  double feedbackShare;

  @Option(
      names = "--local-docs",
      paramLabel = "N",
      defaultValue = "" + ExpansionSettings.DEFAULT_LOCAL_DOCS,
      converter = OptionTypes.NonNegativeInt.class,
      description =
          "A query-local word2vec model trained on N documents drawn from the first pass (0:"
              + " none; its other settings through --settings).")
  int localDocs;

  @Option(
      names = "--settings",
      paramLabel = "KEY=VALUE,...",
      description =
          "Any other expansion settings, keys of io.lexica.expand.ExpansionSettings (e.g."
              + " idfcentroid=true,localdim=32,localepochs=5); applied after the options above"
              + " (default: none).")
  String settings;

  /**
   * The settings of these options: the defaults, or {@link ExpansionSettings#WITHOUT_FIRST_PASS}
   * with {@code --no-first-pass}, with the options given and then {@code --settings}.
   *
   * @throws LexicaException when {@code --no-first-pass} comes with feedback or a local model
   */
  ExpansionSettings settings() {
    return settings(!noFirstPass);
  }

  /** The builder for {@code model} with these options' {@link #settings()}. */
  QueryExpander.Builder builder(Embeddings model) {
    return QueryExpander.builder(model).settings(settings());
  }

  /** The expander for {@code model} with these options. */
  QueryExpander expander(Embeddings model) {
    return builder(model).build();
  }

  /**
   * As {@link #settings()}, but with or without a first pass as {@code firstPass} says, whatever
   * {@code --no-first-pass} says: so that an evaluation can run both. Without one, the feedback and
   * local model options are not applied.
   */
  ExpansionSettings settings(boolean firstPass) {
    if (noFirstPass && (feedbackDocs != null && feedbackDocs > 0 || localDocs > 0)) {
      throw new LexicaException(
          "--no-first-pass expands without searching, so it has no feedback documents and no"
              + " query-local model",
          "leave out --no-first-pass, or --feedback-docs and --local-docs");
    }
    ExpansionSettings.Builder b;
    if (firstPass) {
      b = ExpansionSettings.builder().feedbackTerms(feedbackTerms).localDocs(localDocs);
      if (feedbackDocs != null) {
        b.feedbackDocs(feedbackDocs);
      }
    } else {
      b = ExpansionSettings.WITHOUT_FIRST_PASS.toBuilder();
    }
    if (k != null) {
      b.k(k);
    }
    if (weight != null) {
      b.weight(weight.floatValue());
    }
    if (mode != null) {
      b.mode(mode);
    }
    if (minDf != null) {
      b.minDocFreq(minDf);
    }
    return b.minSimilarity(minSimilarity)
        .normalize(normalize)
        .maxTerms(maxTerms)
        .maxDocFreqRatio(maxDf)
        .form(form)
        .feedbackReweight((float) feedbackReweight)
        .feedbackShare((float) feedbackShare)
        .build()
        .with(settings);
  }
}
