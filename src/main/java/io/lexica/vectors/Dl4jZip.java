package io.lexica.vectors;

import io.lexica.LexicaException;
import io.lexica.util.AtomicOutput;
import io.lexica.util.OutputPolicy;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
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
   * @return the words left out because their vector is all zeros
   */
  public static List<String> write(WordVectors vectors, Path file) {
    return write(vectors, file, OutputPolicy.SAFE);
  }

  /** As {@link #write(WordVectors, Path)}, replacing what {@code policy} allows. */
  public static List<String> write(WordVectors vectors, Path file, OutputPolicy policy) {
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

  /** Reads a DL4J zip ({@code B64:} or plain words); counts are unknown (0). */
  public static WordVectors read(Path file) {
    try (ZipInputStream zip =
        new ZipInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        if (e.getName().startsWith("syn0")) {
          return readEntry(
              new BufferedReader(new InputStreamReader(zip, StandardCharsets.UTF_8)), file);
        }
      }
      throw bad(file, "it has no syn0 entry");
    } catch (IOException | IllegalArgumentException e) {
      throw bad(file, e.getMessage());
    }
  }

  private static WordVectors readEntry(BufferedReader in, Path file) throws IOException {
    String header = in.readLine();
    String[] hv = header == null ? new String[0] : header.trim().split(" ");
    if (hv.length != 2) {
      throw bad(file, "the first line of syn0 is not 'V dim'");
    }
    int n = Integer.parseInt(hv[0]);
    int dim = Integer.parseInt(hv[1]);
    List<String> words = new ArrayList<>(n);
    Set<String> seen = new HashSet<>();
    float[] data = new float[Math.multiplyExact(n, dim)];
    for (int r = 0; r < n; r++) {
      String line = in.readLine();
      if (line == null) {
        throw bad(file, "syn0 ends after " + r + " of " + n + " words");
      }
      String[] parts = line.split(" ");
      if (parts.length != dim + 1) {
        throw bad(file, "line " + (r + 2) + " has " + (parts.length - 1) + " numbers, not " + dim);
      }
      String word = parts[0];
      if (word.regionMatches(true, 0, B64, 0, B64.length())) {
        word =
            new String(
                Base64.getDecoder().decode(word.substring(4).trim()), StandardCharsets.UTF_8);
      }
      if (!seen.add(word)) {
        throw bad(file, "word '" + word + "' appears twice");
      }
      words.add(word);
      for (int d = 0; d < dim; d++) {
        data[r * dim + d] = Float.parseFloat(parts[d + 1]);
      }
    }
    return new WordVectors(words, data, dim, null);
  }

  private static LexicaException bad(Path file, String why) {
    return new LexicaException(
        file + " is not a readable DL4J word2vec zip: " + why,
        "give a zip written by DL4J's WordVectorSerializer or by 'lexica export --format dl4j-zip'");
  }
}
