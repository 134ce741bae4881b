package io.lexica.vectors;

import io.lexica.LexicaException;
import java.nio.file.Files;
import java.nio.file.Path;

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
      // Seam for the vector store: a model directory will be read here (its raw vectors in
      // frequency order, up to options.limit()).
      throw new LexicaException(
          path + " is a directory; reading a Lexica model (vector store) is not wired in yet",
          "pass a vector file (word2vec text or binary, GloVe, fastText .vec)");
    }
    if (!Files.isRegularFile(path)) {
      throw new LexicaException(
          "no such vector file or model: " + path,
          "give a vector file (word2vec text or binary, GloVe, fastText .vec) or a model directory");
    }
    return VectorFiles.read(path, format, options);
  }
}
