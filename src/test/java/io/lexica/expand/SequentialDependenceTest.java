package io.lexica.expand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.LexicaException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
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
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;
import org.junit.jupiter.api.Test;

class SequentialDependenceTest {
  private static final String F = "body";

  private static Query bagOfWords(Analyzer analyzer, String text) {
    return new QueryBuilder(analyzer).createBooleanQuery(F, text);
  }

  private static Query boosted(String a, String b, int slop, float boost) {
    PhraseQuery p =
        new PhraseQuery.Builder()
            .add(new Term(F, a), 0)
            .add(new Term(F, b), 1)
            .setSlop(slop)
            .build();
    return new BoostQuery(p, boost);
  }

  /** Documents of one field with positions (Lucene's default for text), ids d0, d1, ... */
  private static DirectoryReader index(ByteBuffersDirectory dir, Analyzer a, String... docs)
      throws IOException {
    try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(a))) {
      for (int i = 0; i < docs.length; i++) {
        Document d = new Document();
        d.add(new StringField("id", "d" + i, Field.Store.YES));
        d.add(new TextField(F, docs[i], Field.Store.NO));
        w.addDocument(d);
      }
    }
    return DirectoryReader.open(dir);
  }

  private static IndexSearcher searcher(DirectoryReader reader) {
    IndexSearcher s = new IndexSearcher(reader);
    s.setSimilarity(new BM25Similarity(0.9f, 0.4f));
    return s;
  }

  @Test
  void aKnownQueryGetsAnOrderedAndAnUnorderedClausePerAdjacentPair() {
    // cacm q31, analysed as the evaluation analyses it: "in" goes, the words are stemmed
    Query bag =
        bagOfWords(new EnglishAnalyzer(), "singular value decomposition in image processing");
    float terms = 1 - 0.1f - 0.05f; // λT = 0.85, the bag of words' weight
    float o = 0.1f / terms;
    float u = 0.05f / terms;
    List<Query> expected =
        List.of(
            boosted("singular", "valu", 1, o),
            boosted("singular", "valu", 8, u),
            boosted("valu", "decomposit", 1, o),
            boosted("valu", "decomposit", 8, u),
            boosted("decomposit", "imag", 1, o),
            boosted("decomposit", "imag", 8, u),
            boosted("imag", "process", 1, o),
            boosted("imag", "process", 8, u));
    assertEquals(expected, SequentialDependence.METZLER.clauses(bag));
    // one weight at 0 leaves its clauses out; the window is the unordered clause's slop
    assertEquals(
        List.of(boosted("singular", "valu", 4, 0.2f / (1 - 0.2f))),
        new SequentialDependence(0, 0.2f, 4)
            .clauses(bagOfWords(new EnglishAnalyzer(), "singular values")));
  }

  @Test
  void offAddsNothingAndOneTermHasNoPair() {
    Query bag = bagOfWords(new WhitespaceAnalyzer(), "singular value decomposition");
    assertTrue(SequentialDependence.OFF.clauses(bag).isEmpty());
    assertSame(bag, SequentialDependence.OFF.apply(bag));
    Query one = bagOfWords(new WhitespaceAnalyzer(), "decomposition");
    assertSame(one, SequentialDependence.METZLER.apply(one));
    // a repeated word makes no pair with itself, only with its other neighbours
    assertEquals(
        2,
        SequentialDependence.METZLER.clauses(bagOfWords(new WhitespaceAnalyzer(), "a a b")).size());
  }

  @Test
  void aClauseThatIsNotATermEndsTheRunOfAdjacentTerms() {
    Query q =
        new BooleanQuery.Builder()
            .add(new TermQuery(new Term(F, "a")), Occur.SHOULD)
            .add(new BoostQuery(new TermQuery(new Term(F, "b")), 2), Occur.MUST)
            .add(new PhraseQuery(F, "x", "y"), Occur.SHOULD)
            .add(new TermQuery(new Term(F, "c")), Occur.SHOULD)
            .add(new TermQuery(new Term(F, "d")), Occur.MUST_NOT)
            .add(new TermQuery(new Term(F, "e")), Occur.SHOULD)
            .build();
    // a-b only: the phrase parts b from c, the excluded d parts c from e
    assertEquals(
        List.of(
            boosted("a", "b", 1, 0.1f / (1 - 0.1f - 0.05f)),
            boosted("a", "b", 8, 0.05f / (1 - 0.1f - 0.05f))),
        SequentialDependence.METZLER.clauses(q));
    Query applied = SequentialDependence.METZLER.apply(q);
    List<BooleanClause> clauses = ((BooleanQuery) applied).clauses();
    assertEquals(8, clauses.size());
    assertEquals(((BooleanQuery) q).clauses(), clauses.subList(0, 6));
    assertTrue(clauses.subList(6, 8).stream().allMatch(c -> c.occur() == Occur.SHOULD));
  }

  @Test
  void wordsTogetherInOrderRankAboveTheSameWordsApart() throws IOException {
    Analyzer a = new WhitespaceAnalyzer();
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
        DirectoryReader reader =
            index(
                dir,
                a,
                // the same words and length: BM25 cannot tell them apart
                "x1 value singular x2 x3 x4 x5 x6 x7 x8 x9 decomposition",
                "singular value decomposition x1 x2 x3 x4 x5 x6 x7 x8 x9",
                "singular x1 x2 x3 x4 x5 x6 x7 x8 x9 x10 value",
                "value x1 decomposition x2 x3 x4 x5 x6 x7 x8 x9 singular",
                "other words only here x1 x2 x3 x4 x5 x6 x7 x8")) {
      IndexSearcher s = searcher(reader);
      Query bag = bagOfWords(a, "singular value");
      ScoreDoc[] plain = s.search(bag, 10).scoreDocs;
      assertEquals(4, plain.length);
      assertEquals(plain[0].score, plain[3].score, 1e-6f);
      ScoreDoc[] near = s.search(SequentialDependence.METZLER.apply(bag), 10).scoreDocs;
      assertEquals(4, near.length); // proximity reorders, it does not add documents
      // in order and adjacent (both clauses), swapped (the window only), then apart (neither)
      assertEquals(1, near[0].doc);
      assertEquals(0, near[1].doc);
      assertTrue(near[0].score > near[1].score && near[1].score > near[2].score);
      assertEquals(plain[0].score, near[2].score, 1e-6f);
      assertEquals(plain[0].score, near[3].score, 1e-6f);
      assertEquals(Set.of(2, 3), Set.of(near[2].doc, near[3].doc));
    }
  }

  @Test
  void theOrderedClauseSpansARemovedStopWordButNotASwap() throws IOException {
    Analyzer a = new EnglishAnalyzer();
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
        DirectoryReader reader =
            index(
                dir,
                a,
                "the use of books in libraries",
                "books use",
                "books of use",
                "use old rare books")) {
      IndexSearcher s = searcher(reader);
      List<Query> clauses =
          new SequentialDependence(0.1f, 0, 8).clauses(bagOfWords(a, "use of books"));
      assertEquals(1, clauses.size());
      Set<Integer> found = new HashSet<>();
      for (ScoreDoc d : s.search(clauses.get(0), 10).scoreDocs) {
        found.add(d.doc);
      }
      assertEquals(Set.of(0), found);
    }
  }

  @Test
  void theExpanderAddsExactlyTheProximityClausesToItsExpansion() throws IOException {
    FakeEmbeddings model =
        new FakeEmbeddings(2)
            .put("singular", 1, 0)
            .put("value", 0.9f, 0.3f)
            .put("matrix", 0.95f, 0.2f);
    Analyzer a = new WhitespaceAnalyzer();
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
        DirectoryReader reader =
            index(
                dir, a, "singular value", "matrix value", "singular", "other", "more", "filler")) {
      ExpansionSettings off =
          ExpansionSettings.WITHOUT_FIRST_PASS.toBuilder().minDocFreq(1).build();
      Query bag = bagOfWords(a, "singular value");
      Expansion without = QueryExpander.of(model, off).expand(bag, reader);
      Expansion with =
          QueryExpander.of(model, off.toBuilder().proximity(SequentialDependence.METZLER).build())
              .expand(bag, reader);
      assertEquals(1, with.added().size()); // matrix, near the query's centroid
      assertEquals(without.added(), with.added());
      List<BooleanClause> expected = new ArrayList<>(((BooleanQuery) without.expanded()).clauses());
      for (Query q : SequentialDependence.METZLER.clauses(bag)) {
        expected.add(new BooleanClause(q, Occur.SHOULD));
      }
      assertEquals(Set.copyOf(expected), Set.copyOf(((BooleanQuery) with.expanded()).clauses()));
      assertEquals(expected.size(), ((BooleanQuery) with.expanded()).clauses().size());
      // without a model or feedback, proximity alone is an expansion: the query and its pairs
      Expansion alone =
          QueryExpander.of(
                  null,
                  off.toBuilder().feedbackDocs(0).proximity(SequentialDependence.METZLER).build())
              .expand(bag, reader);
      assertEquals(SequentialDependence.METZLER.apply(bag), alone.expanded());
      assertTrue(alone.added().isEmpty());
      LexicaException none =
          assertThrows(
              LexicaException.class, () -> QueryExpander.of(null, off.toBuilder().build()));
      assertTrue(none.getMessage().contains("no proximity"), none.getMessage());
    }
  }

  @Test
  void weightsAndWindowAreCheckedTheSameWayEveryWayIn() {
    LexicaException built =
        assertThrows(LexicaException.class, () -> new SequentialDependence(0.6f, 0.4f, 8));
    LexicaException parsed =
        assertThrows(
            LexicaException.class,
            () -> ExpansionSettings.parse("sdmordered=0.6,sdmunordered=0.4"));
    assertEquals(built.getMessage(), parsed.getMessage());
    for (String bad : new String[] {"sdmordered=-0.1", "sdmwindow=0", "sdmunordered=NaN"}) {
      assertThrows(LexicaException.class, () -> ExpansionSettings.parse(bad), bad);
    }
    // the keys are checked together, not one by one: this order passes through 0.6 + 0.4
    ExpansionSettings s =
        ExpansionSettings.DEFAULTS.toBuilder()
            .proximity(new SequentialDependence(0.6f, 0, 8))
            .build()
            .with("sdmunordered=0.4,sdmordered=0.1,sdmwindow=16");
    assertEquals(new SequentialDependence(0.1f, 0.4f, 16), s.proximity());
    assertEquals(SequentialDependence.OFF, ExpansionSettings.DEFAULTS.proximity());
  }
}
