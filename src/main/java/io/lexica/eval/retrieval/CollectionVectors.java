package io.lexica.eval.retrieval;

import io.lexica.docs.CommonComponent;
import io.lexica.docs.DocumentEmbedder;
import io.lexica.docs.DocumentVector;
import io.lexica.docs.EmbeddingMethod;
import io.lexica.docs.Hit;
import io.lexica.docs.TermWeights;
import io.lexica.vectors.Embeddings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.util.VectorUtil;

/**
 * A test collection's documents embedded by one model and method, searched exactly (the collections
 * have a few thousand documents, so the figures measure the embeddings, not HNSW recall). Documents
 * and queries are embedded from the collection analyzer's tokens, which are the words of a model
 * trained on the collection; for {@link EmbeddingMethod#SIF} the first principal component of the
 * documents' vectors is removed from both, as {@code lexica embed-docs} does. Immutable;
 * thread-safe.
 */
public final class CollectionVectors {
  private final DocumentEmbedder embedder;
  private final CollectionIndex index;
  private final List<String> ids;
  private final List<float[]> vectors;

  private CollectionVectors(
      DocumentEmbedder embedder, CollectionIndex index, List<String> ids, List<float[]> vectors) {
    this.embedder = embedder;
    this.index = index;
    this.ids = List.copyOf(ids);
    this.vectors = List.copyOf(vectors);
  }

  /**
   * Embeds every document of {@code collection} (indexed as {@code index}) with {@code model}; a
   * document with no known word gets no vector and is never found.
   *
   * @param collection the collection's documents
   * @param index the collection's BM25 index, whose statistics give the words' weights
   * @param model the word vectors
   * @param method the weighting (mean, IDF, SIF; SIF also removes the common component)
   * @return the documents' vectors, in memory
   */
  public static CollectionVectors of(
      TestCollection collection, CollectionIndex index, Embeddings model, EmbeddingMethod method) {
    TermWeights weights =
        TermWeights.fromIndex(
            method, index.reader(), CollectionIndex.FIELD, TermWeights.DEFAULT_SIF_A);
    DocumentEmbedder embedder = new DocumentEmbedder(model, index.analyzer(), weights, null);
    List<String> ids = new ArrayList<>();
    List<float[]> vectors = new ArrayList<>();
    embedAll(collection, embedder, ids, vectors);
    if (method == EmbeddingMethod.SIF) {
      embedder = embedder.withCommonComponent(CommonComponent.of(vectors, model.dimension(), 1));
      embedAll(collection, embedder, ids, vectors);
    }
    return new CollectionVectors(embedder, index, ids, vectors);
  }

  /**
   * The index the documents are in (hits name its documents by collection id).
   *
   * @return the index
   */
  public CollectionIndex index() {
    return index;
  }

  /**
   * The {@code depth} documents nearest the query's analysed tokens (repeated words count as often
   * as they occur), scored by cosine, best first, ties in collection order; empty when no token has
   * a vector.
   *
   * @param queryTokens the query's analysed tokens
   * @param depth the most documents returned
   * @return the hits, by collection id
   */
  public List<Hit> nearest(List<String> queryTokens, int depth) {
    DocumentVector qv = embedder.embedTokens(queryTokens);
    return qv.isEmpty() ? List.of() : exact(qv.vector(), depth);
  }

  /** Replaces {@code ids} and {@code vectors} by the collection's documents that get a vector. */
  private static void embedAll(
      TestCollection collection,
      DocumentEmbedder embedder,
      List<String> ids,
      List<float[]> vectors) {
    ids.clear();
    vectors.clear();
    for (TestCollection.Doc d : collection.docs()) {
      DocumentVector v = embedder.embed(CollectionIndex.text(d));
      if (!v.isEmpty()) {
        ids.add(d.id());
        vectors.add(v.vector());
      }
    }
  }

  /** The {@code depth} best documents by cosine (dot product of unit vectors), ties by id order. */
  private List<Hit> exact(float[] query, int depth) {
    Integer[] order = new Integer[ids.size()];
    float[] scores = new float[ids.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
      scores[i] = VectorUtil.dotProduct(query, vectors.get(i));
    }
    Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
    List<Hit> hits = new ArrayList<>(Math.min(depth, order.length));
    for (int i = 0; i < Math.min(depth, order.length); i++) {
      hits.add(new Hit(ids.get(order[i]), scores[order[i]]));
    }
    return hits;
  }
}
