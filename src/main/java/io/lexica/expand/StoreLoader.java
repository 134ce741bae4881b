package io.lexica.expand;

import io.lexica.util.AtomicOutput;
import io.lexica.vectors.Embeddings;
import io.lexica.vectors.SubwordEmbeddings;
import io.lexica.vectors.store.VectorStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a Lexica model directory (the Lucene {@link VectorStore}); when it holds the n-gram rows of
 * a subword model, unseen words get vectors from them ({@link SubwordEmbeddings#withSubwords}), so
 * the expander and the token filter handle query terms missing from the vocabulary. Both are read
 * from the same version of the folder even while a writer replaces it ({@link
 * AtomicOutput#openStable}). Files are left to other loaders. Stateless; thread-safe.
 */
public final class StoreLoader implements EmbeddingsLoader {
  @Override
  public Embeddings open(Path path) {
    return Files.isDirectory(path)
        ? AtomicOutput.openStable(
            path, dir -> SubwordEmbeddings.withSubwords(dir, VectorStore.open(dir)))
        : null;
  }
}
