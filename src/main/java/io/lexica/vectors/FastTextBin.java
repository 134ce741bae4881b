package io.lexica.vectors;

import io.lexica.LexicaException;
import io.lexica.util.AtomicOutput;
import io.lexica.util.OutputPolicy;
import io.lexica.vectors.FastTextModel.Settings;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * fastText's binary model format ({@code .bin}, version 12), read and written exactly as fastText
 * 0.9 does ({@code FastText::saveModel}, {@code Args::save}, {@code Dictionary::save}, {@code
 * DenseMatrix::save}), all little-endian:
 *
 * <pre>
 * int32 magic 793712314, int32 version 12
 * args: int32 dim, ws, epoch, minCount, neg, wordNgrams, loss, model, bucket, minn, maxn,
 *       lrUpdateRate; float64 t
 * dictionary: int32 size, nwords, nlabels; int64 ntokens, pruneidx_size (-1: not pruned);
 *       per entry: UTF-8 bytes, a 0 byte, int64 count, int8 type (0 word, 1 label)
 * bool quant_input (0); input matrix: int64 rows (nwords + bucket), int64 cols, float32 rows
 * bool qout (0); output matrix: int64 rows (nwords), int64 cols, float32 rows
 * </pre>
 *
 * Models written here load in the fastText tool ({@code print-word-vectors}, {@code nn}) and in
 * gensim's {@code load_facebook_model}. Quantized ({@code .ftz}) and supervised models are refused
 * with an explanation. Stateless; thread-safe.
 */
public final class FastTextBin {
  static final int MAGIC = 793712314;
  static final int VERSION = 12;
  private static final int MODEL_SUPERVISED = 3;

  private FastTextBin() {}

  /**
   * True when {@code file} starts like a fastText binary model (its magic number).
   *
   * @param file any file
   * @return whether its first bytes are fastText's magic number
   */
  public static boolean isFastTextBin(Path file) {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try (LittleEndianFile in = LittleEndianFile.openForReading(file)) {
      return in.readInt() == MAGIC;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Reads a fastText model. Its words and input rows pass the {@link RowCheck} every reader of
   * vectors applies (UTF-8 words, finite values).
   *
   * @param file a fastText {@code .bin}
   * @param keepOutput whether to keep the output matrix (only needed to write the model back)
   * @return the model
   * @throws io.lexica.LexicaException when the file is missing, truncated, not a fastText model or
   *     holds a non-finite value
   */
  public static FastTextModel read(Path file, boolean keepOutput) {
    return read(file, keepOutput, new RowCheck(file.toString(), "word", false));
  }

  /**
   * As {@link #read(Path, boolean)}, decoding and checking the words with {@code check} (e.g.
   * strict UTF-8, as the vector-file readers are asked to).
   *
   * @param file the {@code .bin}
   * @param keepOutput whether to keep the output matrix
   * @param check the check every word and input row passes; its warnings are the caller's
   * @return the model
   */
  public static FastTextModel read(Path file, boolean keepOutput, RowCheck check) {
    try (LittleEndianFile in = LittleEndianFile.openForReading(file)) {
      return read(in, keepOutput, check);
    } catch (EOFException e) {
      throw new LexicaException(
          file + " is truncated: it ends before the model does",
          "download or write the model again",
          e);
    } catch (IOException e) {
      throw new LexicaException("cannot read " + file + ": " + e.getMessage(), "", e);
    }
  }

  private static FastTextModel read(LittleEndianFile in, boolean keepOutput, RowCheck check)
      throws IOException {
    Path file = in.path();
    int magic = in.readInt();
    int version = in.readInt();
    if (magic != MAGIC) {
      throw new LexicaException(
          file + " is not a fastText binary model (wrong magic number)",
          "give a .bin written by fastText (or by lexica); for .vec text files use the vector"
              + " file import");
    }
    if (version > VERSION || version < 11) {
      throw new LexicaException(
          file + " has fastText format version " + version + "; versions 11 and 12 are known",
          "save the model with fastText 0.9 (format 12)");
    }
    int dim = in.readInt();
    int ws = in.readInt();
    int epoch = in.readInt();
    int minCount = in.readInt();
    int neg = in.readInt();
    in.readInt(); // wordNgrams: only used by supervised models
    int loss = in.readInt();
    int model = in.readInt();
    int bucket = in.readInt();
    int minn = in.readInt();
    int maxn = in.readInt();
    int lrUpdateRate = in.readInt();
    double t = in.readDouble();
    if (model == MODEL_SUPERVISED) {
      throw new LexicaException(
          file + " is a supervised (classification) fastText model",
          "give an unsupervised model (fasttext skipgram or cbow): only those hold word vectors");
    }
    if (dim <= 0 || bucket < 0 || (maxn > 0 && (minn < 1 || minn > maxn))) {
      throw new LexicaException(
          file + " has corrupt settings (dim " + dim + ", bucket " + bucket + ")",
          "download or write the model again");
    }
    Settings settings =
        new Settings(
            dim,
            ws,
            epoch,
            minCount,
            neg,
            enumOf(FastTextModel.Loss.values(), loss, file),
            enumOf(FastTextModel.Architecture.values(), model, file),
            minn,
            maxn,
            bucket,
            lrUpdateRate,
            t);

    int size = in.readInt();
    int nwords = in.readInt();
    int nlabels = in.readInt();
    long ntokens = in.readLong();
    long pruneSize = in.readLong();
    if (nlabels != 0 || size != nwords || nwords < 0) {
      throw new LexicaException(
          file + " has labels or a corrupt dictionary (" + size + " entries, " + nwords + " words)",
          "give an unsupervised fastText model");
    }
    List<String> words = new ArrayList<>(nwords);
    Set<String> seen = new HashSet<>();
    long[] counts = new long[nwords];
    ByteArrayOutputStream word = new ByteArrayOutputStream(64);
    for (int i = 0; i < nwords; i++) {
      word.reset();
      for (byte b = in.readByte(); b != 0; b = in.readByte()) {
        word.write(b);
      }
      String w = check.word(word.toByteArray(), 0, word.size(), i + 1);
      if (!seen.add(w)) {
        // Rows are positional (n-gram rows follow the words), so a repeat cannot be skipped.
        throw new LexicaException(
            check.where(i + 1, w) + ": the word is in the dictionary twice",
            "the model is damaged: download or write it again");
      }
      words.add(w);
      counts[i] = in.readLong();
      in.readByte(); // entry type: all words, as nlabels == 0
    }
    boolean quantized = in.readByte() != 0;
    if (quantized || pruneSize > 0) {
      throw new LexicaException(
          file + " is a quantized fastText model (.ftz)",
          "give the full .bin model: quantized vectors are approximations Lexica does not read");
    }
    long rows = in.readLong();
    long cols = in.readLong();
    if (cols != dim || (rows != (long) nwords + bucket && !(maxn <= 0 && rows == nwords))) {
      throw new LexicaException(
          file
              + " has an input matrix of "
              + rows
              + " x "
              + cols
              + ", expected "
              + nwords
              + " + "
              + bucket
              + " rows of "
              + dim,
          "download or write the model again");
    }
    boolean subwords = maxn > 0 && bucket > 0;
    long kept = subwords ? rows : nwords; // a model without n-grams has unused bucket rows
    if (kept * cols > Integer.MAX_VALUE - 8) {
      throw new LexicaException(
          file + " has " + kept + " x " + cols + " input floats, more than one Java array holds",
          "use a model with fewer buckets or a smaller dimension");
    }
    float[] input = new float[(int) (kept * cols)];
    in.readFloats(input, 0, input.length);
    in.readFloats(null, 0, (rows - kept) * cols);
    for (int i = 0; i < nwords; i++) {
      check.requireFinite(words.get(i), input, i * dim, dim, i + 1);
    }
    RowCheck buckets = new RowCheck(file.toString(), "n-gram bucket", false);
    for (int b = 0; nwords + (long) b < kept; b++) {
      buckets.requireFinite(null, input, (nwords + b) * dim, dim, b);
    }
    SubwordMatrix ngrams =
        subwords ? SubwordMatrix.dense(settings.subwords(), dim, input, nwords) : null;
    in.readByte(); // qout: only meaningful for quantized models
    long outRows = in.readLong();
    long outCols = in.readLong();
    if (outRows != nwords || outCols != dim) {
      throw new LexicaException(
          file
              + " has an output matrix of "
              + outRows
              + " x "
              + outCols
              + ", expected "
              + nwords
              + " x "
              + dim,
          "download or write the model again");
    }
    float[] output = keepOutput ? new float[nwords * dim] : null;
    in.readFloats(output, 0, (long) nwords * dim);
    if (!in.atEnd()) {
      throw new LexicaException(
          file + " has bytes after the model's end", "download or write the model again");
    }
    return new FastTextModel(settings, words, counts, ntokens, input, ngrams, output);
  }

  private static <E extends Enum<E>> E enumOf(E[] values, int code, Path file) {
    for (E e : values) {
      int c = e instanceof FastTextModel.Loss l ? l.code : ((FastTextModel.Architecture) e).code;
      if (c == code) {
        return e;
      }
    }
    throw new LexicaException(
        file + " has an unknown model or loss code " + code, "give a fastText 0.9 model");
  }

  /**
   * Writes the model as a fastText {@code .bin}, via {@link AtomicOutput}. N-gram buckets without a
   * row (never trained) are written as zeros; a missing output matrix is written as zeros (fastText
   * and gensim compute word vectors from the input matrix only).
   *
   * @param model the model
   * @param file the {@code .bin} file; written beside and moved in atomically
   */
  public static void write(FastTextModel model, Path file) {
    write(model, file, OutputPolicy.SAFE);
  }

  /**
   * As {@link #write(FastTextModel, Path)}, replacing what {@code policy} allows.
   *
   * @param model the model
   * @param file the {@code .bin} file; written beside and moved in atomically
   * @param policy whether any existing file may be replaced, and the inputs never replaced
   */
  public static void write(FastTextModel model, Path file, OutputPolicy policy) {
    for (String w : model.words()) {
      if (w.indexOf('\0') >= 0 || w.isEmpty()) {
        throw new LexicaException(
            "the word '" + w.replace('\0', '?') + "' cannot be stored in a fastText model",
            "fastText words are non-empty and contain no NUL character; clean the vocabulary");
      }
    }
    try (AtomicOutput out = AtomicOutput.file(file, policy)) {
      try (LittleEndianFile f = LittleEndianFile.openForWriting(out.path())) {
        write(model, f);
      } catch (IOException e) {
        throw new LexicaException(
            "cannot write " + file + ": " + e.getMessage(), "check free disk space", e);
      }
      out.commit();
    }
  }

  private static void write(FastTextModel model, LittleEndianFile f) throws IOException {
    Settings s = model.settings();
    int dim = s.dim();
    int nwords = model.words().size();
    SubwordMatrix ngrams = model.ngrams();
    int buckets = ngrams == null ? 0 : s.buckets();
    f.writeInt(MAGIC);
    f.writeInt(VERSION);
    for (int x :
        new int[] {
          dim,
          s.window(),
          s.epochs(),
          s.minCount(),
          s.negative(),
          1, // wordNgrams
          s.loss().code,
          s.architecture().code,
          buckets,
          s.minn(),
          s.maxn(),
          s.lrUpdateRate()
        }) {
      f.writeInt(x);
    }
    f.writeDouble(s.sample());
    f.writeInt(nwords); // size
    f.writeInt(nwords);
    f.writeInt(0); // nlabels
    f.writeLong(model.tokens());
    f.writeLong(-1); // pruneidx_size: not pruned
    for (int i = 0; i < nwords; i++) {
      f.writeBytes(model.words().get(i).getBytes(StandardCharsets.UTF_8));
      f.writeByte(0);
      f.writeLong(model.count(i));
      f.writeByte(0); // entry_type::word
    }
    f.writeByte(0); // quant_input = false
    f.writeLong((long) nwords + buckets);
    f.writeLong(dim);
    f.writeFloats(model.input(), 0, (long) nwords * dim);
    for (int b = 0; b < buckets; b++) {
      long off = ngrams.offsetOf(b);
      f.writeFloats(off < 0 ? null : model.input(), Math.max(off, 0), dim);
    }
    f.writeByte(0); // qout = false
    f.writeLong(nwords);
    f.writeLong(dim);
    f.writeFloats(model.output(), 0, (long) nwords * dim);
  }
}
