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
 *   <li>{@code weighted}: {@code w * bm25/max(bm25) + (1 - w) * knn}, BM25 scaled into [0, 1] by
 *       the best score of the query and the kNN score as Lucene gives it for unit vectors, {@code
 *       (1 + cosine) / 2}, also in [0, 1], so both parts share a range.
 * </ul>
 *
 * Immutable and thread-safe.
 */
public record Fusion(Kind kind, double rrfK, double bm25Weight) {
  /** The fusion family. */
  public enum Kind {
    RRF,
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

  /** Parses {@code rrf}, {@code rrf:K}, {@code weighted} or {@code weighted:W}. */
  public static Fusion parse(String spec) {
    String[] p = spec.trim().toLowerCase(Locale.ROOT).split(":", 2);
    try {
      return switch (p[0]) {
        case "rrf" -> new Fusion(Kind.RRF, p.length > 1 ? Double.parseDouble(p[1]) : 60, 0.5);
        case "weighted" ->
            new Fusion(Kind.WEIGHTED, 60, p.length > 1 ? Double.parseDouble(p[1]) : 0.5);
        default -> throw new NumberFormatException();
      };
    } catch (NumberFormatException e) {
      throw new LexicaException(
          "unknown fusion '" + spec + "'",
          "use rrf, rrf:K (K > 0), weighted or weighted:W (0 <= W <= 1, the BM25 share)");
    }
  }

  /** Fuses two rankings (best first) into one of at most {@code k} hits. */
  public List<Hit> fuse(List<Hit> bm25, List<Hit> knn, int k) {
    Map<String, Double> score = new HashMap<>();
    if (kind == Kind.RRF) {
      addRrf(score, bm25);
      addRrf(score, knn);
    } else {
      double max = bm25.isEmpty() ? 1 : Math.max(1e-9, bm25.get(0).score());
      for (Hit h : bm25) {
        score.merge(h.id(), bm25Weight * h.score() / max, Double::sum);
      }
      for (Hit h : knn) {
        score.merge(h.id(), (1 - bm25Weight) * h.score(), Double::sum);
      }
    }
    List<Hit> out = new ArrayList<>(score.size());
    score.forEach((id, s) -> out.add(new Hit(id, (float) (double) s)));
    out.sort(Comparator.comparingDouble((Hit h) -> -h.score()).thenComparing(Hit::id));
    return out.size() > k ? out.subList(0, k) : out;
  }

  private void addRrf(Map<String, Double> score, List<Hit> ranking) {
    for (int r = 0; r < ranking.size(); r++) {
      score.merge(ranking.get(r).id(), 1 / (rrfK + r + 1), Double::sum);
    }
  }

  /** The name used in run names and on the command line. */
  public String id() {
    return kind == Kind.RRF ? "rrf" : "weighted";
  }
}
