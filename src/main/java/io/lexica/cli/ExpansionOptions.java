package io.lexica.cli;

import io.lexica.LexicaException;
import io.lexica.expand.ExpanderSpec;
import io.lexica.expand.QueryExpander;
import io.lexica.expand.QueryExpander.Builder;
import io.lexica.vectors.Embeddings;
import picocli.CommandLine.Option;

/**
 * The expander's settings as command-line options, shared by the commands that expand queries
 * ({@code expand}, {@code search}, {@code eval retrieval}). The settings type is {@link
 * QueryExpander.Builder}, which checks every value; the options give the common settings typed
 * values ({@link OptionTypes} refuses a bad one while parsing), and {@code --settings} takes any
 * other in {@link ExpanderSpec}'s {@code key=value} form, applied last. The defaults are the
 * builder's: an option whose default is the same with and without a first pass shows it as
 * picocli's default; the three that differ ({@code -k}, {@code --weight}, {@code --expansion-mode})
 * are left unset unless given, so that {@code --no-first-pass} starts from {@link
 * QueryExpander#withoutFirstPass}'s values.
 */
final class ExpansionOptions {
  @Option(
      names = "-k",
      paramLabel = "N",
      converter = OptionTypes.PositiveInt.class,
      description =
          "Neighbours per query term, or of the query (default: "
              + Builder.DEFAULT_K
              + "; "
              + Builder.WITHOUT_FIRST_PASS_K
              + " with --no-first-pass).")
  Integer k;

  @Option(
      names = "--min-similarity",
      paramLabel = "COSINE",
      defaultValue = "" + Builder.DEFAULT_MIN_SIMILARITY,
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
              + Builder.DEFAULT_WEIGHT
              + "; "
              + Builder.WITHOUT_FIRST_PASS_WEIGHT
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
      defaultValue = "" + Builder.DEFAULT_MAX_TERMS,
      converter = OptionTypes.NonNegativeInt.class,
      description = "At most this many neighbours added per query.")
  int maxTerms;

  @Option(
      names = "--min-df",
      paramLabel = "N",
      converter = OptionTypes.NonNegativeInt.class,
      description =
          "Lowest document frequency of a term; 1 drops terms absent from the field (default: "
              + Builder.DEFAULT_MIN_DOC_FREQ
              + "; "
              + Builder.WITHOUT_FIRST_PASS_MIN_DOC_FREQ
              + " with --no-first-pass).")
  Integer minDf;

  @Option(
      names = "--max-df",
      paramLabel = "SHARE",
      defaultValue = "" + Builder.DEFAULT_MAX_DOC_FREQ_RATIO,
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
              + Builder.DEFAULT_FEEDBACK_DOCS
              + ", none with --no-first-pass).")
  Integer feedbackDocs;

  @Option(
      names = "--feedback-terms",
      paramLabel = "N",
      defaultValue = "" + Builder.DEFAULT_FEEDBACK_TERMS,
      converter = OptionTypes.PositiveInt.class,
      description = "The best N terms of the feedback documents' relevance model are kept.")
  int feedbackTerms;

  @Option(
      names = "--feedback-reweight",
      paramLabel = "GAMMA",
      defaultValue = "" + Builder.DEFAULT_FEEDBACK_REWEIGHT,
      converter = OptionTypes.NonNegativeNumber.class,
      description =
          "Feedback terms are re-weighted by cos^GAMMA to the query in the model (0: RM3's"
              + " weights).")
  double feedbackReweight;

  @Option(
      names = "--feedback-share",
      paramLabel = "SHARE",
      defaultValue = "" + Builder.DEFAULT_FEEDBACK_SHARE,
      converter = OptionTypes.Fraction.class,
      description =
          "The feedback terms' share of the expansion; the model's neighbours get the rest.")
  double feedbackShare;

  @Option(
      names = "--local-docs",
      paramLabel = "N",
      defaultValue = "" + Builder.DEFAULT_LOCAL_DOCS,
      converter = OptionTypes.NonNegativeInt.class,
      description =
          "A query-local word2vec model trained on N documents drawn from the first pass (0:"
              + " none; its other settings through --settings).")
  int localDocs;

  @Option(
      names = "--settings",
      paramLabel = "KEY=VALUE,...",
      description =
          "Any other expansion settings, keys of io.lexica.expand.ExpanderSpec (e.g."
              + " idfcentroid=true,localdim=32,localepochs=5); applied after the options above"
              + " (default: none).")
  String settings;

  /**
   * The builder for {@code model} with these options: the defaults, or those of {@link
   * QueryExpander#withoutFirstPass} with {@code --no-first-pass}.
   *
   * @throws LexicaException when {@code --no-first-pass} comes with feedback or a local model
   */
  Builder builder(Embeddings model) {
    return builder(model, !noFirstPass);
  }

  /** The expander for {@code model} with these options. */
  QueryExpander expander(Embeddings model) {
    return builder(model).build();
  }

  /**
   * As {@link #builder(Embeddings)}, but with or without a first pass as {@code firstPass} says,
   * whatever {@code --no-first-pass} says: so that an evaluation can run both. Without one, the
   * feedback and local model options are not applied.
   */
  Builder builder(Embeddings model, boolean firstPass) {
    if (noFirstPass && (feedbackDocs != null && feedbackDocs > 0 || localDocs > 0)) {
      throw new LexicaException(
          "--no-first-pass expands without searching, so it has no feedback documents and no"
              + " query-local model",
          "leave out --no-first-pass, or --feedback-docs and --local-docs");
    }
    Builder b;
    if (firstPass) {
      b = QueryExpander.builder(model).feedbackTerms(feedbackTerms).localDocs(localDocs);
      if (feedbackDocs != null) {
        b.feedbackDocs(feedbackDocs);
      }
    } else {
      b = QueryExpander.withoutFirstPass(model);
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
    b.minSimilarity(minSimilarity)
        .normalize(normalize)
        .maxTerms(maxTerms)
        .docFreqBounds(
            minDf != null
                ? minDf
                : firstPass
                    ? Builder.DEFAULT_MIN_DOC_FREQ
                    : Builder.WITHOUT_FIRST_PASS_MIN_DOC_FREQ,
            maxDf)
        .form(form)
        .feedbackReweight((float) feedbackReweight)
        .feedbackShare((float) feedbackShare);
    return ExpanderSpec.apply(settings, b);
  }
}
