package io.lexica.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.LexicaException;
import io.lexica.vectors.formats.VectorFiles;
import io.lexica.vectors.formats.VectorFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the reader and writer against a model trained by the fastText 0.9.2 binary (see
 * fasttext-tiny.README): the vectors fastText prints for known and unknown words (including
 * accented and Chinese ones, so the n-gram rules and hash are checked too), and a byte-identical
 * round trip.
 */
class FastTextBinTest {
  @TempDir Path dir;

  private Path resource(String name) throws IOException {
    Path p = dir.resolve(name);
    try (InputStream in = getClass().getResourceAsStream(name)) {
      Files.copy(in, p);
    }
    return p;
  }

  @Test
  void readsSettingsAndDictionary() throws IOException {
    FastTextModel m = FastTextBin.read(resource("fasttext-tiny.bin"), false);
    FastTextModel.Settings s = m.settings();
    assertEquals(4, s.dim());
    assertEquals(2, s.minn());
    assertEquals(4, s.maxn());
    assertEquals(97, s.buckets());
    assertEquals(FastTextModel.Architecture.SKIPGRAM, s.architecture());
    assertEquals(FastTextModel.Loss.NS, s.loss());
    assertEquals(20, s.epochs());
    assertEquals(1e-4, s.sample());
    assertTrue(m.words().contains(Subwords.EOS), "fastText counts line ends as </s>");
    assertFalse(m.wordVectors().words().contains(Subwords.EOS));
    assertEquals(m.words().size() - 1, m.wordVectors().size());
    assertTrue(m.words().contains("中华"));
  }

  @Test
  void vectorsEqualWhatFastTextPrintsForKnownAndUnknownWords() throws IOException {
    FastTextModel m = FastTextBin.read(resource("fasttext-tiny.bin"), false);
    List<String> lines = Files.readAllLines(resource("fasttext-tiny-vectors.txt"));
    int unknown = 0;
    for (String line : lines) {
      String[] parts = line.trim().split(" ");
      String word = parts[0];
      int id = m.words().indexOf(word);
      float[] v = id >= 0 ? m.wordVector(id) : m.ngrams().vector(word);
      unknown += id < 0 ? 1 : 0;
      assertNotNull(v, word);
      for (int i = 0; i < 4; i++) {
        float expected = Float.parseFloat(parts[i + 1]); // printed with 5 significant digits
        assertEquals(expected, v[i], 1e-4 * Math.abs(expected) + 1e-7, word + "[" + i + "]");
      }
    }
    assertEquals(5, unknown, "cats, naïveté, 北京大学, zzz and x are not in the model");
  }

  @Test
  void writesTheSameBytesFastTextWrote() throws IOException {
    Path original = resource("fasttext-tiny.bin");
    FastTextModel m = FastTextBin.read(original, true);
    Path copy = dir.resolve("copy.bin");
    FastTextBin.write(m, copy);
    assertArrayEquals(Files.readAllBytes(original), Files.readAllBytes(copy));
  }

  @Test
  void sparseNgramsAreWrittenAsZeroRowsAndReadBackDense() throws IOException {
    Subwords sw = new Subwords(3, 4, 50);
    List<String> words = List.of("alpha", "beta");
    int dim = 3;
    int[] rowOfBucket = new int[50];
    Arrays.fill(rowOfBucket, -1);
    int[] used = sw.buckets("alpha");
    float[] input = new float[(2 + used.length) * dim];
    int next = 0;
    for (int b : used) {
      if (rowOfBucket[b] < 0) {
        rowOfBucket[b] = next++;
      }
    }
    for (int i = 0; i < input.length; i++) {
      input[i] = i * 0.25f;
    }
    SubwordMatrix ngrams = SubwordMatrix.sparse(sw, dim, input, 2, rowOfBucket);
    FastTextModel.Settings s =
        new FastTextModel.Settings(
            dim,
            5,
            1,
            1,
            5,
            FastTextModel.Loss.NS,
            FastTextModel.Architecture.CBOW,
            3,
            4,
            50,
            100,
            1e-4);
    FastTextModel m = new FastTextModel(s, words, new long[] {3, 2}, 5, input, ngrams, null);
    Path file = dir.resolve("m.bin");
    FastTextBin.write(m, file);
    assertEquals(
        8
            + 12 * 4
            + 8
            + 12
            + 16
            + ("alpha".length() + 10)
            + ("beta".length() + 10)
            + 1
            + 16
            + 52 * dim * 4
            + 1
            + 16
            + 2 * dim * 4,
        Files.size(file));
    FastTextModel back = FastTextBin.read(file, true);
    for (int w = 0; w < 2; w++) {
      assertArrayEquals(m.wordVector(w), back.wordVector(w), 1e-6f);
    }
    for (String oov : List.of("alphabet", "gamma", "alp")) {
      float[] a = m.ngrams().vector(oov);
      float[] b = back.ngrams().vector(oov);
      if (a == null) {
        assertArrayEquals(new float[dim], b, "untrained buckets read back as zeros");
      } else {
        assertArrayEquals(a, b, 1e-6f);
      }
    }
    assertArrayEquals(new float[2 * dim], back.output(), "missing output written as zeros");
  }

  @Test
  void subwordMatrixFileRoundTrips() throws IOException {
    FastTextModel m = FastTextBin.read(resource("fasttext-tiny.bin"), false);
    Path file = dir.resolve(SubwordMatrix.FILE_NAME);
    m.ngrams().write(file);
    SubwordMatrix back = SubwordMatrix.read(file);
    assertEquals(97, back.subwords().buckets());
    for (String w : List.of("cats", "北京大学", "x")) {
      assertArrayEquals(m.ngrams().vector(w), back.vector(w), w);
    }
  }

  @Test
  void subwordMatrixFileEndsInALuceneChecksumAndRefusesDamage() throws IOException {
    FastTextModel m = FastTextBin.read(resource("fasttext-tiny.bin"), false);
    Path file = dir.resolve(SubwordMatrix.FILE_NAME);
    m.ngrams().write(file);
    assertTrue(SubwordMatrix.hasChecksum(file));
    try (FSDirectory d = FSDirectory.open(dir);
        IndexInput in = d.openInput(SubwordMatrix.FILE_NAME, IOContext.READONCE)) {
      CodecUtil.checksumEntireFile(in); // Lucene's own verification accepts it
    }
    byte[] good = Files.readAllBytes(file);

    byte[] longer = Arrays.copyOf(good, good.length + 4);
    Files.write(file, longer);
    LexicaException e = assertThrows(LexicaException.class, () -> SubwordMatrix.read(file));
    assertTrue(e.getMessage().contains("does not end where its header says"), e.getMessage());

    Files.write(file, Arrays.copyOf(good, good.length - 20));
    e = assertThrows(LexicaException.class, () -> SubwordMatrix.read(file));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());

    byte[] nan = good.clone();
    ByteBuffer.wrap(nan).order(ByteOrder.LITTLE_ENDIAN).putFloat(good.length - 16 - 4, Float.NaN);
    Files.write(file, nan);
    e = assertThrows(LexicaException.class, () -> SubwordMatrix.read(file));
    assertTrue(e.getMessage().contains("n-gram row"), e.getMessage());
    assertTrue(e.getMessage().contains("is NaN"), e.getMessage());
  }

  @Test
  void aNotFiniteInputRowIsRefusedNamingTheWordOrTheBucket() throws IOException {
    Path tiny = resource("fasttext-tiny.bin");
    byte[] bin = Files.readAllBytes(tiny);
    FastTextModel m = FastTextBin.read(tiny, false);
    int dim = m.dimension();
    int nwords = m.words().size();
    // The input matrix ends where the output matrix's bool and two int64 sizes begin.
    int inputEnd = bin.length - nwords * dim * 4 - 17;
    Path f = dir.resolve("nan.bin");
    byte[] lastBucket = bin.clone();
    ByteBuffer.wrap(lastBucket).order(ByteOrder.LITTLE_ENDIAN).putFloat(inputEnd - 4, Float.NaN);
    Files.write(f, lastBucket);
    LexicaException e = assertThrows(LexicaException.class, () -> FastTextBin.read(f, false));
    assertTrue(e.getMessage().contains("n-gram bucket 96: value 4 of 4 is NaN"), e.getMessage());

    int inputStart = inputEnd - (nwords + 97) * dim * 4;
    byte[] firstWord = bin.clone();
    ByteBuffer.wrap(firstWord)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putFloat(inputStart, Float.POSITIVE_INFINITY);
    Files.write(f, firstWord);
    e = assertThrows(LexicaException.class, () -> FastTextBin.read(f, false));
    assertTrue(
        e.getMessage().contains("word 1 ('" + m.words().get(0) + "'): value 1 of 4 is Infinity"),
        e.getMessage());
  }

  @Test
  void refusesWhatIsNotAnUnsupervisedFastTextModel() throws IOException {
    byte[] bin = Files.readAllBytes(resource("fasttext-tiny.bin"));
    Path truncated = dir.resolve("truncated.bin");
    Files.write(truncated, Arrays.copyOf(bin, bin.length - 10));
    assertThrows(LexicaException.class, () -> FastTextBin.read(truncated, false));
    Path text = dir.resolve("vectors.vec");
    Files.writeString(text, "2 4\ncat 1 2 3 4\n", StandardCharsets.UTF_8);
    LexicaException e = assertThrows(LexicaException.class, () -> FastTextBin.read(text, false));
    assertTrue(e.getMessage().contains("not a fastText binary model"), e.getMessage());
    byte[] supervised = bin.clone();
    supervised[8 + 7 * 4] = 3; // args.model = sup
    Path sup = dir.resolve("sup.bin");
    Files.write(sup, supervised);
    e = assertThrows(LexicaException.class, () -> FastTextBin.read(sup, false));
    assertTrue(e.getMessage().contains("supervised"), e.getMessage());
  }

  @Test
  void vectorFilesReadsABinAsTheWordVectorsFastTextComputes() throws IOException {
    Path bin = resource("fasttext-tiny.bin");
    FastTextModel m = FastTextBin.read(bin, false);
    VectorFiles.Loaded all =
        VectorFiles.read(bin, VectorFormat.AUTO, VectorFiles.ReadOptions.DEFAULT);
    assertEquals(VectorFormat.FASTTEXT_BIN, all.format());
    assertArrayEquals(m.wordVectors().data(), all.vectors().data());
    VectorFiles.Loaded three =
        VectorFiles.read(bin, VectorFormat.AUTO, new VectorFiles.ReadOptions(3, false));
    assertEquals(3, three.vectors().size());
    assertThrows(
        LexicaException.class,
        () -> VectorFiles.write(m.wordVectors(), dir.resolve("x.bin"), VectorFormat.FASTTEXT_BIN));
  }
}
