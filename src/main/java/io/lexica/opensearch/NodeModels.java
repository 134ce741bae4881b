package io.lexica.opensearch;

import java.io.IOException;
import org.opensearch.core.common.io.stream.NamedWriteable;
import org.opensearch.core.common.io.stream.NamedWriteableRegistry;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.index.query.QueryRewriteContext;

/**
 * Lets a query find the {@link ModelRegistry} (and the {@link DocumentEmbedders} over it) of the
 * node it runs on.
 *
 * <p>Why: a query builder may reach a shard without passing through this node's parsers (a Java
 * client's builder executed locally is never serialized), and OpenSearch hands query builders only
 * a shard context, not the plugin. Every node has its own {@link NamedWriteableRegistry} built from
 * its own plugin instances, and the shard context exposes it, so the plugin registers this holder
 * there and {@link #of} reads it back. Several nodes in one JVM (internal test clusters) thus each
 * use their own config directory. The holder is never written to a stream.
 *
 * <p>Immutable and thread-safe.
 */
final class NodeModels implements NamedWriteable {
  static final String NAME = "lexica_node_models";

  private final ModelRegistry registry;
  private final DocumentEmbedders embedders;

  private NodeModels(ModelRegistry registry, DocumentEmbedders embedders) {
    this.registry = registry;
    this.embedders = embedders;
  }

  /** The registry entry that makes {@link #of} and {@link #embedders} find these on this node. */
  static NamedWriteableRegistry.Entry entry(ModelRegistry registry, DocumentEmbedders embedders) {
    NodeModels holder = new NodeModels(registry, embedders);
    return new NamedWriteableRegistry.Entry(NodeModels.class, NAME, in -> holder);
  }

  /** The model registry of the node running {@code context}. */
  static ModelRegistry of(QueryRewriteContext context) {
    return holder(context).registry;
  }

  /** The document embedders of the node running {@code context}. */
  static DocumentEmbedders embedders(QueryRewriteContext context) {
    return holder(context).embedders;
  }

  private static NodeModels holder(QueryRewriteContext context) {
    try {
      return context.getWriteableRegistry().getReader(NodeModels.class, NAME).read(null);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException("the lexica plugin is not installed on this node", e);
    }
  }

  @Override
  public String getWriteableName() {
    return NAME;
  }

  @Override
  public void writeTo(StreamOutput out) {
    throw new UnsupportedOperationException("node-local; never sent to another node");
  }
}
