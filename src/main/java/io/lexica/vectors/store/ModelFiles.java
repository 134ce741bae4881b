package io.lexica.vectors.store;

import io.lexica.LexicaException;
import io.lexica.util.AtomicOutput;
import io.lexica.vectors.Dl4jZip;
import io.lexica.vectors.Embeddings;
import io.lexica.vectors.ExactEmbeddings;
import io.lexica.vectors.FastTextBin;
import io.lexica.vectors.ModelWeights;
import io.lexica.vectors.SubwordEmbeddings;
import io.lexica.vectors.VectorFiles;
import io.lexica.vectors.VectorFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The one way to open a model by its path, whatever it is: a Lexica model directory (the Lucene
 * {@link VectorStore}, with its subwords and metadata) or a vector file of any {@link VectorFormat}
 * (word2vec text or binary, GloVe, fastText {@code .vec} and {@code .bin}, the DL4J zip of Lucene's
 * {@code Word2VecSynonymFilter}, optionally gzipped), decided by the path, so that everything that
 * takes a model accepts the same things the same way. Four views of one opening: {@link #open} for
 * queries ({@link Embeddings}), {@link #vectors} for raw rows (evaluation, import), {@link
 * #metadata} and {@link #weights} (what training continues from). It lives beside the store because
 * it uses both the store and the file readers. Stateless; thread-safe.
 */
public final class ModelFiles {
  private ModelFiles() {}

  /**
   * The model at {@code path} for queries, to be closed by the caller: a model directory as its
   * {@link VectorStore} (HNSW, opened in milliseconds), a vector file as exact in-memory {@link
   * Embeddings}. When the model has subword n-grams (a directory's {@code subwords.bin}, a fastText
   * {@code .bin}'s buckets), unseen words get vectors from them ({@link SubwordEmbeddings}). A
   * directory's vectors and subwords are read from the same version of the folder even while a
   * writer replaces it ({@link AtomicOutput#openStable}).
   *
   * @param path a model directory or vector file
   * @return the model; the caller closes it
   * @throws LexicaException when nothing is at {@code path} or it is not a readable model
   */
  public static Embeddings open(Path path) {
    requireExists(path);
    if (Files.isDirectory(path)) {
      return AtomicOutput.openStable(
          path, dir -> SubwordEmbeddings.withSubwords(dir, VectorStore.open(dir)));
    }
    ModelWeights weights =
        vectors(path, VectorFormat.AUTO, VectorFiles.ReadOptions.DEFAULT).weights();
    Embeddings words = new ExactEmbeddings(weights.vectors());
    return weights.ngrams() == null ? words : new SubwordEmbeddings(words, weights.ngrams());
  }

  /**
   * The raw vectors at {@code path}, rows in the model's (frequency) order.
   *
   * @param format the file format, {@link VectorFormat#AUTO} to detect (a zip is read as {@link
   *     Dl4jZip}); ignored for a model directory
   * @param options limit (the first words only) and UTF-8 handling; the latter applies to files
   * @return the vectors, each row through the same {@link io.lexica.vectors.RowCheck} whatever the
   *     source, and its warnings
   * @param path a model directory or vector file
   */
  public static VectorFiles.Loaded vectors(
      Path path, VectorFormat format, VectorFiles.ReadOptions options) {
    if (Files.isDirectory(path)) {
      try (VectorStore store = VectorStore.open(path)) {
        return store.read(options.limit());
      }
    }
    requireExists(path);
    if (format == VectorFormat.AUTO && Dl4jZip.isZip(path)) {
      return Dl4jZip.read(path, options);
    }
    return VectorFiles.read(path, format, options);
  }

  /**
   * The metadata of the model at {@code path} (see {@link VectorStore#metadata()}), or an empty map
   * for a vector file, which records nothing.
   *
   * @param path a model directory or vector file
   * @return the metadata
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
   * Every weight of the model at {@code path} that training can continue from ({@link
   * ModelWeights}): all of a model directory's ({@link VectorStore#exportModelWeights}), a fastText
   * {@code .bin}'s word, n-gram and output rows, or a vector file's vectors alone.
   *
   * @param path a model directory or vector file
   * @return the weights
   */
  public static ModelWeights weights(Path path) {
    if (Files.isDirectory(path)) {
      try (VectorStore store = VectorStore.open(path)) {
        return store.exportModelWeights();
      }
    }
    if (Files.isRegularFile(path) && FastTextBin.isFastTextBin(path)) {
      return ModelWeights.of(FastTextBin.read(path, true));
    }
    return ModelWeights.of(
        vectors(path, VectorFormat.AUTO, VectorFiles.ReadOptions.DEFAULT).vectors());
  }

  private static void requireExists(Path path) {
    if (!Files.exists(path)) {
      throw new LexicaException(
          "no such vector file or model: " + path,
          "give a vector file (word2vec text or binary, GloVe, fastText .vec or .bin) or a model"
              + " directory");
    }
  }
}
