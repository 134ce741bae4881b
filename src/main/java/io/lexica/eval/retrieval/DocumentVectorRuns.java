package io.lexica.eval.retrieval;

import io.lexica.docs.CommonComponent;
import io.lexica.docs.DocumentEmbedder;
import io.lexica.docs.DocumentVector;
import io.lexica.docs.EmbeddingMethod;
import io.lexica.docs.Fusion;
import io.lexica.docs.Hit;
import io.lexica.docs.TermWeights;
import io.lexica.vectors.Embeddings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.util.VectorUtil;

/**
 * The document-vector runs of a retrieval evaluation: {@code knn-<method>} ranks documents by the
 * cosine of their embedding to the query's, {@code hybrid-<method>} fuses that ranking with BM25's.
 * Documents and queries are embedded with the collection's analyzer; search is exact (the
 * collections have a few thousand documents), so the figures measure the embeddings, not HNSW
 * recall.
 */
public final class DocumentVectorRuns {
  private DocumentVectorRuns() {}

  /**
   * The runs for each method, in the order knn-m, hybrid-m for m in {@code methods}.
   *
   * @param collection the collection's queries
   * @param index its BM25 index
   * @param model the word vectors
   * @param methods the document embedding methods
   * @param bm25 the BM25 run's hits per query, to fuse with
   * @param fusion how hybrid runs fuse
   * @param depth hits per query
   * @return run name to hits per query
   */
  public static Map<String, Map<String, List<Run.Hit>>> runs(
      TestCollection collection,
      CollectionIndex index,
      Embeddings model,
      List<EmbeddingMethod> methods,
      Map<String, List<Run.Hit>> bm25,
      Fusion fusion,
      int depth) {
    Map<String, Map<String, List<Run.Hit>>> out = new LinkedHashMap<>();
    for (EmbeddingMethod method : methods) {
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
      Map<String, List<Run.Hit>> knn = new LinkedHashMap<>();
      Map<String, List<Run.Hit>> hybrid = new LinkedHashMap<>();
      for (Map.Entry<String, String> q : collection.queries().entrySet()) {
        DocumentVector qv = embedder.embed(q.getValue());
        List<Hit> knnHits = qv.isEmpty() ? List.of() : exact(qv.vector(), ids, vectors, depth);
        if (!knnHits.isEmpty()) {
          knn.put(q.getKey(), toRun(knnHits));
        }
        List<Hit> bm25Hits =
            bm25.getOrDefault(q.getKey(), List.of()).stream()
                .map(h -> new Hit(h.docId(), h.score()))
                .toList();
        List<Hit> fused = fusion.fuse(bm25Hits, knnHits, depth);
        if (!fused.isEmpty()) {
          hybrid.put(q.getKey(), toRun(fused));
        }
      }
      out.put("knn-" + method.id(), knn);
      out.put("hybrid-" + method.id(), hybrid);
    }
    return out;
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
  static List<Hit> exact(float[] query, List<String> ids, List<float[]> vectors, int depth) {
    Integer[] order = new Integer[ids.size()];
    float[] scores = new float[ids.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
      scores[i] = VectorUtil.dotProduct(query, vectors.get(i));
    }
    java.util.Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
    List<Hit> hits = new ArrayList<>(Math.min(depth, order.length));
    for (int i = 0; i < Math.min(depth, order.length); i++) {
      hits.add(new Hit(ids.get(order[i]), scores[order[i]]));
    }
    return hits;
  }

  private static List<Run.Hit> toRun(List<Hit> hits) {
    return hits.stream().map(h -> new Run.Hit(h.id(), h.score())).toList();
  }
}
