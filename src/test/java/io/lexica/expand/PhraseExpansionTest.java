package io.lexica.expand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.phrases.PhraseList;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/** Query expansion with a model trained with phrases: phrases in, phrases out. */
class PhraseExpansionTest {
  private static final String F = "body";

  private static final PhraseList PHRASES =
      PhraseList.of(
          List.of(
              List.of(
                  new PhraseList.Phrase("new", "york", 9, 500),
                  new PhraseList.Phrase("los", "angeles", 9, 500),
                  new PhraseList.Phrase("bank", "of", 9, 300)),
              List.of(new PhraseList.Phrase("bank_of", "america", 9, 200))));

  /** "new york" sits near cities; "new" alone near "old", "york" alone near "yorkshire". */
  private final FakeEmbeddings model =
      new FakeEmbeddings(3)
          .put("new_york", 1, 0, 0)
          .put("los_angeles", 0.95f, 0.3f, 0)
          .put("boston", 0.9f, 0.4f, 0)
          .put("bank_of_america", 0.85f, 0, 0.5f)
          .put("new", 0, 1, 0)
          .put("old", 0.05f, 1, 0)
          .put("york", 0, 0, 1)
          .put("yorkshire", 0, 0.05f, 1)
          .put("hotels", 0.3f, 0.3f, 0.9f);

  /** Per-term expansion without a first pass: each query word's (or phrase's) own neighbours. */
  private QueryExpander.Builder perTerm() {
    return QueryExpanderTest.perTerm(model);
  }

  private static DirectoryReader index(
      ByteBuffersDirectory dir, org.apache.lucene.analysis.Analyzer a) throws IOException {
    try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(a))) {
      for (String text :
          List.of(
              "hotels in los angeles",
              "boston hotels",
              "old yorkshire",
              "new york",
              "the bank of america tower",
              "angeles los",
              "x1",
              "x2")) {
        Document d = new Document();
        d.add(new TextField(F, text, Field.Store.NO));
        w.addDocument(d);
      }
    }
    return DirectoryReader.open(dir);
  }

  private static Set<Query> added(Query expanded) {
    Set<Query> out = new HashSet<>();
    expanded.visit(
        new QueryVisitor() {
          @Override
          public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
            if (parent instanceof BoostQuery b) {
              out.add(b.getQuery());
            }
            return this;
          }
        });
    return out;
  }

  @Test
  void aQueryPhraseExpandsAsAPhraseAndAddsPhrasesAsPhraseQueries() throws IOException {
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
        DirectoryReader reader = index(dir, new WhitespaceAnalyzer())) {
      QueryExpander e =
          perTerm().settings(set -> set.k(3).minSimilarity(0.5f)).phrases(PHRASES).build();
      Expansion x = e.expand("new york", F, new WhitespaceAnalyzer(), reader);
      Set<String> terms = new HashSet<>();
      x.added().forEach(a -> terms.add(a.term()));
      assertEquals(Set.of("los angeles", "boston", "bank of america"), terms, x.added().toString());
      x.added().forEach(a -> assertEquals("new_york", a.source()));
      Set<Query> clauses = added(x.expanded());
      assertTrue(clauses.contains(new PhraseQuery(F, "los", "angeles")), clauses.toString());
      assertTrue(clauses.contains(new TermQuery(new Term(F, "boston"))));
      // "angeles los" does not match the phrase; "hotels in los angeles" does.
      IndexSearcher s = new IndexSearcher(reader);
      assertEquals(1, s.count(new PhraseQuery(F, "los", "angeles")));
      // The query's own words stay as they were; the expansion only adds clauses beside them.
      List<BooleanClause> kept = ((BooleanQuery) x.expanded()).clauses();
      for (BooleanClause c : ((BooleanQuery) x.original()).clauses()) {
        assertTrue(kept.contains(c), c + " kept");
      }
    }
  }

  @Test
  void aPhraseQueryOfAKnownPhraseGrowsInPlace() throws IOException {
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
        DirectoryReader reader = index(dir, new WhitespaceAnalyzer())) {
      QueryExpander e =
          perTerm().settings(set -> set.k(3).minSimilarity(0.5f)).phrases(PHRASES).build();
      PhraseQuery newYork = new PhraseQuery(F, "new", "york");
      Query q =
          new BooleanQuery.Builder()
              .add(newYork, BooleanClause.Occur.MUST)
              .add(new TermQuery(new Term(F, "hotels")), BooleanClause.Occur.SHOULD)
              .build();
      Expansion x = e.expand(q, reader);
      BooleanQuery top = (BooleanQuery) x.expanded();
      BooleanClause required = top.clauses().get(0);
      assertEquals(BooleanClause.Occur.MUST, required.occur(), "still required");
      BooleanQuery grown = (BooleanQuery) required.query();
      assertEquals(newYork, grown.clauses().get(0).query(), "the phrase or its neighbours");
      Set<Query> alternatives = added(grown);
      assertTrue(
          alternatives.contains(new PhraseQuery(F, "los", "angeles")), alternatives.toString());
      assertTrue(x.added().stream().anyMatch(a -> a.source().equals("new_york")));
      assertTrue(x.added().stream().noneMatch(a -> a.source().equals("new")));
      assertEquals(
          List.of("bank_of_america", "x"), PHRASES.join(List.of("bank", "of", "america", "x")));
    }
  }

  @Test
  void withoutPhrasesTheWordsExpandOneByOne() throws IOException {
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
        DirectoryReader reader = index(dir, new WhitespaceAnalyzer())) {
      QueryExpander e = perTerm().settings(set -> set.k(1).minSimilarity(0.5f)).build();
      Expansion x = e.expand("new york", F, new WhitespaceAnalyzer(), reader);
      Set<String> terms = new HashSet<>();
      x.added().forEach(a -> terms.add(a.term()));
      assertEquals(Set.of("old", "yorkshire"), terms);
    }
  }

  @Test
  void anAddedPhraseIsAnalysedLikeTheFieldWithItsGapsOnAStemmedIndex() throws IOException {
    EnglishAnalyzer english = new EnglishAnalyzer();
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
        DirectoryReader reader = index(dir, english)) {
      QueryExpander e =
          perTerm()
              .settings(set -> set.k(3).minSimilarity(0.5f))
              .modelAnalyzer(new StandardAnalyzer())
              .phrases(PHRASES)
              .build();
      Expansion x = e.expand("New York", F, english, reader);
      Set<Query> clauses = added(x.expanded());
      // "of" is a stop word of the field: the phrase keeps its position as a gap.
      PhraseQuery bank =
          new PhraseQuery.Builder()
              .add(new Term(F, "bank"), 0)
              .add(new Term(F, "america"), 2)
              .build();
      assertTrue(clauses.contains(bank), clauses.toString());
      assertTrue(clauses.contains(new PhraseQuery(F, "lo", "angel")), clauses.toString());
      assertEquals(1, new IndexSearcher(reader).count(bank));
    }
  }

  @Test
  void phrasesWorkWithTheDefaultCentroidAndFeedback() throws IOException {
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
        DirectoryReader reader = index(dir, new WhitespaceAnalyzer())) {
      IndexSearcher searcher = new IndexSearcher(reader);
      QueryExpander e =
          QueryExpander.builder(model)
              .settings(set -> set.k(3).minSimilarity(0.5f))
              .phrases(PHRASES)
              .build();
      assertTrue(e.needsFirstPass());
      Expansion x = e.expand("new york", F, new WhitespaceAnalyzer(), TargetIndex.of(searcher));
      // the centroid is new_york's: its neighbours, not those of "new" ("old") or "york"
      Set<String> model = new HashSet<>();
      x.added().stream()
          .filter(a -> a.source().equals(AddedTerm.CENTROID))
          .forEach(a -> model.add(a.term()));
      assertEquals(Set.of("los angeles", "boston", "bank of america"), model, x.explain());
      assertTrue(x.added().stream().noneMatch(a -> Set.of("old", "yorkshire").contains(a.term())));
      Set<Query> clauses = added(x.expanded());
      assertTrue(clauses.contains(new PhraseQuery(F, "los", "angeles")), clauses.toString());
      // "new york", plus "hotels in los angeles" (not "angeles los"), "boston hotels" and "the
      // bank of america tower"
      assertEquals(1, searcher.count(x.original()));
      assertEquals(4, searcher.count(x.expanded()));
      // a phrase query of the phrase: its neighbours join the query (centroid mode adds beside it)
      Query phrase = new PhraseQuery(F, "new", "york");
      Expansion q = e.expand(phrase, TargetIndex.of(searcher));
      assertTrue(added(q.expanded()).contains(new PhraseQuery(F, "los", "angeles")), q.explain());
      assertTrue(((BooleanQuery) q.expanded()).clauses().get(0).query().equals(phrase));
    }
  }
}
