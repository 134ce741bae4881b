package io.lexica.expand;

import io.lexica.vectors.Embeddings;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens a model stored at a path in a format Lexica does not read itself, for {@link Models} (which
 * asks these first, then {@link io.lexica.vectors.store.ModelFiles}). Model formats plug in through
 * {@link java.util.ServiceLoader} (a line naming the implementation in {@code
 * META-INF/services/io.lexica.expand.EmbeddingsLoader}) or {@link Models#register}. Implementations
 * must be thread-safe.
 */
public interface EmbeddingsLoader {
  /**
   * Opens the model at {@code path}, or returns null when this loader does not handle what is there
   * (so the next loader is asked).
   *
   * @param path an existing file or directory
   * @return the opened model, owned by the caller; or null
   * @throws java.io.IOException when the loader handles the format but cannot read it ({@link
   *     Models} reports it with the path)
   */
  Embeddings open(Path path) throws IOException;
}
