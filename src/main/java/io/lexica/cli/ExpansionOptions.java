package io.lexica.cli;

import io.lexica.expand.ExpanderSpec;
import io.lexica.expand.QueryExpander;
import io.lexica.vectors.Embeddings;
import java.util.StringJoiner;
import picocli.CommandLine.Option;

/**
 * The expander's settings as command-line options, shared by the commands that expand queries: the
 * common ones as options, every other through {@code --settings} in {@link ExpanderSpec}'s text
 * form (one parser, one validation: the builder's). Options not given keep {@link
 * QueryExpander.Builder}'s defaults.
 */
final class ExpansionOptions {
  @Option(names = "--k", description = "Neighbours per query term (or for the centroid).")
  Integer k;

  @Option(names = "--min-similarity", description = "Lowest cosine of an added term.")
  Float minSimilarity;

  @Option(names = "--weight", description = "Weight of the expansion relative to the query's.")
  Float weight;

  @Option(
      names = "--normalize",
      negatable = true,
      description = "Share the weight among a term's neighbours by similarity.")
  Boolean normalize;

  @Option(names = "--max-terms", description = "At most this many added terms per query.")
  Integer maxTerms;

  @Option(names = "--min-df", description = "Lowest document frequency of a term (1 drops absent).")
  Integer minDf;

  @Option(names = "--max-df", description = "Highest share of documents a term may occur in.")
  Double maxDf;

  @Option(names = "--expansion-mode", description = "per_term or centroid.")
  QueryExpander.Mode mode;

  @Option(names = "--form", description = "clauses or synonyms (per_term mode).")
  QueryExpander.Form form;

  @Option(
      names = "--no-first-pass",
      description =
          "Expand without searching first: the best settings without feedback or query-local"
              + " models (what the OpenSearch query runs).")
  boolean noFirstPass;

  @Option(
      names = "--feedback-docs",
      description = "Pseudo-relevance feedback from this many top documents (0: none).")
  Integer feedbackDocs;

  @Option(
      names = "--local-docs",
      description =
          "A query-local word2vec model trained on this many documents drawn from the first"
              + " pass (0: none).")
  Integer localDocs;

  @Option(
      names = "--settings",
      description =
          "Any expansion settings as key=value pairs separated by commas (the keys of"
              + " io.lexica.expand.ExpanderSpec, e.g. fbterms=20,fbreweight=2,localdim=32);"
              + " applied after the options above.")
  String settings;

  /** The builder to start from: the default expansion, or the best one without a first pass. */
  QueryExpander.Builder builder(Embeddings model) {
    return noFirstPass ? QueryExpander.withoutFirstPass(model) : QueryExpander.builder(model);
  }

  /** Applies the options given to {@code b}. */
  QueryExpander.Builder applyTo(QueryExpander.Builder b) {
    StringJoiner spec = new StringJoiner(",");
    add(spec, "k", k);
    add(spec, "minsim", minSimilarity);
    add(spec, "weight", weight);
    add(spec, "normalize", normalize);
    add(spec, "maxterms", maxTerms);
    add(spec, "mindf", minDf);
    add(spec, "maxdf", maxDf);
    add(spec, "mode", mode);
    add(spec, "form", form);
    add(spec, "fbdocs", feedbackDocs);
    add(spec, "localdocs", localDocs);
    ExpanderSpec.apply(spec.toString(), b);
    return ExpanderSpec.apply(settings, b);
  }

  private static void add(StringJoiner spec, String key, Object value) {
    if (value != null) {
      spec.add(key + "=" + value);
    }
  }
}
