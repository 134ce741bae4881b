package io.lexica.expand;

import io.lexica.LexicaException;
import io.lexica.corpus.ForwardIndex;
import io.lexica.vectors.Embeddings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;

/**
 * The index a query is expanded for: its reader (document frequencies bound the terms that are
 * added), and, for the expansions that look at retrieved documents first (pseudo-relevance
 * feedback, query-local models), the searcher that runs the first pass (with the similarity the
 * application searches with) and the terms of its documents ({@link FeedbackDocuments}), read the
 * cheapest way the index allows:
 *
 * <ol>
 *   <li>term vectors, when the field has them with positions;
 *   <li>given the field's analyzer ({@link #of(IndexSearcher, Analyzer)}, for a process that
 *       expands a few queries, such as the command line), the stored text of just the documents
 *       needed, re-analysed;
 *   <li>else a {@link ForwardIndex} built on first use by inverting the field's postings, once (for
 *       a long-lived process: every later query reads arrays);
 *   <li>term vectors without positions: a bag of words, enough for feedback but not for training
 *       query-local models.
 * </ol>
 *
 * <p>Make one per index reader and share it; thread-safe.
 */
public final class TargetIndex {
  private final IndexReader reader;
  private final IndexSearcher searcher;
  private final Analyzer analyzer;
  private final Map<String, FeedbackDocuments> documents = new ConcurrentHashMap<>();
  private final int cachedLocalModels;
  private final Map<Object, Embeddings> localModels;
  private final FirstPass firstPass;

  private TargetIndex(
      IndexReader reader,
      IndexSearcher searcher,
      Analyzer analyzer,
      int cachedLocalModels,
      FirstPass firstPass) {
    this.reader = reader;
    this.searcher = searcher;
    this.analyzer = analyzer;
    this.firstPass =
        firstPass != null || searcher == null
            ? firstPass
            : (query, n) -> searcher.search(query, n).scoreDocs;
    this.cachedLocalModels = cachedLocalModels;
    this.localModels =
        cachedLocalModels == 0
            ? null
            : Collections.synchronizedMap(
                new LinkedHashMap<>(16, 0.75f, true) {
                  @Override
                  protected boolean removeEldestEntry(Map.Entry<Object, Embeddings> eldest) {
                    return size() > cachedLocalModels;
                  }
                });
  }

  /**
   * An index that is only read for document frequencies: no feedback.
   *
   * @param reader the index's reader
   * @return the target
   */
  public static TargetIndex of(IndexReader reader) {
    return new TargetIndex(Objects.requireNonNull(reader, "reader"), null, null, 0, null);
  }

  /**
   * An index searched with {@code searcher} (and its similarity) for feedback.
   *
   * @param searcher the searcher; its reader gives the document frequencies
   * @return the target
   */
  public static TargetIndex of(IndexSearcher searcher) {
    return new TargetIndex(searcher.getIndexReader(), searcher, null, 0, null);
  }

  /**
   * An index searched with {@code searcher}, whose documents' stored text is re-analysed with
   * {@code analyzer} when feedback needs it and there are no term vectors: for a few queries.
   *
   * @param searcher the searcher
   * @param analyzer the field's analyzer, for re-analysis
   * @return the target
   */
  public static TargetIndex of(IndexSearcher searcher, Analyzer analyzer) {
    return new TargetIndex(
        searcher.getIndexReader(), searcher, Objects.requireNonNull(analyzer, "analyzer"), 0, null);
  }

  /**
   * As {@link #of(IndexSearcher)}, keeping the last {@code models} query-local models it trained,
   * by query and settings: for evaluations that run the same queries under many expansion settings
   * (a model of a few thousand words at dimension 50 takes about a megabyte).
   *
   * @param searcher the searcher
   * @param models how many models to keep, at least 1
   * @return the target
   * @throws IllegalArgumentException when {@code models < 1}
   */
  public static TargetIndex cachingLocalModels(IndexSearcher searcher, int models) {
    if (models < 1) {
      throw new IllegalArgumentException("cache at least one model");
    }
    return new TargetIndex(searcher.getIndexReader(), searcher, null, models, null);
  }

  /**
   * This index with another ranking for first passes (e.g. BM25 fused with document vectors): the
   * same reader, searcher and documents' terms, and a cache of query-local models of its own (they
   * are trained on the first pass's documents).
   *
   * @param firstPass finds the top documents of a query in this index
   * @return a view of this index
   * @throws LexicaException when this index was made from a reader only
   */
  public TargetIndex withFirstPass(FirstPass firstPass) {
    TargetIndex view =
        new TargetIndex(
            reader,
            searcher(),
            analyzer,
            cachedLocalModels,
            Objects.requireNonNull(firstPass, "firstPass"));
    view.documents.putAll(documents);
    return view;
  }

  /**
   * The index's reader, for document frequencies.
   *
   * @return the reader
   */
  public IndexReader reader() {
    return reader;
  }

  /**
   * The searcher for first passes.
   *
   * @throws LexicaException when this index was made from a reader only
   */
  IndexSearcher searcher() {
    if (searcher == null) {
      throw new LexicaException(
          "pseudo-relevance feedback, query-local models and the guard need an index to search",
          "pass the index as a TargetIndex.of(IndexSearcher)");
    }
    return searcher;
  }

  /**
   * The top {@code n} documents of {@code query}: the searcher's ranking, or the {@linkplain
   * #withFirstPass first pass} given.
   *
   * @throws LexicaException when this index was made from a reader only
   */
  ScoreDoc[] firstPass(Query query, int n) {
    searcher();
    try {
      return firstPass.search(query, n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The terms of the documents' {@code field}, read as cheaply as the index allows. */
  FeedbackDocuments documents(String field) {
    return documents.computeIfAbsent(field, this::open);
  }

  private FeedbackDocuments open(String field) {
    FieldInfo fi = FieldInfos.getMergedFieldInfos(reader).fieldInfo(field);
    if (fi == null) {
      throw new LexicaException(
          "the index has no field '" + field + "' to read feedback documents from",
          "expand queries on a field of the index");
    }
    boolean vectors = fi.hasTermVectors();
    if (vectors && FeedbackDocuments.termVectorsHavePositions(reader, field)) {
      return FeedbackDocuments.termVectors(reader, field);
    }
    if (analyzer != null && hasStoredValues(field)) {
      return FeedbackDocuments.reanalysed(reader, field, analyzer);
    }
    boolean positions =
        fi.getIndexOptions().compareTo(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS) >= 0;
    if (positions && reader instanceof DirectoryReader dr) {
      ForwardIndex forward = ForwardIndex.build(dr, field, 1);
      return new FeedbackDocuments() {
        @Override
        public List<String> terms(int doc) {
          return forward.terms(doc);
        }

        @Override
        public boolean ordered() {
          return true;
        }
      };
    }
    if (vectors) {
      return FeedbackDocuments.termVectors(reader, field); // a bag of words: enough for feedback
    }
    throw new LexicaException(
        "field '"
            + field
            + "' has neither term vectors, nor positions, nor stored text to read"
            + " feedback documents from",
        "index the field with positions (lexica index does) or with term vectors");
  }

  private boolean hasStoredValues(String field) {
    try {
      StoredFields stored = reader.storedFields();
      for (int d = 0; d < Math.min(reader.maxDoc(), 100); d++) {
        if (stored.document(d, Set.of(field)).getField(field) != null) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A query-local model: trained by {@code train}, or the one kept for {@code key}. */
  Embeddings localModel(Object key, Supplier<Embeddings> train) {
    if (localModels == null) {
      return train.get();
    }
    Embeddings model = localModels.get(key);
    if (model == null) { // trained outside the lock: two threads may train the same one
      model = train.get();
      if (model != null) {
        localModels.put(key, model);
      }
    }
    return model;
  }
}
