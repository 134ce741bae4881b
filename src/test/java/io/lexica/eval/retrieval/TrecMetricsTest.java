package io.lexica.eval.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-computed trec_eval values on a hand-made run. */
class TrecMetricsTest {
  private static Run.Hit h(String doc, float score) {
    return new Run.Hit(doc, score);
  }

  private final Qrels qrels =
      new Qrels(
          Map.of(
              "q1", Map.of("d1", 1, "d2", 2, "d3", 0, "d4", 1),
              "q2", Map.of("d9", 1),
              "q4", Map.of("d7", 1)));

  private Run run() {
    Map<String, List<Run.Hit>> r = new LinkedHashMap<>();
    // d3 and d1 tie: trec_eval puts the larger doc id first, so d3 (not relevant) is rank 2 and
    // d1 rank 3, whatever order the run file lists them in.
    r.put("q1", List.of(h("d2", 3), h("d1", 2), h("d3", 2), h("d5", 1)));
    r.put("q3", List.of(h("d1", 1))); // not judged: ignored
    r.put("q4", List.of(h("d8", 5)));
    return new Run("t", r);
  }

  @Test
  void matchesHandComputedTrecEvalValues() {
    Map<String, TrecMetrics.Scores> per = TrecMetrics.perQuery(run(), qrels);
    assertEquals(java.util.Set.of("q1", "q4"), per.keySet()); // q2 has no hits: skipped
    TrecMetrics.Scores q1 = per.get("q1");
    // relevant at ranks 1 and 3 of 3 relevant: (1/1 + 2/3) / 3
    assertEquals((1 + 2.0 / 3) / 3, q1.ap(), 1e-12);
    assertEquals(0.2, q1.p10(), 1e-12);
    assertEquals(2.0 / 3, q1.recall1000(), 1e-12);
    // DCG = 2/log2(2) + 1/log2(4); ideal gains 2,1,1: 2 + 1/log2(3) + 1/log2(4)
    double dcg = 2 + 0.5;
    double idcg = 2 + 1 / (Math.log(3) / Math.log(2)) + 0.5;
    assertEquals(dcg / idcg, q1.ndcg10(), 1e-12);
    assertEquals(new TrecMetrics.Scores(0, 0, 0, 0), per.get("q4"));
    TrecMetrics.Scores mean = TrecMetrics.mean(per);
    assertEquals(q1.ap() / 2, mean.ap(), 1e-12);
    assertEquals(0.1, mean.p10(), 1e-12);
  }

  @Test
  void cutoffsCountOnlyTheFirstTenAndThousand() {
    Map<String, Integer> judged = new LinkedHashMap<>();
    List<Run.Hit> hits = new java.util.ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      String d = String.format("d%04d", i);
      hits.add(h(d, 2000 - i));
      if (i % 100 == 99) {
        judged.put(d, 1); // relevant at ranks 100, 200, ..., 1200
      }
    }
    Qrels q = new Qrels(Map.of("q", judged));
    TrecMetrics.Scores s = TrecMetrics.perQuery(new Run("t", Map.of("q", hits)), q).get("q");
    assertEquals(0, s.p10(), 0);
    assertEquals(10.0 / 12, s.recall1000(), 1e-12);
    double ap = 0;
    for (int k = 1; k <= 12; k++) {
      ap += k / (100.0 * k);
    }
    assertEquals(ap / 12, s.ap(), 1e-12); // trec_eval's AP looks at every retrieved document
  }

  @Test
  void trecRunFormat() {
    String trec = new Run("bm25 x", Map.of("q1", List.of(h("d2", 3.5f), h("d1", 2)))).toTrec();
    assertEquals("q1 Q0 d2 1 3.500000 bm25_x\nq1 Q0 d1 2 2.000000 bm25_x\n", trec);
  }

  @Test
  void randomizationTest() {
    double[] a = {0.5, 0.2, 0.9, 0.4};
    assertEquals(1.0, RandomizationTest.pValue(a, a, 1000, 1), 0);
    // differences +1, +1, +1: 2 of the 8 sign assignments reach |sum| = 3
    double p = RandomizationTest.pValue(new double[] {1, 1, 1}, new double[] {0, 0, 0}, 20000, 7);
    assertEquals(0.25, p, 0.015);
    assertEquals(p, RandomizationTest.pValue(new double[] {1, 1, 1}, new double[3], 20000, 7));
  }

  @Test
  void pValueTestsTheMeasureAsked() {
    // the runs differ in P@10 only (+0.1 on each of three queries), never in AP or nDCG@10
    Map<String, TrecMetrics.Scores> base = new LinkedHashMap<>();
    Map<String, TrecMetrics.Scores> other = new LinkedHashMap<>();
    for (String q : List.of("1", "2", "3")) {
      base.put(q, new TrecMetrics.Scores(0.5, 0.6, 0.2, 1));
      other.put(q, new TrecMetrics.Scores(0.5, 0.6, 0.3, 1));
    }
    assertEquals(1.0, RetrievalEvaluation.pValue(base, other, 20000, 7), 0);
    assertEquals(
        1.0, RetrievalEvaluation.pValue(base, other, TrecMetrics.Measure.NDCG10, 20000, 7), 0);
    assertEquals(
        0.25, RetrievalEvaluation.pValue(base, other, TrecMetrics.Measure.P10, 20000, 7), 0.015);
  }
}
