package io.lexica.expand;

import io.lexica.vectors.Embeddings;
import io.lexica.vectors.store.VectorStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a Lexica model directory (a {@link VectorStore}: vectors in a Lucene index, HNSW search).
 * Files are left to other loaders. Stateless; thread-safe.
 */
public final class VectorStoreLoader implements EmbeddingsLoader {
  @Override
  public Embeddings open(Path path) {
    return Files.isDirectory(path) ? VectorStore.open(path) : null;
  }
}
