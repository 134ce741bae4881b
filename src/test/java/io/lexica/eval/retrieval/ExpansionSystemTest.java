package io.lexica.eval.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.LexicaException;
import io.lexica.docs.EmbeddingMethod;
import io.lexica.docs.Fusion;
import io.lexica.docs.RankingEnsemble;
import io.lexica.expand.AddedTerm;
import io.lexica.expand.FakeEmbeddings;
import io.lexica.phrases.PhraseList;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
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
      for (CrossValidation.Method m : ExpansionMethods.ensembles()) {
        assertEquals(List.of(m), ExpansionMethods.named(List.of(m.name()), false));
        for (String spec : m.grid()) {
          ExpansionSystem s = ExpansionSystem.parse(m.name(), spec, models(c, index));
          boolean weighs =
              spec.contains("ensemble=") && !spec.matches(".*ensbm25=0,ensrm3=0,ensknn=0(,.*)?");
          assertEquals(weighs, s.ensemble() != null, spec);
          assertEquals(spec.contains("fbbags=") && !spec.endsWith("fbbags=0"), s.bags() > 1, spec);
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
      List<Run.Hit> got =
          DocumentVectorRuns.toRun(
              RankingEnsemble.keepingTop(
                  DocumentVectorRuns.hits(top), DocumentVectorRuns.hits(reordered)));
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

  @Test
  void anEnsembleFusesTheRunsReciprocalRanksWithTheirWeights() throws IOException {
    TestCollection c = orchard();
    try (CollectionIndex index =
        new CollectionIndex(c.docs(), new WhitespaceAnalyzer(), 0.9f, 0.4f)) {
      ExpansionSystem.Models models = models(c, index);
      String emb = "localdocs=0,mode=centroid,k=2,fbdocs=2,fbterms=5,fbshare=0.5,weight=1";
      String rm3 = "model=none,localdocs=0,fbreweight=0,fbdocs=2,fbterms=5,weight=1";
      Map<String, List<Run.Hit>> own =
          RetrievalEvaluation.run(c, index, ExpansionSystem.parse("x", emb, models), 1000);
      Map<String, List<Run.Hit>> bm25 = RetrievalEvaluation.run(c, index, null, 1000);
      Map<String, List<Run.Hit>> feedback =
          RetrievalEvaluation.run(c, index, ExpansionSystem.parse("r", rm3, models), 1000);
      ExpansionSystem ensemble =
          ExpansionSystem.parse(
              "x", emb + ",ensemble=rrf:10,ensbm25=0.5,ensrm3=2,ensknn=0.25", models);
      Map<String, List<Run.Hit>> got = RetrievalEvaluation.run(c, index, ensemble, 1000);
      assertEquals(own.keySet(), got.keySet());
      boolean reordered = false;
      for (String q : own.keySet()) {
        // the fused score of each document, reckoned here from the four runs' ranks
        Map<String, Double> expected = new java.util.HashMap<>();
        rrf(expected, own.get(q), 1);
        rrf(expected, bm25.get(q), 0.5);
        rrf(expected, feedback.get(q), 2);
        List<Run.Hit> knn =
            DocumentVectorRuns.toRun(
                models.vectors().nearest(index.tokens(c.queries().get(q)), 1000));
        rrf(expected, knn, 0.25);
        assertEquals(expected.size(), got.get(q).size(), q);
        for (int i = 0; i < got.get(q).size(); i++) {
          Run.Hit h = got.get(q).get(i);
          assertEquals(expected.get(h.docId()), h.score(), 1e-6, q + " " + h.docId());
          if (i > 0) {
            assertTrue(got.get(q).get(i - 1).score() >= h.score(), q);
          }
        }
        reordered |= !ids(got.get(q)).equals(ids(own.get(q)));
      }
      assertTrue(reordered, "the other runs change some ranking");
    }
  }

  /** Adds {@code weight / (10 + rank)} to each hit's expected score. */
  private static void rrf(Map<String, Double> scores, List<Run.Hit> hits, double weight) {
    for (int r = 0; r < hits.size(); r++) {
      scores.merge(hits.get(r).docId(), weight / (10 + r + 1), Double::sum);
    }
  }

  @Test
  void anEnsembleWithoutOtherRunsIsTheSystemsOwnRunAndBadKeysAreRefused() throws IOException {
    TestCollection c = orchard();
    try (CollectionIndex index =
        new CollectionIndex(c.docs(), new WhitespaceAnalyzer(), 0.9f, 0.4f)) {
      ExpansionSystem.Models models = models(c, index);
      String emb = "localdocs=0,mode=centroid,k=2,fbdocs=2,fbterms=5,fbshare=0.5,weight=1";
      Map<String, List<Run.Hit>> own =
          RetrievalEvaluation.run(c, index, ExpansionSystem.parse("x", emb, models), 1000);
      for (String off :
          List.of(
              ",ensemble=none,ensrm3=1,ensknn=1",
              ",ensemble=rrf:10",
              ",ensemble=sum,ensbm25=0,ensrm3=0,ensknn=0")) {
        ExpansionSystem s = ExpansionSystem.parse("x", emb + off, models);
        assertEquals(null, s.ensemble(), off);
        assertEquals(own, RetrievalEvaluation.run(c, index, s, 1000), off);
      }
      // a run fused with itself alone by score is its own ranking, its scores over the best
      ExpansionSystem self =
          ExpansionSystem.parse(
              "x", "model=none,fbdocs=0,localdocs=0,ensemble=sum,ensbm25=1", models);
      Map<String, List<Run.Hit>> bm25 = RetrievalEvaluation.run(c, index, null, 1000);
      Map<String, List<Run.Hit>> doubled = RetrievalEvaluation.run(c, index, self, 1000);
      for (String q : bm25.keySet()) {
        assertEquals(ids(bm25.get(q)), ids(doubled.get(q)), q);
        assertEquals(2, doubled.get(q).get(0).score(), 1e-6, q);
      }
      Map<String, String> bad =
          Map.of(
              ",ensrm3=0.5", "without saying how to fuse",
              ",ensemble=weighted:0.5,ensrm3=1", "bad value for ensemble",
              ",ensemble=rrf:0,ensrm3=1", "bad value for ensemble",
              ",ensemble=sum,ensbm25=-1", "bad value for ensbm25",
              ",ensemble=sum,ensknn=x", "bad value for ensknn",
              ",fbdocs=0,ensemble=sum,ensrm3=1", "no feedback documents");
      bad.forEach(
          (settings, message) -> {
            LexicaException e =
                assertThrows(
                    LexicaException.class,
                    () -> ExpansionSystem.parse("x", emb + settings, models),
                    settings);
            assertTrue(e.getMessage().contains(message), e.getMessage());
          });
      LexicaException e =
          assertThrows(
              LexicaException.class,
              () ->
                  ExpansionSystem.parse(
                      "x",
                      emb + ",ensemble=sum,ensknn=1",
                      new ExpansionSystem.Models(MODEL, null)));
      assertTrue(e.getMessage().contains("document vectors"), e.getMessage());
    }
  }

  @Test
  void baggedFeedbackAveragesTheSamplesExpansions() throws IOException {
    TestCollection c = orchard();
    try (CollectionIndex index =
        new CollectionIndex(c.docs(), new WhitespaceAnalyzer(), 0.9f, 0.4f)) {
      ExpansionSystem.Models models = models(c, index);
      String emb = "localdocs=0,mode=centroid,k=2,fbterms=5,fbshare=0.5,weight=1";
      Query apple = CollectionIndex.disjunction(index.bagOfWords("apple"));
      // one feedback document: every sample is that document, so the mean is the expansion itself
      String one = emb + ",fbdocs=1";
      Map<String, Float> plain = weights(ExpansionSystem.parse("x", one, models), index, apple);
      assertEquals(
          plain, weights(ExpansionSystem.parse("x", one + ",fbbags=7", models), index, apple));
      // and its query (the query and each term beside it) ranks as the expanded query does
      Map<String, List<Run.Hit>> single =
          RetrievalEvaluation.run(c, index, ExpansionSystem.parse("x", one, models), 1000);
      Map<String, List<Run.Hit>> bags =
          RetrievalEvaluation.run(
              c, index, ExpansionSystem.parse("x", one + ",fbbags=7", models), 1000);
      assertEquals(single.keySet(), bags.keySet());
      for (String q : single.keySet()) {
        assertEquals(ids(single.get(q)), ids(bags.get(q)), q);
        for (int i = 0; i < single.get(q).size(); i++) {
          assertEquals(single.get(q).get(i).score(), bags.get(q).get(i).score(), 1e-5, q);
        }
      }
      // fbbags 0 and 1 are no bagging: the same run
      String three = emb + ",fbdocs=3";
      Map<String, List<Run.Hit>> run =
          RetrievalEvaluation.run(c, index, ExpansionSystem.parse("x", three, models), 1000);
      for (String off : List.of(",fbbags=0", ",fbbags=1")) {
        assertEquals(
            run,
            RetrievalEvaluation.run(
                c, index, ExpansionSystem.parse("x", three + off, models), 1000));
      }
      // three documents: samples differ, so some feedback term's weight moves; the same each time
      ExpansionSystem bagged = ExpansionSystem.parse("x", three + ",fbbags=5", models);
      Map<String, Float> mean = weights(bagged, index, apple);
      assertNotEquals(weights(ExpansionSystem.parse("x", three, models), index, apple), mean);
      assertEquals(mean, weights(bagged, index, apple));
      // no more feedback terms than one expansion keeps (fbterms)
      for (int terms = 1; terms <= 5; terms++) {
        String fb = emb.replace("fbterms=5", "fbterms=" + terms) + ",fbdocs=3,fbbags=5";
        assertTrue(
            feedbackTerms(ExpansionSystem.parse("x", fb, models), index, apple).size() <= terms);
      }
      for (String bad :
          List.of(",fbbags=-1", ",fbbags=many", ",fbdocs=0,fbbags=3", ",model=both,fbbags=3")) {
        LexicaException e =
            assertThrows(
                LexicaException.class, () -> ExpansionSystem.parse("x", three + bad, models), bad);
        assertTrue(
            e.getMessage().contains("fbbags")
                || e.getMessage().contains("feedback samples")
                || e.getMessage().contains("samples"),
            e.getMessage());
      }
    }
  }

  @Test
  void aBootstrapSampleDrawsAsManyDocumentsFromTheTopWithReplacementBestFirst() {
    ScoreDoc[] top = {new ScoreDoc(4, 3f), new ScoreDoc(9, 2f), new ScoreDoc(1, 1f)};
    Set<Integer> seen = new java.util.HashSet<>();
    boolean repeated = false;
    for (int seed = 0; seed < 20; seed++) {
      ScoreDoc[] sample = ExpansionSystem.bootstrap(top, new SplittableRandom(seed));
      assertEquals(3, sample.length);
      for (int i = 0; i < sample.length; i++) {
        assertTrue(List.of(top).contains(sample[i]));
        seen.add(sample[i].doc);
        if (i > 0) {
          assertTrue(sample[i - 1].score >= sample[i].score);
          repeated |= sample[i - 1] == sample[i];
        }
      }
      assertEquals(
          List.of(sample), List.of(ExpansionSystem.bootstrap(top, new SplittableRandom(seed))));
    }
    assertEquals(Set.of(4, 9, 1), seen);
    assertTrue(repeated, "drawn with replacement");
  }

  /** The feedback terms {@code system} adds to {@code query} (text "apple"). */
  private static List<AddedTerm> feedbackTerms(
      ExpansionSystem system, CollectionIndex index, Query query) {
    return system.expand(index, "apple", query, 1000).added().stream()
        .filter(a -> a.source().equals(io.lexica.expand.QueryExpander.FEEDBACK))
        .toList();
  }

  /** The terms {@code system} adds to {@code query} (text "apple") and their weights. */
  private static Map<String, Float> weights(
      ExpansionSystem system, CollectionIndex index, Query query) {
    Map<String, Float> out = new java.util.TreeMap<>();
    for (AddedTerm a : system.expand(index, "apple", query, 1000).added()) {
      out.put(a.term(), a.weight());
    }
    assertTrue(!out.isEmpty());
    return out;
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
