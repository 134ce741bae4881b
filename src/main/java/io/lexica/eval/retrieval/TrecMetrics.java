package io.lexica.eval.retrieval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The measures trec_eval computes, with its definitions: before measuring, a query's hits are
 * ordered by score descending, ties by document id descending (trec_eval ignores the rank column);
 * a document is relevant when its grade is above 0; queries are those present both in the run and
 * in the qrels (trec_eval without {@code -c}), and the mean is over them.
 *
 * <ul>
 *   <li>{@code map}: average precision, the sum of precision at each relevant retrieved document
 *       divided by the number of relevant documents;
 *   <li>{@code ndcg_cut_10}: DCG of the first 10 with gain = grade and discount log2(rank + 1),
 *       divided by the DCG of the ideal ordering of all judged documents cut at 10;
 *   <li>{@code P_10}: relevant in the first 10, divided by 10;
 *   <li>{@code recall_1000}: relevant in the first 1000, divided by the number of relevant.
 * </ul>
 *
 * Stateless; thread-safe.
 */
public final class TrecMetrics {
  /**
   * Per-query values of the four measures.
   *
   * @param ap average precision, over the query's relevant documents (trec_eval's {@code map})
   * @param ndcg10 nDCG at rank 10, with the graded judgments
   * @param p10 precision at rank 10
   * @param recall1000 the share of relevant documents in the first 1000
   */
  public record Scores(double ap, double ndcg10, double p10, double recall1000) {}

  /** The measures a cross-validation table reports, each with its p-value against BM25. */
  public enum Measure {
    /** Mean average precision. */
    MAP("MAP", Scores::ap),
    /** Normalized discounted cumulative gain at rank 10. */
    NDCG10("nDCG@10", Scores::ndcg10),
    /** Precision at rank 10. */
    P10("P@10", Scores::p10);

    private final String label;
    private final java.util.function.ToDoubleFunction<Scores> value;

    Measure(String label, java.util.function.ToDoubleFunction<Scores> value) {
      this.label = label;
      this.value = value;
    }

    /**
     * The name tables print (trec_eval's).
     *
     * @return e.g. {@code nDCG@10}
     */
    public String label() {
      return label;
    }

    /**
     * This measure's value in {@code scores}.
     *
     * @param scores one query's scores, or their mean
     * @return the value
     */
    public double of(Scores scores) {
      return value.applyAsDouble(scores);
    }
  }

  private TrecMetrics() {}

  /**
   * Scores of each evaluated query, in qrels order.
   *
   * @param run the run to score
   * @param qrels the judgments; only judged queries are scored
   * @return the scores of each judged query the run has, in qrels order; a query the run lacks is
   *     left out, as trec_eval leaves it out
   */
  public static Map<String, Scores> perQuery(Run run, Qrels qrels) {
    Map<String, Scores> out = new LinkedHashMap<>();
    for (String qid : qrels.queries()) {
      if (!run.results().containsKey(qid)) {
        continue;
      }
      out.put(qid, score(trecOrder(run.hits(qid)), qrels, qid));
    }
    return out;
  }

  /**
   * The mean of each measure over the queries.
   *
   * @param perQuery scores by query
   * @return the means; all 0 when the map is empty
   */
  public static Scores mean(Map<String, Scores> perQuery) {
    double ap = 0;
    double ndcg = 0;
    double p10 = 0;
    double r = 0;
    for (Scores s : perQuery.values()) {
      ap += s.ap;
      ndcg += s.ndcg10;
      p10 += s.p10;
      r += s.recall1000;
    }
    int n = Math.max(1, perQuery.size());
    return new Scores(ap / n, ndcg / n, p10 / n, r / n);
  }

  /** The hits as trec_eval orders them: score descending, ties by document id descending. */
  static List<Run.Hit> trecOrder(List<Run.Hit> hits) {
    List<Run.Hit> sorted = new ArrayList<>(hits);
    sorted.sort(
        Comparator.comparingDouble((Run.Hit h) -> -h.score())
            .thenComparing(Run.Hit::docId, Comparator.reverseOrder()));
    return sorted;
  }

  private static Scores score(List<Run.Hit> ranked, Qrels qrels, String qid) {
    int numRel = qrels.relevantCount(qid);
    int relSoFar = 0;
    double precisionSum = 0;
    int relAt10 = 0;
    int relAt1000 = 0;
    double dcg = 0;
    for (int i = 0; i < ranked.size(); i++) {
      int grade = qrels.grade(qid, ranked.get(i).docId());
      if (grade <= 0) {
        continue;
      }
      relSoFar++;
      precisionSum += (double) relSoFar / (i + 1);
      if (i < 10) {
        relAt10++;
        dcg += grade / log2(i + 2);
      }
      if (i < 1000) {
        relAt1000++;
      }
    }
    List<Integer> ideal = new ArrayList<>();
    for (int g : qrels.judgments(qid).values()) {
      if (g > 0) {
        ideal.add(g);
      }
    }
    ideal.sort(Comparator.reverseOrder());
    double idcg = 0;
    for (int i = 0; i < Math.min(10, ideal.size()); i++) {
      idcg += ideal.get(i) / log2(i + 2);
    }
    return new Scores(
        numRel == 0 ? 0 : precisionSum / numRel,
        idcg == 0 ? 0 : dcg / idcg,
        relAt10 / 10.0,
        numRel == 0 ? 0 : (double) relAt1000 / numRel);
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
