package io.lexica.vectors;

import io.lexica.LexicaException;
import io.lexica.vectors.store.VectorStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where commands that take {@code FILE|MODEL} get their vectors: a vector file (any {@link
 * VectorFormat}) or a Lexica model directory (the Lucene vector store). It decides by the path, so
 * every command accepts both the same way. Stateless; thread-safe.
 */
public final class VectorsSource {
  private VectorsSource() {}

  /**
   * Loads the raw vectors of {@code path}, rows in frequency order.
   *
   * @param format the file format, {@link VectorFormat#AUTO} to detect; ignored for a model
   *     directory
   * @param options limit and UTF-8 handling
   */
  public static VectorFiles.Loaded load(
      Path path, VectorFormat format, VectorFiles.ReadOptions options) {
    if (Files.isDirectory(path)) {
      // A model's raw vectors, bit for bit as they were stored, in row (frequency) order: every
      // evaluation gives the same answers on a model as on the file it was imported from.
      try (VectorStore store = VectorStore.open(path)) {
        return new VectorFiles.Loaded(
            store.exportWordVectors(options.limit()), VectorFormat.LEXICA_MODEL, List.of());
      }
    }
    if (format == VectorFormat.LEXICA_MODEL) {
      throw new LexicaException(
          path + " is not a model directory", "give a model directory, or a file format");
    }
    if (!Files.isRegularFile(path)) {
      throw new LexicaException(
          "no such vector file or model: " + path,
          "give a vector file (word2vec text or binary, GloVe, fastText .vec) or a model directory");
    }
    return VectorFiles.read(path, format, options);
  }
}
