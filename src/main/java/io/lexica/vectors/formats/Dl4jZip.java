package io.lexica.vectors.formats;

import io.lexica.LexicaException;
import io.lexica.util.AtomicOutput;
import io.lexica.util.OutputPolicy;
import io.lexica.vectors.RowCheck;
import io.lexica.vectors.WordVectors;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The Deeplearning4j word2vec zip, the one model layout Lucene's own {@code Word2VecSynonymFilter}
 * reads ({@code Dl4jModelReader} in lucene-analysis-common): a zip whose entry {@value #ENTRY}
 * holds a header line {@code "V dim"} and then one line per word, {@code B64:<base64 of the word's
 * UTF-8>} followed by its {@code dim} components, all separated by single spaces. Words are always
 * base64-encoded (as DL4J writes them), so any word survives. Components are written with {@link
 * Float#toString(float)}, which parses back to the same float: round trips are exact. DL4J's other
 * entries (output weights, Huffman codes, configuration) are not needed by Lucene and not written;
 * corpus counts are therefore not carried. Stateless; thread-safe.
 */
public final class Dl4jZip {
  /** The vector entry; Lucene reads the first entry whose name starts with {@code syn0}. */
  public static final String ENTRY = "syn0.txt";

  private static final String B64 = "B64:";

  private Dl4jZip() {}

  /**
   * Writes {@code vectors} (raw, as given) as a DL4J zip, atomically.
   *
   * @param vectors the vectors
   * @param file the zip file; written beside and moved in atomically
   * @return the words left out because their vector is all zeros
   */
  public static List<String> write(WordVectors vectors, Path file) {
    return write(vectors, file, OutputPolicy.SAFE);
  }

  /**
   * As {@link #write(WordVectors, Path)}, replacing what {@code policy} allows.
   *
   * @param vectors the vectors
   * @param file the zip file; written beside and moved in atomically
   * @param policy whether any existing file may be replaced, and the inputs never replaced
   * @return the words left out because their vector is all zeros
   */
  public static List<String> write(WordVectors vectors, Path file, OutputPolicy policy) {
    RowCheck.check(vectors, "the vectors for " + file, "row");
    float[] data = vectors.data();
    int dim = vectors.dimension();
    List<String> zero = new ArrayList<>();
    for (int r = 0; r < vectors.size(); r++) {
      if (isZero(data, r * dim, dim)) {
        zero.add(vectors.word(r));
      }
    }
    try (AtomicOutput out = AtomicOutput.file(file, policy)) {
      try (OutputStream os = Files.newOutputStream(out.path());
          ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(os, 1 << 16))) {
        zip.putNextEntry(new ZipEntry(ENTRY));
        Writer w = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
        w.write((vectors.size() - zero.size()) + " " + dim + "\n");
        Base64.Encoder encoder = Base64.getEncoder();
        StringBuilder line = new StringBuilder();
        for (int r = 0; r < vectors.size(); r++) {
          if (isZero(data, r * dim, dim)) {
            continue;
          }
          line.setLength(0);
          line.append(B64)
              .append(encoder.encodeToString(vectors.word(r).getBytes(StandardCharsets.UTF_8)));
          for (int d = r * dim; d < (r + 1) * dim; d++) {
            line.append(' ').append(data[d]);
          }
          w.write(line.append('\n').toString());
        }
        w.flush();
        zip.closeEntry();
      }
      out.commit();
      return zero;
    } catch (IOException e) {
      throw new LexicaException(
          "cannot write " + file + ": " + e.getMessage(),
          "check that the directory is writable and has free space",
          e);
    }
  }

  private static boolean isZero(float[] data, int from, int dim) {
    for (int i = from; i < from + dim; i++) {
      if (data[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code file} is a zip archive (starts with a zip's local file header).
   *
   * @param file any file
   * @return true when its first bytes are a zip's
   */
  public static boolean isZip(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(4);
      return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Reads a DL4J zip ({@code B64:} or plain words); counts are unknown (0). The entry is word2vec
   * text, so the text reader reads it, with every row through the same {@link RowCheck} as any
   * vector file (a repeated word keeps its first row, with a warning).
   *
   * @param file the zip file
   * @param options the limit (the first words only) and UTF-8 handling
   * @return the vectors and the check's warnings
   */
  public static VectorFiles.Loaded read(Path file, VectorFiles.ReadOptions options) {
    VectorFileReader.requireFile(file);
    return new VectorFileReader(file, options).readDl4jZip();
  }
}
