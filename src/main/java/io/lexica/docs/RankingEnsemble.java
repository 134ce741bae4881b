package io.lexica.docs;

import io.lexica.LexicaException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How an expanded query's documents are ranked: its own ranking fused with other rankings of the
 * same query whose errors differ from its own (risk reduction by an ensemble), then BM25's top
 * documents kept on top. The members are the query as typed (BM25), plain RM3 on the same feedback
 * documents (its drift is the relevance model's, not the embedding's) and the document vectors'
 * ranking of the query text (kNN, scored by cosine). The expanded ranking weighs 1 and each other
 * ranking its weight (0: left out); they are fused by {@link Fusion#combine}, as a sum of scores
 * over each ranking's best (CombSUM of max-normalised scores, {@code sum}) or of reciprocal ranks
 * ({@code rrf:K}). Then BM25's first {@code keepTop} documents go on top, in BM25's order, and the
 * fused ranking follows without them: feedback's largest losses are queries whose first pass was
 * right at the top and whose expansion reorders it.
 *
 * <p>{@link #DEFAULT} was chosen by leave-one-collection-out cross-validation on cran, med, cacm
 * and adi together with the expansion's settings ({@code prf-emb+centroid+ens+keep} in the
 * retrieval evaluation; see README). This type ranks hit lists and runs no search: the library's
 * searchers, {@code lexica search} and {@code lexica eval retrieval} fetch the members and hand
 * them here. Immutable; thread-safe.
 *
 * <p>The text form ({@link #parse}, {@link #spec}) is {@code none}, {@code default} or {@code
 * key=value} pairs separated by commas: {@code ensemble} ({@code sum}, {@code rrf}, {@code rrf:K}
 * or {@code none}), the weights {@code ensbm25}, {@code ensrm3}, {@code ensknn} (0 when absent;
 * given without {@code ensemble}, an error) and {@code keeptop} (0 when absent), e.g. {@code
 * ensemble=sum,ensrm3=0.5,ensknn=0.25,keeptop=2}, the default.
 *
 * @param how how the rankings are fused: weighted ({@code sum}; the BM25 share plays no part) or
 *     RRF with its k
 * @param bm25 the weight of BM25's ranking of the query as typed, at least 0
 * @param rm3 the weight of plain RM3's ranking, at least 0
 * @param knn the weight of the document vectors' ranking, at least 0
 * @param keepTop BM25's first documents kept on top (0: none), at least 0
 */
public record RankingEnsemble(Fusion how, float bm25, float rm3, float knn, int keepTop) {
  /** CombSUM of scores over each ranking's best: weighted fusion (its BM25 share unused). */
  public static final Fusion SUM = new Fusion(Fusion.Kind.WEIGHTED, Fusion.RRF.rrfK(), 1);

  /**
   * The default, chosen by leave-one-collection-out cross-validation (see the class comment):
   * {@code sum}, RM3 0.5, kNN 0.25, BM25's top 2 kept.
   */
  public static final RankingEnsemble DEFAULT = new RankingEnsemble(SUM, 0, 0.5f, 0.25f, 2);

  /** None: the expanded query's own ranking, unchanged. */
  public static final RankingEnsemble NONE = new RankingEnsemble(SUM, 0, 0, 0, 0);

  /**
   * How deep each member ranking is fetched for {@code k} hits, at least: {@code max(k, DEPTH)}.
   */
  public static final int DEPTH = 100;

  /** The keys of the text form. */
  public static final List<String> KEYS =
      List.of("ensemble", "ensbm25", "ensrm3", "ensknn", "keeptop");

  /**
   * Checks the values.
   *
   * @throws NullPointerException when {@code how} is null
   * @throws LexicaException when a weight is negative or not finite, or {@code keepTop} is negative
   */
  public RankingEnsemble {
    if (how == null) {
      throw new NullPointerException("how");
    }
    checkWeight("ensbm25", bm25);
    checkWeight("ensrm3", rm3);
    checkWeight("ensknn", knn);
    if (keepTop < 0) {
      throw badValue("keeptop", Integer.toString(keepTop), "0 (none) or more, e.g. keeptop=2");
    }
  }

  private static void checkWeight(String key, float w) {
    if (!(w >= 0) || Float.isInfinite(w)) {
      throw badValue(key, Float.toString(w), weightExample(key));
    }
  }

  private static String weightExample(String key) {
    return "a weight of at least 0 (the expanded ranking weighs 1), e.g. " + key + "=0.5";
  }

  private static LexicaException badValue(String key, String value, String remedy) {
    return new LexicaException(
        "bad value for " + key + " in the ranking ensemble: '" + value + "'", "pass " + remedy);
  }

  /**
   * Whether any other ranking is fused with the expanded one.
   *
   * @return true when a weight is above 0
   */
  public boolean fuses() {
    return bm25 > 0 || rm3 > 0 || knn > 0;
  }

  /**
   * This ensemble keeping {@code n} of BM25's top documents.
   *
   * @param n the documents kept on top, at least 0
   * @return the ensemble
   */
  public RankingEnsemble withKeepTop(int n) {
    return new RankingEnsemble(how, bm25, rm3, knn, n);
  }

  /**
   * This ensemble without the members that cannot run (their weight 0), e.g. kNN where there are no
   * document vectors.
   *
   * @param withRm3 whether plain RM3 can run (there are feedback documents)
   * @param withKnn whether the document vectors can be searched
   * @return the ensemble
   */
  public RankingEnsemble runnable(boolean withRm3, boolean withKnn) {
    return new RankingEnsemble(how, bm25, withRm3 ? rm3 : 0, withKnn ? knn : 0, keepTop);
  }

  /**
   * The ensemble of the text form (see the class comment).
   *
   * @param text {@code none}, {@code default} or {@code key=value} pairs
   * @return the ensemble
   * @throws LexicaException when a key is unknown or a value bad
   */
  public static RankingEnsemble parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("none")) {
      return NONE;
    }
    if (t.equals("default")) {
      return DEFAULT;
    }
    Map<String, String> keys = new LinkedHashMap<>();
    for (String pair : t.split(",")) {
      String[] kv = pair.split("=", 2);
      String key = kv[0].trim();
      if (kv.length != 2 || !KEYS.contains(key) || keys.put(key, kv[1].trim()) != null) {
        throw new LexicaException(
            "bad ranking ensemble '" + text + "' at '" + pair.trim() + "'",
            "pass none, default or key=value pairs separated by commas, each key once, of "
                + String.join(", ", KEYS)
                + ", e.g. "
                + DEFAULT.spec());
      }
    }
    return of(keys);
  }

  /**
   * The ensemble of the text form's keys: {@code ensemble} (absent or {@code none}: no fusion), the
   * weights (0 when absent) and {@code keeptop} (0 when absent).
   *
   * @param keys some of {@link #KEYS} and their values; others are ignored
   * @return the ensemble
   * @throws LexicaException when a weight is given without {@code ensemble}, or a value is not a
   *     fusion, a weight at least 0 or a count at least 0
   */
  public static RankingEnsemble of(Map<String, String> keys) {
    int keep = keepTop(keys.get("keeptop"));
    String spec = keys.get("ensemble");
    List<String> weighed = KEYS.subList(1, 4).stream().filter(keys::containsKey).toList();
    if (spec == null && !weighed.isEmpty()) {
      throw new LexicaException(
          "the ranking ensemble weighs other rankings ("
              + String.join(", ", weighed)
              + ") without saying how to fuse them",
          "add ensemble=sum or ensemble=rrf:K (or leave the weights out)");
    }
    if (spec == null || spec.equals("none")) {
      return NONE.withKeepTop(keep);
    }
    return new RankingEnsemble(
        fusion(spec),
        weight(keys, "ensbm25"),
        weight(keys, "ensrm3"),
        weight(keys, "ensknn"),
        keep);
  }

  /** {@code sum} as weighted fusion, else an RRF spec. */
  private static Fusion fusion(String spec) {
    LexicaException bad = badValue("ensemble", spec, "ensemble=sum, rrf, rrf:K (K > 0) or none");
    if (spec.equals("sum")) {
      return SUM;
    }
    try {
      Fusion f = Fusion.parse(spec);
      if (f.kind() == Fusion.Kind.RRF) {
        return f;
      }
    } catch (LexicaException e) {
      throw bad;
    }
    throw bad;
  }

  private static float weight(Map<String, String> keys, String key) {
    String v = keys.get(key);
    try {
      return v == null ? 0 : Float.parseFloat(v);
    } catch (NumberFormatException e) {
      throw badValue(key, v, weightExample(key));
    }
  }

  private static int keepTop(String v) {
    try {
      return v == null ? 0 : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw badValue("keeptop", v, "a number of documents, e.g. keeptop=2, or 0 for none");
    }
  }

  /**
   * The text form {@link #parse} reads back.
   *
   * @return {@code none}, or the keys and values
   */
  public String spec() {
    if (equals(NONE)) {
      return "none";
    }
    String fusion = how.kind() == Fusion.Kind.WEIGHTED ? "sum" : "rrf:" + number(how.rrfK());
    return (fuses()
            ? "ensemble="
                + fusion
                + ",ensbm25="
                + number(bm25)
                + ",ensrm3="
                + number(rm3)
                + ",ensknn="
                + number(knn)
                + ","
            : "")
        + "keeptop="
        + keepTop;
  }

  private static String number(double x) {
    return x == Math.rint(x) ? Long.toString((long) x) : Float.toString((float) x);
  }

  /**
   * What the ensemble does, in words (for a user's screen).
   *
   * @return e.g. {@code expanded 1 + rm3 0.5 + knn 0.25 by sum, BM25's top 2 kept on top}
   */
  public String describe() {
    if (!fuses() && keepTop == 0) {
      return "the expanded query's own ranking";
    }
    StringBuilder s = new StringBuilder();
    if (fuses()) {
      s.append("expanded 1");
      if (bm25 > 0) {
        s.append(" + bm25 ").append(number(bm25));
      }
      if (rm3 > 0) {
        s.append(" + rm3 ").append(number(rm3));
      }
      if (knn > 0) {
        s.append(" + knn ").append(number(knn));
      }
      s.append(
          how.kind() == Fusion.Kind.WEIGHTED
              ? " by sum of scores over each ranking's best"
              : " by reciprocal ranks (k " + number(how.rrfK()) + ")");
    } else {
      s.append("the expanded query's own ranking");
    }
    if (keepTop > 0) {
      s.append(", BM25's top ").append(keepTop).append(" kept on top");
    }
    return s.toString();
  }

  /**
   * The ensemble's ranking of one query from its members' rankings, each best first and fetched to
   * the same depth (see {@link #DEPTH}). A member whose weight is 0, or whose ranking is null (it
   * cannot run, e.g. kNN without document vectors), is left out.
   *
   * @param expanded the expanded query's ranking
   * @param bm25Hits BM25's ranking of the query as typed; may be null when {@code bm25} and {@code
   *     keepTop} are 0
   * @param rm3Hits plain RM3's ranking, or null
   * @param knnHits the document vectors' ranking scored by cosine ({@link Fusion#cosine} of a
   *     Lucene kNN score), or null
   * @param k the most hits returned
   * @return the ranking, best first: the fused hits (the expanded ones, at most {@code k}, when
   *     nothing is fused), with BM25's first {@code keepTop} on top scored above the rest
   * @throws IllegalArgumentException when BM25's ranking is needed and null
   */
  public List<Hit> rank(
      List<Hit> expanded, List<Hit> bm25Hits, List<Hit> rm3Hits, List<Hit> knnHits, int k) {
    if (bm25Hits == null && (bm25 > 0 || keepTop > 0)) {
      throw new IllegalArgumentException("the ensemble needs BM25's ranking");
    }
    List<List<Hit>> rankings = new ArrayList<>(List.of(expanded));
    List<Double> weights = new ArrayList<>(List.of(1.0));
    add(rankings, weights, bm25Hits, bm25);
    add(rankings, weights, rm3Hits, rm3);
    add(rankings, weights, knnHits, knn);
    List<Hit> fused =
        rankings.size() > 1
            ? how.combine(rankings, weights, k)
            : expanded.subList(0, Math.min(k, expanded.size()));
    return keepTop == 0
        ? fused
        : keepingTop(bm25Hits.subList(0, Math.min(keepTop, bm25Hits.size())), fused);
  }

  private static void add(
      List<List<Hit>> rankings, List<Double> weights, List<Hit> ranking, float weight) {
    if (weight > 0 && ranking != null) {
      rankings.add(ranking);
      weights.add((double) weight);
    }
  }

  /**
   * {@code top} first, in their order, scored above every other hit ({@code hits}' best + the
   * number of kept documents below it + 1), then {@code hits} without them, cut to {@code hits}'
   * length.
   *
   * @param top the documents kept on top, best first
   * @param hits the ranking they are kept above, best first
   * @return the ranking
   */
  public static List<Hit> keepingTop(List<Hit> top, List<Hit> hits) {
    Set<String> kept = new HashSet<>();
    top.forEach(h -> kept.add(h.id()));
    float best = hits.isEmpty() ? 0 : hits.get(0).score();
    List<Hit> out = new ArrayList<>();
    for (int i = 0; i < top.size(); i++) {
      out.add(new Hit(top.get(i).id(), best + top.size() - i));
    }
    for (Hit h : hits) {
      if (out.size() >= hits.size()) {
        break;
      }
      if (!kept.contains(h.id())) {
        out.add(h);
      }
    }
    return out;
  }
}
