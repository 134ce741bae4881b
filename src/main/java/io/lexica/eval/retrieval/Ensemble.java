package io.lexica.eval.retrieval;

import io.lexica.LexicaException;
import io.lexica.docs.Fusion;
import io.lexica.expand.ExpansionSettings;
import io.lexica.expand.QueryExpander;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link ExpansionSystem}'s ranking fused with other rankings of the same query whose errors
 * differ from its own, to lower the variance of its per-query gains (risk reduction by ensembles):
 * the unexpanded run (BM25), RM3 with the system's own feedback settings (the same documents and
 * terms, not re-weighted by a model: its drift is the plain relevance model's, not the embedding's)
 * and the collection's document vectors' ranking of the query text (kNN, as {@code lexica search
 * --mode knn}). The system's ranking weighs 1, each other ranking its weight (0: left out); they
 * are fused by {@link Fusion#combine}, with reciprocal ranks ({@code rrf:K}) or as a sum of scores
 * over each ranking's best ({@code sum}). Immutable; thread-safe.
 *
 * @param how how the rankings are fused: RRF with its k, or weighted (the sum of scores over each
 *     ranking's best)
 * @param bm25 the unexpanded run's weight, at least 0
 * @param rm3 the RM3 run's weight, at least 0
 * @param knn the document vectors' run's weight, at least 0
 * @param feedback the expander of the RM3 run; null when {@code rm3} is 0
 */
public record Ensemble(Fusion how, float bm25, float rm3, float knn, QueryExpander feedback) {
  /** The keys of an ensemble in a system's settings text. */
  static final List<String> KEYS = List.of("ensemble", "ensbm25", "ensrm3", "ensknn");

  /**
   * Checks the weights: at least 0, one above 0, and an RM3 expander exactly when RM3 weighs.
   *
   * @throws IllegalArgumentException when a weight is negative or not a number, all are 0, or the
   *     RM3 expander does not match its weight
   */
  public Ensemble {
    if (!(bm25 >= 0 && rm3 >= 0 && knn >= 0) || bm25 + rm3 + knn == 0) {
      throw new IllegalArgumentException(
          "ensemble weights must be at least 0 and not all 0: " + bm25 + ", " + rm3 + ", " + knn);
    }
    if ((rm3 > 0) != (feedback != null)) {
      throw new IllegalArgumentException("an RM3 expander exactly when RM3 weighs");
    }
  }

  /**
   * Takes the ensemble's keys out of a system's settings (so that the rest are {@link
   * ExpansionSettings}' keys).
   *
   * @param pairs the settings' keys and values; the ensemble's are removed
   * @return the ensemble's keys and values, in {@link #KEYS}' order
   */
  static Map<String, String> take(Map<String, String> pairs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String k : KEYS) {
      String v = pairs.remove(k);
      if (v != null) {
        out.put(k, v);
      }
    }
    return out;
  }

  /**
   * The ensemble {@code keys} say: {@code ensemble=rrf|rrf:K|sum|none} (none, the default: no
   * ensemble) and the weights {@code ensbm25}, {@code ensrm3}, {@code ensknn} (each 0 by default).
   *
   * @param name the system's name, for errors
   * @param keys the ensemble's keys, as {@link #take} gives them
   * @param settings the system's expansion settings: RM3 takes their feedback documents, terms and
   *     weight
   * @return the ensemble, or null for none ({@code ensemble} absent or {@code none}, or every
   *     weight 0: the system's own run, unchanged)
   * @throws LexicaException when a weight is given without {@code ensemble}, a value is not a
   *     number at least 0 or not a fusion, or RM3 weighs and the system has no feedback documents
   */
  static Ensemble of(String name, Map<String, String> keys, ExpansionSettings settings) {
    String spec = keys.get("ensemble");
    if (spec == null) {
      if (!keys.isEmpty()) {
        throw new LexicaException(
            "the run "
                + name
                + " weighs ensemble runs ("
                + String.join(", ", keys.keySet())
                + ")"
                + " without saying how to fuse them",
            "add ensemble=rrf:K or ensemble=sum (or leave the weights out)");
      }
      return null;
    }
    if (spec.equals("none")) {
      return null;
    }
    Fusion how = fusion(name, spec);
    float bm25 = weight(name, keys, "ensbm25");
    float rm3 = weight(name, keys, "ensrm3");
    float knn = weight(name, keys, "ensknn");
    if (bm25 + rm3 + knn == 0) {
      return null;
    }
    if (rm3 > 0 && settings.feedbackDocs() == 0) {
      throw new LexicaException(
          "the run " + name + " fuses an RM3 run (ensrm3) and has no feedback documents",
          "set fbdocs, or ensrm3=0");
    }
    QueryExpander feedback =
        rm3 == 0
            ? null
            : QueryExpander.of(
                null, settings.toBuilder().feedbackReweight(0).localDocs(0).guard(0).build());
    return new Ensemble(how, bm25, rm3, knn, feedback);
  }

  /** {@code sum} as weighted fusion, else an RRF spec. */
  private static Fusion fusion(String name, String spec) {
    LexicaException bad =
        new LexicaException(
            "bad value for ensemble in the settings of " + name + ": '" + spec + "'",
            "use ensemble=sum, rrf, rrf:K (K > 0) or none");
    if (spec.equals("sum")) {
      return new Fusion(Fusion.Kind.WEIGHTED, Fusion.RRF.rrfK(), 1);
    }
    Fusion f;
    try {
      f = Fusion.parse(spec);
    } catch (LexicaException e) {
      throw bad;
    }
    if (f.kind() != Fusion.Kind.RRF) {
      throw bad;
    }
    return f;
  }

  private static float weight(String name, Map<String, String> keys, String key) {
    String v = keys.get(key);
    float w;
    try {
      w = v == null ? 0 : Float.parseFloat(v);
    } catch (NumberFormatException e) {
      w = Float.NaN;
    }
    if (!(w >= 0) || Float.isInfinite(w)) {
      throw new LexicaException(
          "bad value for " + key + " in the settings of " + name + ": '" + v + "'",
          "pass a weight of at least 0 (the system's own run weighs 1), e.g. " + key + "=0.5");
    }
    return w;
  }

  /**
   * The weights of the rankings {@link ExpansionSystem} fuses, in its order: the system's own (1),
   * then each other ranking that weighs (bm25, rm3, knn).
   *
   * @return the weights
   */
  List<Double> weights() {
    List<Double> out = new java.util.ArrayList<>(List.of(1.0));
    for (float w : new float[] {bm25, rm3, knn}) {
      if (w > 0) {
        out.add((double) w);
      }
    }
    return out;
  }
}
