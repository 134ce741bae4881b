package io.lexica;

import io.lexica.analysis.AnalyzerSpec;
import io.lexica.docs.DocumentSearcher;
import io.lexica.docs.Fusion;
import io.lexica.docs.Hit;
import io.lexica.docs.RankingEnsemble;
import io.lexica.expand.Expansion;
import io.lexica.expand.ExpansionSettings;
import io.lexica.expand.QueryExpander;
import io.lexica.expand.TargetIndex;
import io.lexica.index.Indexer;
import io.lexica.index.SourceIndex;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * Search of one Lucene index's text field with a {@link Model}: BM25, an expanded query ranked by a
 * {@link RankingEnsemble} ({@link #expanded(String, int)}: the default, as {@code lexica search}
 * ranks), and, given the document-vector index {@link Lexica#embedDocuments} made of it, kNN and
 * hybrid (BM25 fused with the documents' cosine to the query). Hits are named by the documents'
 * {@value Indexer#ID} field. The indexes are opened read-only, never changed or locked. See {@link
 * Lexica} for the whole example.
 *
 * <p>Thread-safe: share one; {@link #close} it when done (the model stays open: it is the
 * caller's).
 */
public final class DocumentSearch implements Closeable {
  /** BM25 and kNN hits fetched for a hybrid search, at least (as {@code lexica search} fetches). */
  public static final int HYBRID_DEPTH = 100;

  private final SourceIndex source;
  private final SourceIndex vectors;
  private final String field;
  private final Analyzer analyzer;
  private final IndexSearcher searcher;
  private final DocumentSearcher documents;
  private final QueryExpander defaultExpander;

  private DocumentSearch(SourceIndex source, SourceIndex vectors, String field, Model model) {
    this.source = source;
    this.defaultExpander = model == null ? null : model.expander(ExpansionSettings.DEFAULTS);
    this.vectors = vectors;
    this.field = field;
    AnalyzerSpec recorded = source.recordedAnalyzer();
    this.analyzer = (recorded == null ? AnalyzerSpec.builtIn("standard") : recorded).create();
    this.searcher = new IndexSearcher(source.reader());
    this.documents =
        vectors == null
            ? DocumentSearcher.textOnly(searcher, field, analyzer)
            : DocumentSearcher.withVectors(
                searcher,
                field,
                analyzer,
                vectors,
                vectors.toString(),
                model.embeddings(),
                model.phrases().wrap(analyzer));
  }

  /**
   * BM25 and expanded search of {@code field} of the index at {@code index}, analysed with the
   * analyzer the index records ({@code standard} when it records none).
   *
   * @param index the folder of a Lucene index
   * @param field the text field to search
   * @return the search, to be closed
   * @throws LexicaException when there is no readable index with that field
   */
  public static DocumentSearch open(Path index, String field) {
    return open(index, field, null, null);
  }

  /**
   * As {@link #open(Path, String)}, with kNN and hybrid search over {@code documentVectors} (made
   * of this index by {@link Lexica#embedDocuments} or {@code lexica embed-docs} with {@code
   * model}): queries are embedded as its documents were; and {@link #expanded(String, int)} with
   * {@code model}'s default expansion.
   *
   * @param index the folder of a Lucene index
   * @param field the text field to search
   * @param model the model the document vectors were made with (and default expansions expand
   *     with); null with no document vectors for none
   * @param documentVectors the folder of the document-vector index, or null for none (then expanded
   *     search ranks without kNN)
   * @return the search, to be closed
   * @throws LexicaException when an index is missing or {@code documentVectors} holds no document
   *     vectors
   */
  public static DocumentSearch open(Path index, String field, Model model, Path documentVectors) {
    Objects.requireNonNull(field, "field");
    SourceIndex source = SourceIndex.open(index);
    SourceIndex vectors = null;
    try {
      source.requireFields(List.of(field), "the field argument");
      if (documentVectors != null) {
        Objects.requireNonNull(model, "model");
        vectors = SourceIndex.open(documentVectors);
      }
      return new DocumentSearch(source, vectors, field, model);
    } catch (RuntimeException e) {
      source.close();
      if (vectors != null) {
        vectors.close();
      }
      throw e;
    }
  }

  /**
   * The field searched.
   *
   * @return its name
   */
  public String field() {
    return field;
  }

  /**
   * The analyzer of the field's text.
   *
   * @return the index's recorded analyzer, or the standard one
   */
  public Analyzer analyzer() {
    return analyzer;
  }

  /**
   * A searcher over the index (BM25), for queries of one's own.
   *
   * @return the searcher
   */
  public IndexSearcher searcher() {
    return searcher;
  }

  /**
   * The {@code k} best documents by BM25 for the query text, any of whose terms may match.
   *
   * @param query the user's text
   * @param k how many hits at most
   * @return the hits, best first
   */
  public List<Hit> bm25(String query, int k) {
    return documents.bm25(query, k);
  }

  /**
   * {@code query} expanded by {@code expander} over this index: its first pass (for feedback and
   * query-local models) searches here.
   *
   * @param query the user's text
   * @param expander e.g. {@link Model#expander}
   * @return the original and expanded queries and the terms added
   */
  public Expansion expand(String query, QueryExpander expander) {
    return expander.expand(query, field, analyzer, TargetIndex.of(searcher, analyzer));
  }

  /**
   * The {@code k} best documents by BM25 for {@code query} as {@code expander} expands it.
   *
   * @param query the user's text
   * @param k how many hits at most
   * @param expander e.g. {@link Model#expander}
   * @return the hits, best first
   */
  public List<Hit> bm25(String query, int k, QueryExpander expander) {
    return documents.search(expand(query, expander).expanded(), k);
  }

  /**
   * The {@code k} best documents for {@code query} as {@code lexica search} ranks them by default:
   * the model's default expansion ({@link ExpansionSettings#DEFAULTS}) ranked by {@link
   * RankingEnsemble#DEFAULT} (the kNN member only with document vectors). Needs a model ({@link
   * #open(Path, String, Model, Path)}).
   *
   * @param query the user's text
   * @param k how many hits at most
   * @return the hits, best first
   * @throws LexicaException when the search was opened without a model
   */
  public List<Hit> expanded(String query, int k) {
    if (defaultExpander == null) {
      throw new LexicaException(
          "this search was opened without a model, so it cannot expand queries",
          "open it with DocumentSearch.open(index, field, model, documentVectors or null)");
    }
    return expanded(query, k, defaultExpander, RankingEnsemble.DEFAULT);
  }

  /**
   * The {@code k} best documents for {@code query} as {@code expander} expands it, ranked by {@code
   * ensemble} with the members that can run here (plain RM3 ({@link QueryExpander#plainFeedback})
   * when the expander takes feedback documents, kNN with document vectors): see {@link
   * DocumentSearcher#ranked}.
   *
   * @param query the user's text
   * @param k how many hits at most
   * @param expander e.g. {@link Model#expander}
   * @param ensemble e.g. {@link RankingEnsemble#DEFAULT}; {@link RankingEnsemble#NONE} is {@link
   *     #bm25(String, int, QueryExpander)}
   * @return the hits, best first
   */
  public List<Hit> expanded(String query, int k, QueryExpander expander, RankingEnsemble ensemble) {
    TargetIndex target = TargetIndex.of(searcher, analyzer);
    Expansion e = expander.expand(query, field, analyzer, target);
    return ranked(documents, target, field, analyzer, query, e, expander, ensemble, k);
  }

  /**
   * The {@code k} best documents of {@code expansion} ranked by {@code ensemble} with the members
   * that can run ({@link RankingEnsemble#runnable}): plain RM3's expansion of the query ({@link
   * QueryExpander#plainFeedback}, expanded here) when {@code expander} takes feedback documents,
   * kNN when {@code documents} has document vectors. The one way {@link #expanded(String, int)} and
   * {@code lexica search} rank an expansion.
   *
   * @param documents the searcher of the index (and its document vectors, if any)
   * @param target the index as expanded for
   * @param field the text field
   * @param analyzer the field's analyzer, as the expansion used it
   * @param query the user's text
   * @param expansion {@code expander}'s expansion of {@code query}
   * @param expander the expander that made it
   * @param ensemble how the rankings are fused; members that cannot run are left out
   * @param k how many hits at most
   * @return the hits, best first
   */
  public static List<Hit> ranked(
      DocumentSearcher documents,
      TargetIndex target,
      String field,
      Analyzer analyzer,
      String query,
      Expansion expansion,
      QueryExpander expander,
      RankingEnsemble ensemble,
      int k) {
    QueryExpander plain = expander.plainFeedback();
    RankingEnsemble how = ensemble.runnable(plain != null, documents.hasVectors());
    Query feedback = how.rm3() > 0 ? plain.expand(query, field, analyzer, target).expanded() : null;
    return documents.ranked(how, query, expansion.original(), expansion.expanded(), feedback, k);
  }

  /**
   * The {@code k} documents whose vectors are nearest the query's (needs document vectors).
   *
   * @param query the user's text
   * @param k how many hits at most
   * @return the hits, nearest first, scored {@code (1 + cosine) / 2}
   */
  public List<Hit> knn(String query, int k) {
    return documents.knn(query, k);
  }

  /**
   * The {@code k} best documents by BM25 and kNN fused ({@link Fusion#DEFAULT}), each ranking
   * fetched to depth {@code max(k, }{@value #HYBRID_DEPTH}{@code )} (needs document vectors).
   *
   * @param query the user's text
   * @param k how many hits at most
   * @return the hits, best first
   */
  public List<Hit> hybrid(String query, int k) {
    return documents.hybrid(query, k, Math.max(HYBRID_DEPTH, k), Fusion.DEFAULT);
  }

  /**
   * The searcher of the lower-level API (more-like-this, words a document is about ...).
   *
   * @return the searcher these methods use
   */
  public DocumentSearcher documents() {
    return documents;
  }

  /**
   * A stored field of a hit's document (e.g. its {@code title}) in the source index, or null when
   * the document or field is not there.
   *
   * @param hit a hit of this search
   * @param storedField the stored field's name
   * @return the field's value
   */
  public String stored(Hit hit, String storedField) {
    try {
      TopDocs td = searcher.search(new TermQuery(new Term(Indexer.ID, hit.id())), 1);
      return td.scoreDocs.length == 0
          ? null
          : searcher
              .storedFields()
              .document(td.scoreDocs[0].doc, Set.of(storedField))
              .get(storedField);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try (SourceIndex s = source) {
      if (vectors != null) {
        vectors.close();
      }
    }
  }
}
