package io.lexica.expand;

import io.lexica.vectors.Embeddings;
import io.lexica.vectors.store.VectorStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a Lexica model directory (the Lucene vector store) as HNSW-searched {@link Embeddings};
 * files are left to other loaders. Stateless; thread-safe.
 */
public final class VectorStoreLoader implements EmbeddingsLoader {
  @Override
  public Embeddings open(Path path) {
    return Files.isDirectory(path) ? VectorStore.open(path) : null;
  }
}
