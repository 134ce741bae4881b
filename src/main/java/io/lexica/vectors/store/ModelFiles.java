package io.lexica.vectors.store;

import io.lexica.LexicaException;
import io.lexica.phrases.PhraseList;
import io.lexica.util.AtomicOutput;
import io.lexica.vectors.Embeddings;
import io.lexica.vectors.ExactEmbeddings;
import io.lexica.vectors.FastTextBin;
import io.lexica.vectors.ModelWeights;
import io.lexica.vectors.SubwordEmbeddings;
import io.lexica.vectors.formats.Dl4jZip;
import io.lexica.vectors.formats.VectorFiles;
import io.lexica.vectors.formats.VectorFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The one way to open a model by its path, whatever it is: a Lexica model directory (the Lucene
 * {@link VectorStore}, with its subwords and metadata) or a vector file of any {@link VectorFormat}
 * (word2vec text or binary, GloVe, fastText {@code .vec} and {@code .bin}, the DL4J zip of Lucene's
 * {@code Word2VecSynonymFilter}, optionally gzipped), decided by the path, so that everything that
 * takes a model accepts the same things the same way. Views of one opening: {@link #open} for
 * queries ({@link Embeddings}), {@link #vectors} for raw rows (evaluation, import), {@link
 * #metadata}, {@link #weights} (what training continues from), {@link #read} (all of it: what a
 * derived or continued model starts from) and {@link #store} (a model directory's own features:
 * languages, exact search, every row). Nothing else opens a model by path: the CLI, the facade's
 * {@code Model.open}, the token filter factory and the OpenSearch plugin all come here. It lives
 * beside the store because it uses both the store and the file readers; {@link ModelWriter} is its
 * counterpart for writing. Stateless; thread-safe.
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
   * ModelWeights}): all of a model directory's ({@link VectorStore#exportModelWeights}, its rows
   * and {@code subwords.bin} of one version, as {@link #read}), a fastText {@code .bin}'s word,
   * n-gram and output rows, or a vector file's vectors alone.
   *
   * @param path a model directory or vector file
   * @return the weights
   */
  public static ModelWeights weights(Path path) {
    if (Files.isDirectory(path)) {
      return read(path).weights();
    }
    if (Files.isRegularFile(path) && FastTextBin.isFastTextBin(path)) {
      return ModelWeights.of(FastTextBin.read(path, true));
    }
    return ModelWeights.of(
        vectors(path, VectorFormat.AUTO, VectorFiles.ReadOptions.DEFAULT).vectors());
  }

  /**
   * The model directory at {@code dir} as its {@link VectorStore}, for what only a Lexica model
   * has: its languages, exact search beside HNSW, hubness, every row for export. Commands that work
   * on any model use {@link #open} instead.
   *
   * @param dir a model directory
   * @param candidates HNSW candidates per query (see {@link VectorStore#open(Path, int)})
   * @return the store; the caller closes it
   * @throws LexicaException when {@code dir} is a vector file (naming {@code lexica import}, which
   *     makes a model of it), missing or not a model
   */
  public static VectorStore store(Path dir, int candidates) {
    if (Files.isRegularFile(dir)) {
      throw new LexicaException(
          dir + " is a vector file; this needs a Lexica model directory",
          "make a model of it first: lexica import --input " + dir + " --model DIR");
    }
    return VectorStore.open(dir, candidates);
  }

  /**
   * As {@link #store(Path, int)} with {@link VectorStore#DEFAULT_CANDIDATES}.
   *
   * @param dir a model directory
   * @return the store; the caller closes it
   */
  public static VectorStore store(Path dir) {
    return store(dir, VectorStore.DEFAULT_CANDIDATES);
  }

  /**
   * A model read whole: what a model continued from it or derived from it starts from.
   *
   * @param path where it was read from
   * @param weights every weight ({@link #weights})
   * @param metadata its record ({@link #metadata}; empty for a vector file)
   * @param phrases the phrases its words include ({@link PhraseList#EMPTY} for a vector file or a
   *     model trained without them)
   */
  public record Contents(
      Path path, ModelWeights weights, Map<String, String> metadata, PhraseList phrases) {}

  /**
   * The model at {@code path} read whole: its weights (n-gram rows included), metadata and phrases
   * all from one version of a model directory, even while a writer replaces it ({@link
   * AtomicOutput#openStable}: the read is repeated when the folder was swapped during it), so a
   * model continued or derived from it never mixes two versions.
   *
   * @param path a model directory or vector file
   * @return its weights, metadata and phrases
   * @throws LexicaException when nothing readable is there
   */
  public static Contents read(Path path) {
    if (!Files.isDirectory(path)) {
      return new Contents(path, weights(path), Map.of(), PhraseList.EMPTY);
    }
    return AtomicOutput.openStable(path, ModelFiles::readNow).contents();
  }

  /** What {@link #read} read, as the {@link AutoCloseable} that {@code openStable} hands back. */
  private record Read(Contents contents) implements AutoCloseable {
    @Override
    public void close() {}
  }

  private static Read readNow(Path dir) {
    try (VectorStore store = VectorStore.open(dir)) {
      return new Read(
          new Contents(dir, store.exportModelWeights(), store.metadata(), PhraseList.ofModel(dir)));
    }
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
