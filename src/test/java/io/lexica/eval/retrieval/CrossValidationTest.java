package io.lexica.eval.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.LexicaException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.junit.jupiter.api.Test;

class CrossValidationTest {
  private static Map<String, TrecMetrics.Scores> ap(double... values) {
    Map<String, TrecMetrics.Scores> out = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      out.put("q" + i, new TrecMetrics.Scores(values[i], 0, 0, 0));
    }
    return out;
  }

  @Test
  void choosesTheBestMeanRelativeMapOnTheTuningCollectionsOnly() {
    Map<String, TrecMetrics.Scores> bm25 =
        Map.of(
            "a", new TrecMetrics.Scores(0.2, 0, 0, 0),
            "b", new TrecMetrics.Scores(0.5, 0, 0, 0),
            "c", new TrecMetrics.Scores(0.4, 0, 0, 0));
    // point 0: +50% on a, -10% on b; point 1: +10% on a, +10% on b; both great on c
    List<Map<String, Map<String, TrecMetrics.Scores>>> points =
        List.of(
            Map.of("a", ap(0.3, 0.3), "b", ap(0.45), "c", ap(0.9)),
            Map.of("a", ap(0.22), "b", ap(0.55), "c", ap(0.1)));
    // on a and b, the mean relative MAP of point 0 (1.5 + 0.9) beats point 1's (1.1 + 1.1)
    assertEquals(0, CrossValidation.choose(points, List.of("a", "b"), bm25));
    // on b alone, point 1; with c, point 0 again (c's figures only count when c is tuned on)
    assertEquals(1, CrossValidation.choose(points, List.of("b"), bm25));
    assertEquals(0, CrossValidation.choose(points, List.of("b", "c"), bm25));
  }

  /** A second toy collection: "cider" finds what the "apple" documents are about. */
  private static TestCollection pears() {
    List<TestCollection.Doc> docs = new ArrayList<>();
    docs.add(new TestCollection.Doc("p1", "", "pear cider perry"));
    docs.add(new TestCollection.Doc("p2", "", "pear perry"));
    docs.add(new TestCollection.Doc("p3", "", "perry festival"));
    for (int i = 0; i < 40; i++) {
      docs.add(new TestCollection.Doc("f" + i, "", "filler" + i + " note" + (i % 4)));
    }
    return new TestCollection(
        "pears",
        docs,
        Map.of("1", "pear"),
        new Qrels(Map.of("1", Map.of("p1", 1, "p2", 1, "p3", 1))));
  }

  @Test
  void eachFoldReportsTheHeldOutFigureOfTheSettingsChosenOnTheOthers() throws IOException {
    try (CollectionIndex a =
            new CollectionIndex(
                RetrievalEvaluationTest.collection().docs(), new WhitespaceAnalyzer(), 0.9f, 0.4f);
        CollectionIndex b =
            new CollectionIndex(pears().docs(), new WhitespaceAnalyzer(), 0.9f, 0.4f)) {
      ExpansionSystem.Models none = new ExpansionSystem.Models(null, null);
      List<CrossValidation.Collection> collections =
          List.of(
              new CrossValidation.Collection(RetrievalEvaluationTest.collection(), a, none),
              new CrossValidation.Collection(pears(), b, none));
      CrossValidation.Method rm3 =
          new CrossValidation.Method(
              "rm3",
              List.of(
                  "model=none,fbdocs=2,fbterms=5,weight=0.1",
                  "model=none,fbdocs=2,fbterms=5,weight=3"));
      CrossValidation.Report r =
          CrossValidation.run(
              collections,
              List.of(rm3),
              new RetrievalEvaluation.Settings(1000, 200, 1),
              2,
              s -> {});
      CrossValidation.Row row = r.rows().get(0);
      assertEquals(List.of("toy", "pears"), r.collections());
      for (CrossValidation.Fold f : row.folds()) {
        String other = f.collection().equals("toy") ? "pears" : "toy";
        String best =
            row.grid().entrySet().stream()
                .max((x, y) -> Double.compare(x.getValue().get(other), y.getValue().get(other)))
                .orElseThrow()
                .getKey();
        assertEquals(best, f.chosen(), "fold " + f.collection());
        assertEquals(row.grid().get(f.chosen()).get(f.collection()), f.test().ap(), 1e-12);
      }
      String table = r.table();
      assertTrue(table.contains("toy") && table.contains("pears") && table.contains("mean"), table);
      assertTrue(r.gridTable().contains("weight=3"), r.gridTable());
      assertThrows(
          LexicaException.class,
          () ->
              CrossValidation.run(
                  collections.subList(0, 1),
                  List.of(rm3),
                  RetrievalEvaluation.Settings.defaults(),
                  1,
                  s -> {}));
    }
  }
}
