package io.lexica.eval.retrieval;

import io.lexica.docs.EmbeddingMethod;
import io.lexica.docs.Fusion;
import io.lexica.docs.Hit;
import io.lexica.vectors.Embeddings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The document-vector runs of a retrieval evaluation: {@code knn-<method>} ranks documents by the
 * cosine of their embedding to the query's, {@code hybrid-<method>} fuses that ranking with BM25's.
 * Documents and queries are embedded as {@link CollectionVectors} embeds them, searched exactly.
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
      CollectionVectors vectors = CollectionVectors.of(collection, index, model, method);
      Map<String, List<Run.Hit>> knn = new LinkedHashMap<>();
      Map<String, List<Run.Hit>> hybrid = new LinkedHashMap<>();
      for (Map.Entry<String, String> q : collection.queries().entrySet()) {
        List<Hit> knnHits = vectors.nearest(index.tokens(q.getValue()), depth);
        if (!knnHits.isEmpty()) {
          knn.put(q.getKey(), toRun(knnHits));
        }
        List<Hit> fused =
            fusion.fuse(hits(bm25.getOrDefault(q.getKey(), List.of())), knnHits, depth);
        if (!fused.isEmpty()) {
          hybrid.put(q.getKey(), toRun(fused));
        }
      }
      out.put("knn-" + method.id(), knn);
      out.put("hybrid-" + method.id(), hybrid);
    }
    return out;
  }

  /** Run entries as the fusion's hits. */
  static List<Hit> hits(List<Run.Hit> run) {
    return run.stream().map(h -> new Hit(h.docId(), h.score())).toList();
  }

  /** Fusion's hits as run entries. */
  static List<Run.Hit> toRun(List<Hit> hits) {
    return hits.stream().map(h -> new Run.Hit(h.id(), h.score())).toList();
  }
}
