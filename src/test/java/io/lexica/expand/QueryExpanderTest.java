package io.lexica.expand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.LexicaException;
import io.lexica.vectors.Embeddings;
import io.lexica.vectors.Neighbor;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QueryExpanderTest {
  private static final String F = "body";
  private final FakeEmbeddings model =
      new FakeEmbeddings(3)
          .put("car", 1, 0, 0)
          .put("automobile", 0.95f, 0.31f, 0)
          .put("vehicle", 0.8f, 0.6f, 0)
          .put("truck", 0.6f, 0.8f, 0) // not in the index
          .put("engine", 0, 1, 0)
          .put("motor", 0.1f, 0.99f, 0)
          .put("banana", 0, 0, 1)
          .put("the", 0.7f, 0.7f, 0.1f); // in every document: too frequent

  private ByteBuffersDirectory dir;
  private DirectoryReader reader;

  @BeforeEach
  void index() throws IOException {
    dir = new ByteBuffersDirectory();
    try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new WhitespaceAnalyzer()))) {
      String[] docs = {
        "the car engine",
        "the automobile",
        "the vehicle motor",
        "the banana",
        "the car",
        "the motor"
      };
      for (int i = 0; i < docs.length; i++) {
        Document d = new Document();
        d.add(new StringField("id", "d" + i, Field.Store.YES));
        d.add(new TextField(F, docs[i], Field.Store.NO));
        w.addDocument(d);
      }
    }
    reader = DirectoryReader.open(dir);
  }

  @AfterEach
  void close() throws IOException {
    reader.close();
    dir.close();
  }

  /**
   * Without a first pass, in per-term mode, which most tests look at; weight, centroid and document
   * frequency floor pinned so that the tests do not move with the cross-validated defaults.
   */
  static QueryExpander.Builder perTerm(Embeddings m) {
    return QueryExpander.withoutFirstPass(m)
        .settings(
            set ->
                set.mode(QueryExpander.Mode.PER_TERM)
                    .weight(0.1f)
                    .idfCentroid(false)
                    .docFreqBounds(1, ExpansionSettings.DEFAULT_MAX_DOC_FREQ_RATIO));
  }

  private static TermQuery tq(String t) {
    return new TermQuery(new Term(F, t));
  }

  private static float sim(FakeEmbeddings m, String a, String b) {
    return m.similarity(a, b);
  }

  @Test
  void perTermNeighboursJoinTheirTermWithWeightTimesSimilarity() {
    QueryExpander x =
        perTerm(model)
            .settings(set -> set.k(3).minSimilarity(0.7f).weight(0.5f).normalize(false))
            .build();
    Expansion e = x.expand(tq("car"), reader);
    // truck is not in the field, the too-similar "the" is in every document (df ratio 1 > 0.5).
    assertEquals(
        List.of("automobile", "vehicle"), e.added().stream().map(AddedTerm::term).toList());
    AddedTerm auto = e.added().get(0);
    assertEquals("car", auto.source());
    assertEquals(sim(model, "car", "automobile"), auto.similarity(), 1e-6);
    assertEquals(0.5f * auto.similarity(), auto.weight(), 1e-6);
    Query expected =
        new BooleanQuery.Builder()
            .add(tq("car"), Occur.SHOULD)
            .add(new BoostQuery(tq("automobile"), auto.weight()), Occur.SHOULD)
            .add(new BoostQuery(tq("vehicle"), e.added().get(1).weight()), Occur.SHOULD)
            .build();
    assertEquals(expected, e.expanded());
    assertTrue(e.explain().contains("automobile"));
  }

  @Test
  void requiredTermsStayRequiredAsDisjunctionsAndSearchFindsSynonyms() throws IOException {
    Query q =
        new BooleanQuery.Builder().add(tq("car"), Occur.MUST).add(tq("engine"), Occur.MUST).build();
    QueryExpander x = perTerm(model).settings(set -> set.k(2).minSimilarity(0.9f)).build();
    Expansion e = x.expand(q, reader);
    BooleanQuery top = (BooleanQuery) e.expanded();
    assertEquals(2, top.clauses().size());
    top.clauses().forEach(c -> assertEquals(Occur.MUST, c.occur()));
    IndexSearcher s = new IndexSearcher(reader);
    // before: only "the car engine"; after: also "the vehicle motor"? no: vehicle is 0.8 < 0.9;
    // "automobile" alone lacks an engine-like term, "the vehicle motor" lacks a car-like term.
    assertEquals(1, s.count(q));
    assertEquals(1, s.count(e.expanded()));
    // With a lower threshold vehicle joins car, and motor joins engine: doc 2 now matches both.
    Expansion wide =
        x.toBuilder().settings(set -> set.minSimilarity(0.75f)).build().expand(q, reader);
    assertEquals(2, s.count(wide.expanded()));
    Set<String> ids = new TreeSet<>();
    for (ScoreDoc sd : s.search(wide.expanded(), 10).scoreDocs) {
      ids.add(s.storedFields().document(sd.doc).get("id"));
    }
    assertEquals(Set.of("d0", "d2"), ids);
  }

  @Test
  void dropsTermsAbsentFromFieldOnlyWhenIndexGiven() {
    QueryExpander x = perTerm(model).settings(set -> set.k(4).minSimilarity(0.5f)).build();
    Set<String> withIndex = terms(x.expand(tq("car"), reader));
    Set<String> noIndex = terms(x.expand(tq("car"), (IndexReader) null));
    assertTrue(noIndex.contains("truck"));
    assertTrue(!withIndex.contains("truck"));
    // Document frequency bounds: motor occurs in 2 of 6 documents.
    QueryExpander rare = x.toBuilder().settings(set -> set.docFreqBounds(1, 0.2)).build();
    assertTrue(!terms(rare.expand(tq("engine"), reader)).contains("motor"));
    assertTrue(terms(x.expand(tq("engine"), reader)).contains("motor"));
  }

  @Test
  void capKeepsTheMostSimilarAndSkipsTermsAlreadyInQuery() {
    QueryExpander x =
        perTerm(model).settings(set -> set.k(5).minSimilarity(0f).maxTerms(2)).build();
    Query q =
        new BooleanQuery.Builder()
            .add(tq("car"), Occur.SHOULD)
            .add(tq("automobile"), Occur.SHOULD)
            .build();
    Expansion e = x.expand(q, reader);
    assertEquals(2, e.added().size());
    for (AddedTerm a : e.added()) {
      assertTrue(!a.term().equals("car") && !a.term().equals("automobile"), a.term());
    }
    // vehicle (0.95 to automobile) and motor/engine ... the two best similarities overall win
    assertEquals("vehicle", e.added().get(0).term());
  }

  @Test
  void centroidModeAddsNeighboursOfTheWholeQueryAtTopLevel() {
    Query q =
        new BooleanQuery.Builder()
            .add(tq("car"), Occur.SHOULD)
            .add(tq("engine"), Occur.SHOULD)
            .build();
    QueryExpander x =
        perTerm(model)
            .settings(
                set ->
                    set.mode(QueryExpander.Mode.CENTROID)
                        .k(1)
                        .minSimilarity(0.5f)
                        .weight(0.4f)
                        .normalize(false))
            .build();
    Expansion e = x.expand(q, reader);
    // centroid (1,1,0)/sqrt2: vehicle 0.99 beats automobile and motor
    assertEquals(1, e.added().size());
    AddedTerm a = e.added().get(0);
    assertEquals("vehicle", a.term());
    assertEquals(AddedTerm.CENTROID, a.source());
    float expectedSim = (float) ((0.8 + 0.6) / Math.sqrt(2));
    assertEquals(expectedSim, a.similarity(), 1e-5);
    Query expected =
        new BooleanQuery.Builder()
            .add(tq("car"), Occur.SHOULD)
            .add(tq("engine"), Occur.SHOULD)
            .add(new BoostQuery(tq("vehicle"), 0.4f * a.similarity()), Occur.SHOULD)
            .build();
    assertEquals(expected, e.expanded());
  }

  @Test
  void normalizedWeightsShareTheMassOfEachSource() {
    QueryExpander x =
        perTerm(model)
            .settings(set -> set.k(2).minSimilarity(0.7f).weight(0.6f).normalize(true))
            .build();
    Expansion e = x.expand(tq("car"), reader);
    double total = e.added().stream().mapToDouble(AddedTerm::weight).sum();
    assertEquals(0.6, total, 1e-5);
  }

  @Test
  void phraseTermsAreNotExpandedInPlaceAndNegatedTermsAreIgnored() {
    Query q =
        new BooleanQuery.Builder()
            .add(new PhraseQuery(F, "car", "engine"), Occur.SHOULD)
            .add(tq("banana"), Occur.MUST_NOT)
            .build();
    QueryExpander x = perTerm(model).settings(set -> set.k(3).minSimilarity(0.1f)).build();
    Expansion e = x.expand(q, reader);
    assertTrue(e.added().isEmpty());
    assertSame(q, e.expanded());
    // ... but they count for the centroid
    Expansion c =
        x.toBuilder()
            .settings(set -> set.mode(QueryExpander.Mode.CENTROID))
            .build()
            .expand(q, reader);
    assertTrue(terms(c).contains("vehicle"));
    assertTrue(!terms(c).contains("banana"));
  }

  @Test
  void synonymFormMakesOneSynonymQueryWithBoosts() {
    QueryExpander x =
        perTerm(model)
            .settings(
                set -> set.k(1).minSimilarity(0.9f).weight(0.5f).form(QueryExpander.Form.SYNONYMS))
            .build();
    Expansion e = x.expand(new BoostQuery(tq("car"), 2f), reader);
    float w = e.added().get(0).weight();
    Query expected =
        new BoostQuery(
            new SynonymQuery.Builder(F)
                .addTerm(new Term(F, "car"))
                .addTerm(new Term(F, "automobile"), w)
                .build(),
            2f);
    assertEquals(expected, e.expanded());
  }

  @Test
  void textWithModelAnalyzerMapsNeighboursToStemmedIndexTerms() throws IOException {
    FakeEmbeddings words =
        new FakeEmbeddings(2).put("running", 1, 0).put("jogging", 0.9f, 0.1f).put("apple", 0, 1);
    Analyzer english = new EnglishAnalyzer();
    try (ByteBuffersDirectory d = new ByteBuffersDirectory()) {
      try (IndexWriter w = new IndexWriter(d, new IndexWriterConfig(english))) {
        Document doc = new Document();
        doc.add(new TextField(F, "he jogs while the others run", Field.Store.NO));
        w.addDocument(doc);
        Document other = new Document();
        other.add(new TextField(F, "an apple", Field.Store.NO));
        w.addDocument(other);
      }
      try (DirectoryReader r = DirectoryReader.open(d)) {
        QueryExpander x =
            perTerm(words)
                .settings(set -> set.k(1).minSimilarity(0.5f).docFreqBounds(1, 1.0))
                .modelAnalyzer(new StandardAnalyzer())
                .build();
        Expansion e = x.expand("Running", F, english, r);
        assertEquals(tq("run"), e.original());
        assertEquals(1, e.added().size());
        assertEquals("jog", e.added().get(0).term());
        assertEquals("running", e.added().get(0).source());
      }
    }
  }

  /**
   * A cross-lingual model over {@link #model}'s English words: German query words have their own
   * vectors, neighbours are English words only (as {@code CrossLingualEmbeddings} answers).
   */
  private Embeddings germanToEnglish() {
    FakeEmbeddings german =
        new FakeEmbeddings(3).put("auto", 1, 0.1f, 0).put("motor", 0.1f, 0.99f, 0);
    return new Embeddings() {
      @Override
      public int dimension() {
        return 3;
      }

      @Override
      public int size() {
        return model.size();
      }

      @Override
      public boolean contains(String word) {
        return german.contains(word) || model.contains(word);
      }

      @Override
      public float[] unitVector(String word) {
        return german.contains(word) ? german.unitVector(word) : model.unitVector(word);
      }

      @Override
      public long count(String word) {
        return 0;
      }

      @Override
      public List<Neighbor> nearest(float[] q, int k, float minSimilarity, Set<String> exclude) {
        return model.nearest(q, k, minSimilarity, exclude);
      }

      @Override
      public List<Neighbor> nearest(String word, int k, float minSimilarity) {
        return nearest(unitVector(word), k, minSimilarity, Set.of());
      }
    };
  }

  @Test
  void crossLingualQueriesAreTranslatedWordByWordWithWeightOnePerWord() throws IOException {
    QueryExpander x =
        perTerm(germanToEnglish())
            .settings(set -> set.k(2).minSimilarity(0.5f))
            .modelAnalyzer(new StandardAnalyzer())
            .crossLingual(true)
            .build();
    Expansion e = x.expand("Auto Motor", F, new StandardAnalyzer(), reader);
    // auto -> car, automobile; motor -> motor (spelled alike in both languages), engine
    // ("truck" is not in the index, "the" in every document)
    assertEquals(Set.of("car", "automobile", "motor", "engine"), terms(e));
    for (String source : List.of("auto", "motor")) {
      double mass =
          e.added().stream()
              .filter(a -> a.source().equals(source))
              .mapToDouble(AddedTerm::weight)
              .sum();
      assertEquals(1.0, mass, 1e-6, source);
    }
    BooleanQuery top = (BooleanQuery) e.expanded();
    assertEquals(2, top.clauses().size()); // one group per query word, not the query as parsed
    BooleanQuery autoGroup = (BooleanQuery) top.clauses().get(0).query();
    assertEquals(2, autoGroup.clauses().size());
    // "the automobile" shares no word with the query and is found through its translation
    Set<String> found = new TreeSet<>();
    for (ScoreDoc h : new IndexSearcher(reader).search(e.expanded(), 10).scoreDocs) {
      found.add(reader.storedFields().document(h.doc).get("id"));
    }
    assertTrue(found.containsAll(List.of("d0", "d1", "d2")), found.toString());
    assertTrue(!found.contains("d3"), found.toString()); // the banana

    // Synonym form: one SynonymQuery per query word; centroid mode: the centroid's neighbours
    Expansion syn =
        x.toBuilder()
            .settings(set -> set.form(QueryExpander.Form.SYNONYMS))
            .build()
            .expand("auto", F, new StandardAnalyzer(), reader);
    assertTrue(((BooleanQuery) syn.expanded()).clauses().get(0).query() instanceof SynonymQuery);
    Expansion centroid =
        x.toBuilder()
            .settings(set -> set.mode(QueryExpander.Mode.CENTROID))
            .build()
            .expand("auto motor", F, new StandardAnalyzer(), reader);
    assertTrue(centroid.added().stream().allMatch(a -> a.source().equals(AddedTerm.CENTROID)));
    assertTrue(!centroid.added().isEmpty());
  }

  @Test
  void jointModePrefersWordsCloseToEveryQueryWord() {
    FakeEmbeddings m =
        new FakeEmbeddings(3)
            .put("car", 1, 0, 0)
            .put("engine", 0, 1, 0)
            .put("motor", 0.7f, 0.7f, 0.1f) // close to both
            .put("automobile", 1, 0.05f, 0.1f) // close to car only, closer than motor is
            .put("banana", 0, 0, 1);
    Query q =
        new BooleanQuery.Builder()
            .add(tq("car"), Occur.SHOULD)
            .add(tq("engine"), Occur.SHOULD)
            .build();
    QueryExpander joint =
        QueryExpander.withoutFirstPass(m)
            .settings(set -> set.k(1).minSimilarity(0.5f).docFreqBounds(1, 1))
            .build();
    Expansion e = joint.expand(q, reader);
    assertEquals(List.of("motor"), e.added().stream().map(AddedTerm::term).toList());
    // per term, automobile (0.998 to car) is car's nearest word
    Expansion p =
        perTerm(m)
            .settings(set -> set.k(1).minSimilarity(0.5f).docFreqBounds(1, 1))
            .build()
            .expand(q, reader);
    assertTrue(terms(p).contains("automobile"), p.explain());
  }

  @Test
  void theDefaultNeedsAFirstPassAndSaysSo() {
    QueryExpander x = QueryExpander.builder(model).build();
    assertTrue(x.needsFirstPass());
    LexicaException e = assertThrows(LexicaException.class, () -> x.expand(tq("car"), reader));
    assertTrue(e.remedy().contains("IndexSearcher"), e.remedy());
    assertTrue(!QueryExpander.withoutFirstPass(model).build().needsFirstPass());
  }

  @Test
  void crossLingualNeedsAModel() {
    LexicaException e =
        assertThrows(
            LexicaException.class,
            () ->
                QueryExpander.builder()
                    .settings(set -> set.feedback(10, 10))
                    .crossLingual(true)
                    .build());
    assertTrue(e.getMessage().contains("cross-lingual"), e.getMessage());
  }

  @Test
  void rejectsBadSettingsWithARemedy() {
    LexicaException ex =
        assertThrows(LexicaException.class, () -> perTerm(model).settings(set -> set.k(0)));
    assertTrue(!ex.remedy().isEmpty());
    assertThrows(LexicaException.class, () -> perTerm(model).settings(set -> set.minSimilarity(2)));
    assertThrows(LexicaException.class, () -> perTerm(model).settings(set -> set.weight(0)));
  }

  private static Set<String> terms(Expansion e) {
    Set<String> s = new TreeSet<>();
    e.added().forEach(a -> s.add(a.term()));
    return s;
  }
}
