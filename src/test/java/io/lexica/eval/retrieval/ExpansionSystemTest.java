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
