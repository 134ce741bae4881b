package io.lexica.opensearch;

import io.lexica.LexicaException;
import io.lexica.docs.DocumentEmbedder;
import io.lexica.docs.DocumentVector;
import io.lexica.docs.EmbeddingMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.opensearch.cluster.ClusterState;
import org.opensearch.ingest.AbstractProcessor;
import org.opensearch.ingest.ConfigurationUtils;
import org.opensearch.ingest.IngestDocument;
import org.opensearch.ingest.Processor;

/**
 * The {@value #TYPE} ingest processor: writes a document's vector, made by the library's {@link
 * DocumentEmbedder} with a model of the node, into a {@value LexicaVectorFieldMapper#CONTENT_TYPE}
 * field.
 *
 * <pre>{@code
 * {"lexica_embed": {"field": ["title", "body"], "target_field": "vec", "model": "wiki",
 *                   "method": "sif"}}
 * }</pre>
 *
 * {@code field} is one source field or a list (their text is joined, as the library joins a
 * document's text fields); {@code method} is mean, idf or sif (the default). Word statistics come
 * from the model ({@link DocumentEmbedder#forModel}): a document is embedded before it is indexed,
 * alone, so no index statistics exist for it, and the model's are the same on every node and day.
 *
 * <p>A document without text in the source fields, or whose text has no word the model knows, gets
 * no vector (a target value it carried, e.g. from a reindexed index, is removed) and is indexed
 * without one: it is counted ({@link EmbedStats}), never failed. What fails a document, with a
 * message naming the fix, is a configuration error: the model missing on this node, or an index
 * whose mapping does not have the target as this model's vector field ({@link VectorFieldCheck}).
 *
 * <p>Thread-safe: one instance serves every document of the pipeline on the node.
 */
final class LexicaEmbedProcessor extends AbstractProcessor {
  static final String TYPE = "lexica_embed";

  private final List<String> fields;
  private final String target;
  private final String model;
  private final EmbeddingMethod method;
  private final DocumentEmbedders embedders;
  private final VectorFieldCheck check;
  private final EmbedStats stats;

  private LexicaEmbedProcessor(
      String tag,
      String description,
      List<String> fields,
      String target,
      String model,
      EmbeddingMethod method,
      DocumentEmbedders embedders,
      Supplier<ClusterState> state,
      EmbedStats stats) {
    super(tag, description);
    this.fields = fields;
    this.target = target;
    this.model = model;
    this.method = method;
    this.embedders = embedders;
    this.stats = stats;
    this.check =
        new VectorFieldCheck(
            target, model, method, () -> embedders.get(model, method).dimension(), state);
  }

  @Override
  public IngestDocument execute(IngestDocument document) {
    DocumentVector vector;
    try {
      check.check(
          document.getFieldValue(IngestDocument.Metadata.INDEX.getFieldName(), String.class));
      String text = text(document);
      vector = text.isBlank() ? null : embedders.get(model, method).embed(text);
    } catch (RuntimeException e) {
      stats.failed();
      throw e;
    }
    if (vector == null || vector.isEmpty()) {
      if (document.hasField(target)) {
        document.removeField(target);
      }
      if (vector == null) {
        stats.withoutText();
      } else {
        stats.withoutKnownWord();
      }
      return document;
    }
    float[] v = vector.vector();
    List<Float> values = new ArrayList<>(v.length);
    for (float x : v) {
      values.add(x);
    }
    document.setFieldValue(target, values);
    stats.embedded();
    return document;
  }

  /** The source fields' text, joined by newlines; empty when none has any. */
  private String text(IngestDocument document) {
    StringBuilder sb = new StringBuilder();
    for (String field : fields) {
      append(sb, field, document.getFieldValue(field, Object.class, true));
    }
    return sb.toString();
  }

  private static void append(StringBuilder sb, String field, Object value) {
    if (value == null) {
      return;
    }
    if (value instanceof List<?> list) {
      for (Object element : list) {
        append(sb, field, element);
      }
      return;
    }
    if (value instanceof Map<?, ?>) {
      throw new IllegalArgumentException(
          "["
              + TYPE
              + "] field ["
              + field
              + "] holds an object, not text: name the text fields inside it (e.g. "
              + field
              + ".text)");
    }
    if (!sb.isEmpty()) {
      sb.append('\n');
    }
    sb.append(value);
  }

  @Override
  public String getType() {
    return TYPE;
  }

  /**
   * Makes processors from pipeline definitions. The model is not opened here: pipelines are
   * validated and created on cluster-manager nodes, which need not hold models; it is opened on the
   * first document, so a model missing on an ingest node fails documents there (400, naming the
   * folder), and installing it fixes the next one.
   */
  static final class Factory implements Processor.Factory {
    private final DocumentEmbedders embedders;
    private final Supplier<ClusterState> state;
    private final EmbedStats stats;

    Factory(DocumentEmbedders embedders, Supplier<ClusterState> state, EmbedStats stats) {
      this.embedders = embedders;
      this.state = state;
      this.stats = stats;
    }

    @Override
    public LexicaEmbedProcessor create(
        Map<String, Processor.Factory> factories,
        String tag,
        String description,
        Map<String, Object> config) {
      List<String> fields = fields(tag, ConfigurationUtils.readObject(TYPE, tag, config, "field"));
      String target = ConfigurationUtils.readStringProperty(TYPE, tag, config, "target_field");
      String model = ConfigurationUtils.readStringProperty(TYPE, tag, config, "model");
      String method = ConfigurationUtils.readStringProperty(TYPE, tag, config, "method", "sif");
      try {
        ModelRegistry.checkName(model);
      } catch (IllegalArgumentException e) {
        throw ConfigurationUtils.newConfigurationException(TYPE, tag, "model", e.getMessage());
      }
      EmbeddingMethod parsed;
      try {
        parsed = EmbeddingMethod.parse(method);
      } catch (LexicaException e) {
        throw ConfigurationUtils.newConfigurationException(TYPE, tag, "method", e.describe());
      }
      if (fields.contains(target)) {
        throw ConfigurationUtils.newConfigurationException(
            TYPE, tag, "target_field", "must differ from the source fields " + fields);
      }
      return new LexicaEmbedProcessor(
          tag, description, fields, target, model, parsed, embedders, state, stats);
    }

    private static List<String> fields(String tag, Object value) {
      List<String> out = new ArrayList<>();
      if (value instanceof String s) {
        out.add(s);
      } else if (value instanceof List<?> list) {
        for (Object o : list) {
          if (!(o instanceof String s)) {
            out.clear();
            break;
          }
          out.add(s);
        }
      }
      if (out.isEmpty() || out.stream().anyMatch(String::isEmpty)) {
        throw ConfigurationUtils.newConfigurationException(
            TYPE, tag, "field", "must be a field name or a list of field names");
      }
      return List.copyOf(out);
    }
  }
}
