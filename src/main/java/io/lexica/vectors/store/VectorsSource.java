package io.lexica.vectors.store;

import io.lexica.LexicaException;
import io.lexica.vectors.FastTextBin;
import io.lexica.vectors.ModelWeights;
import io.lexica.vectors.VectorFiles;
import io.lexica.vectors.VectorFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where commands that take {@code FILE|MODEL} get raw vectors: a vector file (any {@link
 * VectorFormat}) or a Lexica model directory (the {@link VectorStore}). It decides by the path, so
 * every such command accepts both the same way. It lives beside the store because it uses both the
 * store and the file readers. Stateless; thread-safe.
 */
public final class VectorsSource {
  private VectorsSource() {}

  /**
   * Loads the raw vectors at {@code path}, rows in the model's (frequency) order.
   *
   * @param format the file format, {@link VectorFormat#AUTO} to detect; ignored for a model
   *     directory
   * @param options limit (the first words only) and UTF-8 handling; the latter applies to files
   * @return the vectors, each row through the same {@link io.lexica.vectors.RowCheck} whatever the
   *     source, and its warnings
   */
  public static VectorFiles.Loaded load(
      Path path, VectorFormat format, VectorFiles.ReadOptions options) {
    if (Files.isDirectory(path)) {
      try (VectorStore store = VectorStore.open(path)) {
        return store.read(options.limit());
      }
    }
    if (!Files.exists(path)) {
      throw new LexicaException(
          "no such vector file or model: " + path,
          "give a vector file (word2vec text or binary, GloVe, fastText .vec or .bin) or a model"
              + " directory");
    }
    return VectorFiles.read(path, format, options);
  }

  /**
   * The metadata of the model at {@code path} (see {@link VectorStore#metadata()}), or an empty map
   * for a vector file, which records nothing.
   */
  public static Map<String, String> metadata(Path path) {
    if (!Files.isDirectory(path)) {
      return Map.of();
    }
    try (VectorStore store = VectorStore.open(path)) {
      return store.metadata();
    }
  }

  /**
   * Loads every weight of the model at {@code path} that training can continue from ({@link
   * ModelWeights}): all of a model directory's ({@link VectorStore#exportModelWeights}), a fastText
   * {@code .bin}'s word, n-gram and output rows, or a vector file's vectors alone.
   */
  public static ModelWeights loadWeights(Path path) {
    if (Files.isDirectory(path)) {
      try (VectorStore store = VectorStore.open(path)) {
        return store.exportModelWeights();
      }
    }
    if (Files.isRegularFile(path) && FastTextBin.isFastTextBin(path)) {
      return ModelWeights.of(FastTextBin.read(path, true));
    }
    return ModelWeights.of(
        load(path, VectorFormat.AUTO, VectorFiles.ReadOptions.DEFAULT).vectors());
  }
}
