package io.lexica.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real fastText model (the tiny one of FastTextBinTest) as weights to continue from. */
class ModelWeightsTest {
  @TempDir Path dir;

  private FastTextModel tiny() throws IOException {
    Path p = dir.resolve("tiny.bin");
    try (InputStream in = getClass().getResourceAsStream("fasttext-tiny.bin")) {
      Files.copy(in, p);
    }
    return FastTextBin.read(p, true);
  }

  @Test
  void aFastTextModelGivesItsRowsWithoutTheEndOfSentenceToken() throws IOException {
    FastTextModel m = tiny();
    assertTrue(m.words().contains(Subwords.EOS));
    ModelWeights w = ModelWeights.of(m);
    assertEquals(-1, w.vectors().indexOf(Subwords.EOS));
    assertEquals(m.words().size() - 1, w.vectors().size());
    int dim = m.dimension();
    for (int row = 0; row < w.vectors().size(); row++) {
      int from = m.words().indexOf(w.vectors().word(row));
      float[] own = new float[dim];
      w.inputRow(row, own, 0);
      assertArrayEquals(java.util.Arrays.copyOfRange(m.input(), from * dim, (from + 1) * dim), own);
      assertArrayEquals(
          java.util.Arrays.copyOfRange(m.output(), from * dim, (from + 1) * dim),
          java.util.Arrays.copyOfRange(w.output(), row * dim, (row + 1) * dim));
    }
  }

  @Test
  void ownRowsAreRecoveredFromVectorsAndNgramsWhenAModelCameWithoutThem() throws IOException {
    ModelWeights full = ModelWeights.of(tiny());
    ModelWeights imported = new ModelWeights(full.vectors(), null, null, full.ngrams());
    int dim = full.dimension();
    float[] exact = new float[dim];
    float[] derived = new float[dim];
    for (int row = 0; row < full.vectors().size(); row++) {
      full.inputRow(row, exact, 0);
      imported.inputRow(row, derived, 0);
      for (int i = 0; i < dim; i++) {
        assertEquals(exact[i], derived[i], 1e-5 + 1e-5 * Math.abs(exact[i]), "row " + row);
      }
    }
  }

  @Test
  void inconsistentWeightsAreRefused() throws IOException {
    ModelWeights full = ModelWeights.of(tiny());
    WordVectors v = full.vectors();
    assertThrows(
        IllegalArgumentException.class, () -> new ModelWeights(v, new float[3], null, null));
    assertThrows(
        IllegalArgumentException.class, () -> new ModelWeights(v, null, full.wordRows(), null));
  }
}
