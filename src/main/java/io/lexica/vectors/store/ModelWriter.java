package io.lexica.vectors.store;

import io.lexica.LexicaException;
import io.lexica.phrases.PhraseList;
import io.lexica.util.AtomicOutput;
import io.lexica.util.OutputKind;
import io.lexica.util.OutputPolicy;
import io.lexica.vectors.FastTextBin;
import io.lexica.vectors.FastTextModel;
import io.lexica.vectors.ModelWeights;
import io.lexica.vectors.VectorFieldLimits;
import io.lexica.vectors.WordVectors;
import io.lexica.vectors.formats.VectorFiles;
import io.lexica.vectors.formats.VectorFormat;
import io.lexica.vectors.store.VectorStoreWriter.LanguagePart;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one way a model is written, whatever made it ({@code lexica train}, {@code import}, {@code
 * update}, {@code retrofit}, {@code align}, {@code debias}, the facade's {@code Lexica.train}): it
 * decides what the output is (a model directory, or a vector file named by its format or its name),
 * owns the directory's layout (the Lucene index of {@link VectorStoreWriter} with its metadata,
 * {@value io.lexica.vectors.SubwordMatrix#FILE_NAME}, {@value PhraseList#FILE_NAME}) and the extras
 * a run may write beside it (a fastText {@code .bin}, GloVe's biases). {@link ModelFiles} is its
 * counterpart for reading.
 *
 * <p>Use: make the writer from the command's choices before the long work, {@link #outputs} /
 * {@link #check} every place it will write and the settings only the output limits (dimension,
 * words, phrases), then {@link #write} the result. Each output is written beside its place and
 * moved in atomically ({@link AtomicOutput}), replacing only what {@code policy} allows: a model
 * replaces a model (recognised by its commit data, {@link VectorStore#KIND}) and a file a file,
 * unless the policy says {@code --overwrite}; an input is never replaced. A failed or killed write
 * leaves the previous output whole and its temporary sibling for the next writer to remove.
 *
 * <p>A vector file records no metadata and no phrases: the metadata passed to {@link #write} is
 * then not kept, and phrases are refused by {@link #check} before any work.
 *
 * <p>Immutable; the writes of one writer are independent of each other.
 */
public final class ModelWriter {
  /**
   * One place this writer writes.
   *
   * @param kind what is written there, which decides what it may replace
   * @param path where
   * @param what a few words for messages ("model", "fastText .bin", "GloVe biases")
   */
  public record Output(OutputKind kind, Path path, String what) {}

  private final Path target;
  private final VectorFormat fileFormat;
  private final OutputPolicy policy;
  private final StoreOptions storeOptions;
  private final Path fastTextBin;
  private final Path gloveBiases;

  private ModelWriter(
      Path target,
      VectorFormat fileFormat,
      OutputPolicy policy,
      StoreOptions storeOptions,
      Path fastTextBin,
      Path gloveBiases) {
    this.target = target;
    this.fileFormat = fileFormat;
    this.policy = Objects.requireNonNull(policy, "policy");
    this.storeOptions = Objects.requireNonNull(storeOptions, "storeOptions");
    this.fastTextBin = fastTextBin;
    this.gloveBiases = gloveBiases;
  }

  /**
   * A writer of a model directory at {@code dir}.
   *
   * @param dir the model's folder
   * @param policy what the outputs may replace
   * @return the writer
   */
  public static ModelWriter directory(Path dir, OutputPolicy policy) {
    return new ModelWriter(
        Objects.requireNonNull(dir, "dir"), null, policy, StoreOptions.DEFAULT, null, null);
  }

  /**
   * A writer of the output {@code out} names: a vector file when {@code format} names a file format
   * or, without a format, when the name ends in {@code .bin} or {@code .bin.gz} (word2vec binary)
   * or {@code .txt}, {@code .vec}, {@code .w2v} or {@code .gz} (word2vec text); else a model
   * directory.
   *
   * @param out where the vectors go; null when they are not written (the extras may still be)
   * @param format {@code store} (a model directory), a {@link VectorFormat} id, or null to decide
   *     by the name
   * @param policy what the outputs may replace
   * @return the writer
   * @throws LexicaException for an unknown format or one that cannot be written ({@code auto},
   *     {@code fasttext-bin}: see {@link VectorFiles#checkWritable})
   */
  public static ModelWriter of(Path out, String format, OutputPolicy policy) {
    return new ModelWriter(out, fileFormat(out, format), policy, StoreOptions.DEFAULT, null, null);
  }

  /** The vector-file format {@link #of} decides on, or null for a model directory. */
  private static VectorFormat fileFormat(Path out, String format) {
    if (format != null) {
      if (format.equalsIgnoreCase("store")) {
        return null;
      }
      VectorFormat f = VectorFormat.parse(format);
      VectorFiles.checkWritable(f);
      return f;
    }
    if (out == null) {
      return null;
    }
    String name = out.getFileName().toString();
    if (name.matches(".*\\.bin(\\.gz)?")) {
      return VectorFormat.WORD2VEC_BINARY;
    }
    if (name.matches(".*\\.(txt|vec|w2v|gz)")) {
      return VectorFormat.WORD2VEC_TEXT;
    }
    return null;
  }

  /**
   * This writer building a model directory's HNSW graph with {@code options}.
   *
   * @param options graph and quantization settings
   * @return a new writer
   */
  public ModelWriter storeOptions(StoreOptions options) {
    return new ModelWriter(target, fileFormat, policy, options, fastTextBin, gloveBiases);
  }

  /**
   * This writer also writing a subword model in fastText's own {@code .bin} format (for the
   * fastText tool and gensim's {@code load_facebook_model}) at {@code bin}.
   *
   * @param bin the file, named {@code *.bin}; null for none
   * @return a new writer
   * @throws LexicaException when the name does not end in {@code .bin}
   */
  public ModelWriter fastTextBin(Path bin) {
    if (bin != null && !bin.getFileName().toString().endsWith(".bin")) {
      throw new LexicaException(
          "the fastText model file " + bin + " does not end in .bin", "name it *.bin");
    }
    return new ModelWriter(target, fileFormat, policy, storeOptions, bin, gloveBiases);
  }

  /**
   * This writer also writing a GloVe model's biases at {@code file}, one line per word: {@code word
   * b b~} (the word's and the context's bias), in row order.
   *
   * @param file the file; null for none
   * @return a new writer
   */
  public ModelWriter gloveBiases(Path file) {
    return new ModelWriter(target, fileFormat, policy, storeOptions, fastTextBin, file);
  }

  /**
   * Where the vectors go.
   *
   * @return the model directory or vector file; null when they are not written
   */
  public Path target() {
    return target;
  }

  /**
   * The vector-file format written.
   *
   * @return the format, or null for a model directory (or no target)
   */
  public VectorFormat fileFormat() {
    return fileFormat;
  }

  /**
   * Whether the vectors go to a model directory.
   *
   * @return true for a model directory
   */
  public boolean isDirectory() {
    return target != null && fileFormat == null;
  }

  /**
   * What the outputs may replace.
   *
   * @return the policy
   */
  public OutputPolicy policy() {
    return policy;
  }

  /**
   * Every place this writer writes, the vectors first: for a caller that reports each before the
   * work (a command says what it will replace).
   *
   * @return the outputs
   */
  public List<Output> outputs() {
    List<Output> out = new ArrayList<>();
    if (target != null) {
      out.add(
          isDirectory()
              ? new Output(VectorStore.KIND, target, "model")
              : new Output(OutputKind.FILE, target, fileFormat.id() + " file"));
    }
    if (fastTextBin != null) {
      out.add(new Output(OutputKind.FILE, fastTextBin, "fastText .bin"));
    }
    if (gloveBiases != null) {
      out.add(new Output(OutputKind.FILE, gloveBiases, "GloVe biases"));
    }
    return List.copyOf(out);
  }

  /**
   * Checks, before the work that makes the model, that every output may be written (see the class
   * comment), that a model directory can hold vectors of {@code dimension}, and that phrases are
   * asked for only with a model directory.
   *
   * @param dimension the vectors' dimension
   * @param phrases whether the model will include phrases
   * @throws LexicaException naming the first problem and its fix
   */
  public void check(int dimension, boolean phrases) {
    for (Output o : outputs()) {
      o.kind().check(o.path(), policy);
    }
    checkDimension(
        dimension,
        "lower the dimension to "
            + VectorFieldLimits.MAX_DIMENSION
            + " or less, or write a vector file (e.g. vectors.bin), which has no limit");
    checkPhrases(phrases);
  }

  /**
   * Fails when the vectors go to a model directory and {@code dimension} is more than a Lucene
   * vector field holds ({@link VectorFieldLimits#MAX_DIMENSION}); vector files have no limit.
   *
   * @param dimension the vectors' dimension
   * @param remedy what the user can do, for the message
   */
  public void checkDimension(int dimension, String remedy) {
    if (isDirectory()) {
      VectorFieldLimits.checkDimension(dimension, remedy);
    }
  }

  /**
   * Fails when the model will include phrases and the vectors go to a vector file, which cannot
   * keep the phrase list that queries need to join their words.
   *
   * @param phrases whether the model will include phrases
   */
  public void checkPhrases(boolean phrases) {
    if (phrases && target != null && !isDirectory()) {
      throw new LexicaException(
          "phrases are kept with a model directory, which " + target + " is not",
          "write a model directory (a name without a vector file's extension, or the format"
              + " store); 'lexica export' makes a vector file of it");
    }
  }

  /**
   * Fails when a vector file cannot hold one of {@code words} (see {@link
   * VectorFiles#requireWritable}): for a trainer, as soon as it knows its vocabulary. A model
   * directory holds any word.
   *
   * @param words the model's words, in row order
   */
  public void checkWords(List<String> words) {
    if (target != null && !isDirectory()) {
      VectorFiles.requireWritable(words);
    }
  }

  /**
   * Writes the model: a model directory with every weight, the phrases and {@code metadata} (plus
   * what the store records itself, {@link ModelMetadata#WRITER_KEYS}), or a vector file with the
   * vectors alone. Nothing when the writer has no target.
   *
   * @param weights the vectors and whatever training continues from
   * @param phrases the phrases the words include ({@link PhraseList#EMPTY} for none)
   * @param metadata how the model was made
   * @throws LexicaException when the output may not be written or the rows are invalid; the
   *     previous output stays as it was
   */
  public void write(ModelWeights weights, PhraseList phrases, ModelMetadata metadata) {
    if (target == null) {
      return;
    }
    checkPhrases(!phrases.isEmpty());
    if (isDirectory()) {
      VectorStoreWriter.write(weights, phrases, metadata.toMap(), target, storeOptions, policy);
    } else {
      VectorFiles.write(weights.vectors(), target, fileFormat, policy);
    }
  }

  /**
   * Writes a multilingual model directory: the parts' rows one language after the other, each with
   * its hubness (see {@link VectorStoreWriter#write(List, java.util.Map, Path, StoreOptions,
   * OutputPolicy)}).
   *
   * @param parts the languages, in row order
   * @param metadata how the model was made
   * @throws LexicaException when the target is not a model directory, or as {@link #write}
   */
  public void write(List<LanguagePart> parts, ModelMetadata metadata) {
    if (!isDirectory()) {
      throw new LexicaException(
          "a model of several languages is a model directory, which " + target + " is not",
          "write it to a directory; 'lexica export --language L' makes a vector file of one"
              + " language");
    }
    VectorStoreWriter.write(parts, metadata.toMap(), target, storeOptions, policy);
  }

  /**
   * Writes {@code model} in fastText's {@code .bin} format where {@link #fastTextBin} said; nothing
   * otherwise.
   *
   * @param model the subword model
   */
  public void writeFastTextBin(FastTextModel model) {
    if (fastTextBin != null) {
      FastTextBin.write(model, fastTextBin, policy);
    }
  }

  /**
   * Writes the biases of a GloVe model where {@link #gloveBiases} said (the format is there);
   * nothing otherwise.
   *
   * @param words the model's words, in row order
   * @param wordBiases per row, the word's bias
   * @param contextBiases per row, the context's bias
   */
  public void writeGloveBiases(WordVectors words, float[] wordBiases, float[] contextBiases) {
    if (gloveBiases == null) {
      return;
    }
    if (wordBiases.length != words.size() || contextBiases.length != words.size()) {
      throw new IllegalArgumentException("one bias per word expected");
    }
    try (AtomicOutput out = AtomicOutput.file(gloveBiases, policy)) {
      try (BufferedWriter w = Files.newBufferedWriter(out.path(), StandardCharsets.UTF_8)) {
        for (int r = 0; r < words.size(); r++) {
          w.write(words.word(r));
          w.write(' ');
          w.write(Float.toString(wordBiases[r]));
          w.write(' ');
          w.write(Float.toString(contextBiases[r]));
          w.write('\n');
        }
      }
      out.commit();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + gloveBiases, e);
    }
  }
}
