package io.lexica.docs;

import io.lexica.LexicaException;
import io.lexica.index.Indexer;
import io.lexica.index.SourceIndex;
import io.lexica.vectors.Embeddings;
import io.lexica.vectors.Neighbor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.QueryBuilder;

/**
 * Searches documents by text (BM25 over the source index), by vector (kNN over the document-vector
 * index) and by both (hybrid, {@link Fusion}); finds documents like a document and the words a
 * document is about; ranks an expanded query's documents by a {@link RankingEnsemble} ({@link
 * #ranked}). Hits are identified by the id field shared by both indexes (a document without one by
 * {@code #} and its Lucene document number).
 *
 * <p>Thread-safe: {@link IndexSearcher}s and the embedder are safe for concurrent use; callers own
 * the readers' lifecycle.
 */
public final class DocumentSearcher {
  private final IndexSearcher text;
  private final String textField;
  private final Analyzer textAnalyzer;
  private final IndexSearcher vectors;
  private final DocumentEmbedder embedder;
  private final DocumentEmbeddingSpec spec;
  private final String idField;

  /**
   * A searcher over a source index and its document-vector index.
   *
   * @param text searcher over the source index (BM25 similarity set by the caller)
   * @param textField the field BM25 queries search
   * @param textAnalyzer the analyzer of {@code textField}
   * @param vectors searcher over the document-vector index
   * @param embedder embeds queries as the documents were (see {@link DocumentEmbeddingSpec})
   * @param spec how the document vectors were made
   */
  public DocumentSearcher(
      IndexSearcher text,
      String textField,
      Analyzer textAnalyzer,
      IndexSearcher vectors,
      DocumentEmbedder embedder,
      DocumentEmbeddingSpec spec) {
    this.text = text;
    this.textField = textField;
    this.textAnalyzer = textAnalyzer;
    this.vectors = vectors;
    this.embedder = embedder;
    this.spec = spec;
    this.idField = spec == null ? Indexer.ID : spec.idField();
  }

  /**
   * A searcher of the text alone ({@link #bm25} and {@link #search}; no document vectors), hits
   * named by the {@value Indexer#ID} field.
   *
   * @param text searcher over the source index
   * @param textField the field BM25 queries search
   * @param analyzer the analyzer of {@code textField}
   * @return the searcher
   */
  public static DocumentSearcher textOnly(IndexSearcher text, String textField, Analyzer analyzer) {
    return new DocumentSearcher(text, textField, analyzer, null, null, null);
  }

  /**
   * A searcher of a source index and the document-vector index made from it ({@link
   * DocumentVectorIndexer}), queries embedded as its documents were: the method, weights (from the
   * source index's statistics) and common component it records.
   *
   * @param text searcher over the source index
   * @param textField the field BM25 queries search
   * @param textAnalyzer the analyzer of {@code textField}
   * @param vectorIndex the document-vector index, open
   * @param where the vector index's location, named in errors
   * @param model the model the vectors were made with
   * @param modelAnalyzer the analyzer of the model's words (with its phrases, if any)
   * @return the searcher
   * @throws LexicaException when {@code vectorIndex} is not a document-vector index
   */
  public static DocumentSearcher withVectors(
      IndexSearcher text,
      String textField,
      Analyzer textAnalyzer,
      SourceIndex vectorIndex,
      String where,
      Embeddings model,
      Analyzer modelAnalyzer) {
    DocumentEmbeddingSpec spec = DocumentEmbeddingSpec.fromUserData(vectorIndex.userData(), where);
    DocumentEmbedder embedder =
        new DocumentEmbedder(
            model,
            modelAnalyzer,
            TermWeights.fromIndex(
                spec.method(), text.getIndexReader(), spec.statsField(), spec.sifA()),
            spec.commonComponent());
    return new DocumentSearcher(
        text, textField, textAnalyzer, new IndexSearcher(vectorIndex.reader()), embedder, spec);
  }

  /**
   * The {@code k} best documents for any query over the source index (e.g. an expanded one).
   *
   * @param query any query over the source index
   * @param k how many hits at most
   * @return the hits, best first
   */
  public List<Hit> search(Query query, int k) {
    return hits(text, query, k);
  }

  /**
   * BM25 (the text searcher's similarity) over the query's analyzed terms, any of which may match.
   *
   * @param query the query text
   * @param k the most hits
   * @return the hits, best first
   */
  public List<Hit> bm25(String query, int k) {
    Query q = new QueryBuilder(textAnalyzer).createBooleanQuery(textField, query);
    return q == null ? List.of() : hits(text, q, k);
  }

  /**
   * The {@code k} documents whose vectors are nearest the query's embedding, scored as Lucene
   * scores unit vectors, {@code (1 + cosine) / 2}.
   *
   * @param query the query text
   * @param k the most hits
   * @return the hits, best first; empty when the query gets no vector
   */
  public List<Hit> knn(String query, int k) {
    requireVectors();
    DocumentVector qv = embedder.embed(query);
    return qv.isEmpty() ? List.of() : knn(qv.vector(), k, null);
  }

  /**
   * BM25 and kNN, each to depth {@code depth}, fused into {@code k} hits (the kNN part by cosine,
   * as the retrieval evaluation fuses).
   *
   * @param query the query text
   * @param k the most hits returned
   * @param depth how many hits each ranking contributes
   * @param fusion how the rankings are fused
   * @return the fused hits, best first
   */
  public List<Hit> hybrid(String query, int k, int depth, Fusion fusion) {
    return fusion.fuse(bm25(query, depth), cosines(query, depth), k);
  }

  /** The kNN hits of the query scored by cosine ({@link Fusion#cosine}). */
  private List<Hit> cosines(String query, int depth) {
    return knn(query, depth).stream().map(h -> new Hit(h.id(), Fusion.cosine(h.score()))).toList();
  }

  /**
   * Whether this searcher has document vectors ({@link #knn}, {@link #hybrid}).
   *
   * @return false for {@link #textOnly}
   */
  public boolean hasVectors() {
    return vectors != null;
  }

  /**
   * The {@code k} best documents of an expanded query as {@code ensemble} ranks them: the expanded
   * query's ranking fused with BM25's of the query as typed, plain RM3's and the document vectors'
   * (each fetched to depth {@code max(k, }{@value RankingEnsemble#DEPTH}{@code )}; a member that
   * cannot run, RM3 without a feedback query or kNN without document vectors, is left out), BM25's
   * top documents kept on top. With {@link RankingEnsemble#NONE} it is {@link #search} of the
   * expanded query.
   *
   * @param ensemble how the rankings are fused and how many BM25 documents are kept on top
   * @param text the query text, embedded for the kNN ranking
   * @param original the query as typed (BM25)
   * @param expanded the expanded query
   * @param feedback plain RM3's expansion of the query, or null
   * @param k the most hits returned
   * @return the hits, best first
   */
  public List<Hit> ranked(
      RankingEnsemble ensemble,
      String text,
      Query original,
      Query expanded,
      Query feedback,
      int k) {
    if (!ensemble.fuses() && ensemble.keepTop() == 0) {
      return search(expanded, k);
    }
    int depth = Math.max(k, RankingEnsemble.DEPTH);
    // BM25's ranking weighs in the fusion to full depth; only to be kept on top, its first keepTop
    // are all it needs (a top-n is a prefix of the top-depth), so no more ids are read
    List<Hit> bm25 =
        ensemble.bm25() > 0
            ? search(original, depth)
            : ensemble.keepTop() > 0 ? search(original, ensemble.keepTop()) : null;
    List<Hit> rm3 = ensemble.rm3() > 0 && feedback != null ? search(feedback, depth) : null;
    List<Hit> knn = ensemble.knn() > 0 && hasVectors() ? cosines(text, depth) : null;
    return ensemble.rank(search(expanded, depth), bm25, rm3, knn, k);
  }

  /** Documents whose vectors are nearest that of document {@code id} (itself excluded). */
  List<Hit> moreLikeThis(String id, int k) {
    float[] v = vectorOf(id);
    List<Hit> hits = knn(v, k + 1, id);
    return hits.size() > k ? hits.subList(0, k) : hits;
  }

  /** The words nearest to document {@code id}'s vector: what the document is about. */
  List<Neighbor> aboutWords(String id, int k) {
    return embedder.embeddings().nearest(vectorOf(id), k, -1f, Set.of());
  }

  /** The stored vector of document {@code id}. */
  float[] vectorOf(String id) {
    requireVectors();
    try {
      TopDocs td = vectors.search(new TermQuery(new Term(spec.idField(), id)), 1);
      if (td.scoreDocs.length == 0) {
        throw new LexicaException(
            "no document with " + spec.idField() + " '" + id + "' in the vector index",
            "check the id; documents without any known word get no vector");
      }
      int doc = td.scoreDocs[0].doc;
      List<LeafReaderContext> leaves = vectors.getIndexReader().leaves();
      LeafReaderContext leaf = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(doc, leaves));
      FloatVectorValues values = leaf.reader().getFloatVectorValues(spec.vectorField());
      if (values != null) {
        KnnVectorValues.DocIndexIterator it = values.iterator();
        if (it.advance(doc - leaf.docBase) == doc - leaf.docBase) {
          return values.vectorValue(it.index()).clone();
        }
      }
      throw new LexicaException(
          "document '" + id + "' has no vector (none of its words is in the model)",
          "pick another document");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<Hit> knn(float[] v, int k, String excludeId) {
    Query q = new KnnFloatVectorQuery(spec.vectorField(), v, k);
    List<Hit> out = hits(vectors, q, k);
    if (excludeId != null) {
      out.removeIf(h -> h.id().equals(excludeId));
    }
    return out;
  }

  private void requireVectors() {
    if (vectors == null) {
      throw new LexicaException(
          "this searcher has no document vectors, so it cannot search by them",
          "open it with a document-vector index (made by 'lexica embed-docs')");
    }
  }

  private List<Hit> hits(IndexSearcher searcher, Query q, int k) {
    try {
      TopDocs td = searcher.search(q, k);
      List<Hit> out = new ArrayList<>(td.scoreDocs.length);
      var stored = searcher.storedFields();
      for (ScoreDoc sd : td.scoreDocs) {
        String id = stored.document(sd.doc, Set.of(idField)).get(idField);
        // a document without an id is named by its number, so that rankings still join by name
        out.add(new Hit(id == null ? "#" + sd.doc : id, sd.score));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
