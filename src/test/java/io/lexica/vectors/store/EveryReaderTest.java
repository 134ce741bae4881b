package io.lexica.vectors.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.LexicaException;
import io.lexica.expand.Models;
import io.lexica.vectors.Embeddings;
import io.lexica.vectors.FastTextBin;
import io.lexica.vectors.FastTextModel;
import io.lexica.vectors.RowCheck;
import io.lexica.vectors.WordVectors;
import io.lexica.vectors.formats.Dl4jZip;
import io.lexica.vectors.formats.UncheckedVectorFiles;
import io.lexica.vectors.formats.VectorFiles;
import io.lexica.vectors.formats.VectorFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every path that reads vectors applies the one {@link RowCheck}: the same rows, a NaN one and an
 * all-zero one, laid out by every format Lexica reads and opened through every door (the file
 * reader, the DL4J zip, the fastText model, {@link ModelFiles} for {@code eval}, {@link Models} for
 * the expander and the token filter), give the same error naming the word, or the same warning.
 * Before, {@code eval} scored a NaN vector that {@code import} refused.
 */
class EveryReaderTest {
  @TempDir Path dir;

  private static final List<String> WORDS = List.of("king", "bad", "queen", "zero");
  private static final int DIM = 3;
  private static final Charset UTF8 = StandardCharsets.UTF_8;

  /** Rows: "bad" holds {@code bad} in its second value, "zero" is all zeros. */
  private static float[] rows(float bad) {
    return new float[] {1, 2, 3, 0.5f, bad, 1, 3, 2, 1, 0, 0, 0};
  }

  /** A format Lexica reads, and how to lay rows out in it without any writer's checks. */
  enum Layout {
    WORD2VEC_TEXT,
    WORD2VEC_BINARY,
    GLOVE,
    FASTTEXT_VEC,
    DL4J_ZIP,
    FASTTEXT_BIN;

    Path write(Path dir, float[] data) throws IOException {
      Path f = dir.resolve(name().toLowerCase() + "-" + Float.floatToRawIntBits(data[4]));
      switch (this) {
        case DL4J_ZIP -> {
          StringBuilder syn0 = new StringBuilder(WORDS.size() + " " + DIM + "\n");
          Base64.Encoder b64 = Base64.getEncoder();
          for (int r = 0; r < WORDS.size(); r++) {
            syn0.append("B64:").append(b64.encodeToString(WORDS.get(r).getBytes(UTF8)));
            for (int i = r * DIM; i < (r + 1) * DIM; i++) {
              syn0.append(' ').append(data[i]);
            }
            syn0.append('\n');
          }
          try (OutputStream os = Files.newOutputStream(f);
              ZipOutputStream zip = new ZipOutputStream(os)) {
            zip.putNextEntry(new ZipEntry(Dl4jZip.ENTRY));
            zip.write(syn0.toString().getBytes(UTF8));
            zip.closeEntry();
          }
        }
        case FASTTEXT_BIN -> {
          FastTextModel.Settings s =
              new FastTextModel.Settings(
                  DIM,
                  5,
                  5,
                  1,
                  5,
                  FastTextModel.Loss.NS,
                  FastTextModel.Architecture.SKIPGRAM,
                  0,
                  0,
                  0,
                  100,
                  1e-4);
          FastTextBin.write(
              new FastTextModel(s, WORDS, new long[WORDS.size()], 10, data, null, null), f);
        }
        default -> UncheckedVectorFiles.write(WORDS, data, DIM, f, VectorFormat.valueOf(name()));
      }
      return f;
    }

    /** Reads through this format's own entry point. */
    VectorFiles.Loaded read(Path f) {
      return this == DL4J_ZIP
          ? Dl4jZip.read(f, VectorFiles.ReadOptions.DEFAULT)
          : VectorFiles.read(f, VectorFormat.AUTO, VectorFiles.ReadOptions.DEFAULT);
    }
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  void aNanRowIsTheSameErrorThroughEveryDoor(Layout layout) throws IOException {
    Path f = layout.write(dir, rows(Float.NaN));
    List<Function<Path, Object>> doors =
        List.of(
            layout::read,
            p -> ModelFiles.vectors(p, VectorFormat.AUTO, VectorFiles.ReadOptions.DEFAULT),
            p -> Models.open(p.toString()));
    for (Function<Path, Object> door : doors) {
      LexicaException e = assertThrows(LexicaException.class, () -> door.apply(f));
      assertTrue(e.getMessage().contains("('bad'): value 2 of 3 is NaN"), e.getMessage());
      assertTrue(e.remedy().contains("diverged training run"), e.remedy());
    }
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  void theOneOpenerOpensEveryFormatForQueries(Layout layout) throws IOException {
    Path f = layout.write(dir, rows(7));
    try (Embeddings e = ModelFiles.open(f)) {
      assertEquals(WORDS.size(), e.size());
      float[] king = e.unitVector("king");
      double norm = Math.sqrt(1 + 4 + 9);
      assertEquals(1 / norm, king[0], 1e-6);
      assertEquals(3 / norm, king[2], 1e-6);
      assertEquals("queen", e.nearest("king", 1, -1f).get(0).word());
    }
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  void anAllZeroRowIsKeptWithTheSameWarningThroughEveryReader(Layout layout) throws IOException {
    Path f = layout.write(dir, rows(7));
    VectorFiles.Loaded loaded = layout.read(f);
    assertEquals(WORDS, loaded.vectors().words());
    assertEquals(1, loaded.warnings().size(), loaded.warnings().toString());
    assertTrue(
        loaded.warnings().get(0).startsWith("1 word(s) have an all-zero vector"),
        loaded.warnings().get(0));
    assertTrue(loaded.warnings().get(0).endsWith("first: 'zero'"), loaded.warnings().get(0));
  }

  @Test
  void aModelReadsBackWithTheSameWarningAndRefusesToStoreNan() throws IOException {
    Path model = dir.resolve("model");
    VectorStoreWriter.write(
        new WordVectors(WORDS, rows(7), DIM, null), Map.of(), model, StoreOptions.DEFAULT);
    VectorFiles.Loaded loaded =
        ModelFiles.vectors(model, VectorFormat.AUTO, VectorFiles.ReadOptions.DEFAULT);
    assertEquals(WORDS, loaded.vectors().words());
    assertEquals(List.of(RowCheck.check(loaded.vectors(), "x", "row").get(0)), loaded.warnings());

    Path nan = dir.resolve("nan-model");
    LexicaException e =
        assertThrows(
            LexicaException.class,
            () ->
                VectorStoreWriter.write(
                    new WordVectors(WORDS, rows(Float.POSITIVE_INFINITY), DIM, null),
                    Map.of(),
                    nan,
                    StoreOptions.DEFAULT));
    assertTrue(e.getMessage().contains("('bad'): value 2 of 3 is Infinity"), e.getMessage());
    assertTrue(Files.notExists(nan));
  }

  @Test
  void aRepeatedWordKeepsItsFirstRowInTheDl4jZipAsInEveryFile() throws IOException {
    Path f = dir.resolve("dup.zip");
    try (OutputStream os = Files.newOutputStream(f);
        ZipOutputStream zip = new ZipOutputStream(os)) {
      zip.putNextEntry(new ZipEntry(Dl4jZip.ENTRY));
      zip.write("3 1\nB64:YQ== 1.0\nb 2.0\nB64:YQ== 3.0\n".getBytes(UTF8));
      zip.closeEntry();
    }
    VectorFiles.Loaded loaded = Dl4jZip.read(f, VectorFiles.ReadOptions.DEFAULT);
    assertEquals(List.of("a", "b"), loaded.vectors().words());
    assertTrue(loaded.warnings().get(0).contains("'a' in line 4"), loaded.warnings().toString());
  }
}
