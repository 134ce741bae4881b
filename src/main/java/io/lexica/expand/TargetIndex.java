package io.lexica.expand;

import io.lexica.LexicaException;
import io.lexica.corpus.ForwardIndex;
import io.lexica.vectors.Embeddings;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;

/**
 * The index a query is expanded for: its reader (document frequencies bound the terms that are
 * added), and, for the expansions that look at retrieved documents first (pseudo-relevance
 * feedback, query-local models), the searcher that runs the first pass (with the similarity the
 * application searches with) and the terms of its documents ({@link FeedbackDocuments}: term
 * vectors when the field has them with positions, else a {@link ForwardIndex} built on first use by
 * inverting the postings, once per field).
 *
 * <p>Make one per index reader and share it; thread-safe.
 */
public final class TargetIndex {
  private final IndexReader reader;
  private final IndexSearcher searcher;
  private final Map<String, FeedbackDocuments> documents = new ConcurrentHashMap<>();
  private final Map<Object, Embeddings> localModels;

  private TargetIndex(IndexReader reader, IndexSearcher searcher, int cachedLocalModels) {
    this.reader = reader;
    this.searcher = searcher;
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

  /** An index that is only read for document frequencies: no feedback. */
  public static TargetIndex of(IndexReader reader) {
    return new TargetIndex(Objects.requireNonNull(reader, "reader"), null, 0);
  }

  /** An index searched with {@code searcher} (and its similarity) for feedback. */
  public static TargetIndex of(IndexSearcher searcher) {
    return new TargetIndex(searcher.getIndexReader(), searcher, 0);
  }

  /**
   * As {@link #of(IndexSearcher)}, keeping the last {@code models} query-local models it trained,
   * by query and settings: for evaluations that run the same queries under many expansion settings
   * (a model of a few thousand words at dimension 50 takes about a megabyte).
   */
  public static TargetIndex cachingLocalModels(IndexSearcher searcher, int models) {
    if (models < 1) {
      throw new IllegalArgumentException("cache at least one model");
    }
    return new TargetIndex(searcher.getIndexReader(), searcher, models);
  }

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
          "pseudo-relevance feedback and query-local models need an index to search",
          "pass the index as a TargetIndex.of(IndexSearcher)");
    }
    return searcher;
  }

  /** The terms of the documents' {@code field}, read as cheaply as the index allows. */
  public FeedbackDocuments documents(String field) {
    return documents.computeIfAbsent(field, this::open);
  }

  private FeedbackDocuments open(String field) {
    FieldInfo fi = FieldInfos.getMergedFieldInfos(reader).fieldInfo(field);
    if (fi != null
        && fi.hasTermVectors()
        && FeedbackDocuments.termVectorsHavePositions(reader, field)) {
      return FeedbackDocuments.termVectors(reader, field);
    }
    if (fi == null
        || fi.getIndexOptions().compareTo(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS) < 0
        || !(reader instanceof DirectoryReader dr)) {
      if (fi != null && fi.hasTermVectors()) {
        return FeedbackDocuments.termVectors(reader, field); // a bag of words: enough for RM
      }
      throw new LexicaException(
          "field '" + field + "' has neither term vectors nor positions to read documents from",
          "index the field with positions (lexica index does) or with term vectors");
    }
    ForwardIndex forward = ForwardIndex.build(dr, field, 1);
    return new FeedbackDocuments() {
      @Override
      public java.util.List<String> terms(int doc) {
        return forward.terms(doc);
      }

      @Override
      public boolean ordered() {
        return true;
      }
    };
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
