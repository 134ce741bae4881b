package io.lexica.vectors;

import io.lexica.LexicaException;
import io.lexica.util.AtomicOutput;
import io.lexica.util.OutputPolicy;
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
 * once, not twice. Files may be gzip-compressed. Problems are reported as {@link LexicaException}s
 * naming the row, line or byte: a truncated file, a row whose length differs from the header's
 * dimension or the first row's, a bad header, data after the announced rows.
 *
 * <p>Choices where the formats are loose:
 *
 * <ul>
 *   <li>Duplicate words: the first row wins and later ones are skipped with a warning, as gensim
 *       does (the C tool's own readers would find the first one too).
 *   <li>Words that are not valid UTF-8 (the C tool truncates words at 99 bytes, which can cut a
 *       character): by default their invalid bytes become U+FFFD and a warning counts them, as
 *       gensim with {@code unicode_errors='replace'}; {@link ReadOptions#strictUtf8()} makes them
 *       an error instead (gensim's default).
 *   <li>Blank lines in text files are skipped; trailing spaces (the C tool writes one after every
 *       value) and CR line ends are accepted.
 * </ul>
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
   */
  public record ReadOptions(int limit, boolean strictUtf8) {
    public static final ReadOptions DEFAULT = new ReadOptions(0, false);

    public ReadOptions {
      if (limit < 0) {
        throw new IllegalArgumentException("limit must be >= 0: " + limit);
      }
    }
  }

  /**
   * The result of reading a file.
   *
   * @param vectors the words and raw vectors in file order
   * @param format the format read (the detected one when {@link VectorFormat#AUTO} was asked); null
   *     when the vectors came from a model directory rather than a file
   * @param warnings problems that did not stop the read (duplicates, invalid UTF-8), one sentence
   *     each
   */
  public record Loaded(WordVectors vectors, VectorFormat format, List<String> warnings) {}

  /** Reads a vector file of the given format ({@link VectorFormat#AUTO} detects it). */
  public static Loaded read(Path file, VectorFormat format, ReadOptions options) {
    if (format == VectorFormat.FASTTEXT_BIN
        || (format == VectorFormat.AUTO && FastTextBin.isFastTextBin(file))) {
      WordVectors v = FastTextBin.read(file, false).wordVectors(options.limit());
      return new Loaded(v, VectorFormat.FASTTEXT_BIN, List.of());
    }
    return new VectorFileReader(file, options).read(format);
  }

  /** Reads a whole vector file, detecting its format; warnings are dropped. */
  public static WordVectors read(Path file) {
    return read(file, VectorFormat.AUTO, ReadOptions.DEFAULT).vectors();
  }

  /** The format of a file, judged from its first 64 KB. */
  public static VectorFormat detect(Path file) {
    return VectorFileReader.detect(file);
  }

  /**
   * Writes vectors in a format (not {@link VectorFormat#AUTO}), atomically: the file appears
   * complete or not at all.
   *
   * @throws LexicaException when a word cannot be written (empty, or holding a space or a line
   *     break, which every one of these formats uses as a separator)
   */
  public static void write(WordVectors vectors, Path file, VectorFormat format) {
    write(vectors, file, format, OutputPolicy.SAFE);
  }

  /** As {@link #write(WordVectors, Path, VectorFormat)}, replacing what {@code policy} allows. */
  public static void write(
      WordVectors vectors, Path file, VectorFormat format, OutputPolicy policy) {
    if (format == VectorFormat.AUTO) {
      throw new IllegalArgumentException("name the format to write");
    }
    if (format == VectorFormat.FASTTEXT_BIN) {
      throw new LexicaException(
          "a fastText .bin holds n-gram rows that word vectors alone do not have",
          "train with --algorithm fasttext --save-bin FILE.bin, or write fasttext-vec");
    }
    byte[][] words = encodeWords(vectors);
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

  private static byte[][] encodeWords(WordVectors vectors) {
    byte[][] out = new byte[vectors.size()][];
    for (int r = 0; r < out.length; r++) {
      String w = vectors.word(r);
      if (w.isEmpty() || w.indexOf(' ') >= 0 || w.indexOf('\n') >= 0 || w.indexOf('\r') >= 0) {
        throw new LexicaException(
            "word " + (r + 1) + " ('" + w + "') is empty or holds a space or line break",
            "vector file formats separate words by spaces and lines; such words cannot be"
                + " written");
      }
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
