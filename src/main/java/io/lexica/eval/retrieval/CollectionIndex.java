package io.lexica.eval.retrieval;

import io.lexica.LexicaException;
import io.lexica.analysis.Tokens;
import io.lexica.expand.TargetIndex;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * A test collection indexed in memory the way Anserini indexes one: title and text in one field
 * {@value #FIELD} (with term vectors with positions, for relevance feedback and query-local
 * models), the id in {@value #ID}, searched with Lucene's BM25. Searching is thread-safe; close it
 * when done.
 */
public final class CollectionIndex implements Closeable {
  /** The field holding the documents' title and text. */
  public static final String FIELD = "body";

  /** The stored field holding the documents' ids. */
  public static final String ID = "id";

  /** Query-local models kept for reuse: more than the largest collection's queries (cran: 225). */
  static final int LOCAL_MODELS_KEPT = 400;

  /** Analyzers for the collection's text. */
  public enum TextAnalysis {
    /** Lucene's EnglishAnalyzer: possessives, lower case, stop words, Porter (as Anserini). */
    ENGLISH,
    /** Standard tokenizer, lower case and English stop words, no stemming. */
    STANDARD;

    /**
     * Makes the analyzer.
     *
     * @return a new analyzer
     */
    public Analyzer create() {
      return switch (this) {
        case ENGLISH -> new EnglishAnalyzer();
        case STANDARD -> new StandardAnalyzer(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
      };
    }
  }

  private final Analyzer analyzer;
  private final ByteBuffersDirectory dir;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final String[] ids;
  private final Map<String, Integer> docNumbers = new HashMap<>();
  private final TargetIndex target;

  /**
   * Indexes the documents with the analyzer and searches with BM25(k1, b).
   *
   * @param docs the collection's documents
   * @param analyzer the text's analyzer
   * @param k1 BM25's k1
   * @param b BM25's b
   */
  public CollectionIndex(List<TestCollection.Doc> docs, Analyzer analyzer, float k1, float b) {
    if (!(k1 >= 0) || !(b >= 0 && b <= 1)) {
      throw new LexicaException(
          "BM25 needs k1 >= 0 and 0 <= b <= 1, not k1=" + k1 + " b=" + b,
          "Anserini's defaults are k1=0.9 b=0.4");
    }
    this.analyzer = analyzer;
    this.dir = new ByteBuffersDirectory();
    BM25Similarity similarity = new BM25Similarity(k1, b);
    FieldType body = new FieldType(TextField.TYPE_NOT_STORED);
    body.setStoreTermVectors(true);
    body.setStoreTermVectorPositions(true);
    body.freeze();
    try {
      IndexWriterConfig config = new IndexWriterConfig(analyzer).setSimilarity(similarity);
      try (IndexWriter w = new IndexWriter(dir, config)) {
        for (TestCollection.Doc d : docs) {
          Document doc = new Document();
          doc.add(new StringField(ID, d.id(), Field.Store.YES));
          doc.add(new Field(FIELD, text(d), body));
          w.addDocument(doc);
        }
        w.forceMerge(1);
      }
      this.reader = DirectoryReader.open(dir);
      this.searcher = new IndexSearcher(reader);
      searcher.setSimilarity(similarity);
      this.ids = new String[reader.maxDoc()];
      StoredFields stored = reader.storedFields();
      for (int i = 0; i < ids.length; i++) {
        ids[i] = stored.document(i).get(ID);
        docNumbers.put(ids[i], i);
      }
      this.target = TargetIndex.cachingLocalModels(searcher, LOCAL_MODELS_KEPT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every document's analysed tokens, in collection order: a corpus for a local model.
   *
   * @param docs the collection's documents
   * @param index the index whose analyzer makes the tokens
   * @return one token list per document
   */
  public static List<List<String>> analyzedDocuments(
      List<TestCollection.Doc> docs, CollectionIndex index) {
    List<List<String>> out = new ArrayList<>(docs.size());
    for (TestCollection.Doc d : docs) {
      out.add(index.tokens(text(d)));
    }
    return out;
  }

  /** What is indexed of a document: its title and text. */
  static String text(TestCollection.Doc d) {
    return d.title() + "\n" + d.text();
  }

  /**
   * The searcher, with BM25.
   *
   * @return the searcher
   */
  public IndexSearcher searcher() {
    return searcher;
  }

  /**
   * The index as expansions see it: searched with BM25 for feedback, keeping the last {@value
   * #LOCAL_MODELS_KEPT} query-local models (evaluations run the same queries many times).
   *
   * @return the target
   */
  public TargetIndex target() {
    return target;
  }

  /**
   * The index's reader (an in-memory index).
   *
   * @return the reader
   */
  public DirectoryReader reader() {
    return reader;
  }

  /**
   * The analyzer the documents were indexed with.
   *
   * @return the analyzer
   */
  public Analyzer analyzer() {
    return analyzer;
  }

  /**
   * The collection id of a Lucene document number.
   *
   * @param doc a Lucene document number
   * @return the collection id
   */
  public String id(int doc) {
    return ids[doc];
  }

  /**
   * The Lucene document number of a collection id.
   *
   * @param id the document's id in the collection
   * @return its document number in this index
   * @throws IllegalArgumentException when no document has that id
   */
  public int doc(String id) {
    Integer doc = docNumbers.get(id);
    if (doc == null) {
      throw new IllegalArgumentException("no document with id " + id);
    }
    return doc;
  }

  /**
   * The analyzed tokens of a text, in order.
   *
   * @param text a text
   * @return the tokens
   */
  public List<String> tokens(String text) {
    return Tokens.of(analyzer, FIELD, text);
  }

  /**
   * The query's analyzed terms with their counts, in first-occurrence order: Anserini's bag of
   * words.
   *
   * @param text a query text
   * @return term to count
   */
  public Map<String, Integer> bagOfWords(String text) {
    Map<String, Integer> bag = new LinkedHashMap<>();
    for (String t : tokens(text)) {
      bag.merge(t, 1, Integer::sum);
    }
    return bag;
  }

  /**
   * A disjunction of weighted terms; a weight of 1 adds no boost.
   *
   * @param weights term to weight (over the {@link #FIELD} field)
   * @return the boolean query
   */
  public static Query disjunction(Map<String, ? extends Number> weights) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    weights.forEach(
        (t, w) -> {
          Query q = new TermQuery(new Term(FIELD, t));
          b.add(w.floatValue() == 1f ? q : new BoostQuery(q, w.floatValue()), Occur.SHOULD);
        });
    return b.build();
  }

  /**
   * The top {@code n} hits of a query.
   *
   * @param query the query
   * @param n the most hits
   * @return the hits
   */
  public TopDocs search(Query query, int n) {
    try {
      return searcher.search(query, n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Top hits as run entries.
   *
   * @param top the hits
   * @return one run entry per hit, with its collection id
   */
  public List<Run.Hit> hits(TopDocs top) {
    List<Run.Hit> out = new ArrayList<>(top.scoreDocs.length);
    for (ScoreDoc sd : top.scoreDocs) {
      out.add(new Run.Hit(ids[sd.doc], sd.score));
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    reader.close();
    dir.close();
  }
}
