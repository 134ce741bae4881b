package io.lexica.vectors.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.LexicaException;
import io.lexica.vectors.WordVectors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class VectorFilesTest {
  @TempDir Path dir;

  /** Random vectors with awkward values (subnormals, extremes, -0) and non-ASCII words. */
  static WordVectors randomVectors(int n, int dim, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<String> words = new ArrayList<>();
    String[] special = {"café", "日本語", "naïve", "x", "Ωmega", "emoji😀"};
    for (int i = 0; i < n; i++) {
      words.add(i < special.length ? special[i] : "w" + i);
    }
    float[] data = new float[n * dim];
    for (int i = 0; i < data.length; i++) {
      data[i] =
          switch (i % 7) {
            case 0 -> Float.intBitsToFloat(rnd.nextInt(0x7f800000)); // any finite positive
            case 1 -> -Float.MIN_VALUE;
            case 2 -> -0f;
            default -> (float) rnd.nextGaussian() * 0.3f;
          };
    }
    return new WordVectors(words, data, dim, null);
  }

  static void assertSameVectors(WordVectors expected, WordVectors actual) {
    assertEquals(expected.words(), actual.words());
    assertEquals(expected.dimension(), actual.dimension());
    int[] e = new int[expected.data().length];
    int[] a = new int[actual.data().length];
    for (int i = 0; i < e.length; i++) {
      e[i] = Float.floatToRawIntBits(expected.data()[i]);
      a[i] = Float.floatToRawIntBits(actual.data()[i]);
    }
    assertArrayEquals(e, a, "bit-exact values");
  }

  @ParameterizedTest
  @EnumSource(
      value = VectorFormat.class,
      names = {"WORD2VEC_TEXT", "WORD2VEC_BINARY", "GLOVE", "FASTTEXT_VEC"})
  void roundTripsExactlyInEveryFormatPlainAndGzipped(VectorFormat format) {
    WordVectors v = randomVectors(300, 17, 7);
    for (String name : new String[] {"v.out", "v.out.gz"}) {
      Path f = dir.resolve(format.id() + name);
      VectorFiles.write(v, f, format);
      VectorFiles.Loaded named = VectorFiles.read(f, format, VectorFiles.ReadOptions.DEFAULT);
      assertSameVectors(v, named.vectors());
      assertTrue(named.warnings().isEmpty(), named.warnings().toString());
      VectorFiles.Loaded detected =
          VectorFiles.read(f, VectorFormat.AUTO, VectorFiles.ReadOptions.DEFAULT);
      assertSameVectors(v, detected.vectors());
      VectorFormat expected =
          format == VectorFormat.FASTTEXT_VEC ? VectorFormat.WORD2VEC_TEXT : format;
      assertEquals(expected, detected.format());
    }
  }

  @Test
  void largeBinaryRowsCrossBufferBoundaries() {
    WordVectors v = randomVectors(40, 3001, 3); // rows of 12 KB, buffer 64 KB: misaligned splits
    Path f = dir.resolve("big.bin");
    VectorFiles.write(v, f, VectorFormat.WORD2VEC_BINARY);
    assertSameVectors(v, VectorFiles.read(f));
  }

  @Test
  void writesBinaryExactlyAsTheCToolDoes() throws IOException {
    WordVectors v = new WordVectors(List.of("a", "bé"), new float[] {1f, -2f, 0.5f, 3f}, 2, null);
    Path f = dir.resolve("c.bin");
    VectorFiles.write(v, f, VectorFormat.WORD2VEC_BINARY);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.writeBytes("2 2\n".getBytes(StandardCharsets.US_ASCII));
    expected.writeBytes("a ".getBytes(StandardCharsets.UTF_8));
    expected.writeBytes(floats(1f, -2f));
    expected.write('\n');
    expected.writeBytes("bé ".getBytes(StandardCharsets.UTF_8));
    expected.writeBytes(floats(0.5f, 3f));
    expected.write('\n');
    assertArrayEquals(expected.toByteArray(), Files.readAllBytes(f));
  }

  @Test
  void readsGensimBinaryWithoutNewlinesAfterRows() throws IOException {
    // gensim 4 writes "word " + floats with no newline between rows.
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes("2 2\n".getBytes(StandardCharsets.US_ASCII));
    b.writeBytes("a ".getBytes(StandardCharsets.US_ASCII));
    b.writeBytes(floats(1f, -2f));
    b.writeBytes("b ".getBytes(StandardCharsets.US_ASCII));
    b.writeBytes(floats(0.5f, 3f));
    Path f = dir.resolve("g.bin");
    Files.write(f, b.toByteArray());
    WordVectors v = VectorFiles.read(f);
    assertEquals(List.of("a", "b"), v.words());
    assertArrayEquals(new float[] {1f, -2f, 0.5f, 3f}, v.data());
  }

  @Test
  void readsTheCToolsTextWithTrailingSpacesAndCrLf() throws IOException {
    Path f = dir.resolve("c.txt");
    Files.writeString(f, "2 3\r\n</s> 0.001000 -0.002000 0.300000 \r\nthe 1.5 2 -3e-2 \r\n\n");
    WordVectors v = VectorFiles.read(f);
    assertEquals(List.of("</s>", "the"), v.words());
    assertArrayEquals(new float[] {0.001f, -0.002f, 0.3f, 1.5f, 2f, -0.03f}, v.data());
  }

  @Test
  void truncatedFilesNameTheWordWhereTheyEnd() throws IOException {
    WordVectors v = randomVectors(4, 5, 1);
    Path bin = dir.resolve("t.bin");
    VectorFiles.write(v, bin, VectorFormat.WORD2VEC_BINARY);
    byte[] all = Files.readAllBytes(bin);
    Files.write(bin, Arrays.copyOf(all, all.length - 10)); // cut inside row 4's floats
    LexicaException e = assertThrows(LexicaException.class, () -> VectorFiles.read(bin));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    assertTrue(e.getMessage().contains("word 4 of 4"), e.getMessage());
    assertTrue(e.getMessage().contains("2 of 5 floats"), e.getMessage());

    Files.write(bin, Arrays.copyOf(all, all.length - 2 * (5 * 4 + 4))); // row 3 word missing
    e = assertThrows(LexicaException.class, () -> VectorFiles.read(bin));
    assertTrue(e.getMessage().contains("after 2 of the 4 words"), e.getMessage());

    Path txt = dir.resolve("t.txt");
    Files.writeString(txt, "3 2\na 1 2\nb 3 4\n");
    e = assertThrows(LexicaException.class, () -> VectorFiles.read(txt));
    assertTrue(e.getMessage().contains("after 2 of the 3 words"), e.getMessage());
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
  }

  @Test
  void dimensionMismatchNamesLineWordAndCounts() throws IOException {
    Path txt = dir.resolve("d.txt");
    Files.writeString(txt, "3 2\na 1 2\nb 3 4 5\nc 1 1\n");
    LexicaException e = assertThrows(LexicaException.class, () -> VectorFiles.read(txt));
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    assertTrue(e.getMessage().contains("('b') has 3 values but the header says 2"), e.getMessage());

    Path glove = dir.resolve("d.glove");
    Files.writeString(glove, "a 1 2\nb 3\n");
    e =
        assertThrows(
            LexicaException.class,
            () -> VectorFiles.read(glove, VectorFormat.GLOVE, VectorFiles.ReadOptions.DEFAULT));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    assertTrue(e.getMessage().contains("the first row has 2"), e.getMessage());
  }

  @Test
  void binaryWithAWrongHeaderDimensionIsReportedNotMisread() throws IOException {
    WordVectors v = randomVectors(5, 4, 2);
    Path bin = dir.resolve("w.bin");
    VectorFiles.write(v, bin, VectorFormat.WORD2VEC_BINARY);
    byte[] all = Files.readAllBytes(bin);
    byte[] lying = Arrays.copyOf(all, all.length);
    lying[2] = '3'; // "5 4" -> "5 3"
    Files.write(bin, lying);
    LexicaException e =
        assertThrows(
            LexicaException.class,
            () ->
                VectorFiles.read(
                    bin, VectorFormat.WORD2VEC_BINARY, VectorFiles.ReadOptions.DEFAULT));
    assertTrue(e.getMessage().contains("not a valid word2vec binary file"), e.getMessage());
  }

  @Test
  void badHeaderAndExtraRowsAreErrors() throws IOException {
    Path f = dir.resolve("h.txt");
    Files.writeString(f, "two 2\na 1 2\n");
    LexicaException e =
        assertThrows(
            LexicaException.class,
            () -> VectorFiles.read(f, VectorFormat.WORD2VEC_TEXT, VectorFiles.ReadOptions.DEFAULT));
    assertTrue(e.getMessage().contains("bad header line 'two 2'"), e.getMessage());

    Files.writeString(f, "1 2\na 1 2\nb 3 4\n");
    e = assertThrows(LexicaException.class, () -> VectorFiles.read(f));
    assertTrue(e.getMessage().contains("another row after the 1 words"), e.getMessage());
  }

  @Test
  void duplicatesKeepTheFirstRowAsGensimDoes() throws IOException {
    Path f = dir.resolve("dup.txt");
    Files.writeString(f, "4 1\na 1\nb 2\na 3\nc 4\n");
    VectorFiles.Loaded l = VectorFiles.read(f, VectorFormat.AUTO, VectorFiles.ReadOptions.DEFAULT);
    assertEquals(List.of("a", "b", "c"), l.vectors().words());
    assertArrayEquals(new float[] {1, 2, 4}, l.vectors().data());
    assertEquals(1, l.warnings().size());
    assertTrue(l.warnings().get(0).contains("'a' in line 4"), l.warnings().get(0));
  }

  @Test
  void invalidUtf8IsReplacedAndCountedOrRejectedWhenStrict() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes("2 1\nok ".getBytes(StandardCharsets.US_ASCII));
    b.writeBytes(floats(1f));
    b.write('\n');
    b.writeBytes(new byte[] {'c', 'a', 'f', (byte) 0xC3, ' '}); // "caf" + half of 'é'
    b.writeBytes(floats(2f));
    b.write('\n');
    Path f = dir.resolve("u.bin");
    Files.write(f, b.toByteArray());
    VectorFiles.Loaded l = VectorFiles.read(f, VectorFormat.AUTO, VectorFiles.ReadOptions.DEFAULT);
    assertEquals(List.of("ok", "caf\uFFFD"), l.vectors().words());
    assertTrue(l.warnings().get(0).contains("not valid UTF-8"), l.warnings().toString());
    LexicaException e =
        assertThrows(
            LexicaException.class,
            () -> VectorFiles.read(f, VectorFormat.AUTO, new VectorFiles.ReadOptions(0, true)));
    assertTrue(e.getMessage().contains("word 2"), e.getMessage());
  }

  @Test
  void limitReadsTheFirstDistinctWordsOnly() throws IOException {
    WordVectors v = randomVectors(50, 3, 9);
    for (VectorFormat format :
        new VectorFormat[] {
          VectorFormat.WORD2VEC_TEXT, VectorFormat.WORD2VEC_BINARY, VectorFormat.GLOVE
        }) {
      Path f = dir.resolve("l." + format.id());
      VectorFiles.write(v, f, format);
      WordVectors first =
          VectorFiles.read(f, format, new VectorFiles.ReadOptions(10, false)).vectors();
      assertEquals(v.words().subList(0, 10), first.words());
      assertArrayEquals(Arrays.copyOf(v.data(), 30), first.data());
    }
    Path dup = dir.resolve("ld.txt");
    Files.writeString(dup, "4 1\na 1\na 2\nb 3\nc 4\n");
    assertEquals(
        List.of("a", "b"),
        VectorFiles.read(dup, VectorFormat.AUTO, new VectorFiles.ReadOptions(2, false))
            .vectors()
            .words());
  }

  @Test
  void refusesToWriteWordsTheFormatsCannotHold() {
    WordVectors v = new WordVectors(List.of("new york"), new float[] {1}, 1, null);
    LexicaException e =
        assertThrows(
            LexicaException.class,
            () -> VectorFiles.write(v, dir.resolve("x.txt"), VectorFormat.WORD2VEC_TEXT));
    assertTrue(e.getMessage().contains("'new york'"), e.getMessage());
    assertTrue(Files.notExists(dir.resolve("x.txt")));
  }

  @Test
  void undetectableFilesAreRejectedClearly() throws IOException {
    Path f = dir.resolve("junk.txt");
    Files.writeString(f, "hello world\nthis is prose\n");
    LexicaException e = assertThrows(LexicaException.class, () -> VectorFiles.read(f));
    assertTrue(e.getMessage().contains("cannot tell the format"), e.getMessage());
  }

  // ---------------------------------------------------------------- issue 20: careless inputs

  /** Bytes the current thread allocated so far (HotSpot), to show what a read costs in memory. */
  private static long allocated() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  @ParameterizedTest
  @ValueSource(strings = {"lying.txt", "lying.txt.gz", "lying.bin", "lying.bin.gz"})
  void aHeaderClaimingABillionWordsOverThreeRowsFailsAtOnceWithoutAllocatingForIt(String name)
      throws IOException {
    // 2^30 rows of one float would be a 4 GB matrix: allocating for the header is an
    // OutOfMemoryError or seconds of zeroing, whatever the heap. The file can hold three rows.
    WordVectors three = new WordVectors(List.of("a", "b", "c"), new float[] {1, 2, 3}, 1, null);
    Path f = dir.resolve(name);
    VectorFiles.write(
        three,
        f,
        name.contains(".bin") ? VectorFormat.WORD2VEC_BINARY : VectorFormat.WORD2VEC_TEXT);
    byte[] content = decompress(Files.readAllBytes(f));
    String header = "1073741824 1\n";
    byte[] lying = new byte[content.length - 4 + header.length()];
    System.arraycopy(header.getBytes(StandardCharsets.US_ASCII), 0, lying, 0, header.length());
    System.arraycopy(content, 4, lying, header.length(), content.length - 4); // after "3 1\n"
    Files.write(f, name.endsWith(".gz") ? gzip(lying) : lying);

    long before = allocated();
    LexicaException e = assertThrows(LexicaException.class, () -> VectorFiles.read(f));
    long used = allocated() - before;
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    assertTrue(
        e.getMessage().contains("after 3 of the 1073741824 words its header announces"),
        e.getMessage());
    assertTrue(e.remedy().contains("make its first line '3 1'"), e.remedy());
    assertTrue(used < 32 << 20, "the read allocated " + used + " bytes");
  }

  @Test
  void aLimitBeyondTheFileAllocatesOnlyWhatTheFileHolds() throws IOException {
    WordVectors v = randomVectors(20, 3, 5);
    Path f = dir.resolve("small.glove");
    VectorFiles.write(v, f, VectorFormat.GLOVE);
    long before = allocated();
    WordVectors read =
        VectorFiles.read(
                f, VectorFormat.GLOVE, new VectorFiles.ReadOptions(Integer.MAX_VALUE, false))
            .vectors();
    long used = allocated() - before;
    assertSameVectors(v, read);
    assertTrue(used < 32 << 20, "the read allocated " + used + " bytes");
  }

  @Test
  void aCompressedFileBeyondTheGuessedSizeGrowsItsMatrixAndReadsExactly() throws IOException {
    // 5,000 zero rows compress far more than the guessed ratio, so the matrix must grow.
    int n = 5000;
    List<String> words = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      words.add("w" + i);
    }
    float[] data = new float[n * 4];
    data[data.length - 1] = 1.5f;
    WordVectors v = new WordVectors(words, data, 4, null);
    for (VectorFormat format :
        new VectorFormat[] {VectorFormat.WORD2VEC_TEXT, VectorFormat.WORD2VEC_BINARY}) {
      Path f = dir.resolve("zeros-" + format.id() + ".gz");
      VectorFiles.write(v, f, format);
      assertTrue(
          decompress(Files.readAllBytes(f)).length
              > VectorFileReader.COMPRESSION_GUESS * Files.size(f),
          "the content must exceed the guess");
      VectorFiles.Loaded read =
          VectorFiles.read(f, VectorFormat.AUTO, VectorFiles.ReadOptions.DEFAULT);
      assertSameVectors(v, read.vectors());
      assertTrue(
          read.warnings().get(0).startsWith("4999 word(s) have an all-zero vector"),
          read.warnings().toString());
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = VectorFormat.class,
      names = {"WORD2VEC_TEXT", "WORD2VEC_BINARY", "GLOVE", "FASTTEXT_VEC"})
  void notFiniteValuesAreRefusedNamingTheWordAndZeroVectorsCounted(VectorFormat format)
      throws IOException {
    for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
      Path f = dir.resolve("bad-" + bad + "." + format.id());
      UncheckedVectorFiles.write(
          List.of("ok", "bad", "zero"), new float[] {1, 2, 3, bad, 0, 0}, 2, f, format);
      LexicaException e = assertThrows(LexicaException.class, () -> VectorFiles.read(f));
      assertTrue(e.getMessage().contains("('bad'): value 2 of 2 is " + bad), e.getMessage());
    }
    Path f = dir.resolve("zero." + format.id());
    UncheckedVectorFiles.write(
        List.of("ok", "zero", "nul"), new float[] {1, 2, 0, 0, -0f, 0}, 2, f, format);
    VectorFiles.Loaded l = VectorFiles.read(f, VectorFormat.AUTO, VectorFiles.ReadOptions.DEFAULT);
    assertEquals(List.of("ok", "zero", "nul"), l.vectors().words());
    assertEquals(1, l.warnings().size(), l.warnings().toString());
    assertTrue(
        l.warnings().get(0).startsWith("2 word(s) have an all-zero vector"), l.warnings().get(0));
    assertTrue(l.warnings().get(0).contains("first: 'zero'"), l.warnings().get(0));
  }

  @Test
  void vectorsThatAreNotFiniteAreNotWritten() {
    WordVectors v = new WordVectors(List.of("a", "b"), new float[] {1, Float.NaN}, 1, null);
    LexicaException e =
        assertThrows(
            LexicaException.class,
            () -> VectorFiles.write(v, dir.resolve("nan.txt"), VectorFormat.WORD2VEC_TEXT));
    assertTrue(e.getMessage().contains("('b'): value 1 of 1 is NaN"), e.getMessage());
    assertTrue(Files.notExists(dir.resolve("nan.txt")));
  }

  @ParameterizedTest
  @EnumSource(
      value = VectorFormat.class,
      names = {"WORD2VEC_TEXT", "WORD2VEC_BINARY", "GLOVE", "FASTTEXT_VEC"})
  void wordsWithControlAndNonBmpCharactersRoundTripInEveryFormat(VectorFormat format) {
    float[] data = new float[UncheckedVectorFiles.AWKWARD_WORDS.size() * 3];
    for (int i = 0; i < data.length; i++) {
      data[i] = (i % 5) - 1.25f;
    }
    WordVectors v = new WordVectors(UncheckedVectorFiles.AWKWARD_WORDS, data, 3, null);
    for (String name : new String[] {"awkward", "awkward.gz"}) {
      Path f = dir.resolve(format.id() + name);
      VectorFiles.write(v, f, format);
      VectorFiles.Loaded back =
          VectorFiles.read(f, VectorFormat.AUTO, new VectorFiles.ReadOptions(0, true));
      assertSameVectors(v, back.vectors());
      assertTrue(back.warnings().isEmpty(), back.warnings().toString());
    }
  }

  @Test
  void wordsWithASpaceOrALineFeedAreRefusedAtWriteTimeNamingTheWord() {
    for (String word : new String[] {"new york", "line\nbreak", " lead", ""}) {
      WordVectors v = new WordVectors(List.of("ok", word), new float[] {1, 2}, 1, null);
      for (VectorFormat format :
          new VectorFormat[] {
            VectorFormat.WORD2VEC_TEXT, VectorFormat.WORD2VEC_BINARY, VectorFormat.GLOVE
          }) {
        Path f = dir.resolve("refused." + format.id());
        LexicaException e =
            assertThrows(LexicaException.class, () -> VectorFiles.write(v, f, format));
        assertTrue(
            e.getMessage().startsWith("word 2 ('" + word.replace("\n", "\\n") + "')"),
            e.getMessage());
        assertTrue(e.getMessage().contains("no vector file can hold"), e.getMessage());
        assertTrue(e.remedy().contains("Lexica model"), e.remedy());
        assertTrue(Files.notExists(f), "nothing is written");
      }
    }
  }

  @Test
  void aForeignTextFileWithASpaceInAWordSaysSo() throws IOException {
    Path f = dir.resolve("spaced.txt");
    Files.writeString(f, "3 2\nok 1 2\nnew york 3 4\nb 5 6\n");
    assertEquals(VectorFormat.WORD2VEC_TEXT, VectorFiles.detect(f));
    LexicaException e = assertThrows(LexicaException.class, () -> VectorFiles.read(f));
    assertTrue(
        e.getMessage().contains("line 3 ('new york'): the word holds a space"), e.getMessage());
    Path glove = dir.resolve("spaced.glove");
    Files.writeString(glove, "ok 1 2\nnew york 3 4\n");
    e = assertThrows(LexicaException.class, () -> VectorFiles.read(glove));
    assertTrue(
        e.getMessage().contains("line 2 ('new york'): the word holds a space"), e.getMessage());
  }

  @Test
  void aHeaderOfTwoIntegersIsAHeaderEvenWhenItIsWrong() throws IOException {
    Path f = dir.resolve("neg.txt");
    for (String header : new String[] {"300 -5", "300 0", "-2 5", "3 2000000"}) {
      Files.writeString(f, header + "\na 1 2 3 4 5\n");
      assertEquals(VectorFormat.WORD2VEC_TEXT, VectorFiles.detect(f), header);
      LexicaException e = assertThrows(LexicaException.class, () -> VectorFiles.read(f));
      assertTrue(e.getMessage().contains("the header line '" + header + "' gives"), e.getMessage());
    }
  }

  @Test
  void aDirectoryOrAMissingFileIsNamedForWhatItIs() throws IOException {
    Path d = Files.createDirectory(dir.resolve("vectors"));
    LexicaException e = assertThrows(LexicaException.class, () -> VectorFiles.read(d));
    assertTrue(
        e.getMessage().endsWith("vectors is a directory, not a vector file"), e.getMessage());
    assertTrue(e.remedy().contains("name the vector file itself"), e.remedy());
    e = assertThrows(LexicaException.class, () -> VectorFiles.read(dir.resolve("missing.bin")));
    assertTrue(e.getMessage().startsWith("no such file: "), e.getMessage());
  }

  private static byte[] gzip(byte[] b) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(b);
    }
    return out.toByteArray();
  }

  private static byte[] decompress(byte[] b) throws IOException {
    return VectorFileReader.decompressed(new ByteArrayInputStream(b)).readAllBytes();
  }

  private static byte[] floats(float... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return b.array();
  }
}
