package io.lexica.opensearch;

import io.lexica.docs.EmbeddingMethod;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.opensearch.cluster.ClusterState;
import org.opensearch.cluster.metadata.IndexAbstraction;
import org.opensearch.cluster.metadata.IndexMetadata;
import org.opensearch.cluster.metadata.MappingMetadata;

/**
 * Whether an index's mapping has the {@code lexica_embed} processor's target as a {@value
 * LexicaVectorFieldMapper#CONTENT_TYPE} field made by the processor's model and method: the vectors
 * are then searched as they were made, since {@code lexica_knn} embeds queries with the model and
 * method the mapping names. A target mapped otherwise (the k-NN plugin's {@code knn_vector},
 * numbers made by dynamic mapping, another model) fails the document with a message saying how to
 * map it. An index that does not exist yet (created by the bulk request itself, from a template) is
 * not checked: its mapping decides.
 *
 * <p>Reads the cluster state the ingest node holds; the verdict is kept per index until its mapping
 * changes. Thread-safe.
 */
final class VectorFieldCheck {
  private record Verdict(long mappingVersion, String problem) {}

  private final String target;
  private final String model;
  private final EmbeddingMethod method;
  private final IntSupplier modelDimension;
  private final Supplier<ClusterState> state;
  private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();

  /**
   * @param modelDimension the model's dimension (opens the model), for the suggested mapping
   */
  VectorFieldCheck(
      String target,
      String model,
      EmbeddingMethod method,
      IntSupplier modelDimension,
      Supplier<ClusterState> state) {
    this.target = target;
    this.model = model;
    this.method = method;
    this.modelDimension = modelDimension;
    this.state = state;
  }

  /**
   * Fails when the index (or the write index of the alias) named {@code index} maps the target
   * otherwise than as this processor's vectors.
   */
  void check(String index) {
    IndexAbstraction found =
        index == null ? null : state.get().metadata().getIndicesLookup().get(index);
    IndexMetadata metadata = found == null ? null : found.getWriteIndex();
    if (metadata == null) {
      return;
    }
    Verdict verdict = verdicts.get(metadata.getIndexUUID());
    if (verdict == null || verdict.mappingVersion() != metadata.getMappingVersion()) {
      verdict = new Verdict(metadata.getMappingVersion(), problem(metadata));
      verdicts.put(metadata.getIndexUUID(), verdict);
    }
    if (verdict.problem() != null) {
      throw new IllegalArgumentException(verdict.problem());
    }
  }

  private String problem(IndexMetadata index) {
    MappingMetadata mapping = index.mapping();
    Map<String, Object> field = mapping == null ? null : find(mapping.sourceAsMap(), target);
    String name = index.getIndex().getName();
    Object type = field == null ? null : field.get("type");
    if (!LexicaVectorFieldMapper.CONTENT_TYPE.equals(type)) {
      String how =
          field == null
              ? "does not map [" + target + "]"
              : "maps ["
                  + target
                  + "] as ["
                  + type
                  + "]"
                  + ("knn_vector".equals(type) ? " (the k-NN plugin's field)" : "");
      return "index ["
          + name
          + "] "
          + how
          + "; the lexica_embed processor fills "
          + LexicaVectorFieldMapper.CONTENT_TYPE
          + " fields, which lexica_knn and lexica_hybrid search: map it as "
          + suggestion()
          + " when creating the index";
    }
    if (!model.equals(field.get("model"))
        || !method.id().equals(Objects.toString(field.get("method"), "sif"))) {
      return "index ["
          + name
          + "] maps ["
          + target
          + "] for lexica model ["
          + field.get("model")
          + "] and method ["
          + field.get("method")
          + "], but this lexica_embed processor embeds with model ["
          + model
          + "] and method ["
          + method.id()
          + "]: queries would be embedded unlike the documents; use a pipeline with the"
          + " mapping's model and method, or a new index mapped "
          + suggestion();
    }
    return null;
  }

  private String suggestion() {
    String dims;
    try {
      dims = Integer.toString(modelDimension.getAsInt());
    } catch (RuntimeException e) {
      dims = "<the model's dimension>";
    }
    return "{\"type\": \""
        + LexicaVectorFieldMapper.CONTENT_TYPE
        + "\", \"dims\": "
        + dims
        + ", \"model\": \""
        + model
        + "\", \"method\": \""
        + method.id()
        + "\"}";
  }

  /** The mapping of the field at {@code path} (dots between object levels), or null. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> find(Map<String, Object> mapping, String path) {
    Map<String, Object> level = mapping;
    if (level.size() == 1 && level.get("_doc") instanceof Map<?, ?> typed) {
      level = (Map<String, Object>) typed;
    }
    String rest = path;
    while (level != null) {
      if (!(level.get("properties") instanceof Map<?, ?> properties)) {
        return null;
      }
      if (properties.get(rest) instanceof Map<?, ?> field) {
        return (Map<String, Object>) field;
      }
      int dot = rest.indexOf('.');
      if (dot < 0) {
        return null;
      }
      level =
          properties.get(rest.substring(0, dot)) instanceof Map<?, ?> object
              ? (Map<String, Object>) object
              : null;
      rest = rest.substring(dot + 1);
    }
    return null;
  }
}
