package io.lexica.docs;

import io.lexica.LexicaException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How hybrid search fuses a BM25 ranking and a kNN ranking of the same documents (joined by id).
 *
 * <ul>
 *   <li>{@code rrf}: reciprocal rank fusion (Cormack et al. 2009), {@code sum 1/(k + rank)} with k
 *       = 60; needs no score calibration.
 *   <li>{@code weighted}: {@code w * bm25/max(bm25) + (1 - w) * cosine}, BM25 scaled into [0, 1] by
 *       the best score of the query and the kNN part the cosine of the query's and the document's
 *       vectors (at most 1), as the retrieval evaluation chose the default with. Lucene scores a
 *       unit-vector kNN hit {@code (1 + cosine) / 2}: {@link #cosine} turns it back.
 * </ul>
 *
 * A document missing from one list gets nothing from it. Immutable and thread-safe.
 *
 * @param kind RRF or weighted
 * @param rrfK RRF's k, positive
 * @param bm25Weight the BM25 share {@code w} of weighted fusion, in [0, 1]
 */
public record Fusion(Kind kind, double rrfK, double bm25Weight) {
  /** Checks the parameters, with the error {@link #parse} gives. */
  public Fusion {
    if (kind == null || !(rrfK > 0) || !(bm25Weight >= 0 && bm25Weight <= 1)) {
      throw invalid(kind + ":" + rrfK + ":" + bm25Weight);
    }
  }

  /** The fusion family. */
  public enum Kind {
    /** Reciprocal rank fusion. */
    RRF,
    /** Weighted sum of the scaled BM25 score and the cosine. */
    WEIGHTED
  }

  public static final Fusion RRF = new Fusion(Kind.RRF, 60, 0.5);

  /**
   * The default: weighted, 70 % BM25. Chosen on cran, med, cacm and adi with models trained on each
   * collection (bench/docs-retrieval.sh): with SIF document vectors it beat BM25's MAP on all four
   * (mean 0.402 against 0.382), where RRF lost on two (kNN alone is far weaker than BM25 there, and
   * RRF gives both lists equal say).
   */
  public static final Fusion DEFAULT = new Fusion(Kind.WEIGHTED, 60, 0.7);

  /**
   * Parses {@code rrf}, {@code rrf:K}, {@code weighted} or {@code weighted:W}.
   *
   * @param spec the text, any case
   * @return the fusion; a missing {@code K} is 60, a missing {@code W} {@link #DEFAULT}'s 0.7 (so
   *     {@code weighted} names the default fusion)
   * @throws io.lexica.LexicaException when the text is none of the four forms or a number is out of
   *     range
   */
  public static Fusion parse(String spec) {
    String[] p = spec.trim().toLowerCase(Locale.ROOT).split(":", 2);
    try {
      return switch (p[0]) {
        case "rrf" -> new Fusion(Kind.RRF, p.length > 1 ? Double.parseDouble(p[1]) : 60, 0.5);
        case "weighted" ->
            new Fusion(
                Kind.WEIGHTED, 60, p.length > 1 ? Double.parseDouble(p[1]) : DEFAULT.bm25Weight());
        default -> throw new NumberFormatException();
      };
    } catch (NumberFormatException | LexicaException e) {
      throw invalid(spec);
    }
  }

  private static LexicaException invalid(String spec) {
    return new LexicaException(
        "unknown fusion '" + spec + "'",
        "use rrf, rrf:K (K > 0), weighted or weighted:W (0 <= W <= 1, the BM25 share)");
  }

  /**
   * The cosine of a kNN hit's unit vectors from its Lucene score {@code (1 + cosine) / 2}.
   *
   * @param luceneScore the score Lucene gives a kNN hit on unit vectors with cosine or dot-product
   *     similarity
   * @return {@code 2 * luceneScore - 1}
   */
  public static float cosine(float luceneScore) {
    return 2 * luceneScore - 1;
  }

  /**
   * Fuses two rankings (best first) into one of at most {@code k} hits.
   *
   * @param bm25 the text ranking (any positive scores: weighted fusion scales them by the best)
   * @param knn the vector ranking with cosines as scores (see {@link #cosine})
   * @param k the most hits returned
   * @return the fused ranking, best first, ties broken by id
   */
  public List<Hit> fuse(List<Hit> bm25, List<Hit> knn, int k) {
    Map<String, Double> score = new HashMap<>();
    float best = bm25.isEmpty() ? 1 : bm25.get(0).score();
    for (int r = 0; r < bm25.size(); r++) {
      score.merge(bm25.get(r).id(), textPart(bm25.get(r).score(), best, r + 1), Double::sum);
    }
    for (int r = 0; r < knn.size(); r++) {
      score.merge(knn.get(r).id(), vectorPart(knn.get(r).score(), r + 1), Double::sum);
    }
    return ranked(score, k);
  }

  /**
   * Fuses any number of rankings of the same documents, each with its own weight: a document scores
   * the sum, over the rankings that have it, of the ranking's weight times {@code score / best}
   * (weighted: CombSUM of scores over each ranking's best; the BM25 share plays no part) or {@code
   * 1 / (K + rank)} (RRF). Every ranking is read as the text ranking of {@link #fuse} reads BM25,
   * so a ranking of cosines is scaled by its best cosine too.
   *
   * @param rankings the rankings, each best first
   * @param weights one weight per ranking, at least 0
   * @param k the most hits returned
   * @return the fused ranking, best first, ties broken by id
   * @throws IllegalArgumentException when there is not one weight per ranking
   */
  public List<Hit> combine(List<List<Hit>> rankings, List<Double> weights, int k) {
    if (rankings.size() != weights.size()) {
      throw new IllegalArgumentException("one weight per ranking");
    }
    Map<String, Double> score = new HashMap<>();
    for (int i = 0; i < rankings.size(); i++) {
      List<Hit> ranking = rankings.get(i);
      double w = weights.get(i);
      float best = ranking.isEmpty() ? 1 : ranking.get(0).score();
      for (int r = 0; r < ranking.size(); r++) {
        score.merge(
            ranking.get(r).id(), w * part(ranking.get(r).score(), best, r + 1), Double::sum);
      }
    }
    return ranked(score, k);
  }

  /** The scores as hits, best first, ties by id, at most {@code k}. */
  private static List<Hit> ranked(Map<String, Double> score, int k) {
    List<Hit> out = new ArrayList<>(score.size());
    score.forEach((id, s) -> out.add(new Hit(id, (float) (double) s)));
    out.sort(Comparator.comparingDouble((Hit h) -> -h.score()).thenComparing(Hit::id));
    return out.size() > k ? out.subList(0, k) : out;
  }

  /**
   * What a hit of the text ranking adds to its fused score: {@code w * score / best} (weighted) or
   * {@code 1 / (K + rank)} (RRF).
   *
   * @param score the hit's BM25 score
   * @param best the ranking's first score
   * @param rank the hit's rank, 1 for the first
   * @return the hit's share of its fused score
   */
  public double textPart(float score, float best, int rank) {
    return kind == Kind.RRF ? part(score, best, rank) : bm25Weight * part(score, best, rank);
  }

  /** A hit's part of its fused score before any weight: {@code score / best} or RRF's. */
  private double part(float score, float best, int rank) {
    return kind == Kind.RRF ? 1 / (rrfK + rank) : score / Math.max(1e-9, best);
  }

  /**
   * What a hit of the kNN ranking adds to its fused score: {@code (1 - w) * cosine} (weighted) or
   * {@code 1 / (K + rank)} (RRF).
   *
   * @param cosine the hit's cosine
   * @param rank the hit's rank, 1 for the first
   * @return the hit's share of its fused score
   */
  public double vectorPart(float cosine, int rank) {
    return kind == Kind.RRF ? part(cosine, 1, rank) : (1 - bm25Weight) * cosine;
  }

  /**
   * The spec {@link #parse} reads back: {@code rrf:K} or {@code weighted:W}.
   *
   * @return the spec
   */
  public String spec() {
    return kind == Kind.RRF ? "rrf:" + rrfK : "weighted:" + bm25Weight;
  }

  /**
   * The name used in run names and on the command line.
   *
   * @return {@code rrf} or {@code weighted}
   */
  public String id() {
    return kind == Kind.RRF ? "rrf" : "weighted";
  }
}
