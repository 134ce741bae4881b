package io.lexica.eval.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.LexicaException;
import io.lexica.docs.EmbeddingMethod;
import io.lexica.docs.Fusion;
import io.lexica.expand.AddedTerm;
import io.lexica.expand.FakeEmbeddings;
import io.lexica.phrases.PhraseList;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.junit.jupiter.api.Test;

/** The fusions of a system with the collection's document vectors. */
class ExpansionSystemTest {
  /**
   * The toy collection of {@link RetrievalEvaluationTest} and one document about apples that never
   * says "apple": BM25 cannot find it for the query "apple", its vector is the nearest to the
   * query's.
   */
  private static TestCollection orchard() {
    TestCollection toy = RetrievalEvaluationTest.collection();
    List<TestCollection.Doc> docs = new ArrayList<>(toy.docs());
    docs.add(new TestCollection.Doc("o1", "", "orchard fruit harvest"));
    return new TestCollection("orchard", docs, toy.queries(), toy.qrels());
  }

  private static final FakeEmbeddings MODEL =
      new FakeEmbeddings(3)
          .put("apple", 1, 0, 0)
          .put("orchard", 0.95f, 0.3f, 0)
          .put("fruit", 0.9f, 0.1f, 0.3f)
          .put("cider", 0, 1, 0)
          .put("vinegar", 0, 0.9f, 0.4f);

  @Test
  void aFusedRunWithoutExpansionIsTheHybridRun() throws IOException {
    TestCollection c = orchard();
    try (CollectionIndex index =
        new CollectionIndex(c.docs(), new WhitespaceAnalyzer(), 0.9f, 0.4f)) {
      ExpansionSystem.Models models = models(c, index);
      ExpansionSystem hybrid =
          ExpansionSystem.parse(
              "hybrid", "model=none,fbdocs=0,localdocs=0,fusion=weighted:0.7", models);
      assertTrue(hybrid.expanders().isEmpty());
      Map<String, List<Run.Hit>> bm25 = RetrievalEvaluation.run(c, index, null, 1000);
      Map<String, List<Run.Hit>> expected =
          DocumentVectorRuns.runs(
                  c,
                  index,
                  MODEL,
                  List.of(EmbeddingMethod.MEAN),
                  bm25,
                  Fusion.parse("weighted:0.7"),
                  1000)
              .get("hybrid-mean");
      assertEquals(expected, RetrievalEvaluation.run(c, index, hybrid, 1000));
      // the vectors find o1, which BM25 cannot
      assertTrue(bm25.get("1").stream().noneMatch(h -> h.docId().equals("o1")));
      assertTrue(expected.get("1").stream().anyMatch(h -> h.docId().equals("o1")));
      // "none" is no fusion: the run is BM25's
      ExpansionSystem plain =
          ExpansionSystem.parse("bm25", "model=none,fbdocs=0,localdocs=0,fusion=none", models);
      assertEquals(bm25, RetrievalEvaluation.run(c, index, plain, 1000));
    }
  }

  @Test
  void proximityAloneIsASystemThatReranksBm25() throws IOException {
    TestCollection c = orchard();
    try (CollectionIndex index =
        new CollectionIndex(c.docs(), new WhitespaceAnalyzer(), 0.9f, 0.4f)) {
      ExpansionSystem.Models models = models(c, index);
      String none = "model=none,fbdocs=0,localdocs=0";
      assertTrue(ExpansionSystem.parse("bm25", none, models).expanders().isEmpty());
      ExpansionSystem sdm =
          ExpansionSystem.parse("sdm", none + ",sdmordered=0.1,sdmunordered=0.05", models);
      assertEquals(1, sdm.expanders().size());
      // "cider vinegar" in that order in a1, a2, a3 and c1: their pairs match, no term is added
      String text = "cider vinegar";
      ExpansionSystem.Result r =
          sdm.expand(index, text, CollectionIndex.disjunction(index.bagOfWords(text)), 1000);
      assertTrue(r.added().isEmpty());
      assertTrue(r.query().toString().contains("\"cider vinegar\"~1"), r.query().toString());
      assertTrue(r.query().toString().contains("\"cider vinegar\"~8"), r.query().toString());
    }
  }

  @Test
  void aFusedFirstPassReadsFeedbackFromTheDocumentsTheFusionRanksFirst() throws IOException {
    TestCollection c = orchard();
    try (CollectionIndex index =
        new CollectionIndex(c.docs(), new WhitespaceAnalyzer(), 0.9f, 0.4f)) {
      ExpansionSystem.Models models = models(c, index);
      String rm3 = "model=none,localdocs=0,fbreweight=0,fbdocs=1,fbterms=3,weight=1";
      // BM25's best document for "apple" is a1 (apple twice, then ties by term); the vectors' o1
      assertEquals(Set.of("apple", "cider", "recipe"), added(index, rm3, models, "apple"));
      assertEquals(
          Set.of("orchard", "fruit", "harvest"),
          added(index, rm3 + ",fbfusion=weighted:0", models, "apple"));
      // all of the first pass's say to BM25 (its scores over the best: the same relevance model)
      assertEquals(
          added(index, rm3, models, "apple"),
          added(index, rm3 + ",fbfusion=weighted:1", models, "apple"));
    }
  }

  @Test
  void fusionsNeedDocumentVectorsAndAFirstPass() throws IOException {
    TestCollection c = orchard();
    try (CollectionIndex index =
        new CollectionIndex(c.docs(), new WhitespaceAnalyzer(), 0.9f, 0.4f)) {
      ExpansionSystem.Models without = new ExpansionSystem.Models(MODEL, null);
      LexicaException e =
          assertThrows(
              LexicaException.class,
              () -> ExpansionSystem.parse("x", "fbdocs=0,fusion=weighted:0.8", without));
      assertTrue(e.getMessage().contains("document vectors"), e.getMessage());
      e =
          assertThrows(
              LexicaException.class,
              () -> ExpansionSystem.parse("x", "fbdocs=0,fbfusion=rrf", models(c, index)));
      assertTrue(e.getMessage().contains("no first pass"), e.getMessage());
      e =
          assertThrows(
              LexicaException.class,
              () -> ExpansionSystem.parse("x", "fusion=weighted:2", models(c, index)));
      assertTrue(e.getMessage().contains("unknown fusion 'weighted:2'"), e.getMessage());
      assertNotEquals(
          null, ExpansionSystem.parse("x", "fbfusion=rrf", models(c, index)).firstPass());
    }
  }

  @Test
  void everyGridPointOfTheFusedMethodsIsASystem() throws IOException {
    TestCollection c = orchard();
    try (CollectionIndex index =
        new CollectionIndex(c.docs(), new WhitespaceAnalyzer(), 0.9f, 0.4f)) {
      List<String> names = List.of("hybrid", "rm3+hybrid", "prf-emb+centroid+hybrid");
      List<CrossValidation.Method> methods = ExpansionMethods.named(names, false);
      assertEquals(names, methods.stream().map(CrossValidation.Method::name).toList());
      assertEquals(ExpansionMethods.fused(), methods);
      for (CrossValidation.Method m : methods) {
        for (String spec : m.grid()) {
          ExpansionSystem s = ExpansionSystem.parse(m.name(), spec, models(c, index));
          assertEquals(spec.contains(",fusion=weighted"), s.fusion() != null, spec);
          assertEquals(spec.contains("fbfusion=weighted"), s.firstPass() != null, spec);
        }
      }
    }
  }

  @Test
  void keepTopKeepsTheUnexpandedRunsTopDocumentsAboveTheExpandedRanking() throws IOException {
    TestCollection c = orchard();
    try (CollectionIndex index =
        new CollectionIndex(c.docs(), new WhitespaceAnalyzer(), 0.9f, 0.4f)) {
      ExpansionSystem.Models models = models(c, index);
      String rm3 = "model=none,localdocs=0,fbreweight=0,fbdocs=3,fbterms=10,weight=4";
      Map<String, List<Run.Hit>> bm25 = RetrievalEvaluation.run(c, index, null, 1000);
      Map<String, List<Run.Hit>> expanded =
          RetrievalEvaluation.run(c, index, ExpansionSystem.parse("x", rm3, models), 1000);
      assertEquals(
          expanded,
          RetrievalEvaluation.run(
              c, index, ExpansionSystem.parse("x", rm3 + ",keeptop=0", models), 1000));
      for (int keep = 1; keep <= 2; keep++) {
        Map<String, List<Run.Hit>> kept =
            RetrievalEvaluation.run(
                c, index, ExpansionSystem.parse("x", rm3 + ",keeptop=" + keep, models), 1000);
        assertEquals(expanded.keySet(), kept.keySet());
        for (String q : expanded.keySet()) {
          List<String> top = ids(bm25.get(q)).stream().limit(keep).toList();
          List<String> rest = ids(expanded.get(q)).stream().filter(d -> !top.contains(d)).toList();
          List<String> got = ids(kept.get(q));
          // BM25's top documents first, in BM25's order, then the expanded ranking without them
          assertEquals(top, got.subList(0, top.size()), q);
          assertEquals(
              rest.subList(0, got.size() - top.size()), got.subList(top.size(), got.size()));
          assertEquals(expanded.get(q).size(), got.size());
          // the run's scores say the same order (trec_eval sorts by score)
          for (int i = 1; i < got.size(); i++) {
            assertTrue(kept.get(q).get(i - 1).score() >= kept.get(q).get(i).score(), q);
          }
        }
      }
      // where the expansion reorders the top: the kept documents go back up, the rest follows
      List<Run.Hit> reordered =
          List.of(
              new Run.Hit("y", 9), new Run.Hit("z", 8), new Run.Hit("x", 7), new Run.Hit("w", 6));
      List<Run.Hit> top = List.of(new Run.Hit("x", 3), new Run.Hit("y", 2));
      List<Run.Hit> got = ExpansionSystem.keepingTop(top, reordered);
      assertEquals(List.of("x", "y", "z", "w"), ids(got));
      assertEquals(List.of(11f, 10f, 8f, 6f), got.stream().map(Run.Hit::score).toList());
      for (String bad : new String[] {"keeptop=-1", "keeptop=two"}) {
        LexicaException e =
            assertThrows(
                LexicaException.class, () -> ExpansionSystem.parse("x", rm3 + "," + bad, models));
        assertTrue(e.getMessage().contains("keep"), e.getMessage());
      }
    }
  }

  private static List<String> ids(List<Run.Hit> hits) {
    return hits.stream().map(Run.Hit::docId).toList();
  }

  private static ExpansionSystem.Models models(TestCollection c, CollectionIndex index) {
    return new ExpansionSystem.Models(
        MODEL, null, PhraseList.EMPTY, CollectionVectors.of(c, index, MODEL, EmbeddingMethod.MEAN));
  }

  /** The terms the system named by {@code settings} adds to {@code text}. */
  private static Set<String> added(
      CollectionIndex index, String settings, ExpansionSystem.Models models, String text) {
    ExpansionSystem s = ExpansionSystem.parse("s", settings, models);
    return s
        .expand(index, text, CollectionIndex.disjunction(index.bagOfWords(text)), 1000)
        .added()
        .stream()
        .map(AddedTerm::term)
        .collect(Collectors.toSet());
  }
}
