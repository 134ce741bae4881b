package io.lexica.opensearch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opensearch.cluster.metadata.IndexMetadata;
import org.opensearch.cluster.metadata.MappingMetadata;

/**
 * Whether the field a training in the cluster ({@link TrainModelAction}) reads can be trained on: a
 * text field of the index's mapping (multi-fields included) whose positions are indexed or kept in
 * term vectors, since Lexica learns from word order. Checked on the mapping before the first shard
 * is read, with an error naming the index's text fields or how to map the field.
 */
final class TrainingFieldCheck {
  private TrainingFieldCheck() {}

  /**
   * Fails unless {@code field} is a text field of the index's mapping whose positions are indexed
   * (or kept in term vectors): the corpus reader rebuilds documents from them.
   *
   * @throws IllegalArgumentException naming the problem and the fix
   */
  static void check(IndexMetadata index, String field) {
    MappingMetadata mapping = index.mapping();
    Map<String, Map<String, Object>> fields = new LinkedHashMap<>();
    if (mapping != null) {
      collectFields("", mapping.sourceAsMap(), fields);
    }
    List<String> text =
        fields.entrySet().stream()
            .filter(e -> "text".equals(e.getValue().get("type")))
            .map(Map.Entry::getKey)
            .toList();
    Map<String, Object> f = fields.get(field);
    String name = index.getIndex().getName();
    if (f == null) {
      throw new IllegalArgumentException(
          "index [" + name + "] has no field [" + field + "]; its text fields: " + text);
    }
    if (!"text".equals(f.get("type"))) {
      throw new IllegalArgumentException(
          "field ["
              + field
              + "] of index ["
              + name
              + "] is a ["
              + f.get("type")
              + "] field; lexica learns from the words of a text field: name one of "
              + text);
    }
    String options = String.valueOf(f.getOrDefault("index_options", "positions"));
    String vectors = String.valueOf(f.getOrDefault("term_vector", "no"));
    boolean positions = options.equals("positions") || options.equals("offsets");
    if (Boolean.FALSE.equals(f.get("index"))
        || (!positions && !vectors.startsWith("with_positions"))) {
      throw new IllegalArgumentException(
          "field ["
              + field
              + "] of index ["
              + name
              + "] is indexed without positions, and lexica learns from word order: map it"
              + " with [index_options] [positions] (the default for text) and reindex");
    }
  }

  /** The fields of a mapping by their full names (multi-fields included), with their mapping. */
  @SuppressWarnings("unchecked")
  private static void collectFields(
      String prefix, Map<String, Object> mapping, Map<String, Map<String, Object>> out) {
    for (String container : List.of("properties", "fields")) {
      if (mapping.get(container) instanceof Map<?, ?> children) {
        for (Map.Entry<?, ?> e : children.entrySet()) {
          String name = prefix + e.getKey();
          Map<String, Object> child = (Map<String, Object>) e.getValue();
          out.put(name, child);
          collectFields(name + ".", child, out);
        }
      }
    }
  }
}
