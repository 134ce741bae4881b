package io.lexica.opensearch;

import io.lexica.LexicaException;
import io.lexica.docs.DocumentEmbedder;
import io.lexica.docs.EmbeddingMethod;
import io.lexica.vectors.Embeddings;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The document embedders of one node: for a model of the node's {@link ModelRegistry} and a method,
 * the library's {@link DocumentEmbedder#forModel} (the model's analyzer, weights from its corpus
 * counts, its recorded SIF component), made once and shared by the ingest processor and the
 * queries, so that documents and queries are embedded by the same object.
 *
 * <p>What a model lacks for a method (counts, a SIF component) is answered like a missing model: an
 * {@link IllegalArgumentException} (OpenSearch's 400) naming the model, the problem and the fix.
 * Failures are not remembered.
 *
 * <p>Thread-safe.
 */
final class DocumentEmbedders {
  private record Key(String model, EmbeddingMethod method) {}

  private final ModelRegistry models;
  private final Map<Key, DocumentEmbedder> embedders = new ConcurrentHashMap<>();

  DocumentEmbedders(ModelRegistry models) {
    this.models = models;
  }

  /**
   * The embedder of {@code model} and {@code method}.
   *
   * @throws IllegalArgumentException when the model is missing or lacks what the method needs
   */
  DocumentEmbedder get(String model, EmbeddingMethod method) {
    Key key = new Key(model, method);
    DocumentEmbedder embedder = embedders.get(key);
    return embedder != null ? embedder : embedders.computeIfAbsent(key, this::make);
  }

  private DocumentEmbedder make(Key key) {
    Embeddings embeddings = models.get(key.model());
    try {
      return DocumentEmbedder.forModel(embeddings, key.method());
    } catch (LexicaException e) {
      throw new IllegalArgumentException(
          "lexica model ["
              + key.model()
              + "] cannot embed documents with method ["
              + key.method().id()
              + "]: "
              + e.describe());
    }
  }
}
