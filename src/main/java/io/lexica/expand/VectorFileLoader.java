package io.lexica.expand;

import io.lexica.vectors.Embeddings;
import io.lexica.vectors.ExactEmbeddings;
import io.lexica.vectors.VectorFiles;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a word-vector file (word2vec text or binary, GloVe, fastText {@code .vec}, optionally
 * gzipped) as exact in-memory {@link Embeddings}. Directories are left to other loaders. Stateless;
 * thread-safe.
 */
public final class VectorFileLoader implements EmbeddingsLoader {
  @Override
  public Embeddings open(Path path) {
    return Files.isRegularFile(path) ? new ExactEmbeddings(VectorFiles.read(path)) : null;
  }
}
