package io.lexica.expand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.LexicaException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

class FeedbackExpansionTest {
  private static final String F = "body";

  /** An in-memory index of {@code docs}, with or without term vectors (with positions). */
  private static DirectoryReader index(
      ByteBuffersDirectory dir, Analyzer analyzer, boolean termVectors, List<String> docs)
      throws IOException {
    return index(dir, analyzer, termVectors, false, docs);
  }

  private static DirectoryReader index(
      ByteBuffersDirectory dir,
      Analyzer analyzer,
      boolean termVectors,
      boolean stored,
      List<String> docs)
      throws IOException {
    FieldType type = new FieldType(stored ? TextField.TYPE_STORED : TextField.TYPE_NOT_STORED);
    type.setStoreTermVectors(termVectors);
    type.setStoreTermVectorPositions(termVectors);
    type.freeze();
    try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
      for (int i = 0; i < docs.size(); i++) {
        Document d = new Document();
        d.add(new StringField("id", "d" + i, Field.Store.YES));
        d.add(new Field(F, docs.get(i), type));
        w.addDocument(d);
      }
    }
    return DirectoryReader.open(dir);
  }

  /** Two apple documents, a cider one, and filler so that they are under 10% of the documents. */
  private static List<String> orchard() {
    List<String> docs = new ArrayList<>();
    docs.add("apple cider cider vinegar");
    docs.add("apple cider");
    docs.add("cider press");
    for (int i = 0; i < 30; i++) {
      docs.add("filler" + i + " text");
    }
    return docs;
  }

  @Test
  void relevanceModelIsAnserinis() throws IOException {
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
        DirectoryReader reader = index(dir, new WhitespaceAnalyzer(), true, orchard())) {
      IndexSearcher searcher = new IndexSearcher(reader);
      ScoreDoc[] top = searcher.search(new TermQuery(new Term(F, "apple")), 10).scoreDocs;
      assertEquals(2, top.length);
      double s0 = score(top, 0);
      double s1 = score(top, 1);
      Map<String, Double> rm =
          RelevanceModel.estimate(top, 10, 10, FeedbackDocuments.termVectors(reader, F), reader, F);
      // d0: apple 1/4, cider 2/4, vinegar 1/4; d1: apple 1/2, cider 1/2; each times its score
      double apple = s0 / 4 + s1 / 2;
      double cider = s0 / 2 + s1 / 2;
      double vinegar = s0 / 4;
      double sum = apple + cider + vinegar;
      assertEquals(List.of("cider", "apple", "vinegar"), new ArrayList<>(rm.keySet()));
      assertEquals(cider / sum, rm.get("cider"), 1e-9);
      assertEquals(apple / sum, rm.get("apple"), 1e-9);
      assertEquals(vinegar / sum, rm.get("vinegar"), 1e-9);
      // "text" is in 30 of 33 documents (over 10%): never a feedback term, even when retrieved
      ScoreDoc[] filler = searcher.search(new TermQuery(new Term(F, "filler3")), 10).scoreDocs;
      Map<String, Double> fm =
          RelevanceModel.estimate(
              filler, 10, 10, FeedbackDocuments.termVectors(reader, F), reader, F);
      assertEquals(List.of("filler3"), new ArrayList<>(fm.keySet()));
    }
  }

  /** The score of the hit on the document with id d{i}. */
  private static double score(ScoreDoc[] top, int doc) {
    return Arrays.stream(top).filter(s -> s.doc == doc).findFirst().orElseThrow().score;
  }

  @Test
  void rm3InterpolatesTheRelevanceModelWithTheQuery() throws IOException {
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
        DirectoryReader reader = index(dir, new WhitespaceAnalyzer(), true, orchard())) {
      IndexSearcher searcher = new IndexSearcher(reader);
      TargetIndex target = TargetIndex.of(searcher);
      QueryExpander rm3 =
          QueryExpander.builder()
              .settings(set -> set.feedback(10, 10).feedbackReweight(0).weight(1))
              .build();
      assertTrue(rm3.needsFirstPass());
      Query q = new TermQuery(new Term(F, "apple"));
      Expansion e = rm3.expand(q, target);
      // original weight 0.5 = weight 1: the feedback terms share the query's mass, 1
      assertEquals(1.0, e.added().stream().mapToDouble(AddedTerm::weight).sum(), 1e-5);
      assertEquals("cider", e.added().get(0).term());
      assertEquals(QueryExpander.FEEDBACK, e.added().get(0).source());
      // "apple" is re-weighted (RM3 keeps query terms in the model) and "cider press" is found
      assertTrue(e.added().stream().anyMatch(a -> a.term().equals("apple")));
      assertEquals(2, searcher.count(q));
      assertEquals(3, searcher.count(e.expanded()));
      // without a searcher there is no first pass
      LexicaException ex =
          assertThrows(LexicaException.class, () -> rm3.expand(q, TargetIndex.of(reader)));
      assertTrue(ex.getMessage().contains("feedback"), ex.getMessage());
    }
  }

  @Test
  void reweightingByEmbeddingSimilarityDemotesUnrelatedFeedbackTerms() throws IOException {
    FakeEmbeddings model =
        new FakeEmbeddings(2).put("apple", 1, 0).put("cider", 0.8f, 0.6f).put("vinegar", 0, 1);
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
        DirectoryReader reader = index(dir, new WhitespaceAnalyzer(), true, orchard())) {
      TargetIndex target = TargetIndex.of(new IndexSearcher(reader));
      Query q = new TermQuery(new Term(F, "apple"));
      QueryExpander plain =
          QueryExpander.builder(model)
              .settings(set -> set.feedback(10, 10).feedbackShare(1).feedbackReweight(0).weight(1))
              .build();
      Map<String, Float> before = weights(plain.expand(q, target));
      Map<String, Float> after =
          weights(
              plain.toBuilder().settings(set -> set.feedbackReweight(1)).build().expand(q, target));
      assertTrue(before.containsKey("vinegar"));
      // vinegar is orthogonal to apple: weight 0; the mass goes to apple and cider, by cosine
      assertTrue(!after.containsKey("vinegar"), after.toString());
      assertEquals(1.0, after.values().stream().mapToDouble(Float::doubleValue).sum(), 1e-5);
      assertTrue(after.get("cider") > before.get("cider"));
    }
  }

  @Test
  void partsShareTheExpansionMassByTheirShares() throws IOException {
    FakeEmbeddings model =
        new FakeEmbeddings(2).put("apple", 1, 0).put("press", 0.9f, 0.44f).put("vinegar", 0.1f, 1f);
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
        DirectoryReader reader = index(dir, new WhitespaceAnalyzer(), true, orchard())) {
      TargetIndex target = TargetIndex.of(new IndexSearcher(reader));
      QueryExpander x =
          QueryExpander.builder(model)
              .settings(
                  set ->
                      set.mode(QueryExpander.Mode.CENTROID)
                          .k(1)
                          .minSimilarity(0.5f)
                          .feedback(10, 10)
                          .feedbackShare(0.25f)
                          .weight(2))
              .build();
      Expansion e = x.expand(new TermQuery(new Term(F, "apple")), target);
      double model0 = 0;
      double feedback = 0;
      for (AddedTerm a : e.added()) {
        if (a.source().equals(QueryExpander.FEEDBACK)) {
          feedback += a.weight();
        } else {
          model0 += a.weight();
        }
      }
      // weight 2 x mass 1: the feedback gets a quarter, the model's neighbour ("press") the rest
      assertEquals(0.5, feedback, 1e-5);
      assertEquals(1.5, model0, 1e-5);
    }
  }

  @Test
  void adaptiveWeightScalesEachQuerysExpansionByItsFirstPass() throws IOException {
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
        DirectoryReader reader = index(dir, new WhitespaceAnalyzer(), true, orchard())) {
      IndexSearcher searcher = new IndexSearcher(reader);
      TargetIndex target = TargetIndex.of(searcher);
      QueryExpander fixed =
          QueryExpander.builder()
              .settings(set -> set.feedback(10, 10).feedbackReweight(0).weight(1))
              .build();
      // "apple": two documents of different lengths, so different scores; "press": one document
      Query apple = new TermQuery(new Term(F, "apple"));
      ScoreDoc[] top = searcher.search(apple, 10).scoreDocs;
      assertEquals(2, top.length);
      double r = (top[0].score + top[1].score) / 2 / top[0].score;
      assertTrue(r < 1, "the two apple documents score alike: " + r);
      Map<String, Float> before = weights(fixed.expand(apple, target));
      for (float beta : new float[] {1, 2, -1}) {
        QueryExpander adaptive =
            fixed.toBuilder().settings(set -> set.adaptiveWeight(beta)).build();
        Map<String, Float> after = weights(adaptive.expand(apple, target));
        assertEquals(before.keySet(), after.keySet());
        // every added term, and so the whole expansion, is scaled by r^beta
        before.forEach(
            (t, w) -> assertEquals(w * Math.pow(r, beta), after.get(t), 1e-5, t + " at " + beta));
        // a first pass of one document has r = 1: its expansion keeps the full weight
        Query press = new TermQuery(new Term(F, "press"));
        assertEquals(weights(fixed.expand(press, target)), weights(adaptive.expand(press, target)));
      }
      assertThrows(
          LexicaException.class,
          () -> fixed.toBuilder().settings(set -> set.adaptiveWeight(Float.NaN)));
      assertTrue(
          QueryExpander.of(fixed.embeddings(), fixed.settings().with("adapt=1.5"))
              .toString()
              .contains("adaptiveWeight=1.5"));
    }
  }

  @Test
  void crossLingualFeedbackRunsOnTheTranslation() throws IOException {
    // German "apfel" beside the English words; "press" points away from it
    FakeEmbeddings bilingual =
        new FakeEmbeddings(2)
            .put("apfel", 1, 0.05f)
            .put("apple", 1, 0)
            .put("cider", 0.8f, 0.6f)
            .put("vinegar", 0.6f, 0.8f)
            .put("press", -0.1f, 1);
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
        DirectoryReader reader = index(dir, new WhitespaceAnalyzer(), true, orchard())) {
      IndexSearcher searcher = new IndexSearcher(reader);
      // the defaults (centroid and feedback), across languages
      QueryExpander x =
          QueryExpander.builder(bilingual)
              .settings(set -> set.k(2).weight(2))
              .crossLingual(true)
              .build();
      assertTrue(x.needsFirstPass());
      Expansion e = x.expand("apfel", F, new WhitespaceAnalyzer(), TargetIndex.of(searcher));
      Map<String, Float> translation = new HashMap<>();
      Map<String, Float> feedback = new HashMap<>();
      for (AddedTerm a : e.added()) {
        (a.source().equals(QueryExpander.FEEDBACK) ? feedback : translation)
            .put(a.term(), a.weight());
      }
      // the translation: apfel's nearest English words (apfel is no index term), weighing 1
      assertEquals(Set.of("apple", "cider"), translation.keySet(), e.explain());
      assertEquals(1.0, translation.values().stream().mapToDouble(Float::doubleValue).sum(), 1e-5);
      // feedback from the translation's first pass, re-weighted in the shared space: "press" points
      // away from the query and is dropped; it has the whole expansion, 2 x the translation's 1
      assertTrue(feedback.containsKey("vinegar"), e.explain());
      assertTrue(!feedback.containsKey("press"), e.explain());
      assertEquals(2.0, feedback.values().stream().mapToDouble(Float::doubleValue).sum(), 1e-5);
      // the query as parsed is not kept, and finds nothing; the translation finds the three
      Set<Term> terms = new HashSet<>();
      e.expanded().visit(QueryVisitor.termCollector(terms));
      assertTrue(!terms.contains(new Term(F, "apfel")), terms.toString());
      assertEquals(0, searcher.count(e.original()));
      assertEquals(3, searcher.count(e.expanded()));
    }
  }

  @Test
  void termVectorsTheForwardIndexAndReanalysisGiveTheSameDocuments() throws IOException {
    List<String> docs =
        List.of(
            "The parser of a grammar reads the tokens",
            "Tokens and tokens: a lexer of the language",
            "",
            "grammar grammar");
    Analyzer english = new EnglishAnalyzer();
    try (ByteBuffersDirectory tvDir = new ByteBuffersDirectory();
        ByteBuffersDirectory plainDir = new ByteBuffersDirectory();
        DirectoryReader tv = index(tvDir, english, true, docs);
        DirectoryReader plain = index(plainDir, english, false, true, docs)) {
      FeedbackDocuments fromVectors = TargetIndex.of(new IndexSearcher(tv)).documents(F);
      FeedbackDocuments fromPostings = TargetIndex.of(new IndexSearcher(plain)).documents(F);
      FeedbackDocuments fromText = TargetIndex.of(new IndexSearcher(plain), english).documents(F);
      assertTrue(fromVectors.ordered() && fromPostings.ordered() && fromText.ordered());
      for (int d = 0; d < docs.size(); d++) {
        assertEquals(fromVectors.terms(d), fromPostings.terms(d), "document " + d);
        assertEquals(fromVectors.terms(d), fromText.terms(d), "document " + d);
      }
      // stop words leave gaps; stems are the index's terms
      assertEquals(
          Arrays.asList(null, "parser", null, null, "grammar", "read", null, "token"),
          fromPostings.terms(0));
      assertEquals(List.of(), fromPostings.terms(2));
    }
  }

  /**
   * Planted contexts: in the documents that rank first for "bank", it occurs among river words, and
   * money words come later in the same documents, out of the window's reach; a model trained on the
   * drawn documents puts the river words nearest "bank".
   */
  @Test
  void queryLocalModelLearnsTheWordsOfTheTopDocuments() throws IOException {
    List<String> docs = new ArrayList<>();
    String[] river = {"river", "water", "shore", "fish"};
    String[] money = {"loan", "credit", "cash", "account"};
    java.util.Random random = new java.util.Random(3);
    for (int i = 0; i < 40; i++) {
      StringBuilder sb = new StringBuilder("bank");
      for (int j = 0; j < 12; j++) {
        sb.append(' ').append(river[random.nextInt(river.length)]);
        if (j % 3 == 2) {
          sb.append(" bank");
        }
      }
      sb.append(" pad pad pad pad pad pad pad pad");
      for (int j = 0; j < 12; j++) {
        sb.append(' ').append(money[random.nextInt(money.length)]);
      }
      docs.add(sb.toString());
    }
    for (int i = 0; i < 200; i++) {
      docs.add("filler" + i + " text");
    }
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
        DirectoryReader reader = index(dir, new WhitespaceAnalyzer(), true, docs)) {
      TargetIndex target = TargetIndex.of(new IndexSearcher(reader));
      QueryExpander local =
          QueryExpander.builder()
              .settings(
                  set ->
                      set.localDocs(60)
                          .localFrom(20)
                          .localTemperature(1)
                          .localDimension(16)
                          .localEpochs(5)
                          .mode(QueryExpander.Mode.CENTROID)
                          .k(3)
                          .minSimilarity(0)
                          .weight(1))
              .build();
      Query q = new TermQuery(new Term(F, "bank"));
      Expansion e = local.expand(q, target);
      assertEquals(3, e.added().size());
      for (AddedTerm a : e.added()) {
        assertTrue(List.of(river).contains(a.term()), e.explain());
        assertEquals(QueryExpander.LOCAL + AddedTerm.CENTROID, a.source());
      }
      // seeded: the same query gets the same model and terms
      assertEquals(e.added(), local.expand(q, target).added());
    }
  }

  @Test
  void settingsAreCheckedAndReadFromText() {
    assertThrows(
        LexicaException.class,
        () -> QueryExpander.builder().settings(set -> set.feedbackDocs(0)).build());
    assertThrows(
        LexicaException.class, () -> QueryExpander.builder().settings(set -> set.feedbackDocs(-1)));
    assertThrows(
        LexicaException.class,
        () -> QueryExpander.builder().settings(set -> set.feedbackShare(1.5f)));
    assertThrows(
        LexicaException.class,
        () -> QueryExpander.builder().settings(set -> set.localDimension(0)));
    assertThrows(
        LexicaException.class,
        () -> QueryExpander.builder().settings(set -> set.localTemperature(0)));
    QueryExpander x =
        QueryExpander.of(
            null,
            ExpansionSettings.parse(
                "fbdocs=5,fbterms=20,fbshare=0.3,fbreweight=2,localdocs=50,localfrom=30,"
                    + "localdim=24,localepochs=3,locallr=0.05,localwindow=4,localmincount=1,localtemp=0.5,"
                    + "localseed=7,localshare=0.2,weight=0.7"));
    String s = x.toString();
    for (String part :
        List.of(
            "feedback=5x20",
            "feedbackShare=0.3",
            "feedbackReweight=2.0",
            "documents=50",
            "from=30",
            "dimension=24",
            "epochs=3",
            "learningRate=0.05",
            "window=4",
            "minCount=1",
            "temperature=0.5",
            "seed=7",
            "localShare=0.2",
            "weight=0.7")) {
      assertTrue(s.contains(part), part + " in " + s);
    }
    assertEquals(x.toString(), x.toBuilder().build().toString());
    LexicaException bad =
        assertThrows(LexicaException.class, () -> ExpansionSettings.parse("fbdocs=x"));
    assertTrue(bad.getMessage().contains("fbdocs"), bad.getMessage());
  }

  @Test
  void queryReweightingScalesTheQuerysTermsByTheirCosineToItsCentroid() throws IOException {
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
        DirectoryReader reader = index(dir, new WhitespaceAnalyzer(), true, orchard())) {
      TargetIndex target = TargetIndex.of(new IndexSearcher(reader));
      FakeEmbeddings model =
          new FakeEmbeddings(2).put("apple", 1, 0).put("cider", 0.8f, 0.6f).put("press", 0, 1);
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      for (String t : List.of("apple", "cider", "press", "filler0")) {
        b.add(new TermQuery(new Term(F, t)), Occur.SHOULD);
      }
      Query query = b.build();
      // nothing to add (every model word is in the query): the expansion is the re-weighting
      QueryExpander plain =
          QueryExpander.builder(model)
              .settings(set -> set.feedbackDocs(0).k(1).minSimilarity(0.999f))
              .build();
      assertEquals(query, plain.expand(query, target).expanded());
      Expansion e =
          plain.toBuilder().settings(set -> set.queryReweight(2)).build().expand(query, target);
      assertEquals(query, e.original());
      Map<String, Float> boosts = termBoosts(e.expanded());
      // the centroid of the unit vectors (1,0), (0.8,0.6), (0,1); cos^2 over the mean of the three
      double n = Math.hypot(1.8, 1.6);
      double[] cos2 = {Math.pow(1.8 / n, 2), Math.pow((0.8 * 1.8 + 0.6 * 1.6) / n, 2), 0};
      cos2[2] = Math.pow(1.6 / n, 2);
      double mean = (cos2[0] + cos2[1] + cos2[2]) / 3;
      assertEquals(cos2[0] / mean, boosts.get("apple"), 1e-5);
      assertEquals(cos2[1] / mean, boosts.get("cider"), 1e-5);
      assertEquals(cos2[2] / mean, boosts.get("press"), 1e-5);
      assertEquals(1f, boosts.get("filler0")); // unknown to the model: kept
      assertEquals(3, boosts.get("apple") + boosts.get("cider") + boosts.get("press"), 1e-5);
      LexicaException noModel =
          assertThrows(
              LexicaException.class,
              () ->
                  QueryExpander.builder()
                      .settings(set -> set.feedback(10, 10).queryReweight(1))
                      .build());
      assertTrue(noModel.getMessage().contains("re-weighting the query"), noModel.getMessage());
    }
  }

  @Test
  void feedbackSkipsDocumentsAlikeToOneItTook() throws IOException {
    List<String> docs = new ArrayList<>(List.of("apple cider vinegar", "apple cider vinegar"));
    docs.add("apple pie crust");
    for (int i = 0; i < 30; i++) {
      docs.add("filler" + i + " text");
    }
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
        DirectoryReader reader = index(dir, new WhitespaceAnalyzer(), true, docs)) {
      TargetIndex target = TargetIndex.of(new IndexSearcher(reader));
      QueryExpander rm3 =
          QueryExpander.builder()
              .settings(set -> set.feedback(2, 10).feedbackReweight(0).weight(1))
              .build();
      Query apple = new TermQuery(new Term(F, "apple"));
      // the three documents score alike: the first two, a document and its copy, are the top 2
      assertEquals(
          Set.of("apple", "cider", "vinegar"), weights(rm3.expand(apple, target)).keySet());
      QueryExpander distinct =
          rm3.toBuilder().settings(set -> set.feedbackMaxSimilarity(0.9f)).build();
      assertEquals(
          Set.of("apple", "cider", "vinegar", "pie", "crust"),
          weights(distinct.expand(apple, target)).keySet());
      assertThrows(
          LexicaException.class, () -> rm3.settings().with("fbmaxsim=0").feedbackMaxSimilarity());
    }
  }

  /**
   * Two topics: "svd" is in two documents, a short one about holograms, of which the collection has
   * twenty, and a long one about images; "matrix" is in five documents that share their other
   * words. Filler keeps every feedback term under RM3's 10 % bound.
   */
  private static List<String> driftingCollection() {
    List<String> docs = new ArrayList<>();
    docs.add("svd hologram hologram hologram");
    StringBuilder image = new StringBuilder("svd");
    for (int i = 0; i < 30; i++) {
      image.append(" image").append(i);
    }
    docs.add(image.toString());
    for (int i = 0; i < 20; i++) {
      docs.add("hologram laser");
    }
    for (int i = 0; i < 5; i++) {
      docs.add("matrix algebra rank" + (i < 2 ? " decomposition" : ""));
    }
    for (int i = 0; i < 230; i++) {
      docs.add("filler" + i + " text");
    }
    return docs;
  }

  /** The ids of the top {@link QueryExpander#GUARD_DEPTH} documents of a query. */
  private static List<Integer> top(IndexSearcher searcher, Query q) throws IOException {
    List<Integer> out = new ArrayList<>();
    for (ScoreDoc d : searcher.search(q, QueryExpander.GUARD_DEPTH).scoreDocs) {
      out.add(d.doc);
    }
    return out;
  }

  @Test
  void guardKeepsAQueryWhoseFeedbackDriftsAndExpandsTheOthers() throws IOException {
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
        DirectoryReader reader = index(dir, new WhitespaceAnalyzer(), true, driftingCollection())) {
      IndexSearcher searcher = new IndexSearcher(reader);
      TargetIndex target = TargetIndex.of(searcher);
      QueryExpander rm3 =
          QueryExpander.builder()
              .settings(set -> set.feedback(10, 10).feedbackReweight(0).weight(3))
              .build();
      QueryExpander guarded = rm3.toBuilder().settings(set -> set.guard(0.6f)).build();
      assertTrue(guarded.needsFirstPass());
      Query svd = new TermQuery(new Term(F, "svd"));
      Query matrix = new TermQuery(new Term(F, "matrix"));

      // planted: "svd"'s feedback pulls in the holograms, which push the image document (1) out of
      // the top 10; "matrix"'s keeps its five documents on top
      Expansion drifting = rm3.expand(svd, target);
      assertEquals(Set.of(0, 1), new HashSet<>(top(searcher, svd)));
      List<Integer> after = top(searcher, drifting.expanded());
      assertTrue(after.contains(0) && !after.contains(1), after.toString());
      Expansion onTopic = rm3.expand(matrix, target);
      assertTrue(top(searcher, onTopic.expanded()).containsAll(top(searcher, matrix)));
      assertNull(drifting.guard()); // no guard ran

      // the guard keeps "svd" as it was (1 of its 2 top documents left: 0.5 < 0.6) ...
      Expansion kept = guarded.expand(svd, target);
      assertEquals(new Expansion.Guard(0.5f, 0.6f), kept.guard());
      assertTrue(kept.guard().kept());
      assertEquals(svd, kept.expanded());
      assertEquals(List.of(), kept.added());
      assertTrue(kept.explain().contains("the guard kept the query"), kept.explain());
      // ... and expands "matrix" exactly as without a guard (all of its top documents stay)
      Expansion expanded = guarded.expand(matrix, target);
      assertEquals(new Expansion.Guard(1f, 0.6f), expanded.guard());
      assertEquals(onTopic.expanded(), expanded.expanded());
      assertEquals(onTopic.added(), expanded.added());
      // at a guard of 0.5 "svd" is expanded too (0.5 is not below it); deterministic
      QueryExpander half = rm3.toBuilder().settings(set -> set.guard(0.5f)).build();
      assertEquals(drifting.expanded(), half.expand(svd, target).expanded());
      assertEquals(half.expand(svd, target), half.expand(svd, target));

      // the guard needs a searcher, also without feedback; it is read from text and checked
      QueryExpander embGuarded =
          QueryExpander.of(
              new FakeEmbeddings(2).put("svd", 1, 0).put("hologram", 0.9f, 0.1f),
              ExpansionSettings.WITHOUT_FIRST_PASS.with("guard=0.3,mindf=1"));
      assertTrue(embGuarded.needsFirstPass());
      LexicaException noSearcher =
          assertThrows(LexicaException.class, () -> embGuarded.expand(svd, reader));
      assertTrue(noSearcher.getMessage().contains("guard"), noSearcher.getMessage());
      assertEquals(0.3f, embGuarded.settings().guard());
      for (String bad : new String[] {"guard=-0.1", "guard=1.5", "guard=NaN"}) {
        LexicaException e =
            assertThrows(LexicaException.class, () -> ExpansionSettings.parse(bad), bad);
        assertTrue(e.getMessage().contains("guard"), e.getMessage());
      }
    }
  }

  /** Each term's boost in a disjunction of (boosted) term queries. */
  private static Map<String, Float> termBoosts(Query q) {
    Map<String, Float> out = new HashMap<>();
    for (BooleanClause c : ((BooleanQuery) q).clauses()) {
      Query inner = c.query();
      float boost = 1;
      if (inner instanceof BoostQuery bq) {
        boost = bq.getBoost();
        inner = bq.getQuery();
      }
      out.put(((TermQuery) inner).getTerm().text(), boost);
    }
    return out;
  }

  private static Map<String, Float> weights(Expansion e) {
    Map<String, Float> out = new HashMap<>();
    e.added().forEach(a -> out.put(a.term(), a.weight()));
    assertNotNull(out);
    return out;
  }
}
