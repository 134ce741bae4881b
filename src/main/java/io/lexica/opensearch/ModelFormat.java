package io.lexica.opensearch;

import io.lexica.LexicaException;
import io.lexica.vectors.Embeddings;
import java.nio.file.Path;

/**
 * How the plugin opens a model folder by default.
 *
 * <p>TODO(store): open the Lucene vector store (io.lexica store helper's VectorStore) here once it
 * is merged; until then no on-disk format is wired in and only tests (which pass their own loader)
 * can open models.
 */
final class ModelFormat {
  private ModelFormat() {}

  static Embeddings open(Path dir) {
    throw new LexicaException(
        "this build of the Lexica plugin cannot read model folders yet (" + dir + ")",
        "use a build that includes the Lucene vector store");
  }
}
