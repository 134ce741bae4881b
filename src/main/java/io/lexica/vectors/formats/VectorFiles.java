package io.lexica.vectors.formats;

import io.lexica.LexicaException;
import io.lexica.util.AtomicOutput;
import io.lexica.util.OutputPolicy;
import io.lexica.vectors.FastTextBin;
import io.lexica.vectors.FastTextModel;
import io.lexica.vectors.ModelWeights;
import io.lexica.vectors.RowCheck;
import io.lexica.vectors.WordVectors;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Reads and writes word-vector files: word2vec text and binary (as Mikolov's C tool and gensim
 * write them), GloVe text and fastText {@code .vec} (see {@link VectorFormat}).
 *
 * <p>Reading streams: rows go straight into the final {@code float[]}, sized from the header (for
 * headerless GloVe from a counting pass over the file), so a 1 M x 300 file needs its 1.2 GB matrix
 * once, not twice; a header claiming more rows than the file's bytes can hold is not trusted with
 * memory. Files may be gzip-compressed. Problems are reported as {@link LexicaException}s naming
 * the row, line or byte: a truncated file, a row whose length differs from the header's dimension
 * or the first row's, a bad header, data after the announced rows. Every row passes the {@link
 * RowCheck} that every other reader of vectors applies too: finite values (NaN is an error),
 * duplicate words (the first row wins, as in gensim), invalid UTF-8 (replaced, or an error when
 * {@linkplain ReadOptions#strictUtf8() strict}) and all-zero vectors (a warning).
 *
 * <p>Words: the formats reserve only their separators, so a word is any non-empty sequence of
 * characters without a space or a line feed. Control characters (a terminal's ESC, tabs), other C0
 * bytes and characters outside the BMP are read and written as they are, as gensim does; the C
 * tool's tokenizer never makes words of them, but other tools and analyzers do. In word2vec binary
 * a word ends at its space and the newline that ends the previous row is skipped; in the text
 * formats it ends at the first space. A word holding a space or a line feed cannot be written: the
 * file would not read back, so {@link #write} refuses it with an error naming the word.
 *
 * <p>Other choices where the formats are loose: blank lines in text files are skipped; trailing
 * spaces (the C tool writes one after every value) and CR line ends are accepted.
 *
 * <p>Writing: text values are printed with {@link Float#toString(float)}, the shortest decimal that
 * parses back to the same float, so text round trips are exact; binary rows are float32
 * little-endian followed by a newline, exactly as the C tool writes them (gensim reads that too).
 * Output goes through {@link AtomicOutput}; a name ending in {@code .gz} is gzip-compressed.
 *
 * <p>Stateless; thread-safe.
 */
public final class VectorFiles {
  private VectorFiles() {}

  /**
   * How to read.
   *
   * @param limit read at most this many distinct words (the first ones, as gensim's {@code limit});
   *     0 reads all
   * @param strictUtf8 fail on a word that is not valid UTF-8 instead of replacing its invalid bytes
   * @param trainingWeights also keep what training continues from where the file has it (a fastText
   *     {@code .bin}'s output rows and words' own rows, for a whole model only: {@link
   *     ModelWeights#of(FastTextModel)}); the vectors and a model's n-gram rows are always read
   */
  public record ReadOptions(int limit, boolean strictUtf8, boolean trainingWeights) {
    public static final ReadOptions DEFAULT = new ReadOptions(0, false);

    /**
     * Checks the limit.
     *
     * @throws IllegalArgumentException when {@code limit} is negative
     */
    public ReadOptions {
      if (limit < 0) {
        throw new IllegalArgumentException("limit must be >= 0: " + limit);
      }
    }

    /**
     * Vectors (and n-gram rows) only: what queries and evaluations need.
     *
     * @param limit the most words, 0 for all
     * @param strictUtf8 whether invalid UTF-8 is an error
     */
    public ReadOptions(int limit, boolean strictUtf8) {
      this(limit, strictUtf8, false);
    }
  }

  /**
   * The result of reading a file.
   *
   * @param weights the words and raw vectors in file order, with whatever else the source holds
   *     (n-gram rows, and with {@link ReadOptions#trainingWeights()} output rows)
   * @param format the format read (the detected one when {@link VectorFormat#AUTO} was asked); null
   *     when the vectors came from a model directory or another container rather than a file
   * @param warnings problems that did not stop the read ({@link RowCheck#warnings()}), one sentence
   *     each
   */
  public record Loaded(ModelWeights weights, VectorFormat format, List<String> warnings) {
    /** Copies the warnings, so the result is immutable. */
    public Loaded {
      warnings = List.copyOf(warnings);
    }

    /**
     * Vectors alone, as most sources hold them.
     *
     * @param vectors the words and raw vectors
     * @param format the format read, or null
     * @param warnings the check's warnings
     */
    public Loaded(WordVectors vectors, VectorFormat format, List<String> warnings) {
      this(ModelWeights.of(vectors), format, warnings);
    }

    /**
     * The words and raw vectors, in file order.
     *
     * @return {@code weights().vectors()}
     */
    public WordVectors vectors() {
      return weights.vectors();
    }
  }

  /**
   * Reads a vector file of the given format ({@link VectorFormat#AUTO} detects it, a fastText
   * {@code .bin} included).
   *
   * @param file the vector file
   * @param format its format, or {@link VectorFormat#AUTO}
   * @param options the limit, UTF-8 handling and whether to keep training weights
   * @return the vectors, with what else the file holds, the format and the warnings
   * @throws LexicaException when the file is missing, a directory, or not a readable vector file
   */
  public static Loaded read(Path file, VectorFormat format, ReadOptions options) {
    VectorFileReader.requireFile(file);
    if (format == VectorFormat.FASTTEXT_BIN
        || (format == VectorFormat.AUTO && FastTextBin.isFastTextBin(file))) {
      RowCheck check = new RowCheck(file.toString(), "word", options.strictUtf8());
      boolean whole = options.trainingWeights() && options.limit() == 0;
      FastTextModel model = FastTextBin.read(file, whole, check);
      ModelWeights weights =
          whole
              ? ModelWeights.of(model)
              : new ModelWeights(model.wordVectors(options.limit()), null, null, model.ngrams());
      return new Loaded(weights, VectorFormat.FASTTEXT_BIN, check.checkAll(weights.vectors()));
    }
    return new VectorFileReader(file, options).read(format);
  }

  /**
   * Reads a whole vector file, detecting its format; warnings are dropped.
   *
   * @param file the vector file
   * @return the vectors
   * @throws io.lexica.LexicaException when the file is missing, a directory, or not a readable
   *     vector file
   */
  public static WordVectors read(Path file) {
    return read(file, VectorFormat.AUTO, ReadOptions.DEFAULT).vectors();
  }

  /**
   * The format of a file, judged from its first 64 KB.
   *
   * @param file the vector file
   * @return the format; never {@link VectorFormat#AUTO}
   * @throws io.lexica.LexicaException when the file cannot be read or matches no format
   */
  public static VectorFormat detect(Path file) {
    return VectorFileReader.detect(file);
  }

  /**
   * Writes vectors in a format (not {@link VectorFormat#AUTO}), atomically: the file appears
   * complete or not at all.
   *
   * @param vectors the vectors
   * @param file the file; written beside and moved in atomically
   * @param format the format
   * @throws LexicaException when a word cannot be written (empty, or holding a space or a line
   *     feed, which every one of these formats uses as a separator) or a vector is not finite (the
   *     {@link RowCheck} would refuse the file)
   */
  public static void write(WordVectors vectors, Path file, VectorFormat format) {
    write(vectors, file, format, OutputPolicy.SAFE);
  }

  /**
   * As {@link #write(WordVectors, Path, VectorFormat)}, replacing what {@code policy} allows.
   *
   * @param vectors the vectors
   * @param file the file; written beside and moved in atomically
   * @param format the format
   * @param policy whether any existing file may be replaced, and the inputs never replaced
   * @throws io.lexica.LexicaException as {@link #write(WordVectors, Path, VectorFormat)}, or when
   *     the file holds something the policy protects
   */
  public static void write(
      WordVectors vectors, Path file, VectorFormat format, OutputPolicy policy) {
    checkWritable(format);
    byte[][] words = encodeWords(vectors);
    RowCheck.check(vectors, "the vectors for " + file, "row");
    try (AtomicOutput out = AtomicOutput.file(file, policy)) {
      OutputStream raw = Files.newOutputStream(out.path());
      if (file.getFileName().toString().endsWith(".gz")) {
        raw = new GZIPOutputStream(raw, 1 << 16);
      }
      try (OutputStream os = new BufferedOutputStream(raw, 1 << 16)) {
        if (format.hasHeader()) {
          os.write(
              (vectors.size() + " " + vectors.dimension() + "\n")
                  .getBytes(StandardCharsets.US_ASCII));
        }
        if (format == VectorFormat.WORD2VEC_BINARY) {
          writeBinaryRows(vectors, words, os);
        } else {
          writeTextRows(vectors, words, os);
        }
      }
      out.commit();
    } catch (IOException e) {
      throw new LexicaException(
          "cannot write " + file + ": " + e.getMessage(),
          "check that the directory is writable and has free space",
          e);
    }
  }

  /**
   * Throws when a word cannot be written to a vector file (see the class comment), naming it: the
   * check {@link #write} makes, for callers that know the words long before the vectors (a trainer,
   * once its vocabulary is counted), so the error comes before the work.
   *
   * @param words the words to be written
   * @throws io.lexica.LexicaException when a word is empty or holds a space or a line feed
   */
  public static void requireWritable(List<String> words) {
    for (int r = 0; r < words.size(); r++) {
      requireWritable(words.get(r), r);
    }
  }

  private static void requireWritable(String word, int row) {
    if (word.isEmpty() || word.indexOf(' ') >= 0 || word.indexOf('\n') >= 0) {
      throw new LexicaException(
          "word "
              + (row + 1)
              + " ('"
              + word.replace("\n", "\\n")
              + "') "
              + (word.isEmpty() ? "is empty" : "holds a space or a line feed")
              + ", which no vector file can hold: it would not read back",
          "write a Lexica model instead (a directory: it holds any word), or use an analyzer"
              + " whose tokens hold no spaces");
    }
  }

  /**
   * Fails unless {@link #write} can write {@code format}, so that a caller can check before the
   * work that produces the vectors.
   *
   * @param format the format asked for
   * @throws LexicaException for {@link VectorFormat#AUTO} (a way of reading) and {@link
   *     VectorFormat#FASTTEXT_BIN} (it needs n-gram rows that word vectors do not have)
   */
  public static void checkWritable(VectorFormat format) {
    if (format == VectorFormat.AUTO) {
      throw new LexicaException(
          "format auto is for reading", "name the format to write, e.g. word2vec-binary");
    }
    if (format == VectorFormat.FASTTEXT_BIN) {
      throw new LexicaException(
          "a fastText .bin holds n-gram rows that word vectors alone do not have",
          "train with --algorithm fasttext --save-bin FILE.bin, or write fasttext-vec");
    }
  }

  /** The words' UTF-8 bytes, after checking that each can be read back. */
  private static byte[][] encodeWords(WordVectors vectors) {
    byte[][] out = new byte[vectors.size()][];
    for (int r = 0; r < out.length; r++) {
      String w = vectors.word(r);
      requireWritable(w, r);
      out[r] = w.getBytes(StandardCharsets.UTF_8);
    }
    return out;
  }

  private static void writeBinaryRows(WordVectors vectors, byte[][] words, OutputStream os)
      throws IOException {
    int dim = vectors.dimension();
    float[] data = vectors.data();
    ByteBuffer row = ByteBuffer.allocate(dim * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (int r = 0; r < words.length; r++) {
      os.write(words[r]);
      os.write(' ');
      row.clear();
      row.asFloatBuffer().put(data, r * dim, dim);
      os.write(row.array());
      os.write('\n');
    }
  }

  private static void writeTextRows(WordVectors vectors, byte[][] words, OutputStream os)
      throws IOException {
    int dim = vectors.dimension();
    float[] data = vectors.data();
    StringBuilder sb = new StringBuilder(dim * 12);
    for (int r = 0; r < words.length; r++) {
      os.write(words[r]);
      sb.setLength(0);
      for (int i = r * dim, end = i + dim; i < end; i++) {
        sb.append(' ').append(data[i]);
      }
      sb.append('\n');
      os.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
    }
  }
}
