package io.lexica.cli;

import io.lexica.expand.ExpanderSpec;
import io.lexica.expand.QueryExpander;
import java.util.StringJoiner;
import picocli.CommandLine.Option;

/**
 * The expander's settings as command-line options, shared by the commands that expand queries.
 * Options not given keep {@link QueryExpander.Builder}'s tuned defaults.
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

  @Option(names = "--mode", description = "per_term or centroid.")
  QueryExpander.Mode mode;

  @Option(names = "--form", description = "clauses or synonyms (per_term mode).")
  QueryExpander.Form form;

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
    return ExpanderSpec.apply(spec.toString(), b);
  }

  private static void add(StringJoiner spec, String key, Object value) {
    if (value != null) {
      spec.add(key + "=" + value);
    }
  }
}
