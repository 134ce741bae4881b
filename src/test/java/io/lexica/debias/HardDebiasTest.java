package io.lexica.debias;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.LexicaException;
import io.lexica.vectors.WordVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardDebiasTest {
  @TempDir Path tmp;

  private static final List<String> WORDS =
      List.of("he", "she", "man", "woman", "nurse", "engineer", "mother", "king", "queen");

  /** Dimension 0 is gender: the definitional pairs differ only there. */
  private static WordVectors planted() {
    float[][] rows = {
      {1, 1, 0, 0},
      {-1, 1, 0, 0},
      {1, 0, 1, 0},
      {-1, 0, 1, 0},
      {-0.5f, 0, 0, 1}, // nurse leans female
      {0.5f, 0, 0, 1}, // engineer leans male
      {-0.8f, 0, 0, 0.6f}, // mother: gender-specific, kept
      {0.6f, 0.3f, 0.2f, 0.7f},
      {-0.2f, 0.4f, 0.3f, 0.8f}
    };
    float[] data = new float[rows.length * 4];
    long[] counts = new long[rows.length];
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(rows[r], 0, data, r * 4, 4);
      counts[r] = 100 - r;
    }
    return new WordVectors(WORDS, data, 4, counts);
  }

  private DebiasWordLists lists() throws IOException {
    Path d = Files.writeString(tmp.resolve("def.txt"), "# pairs\nhe she\nMan Woman\nabsent word\n");
    Path e = Files.writeString(tmp.resolve("eq.txt"), "king queen\n");
    Path s = Files.writeString(tmp.resolve("spec.txt"), "he\nshe\nman\nwoman\nMother\n");
    return DebiasWordLists.of(d, e, s);
  }

  private static float[] row(WordVectors v, String w) {
    return v.vector(v.indexOf(w));
  }

  private static float dot(float[] a, float[] b) {
    float s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  @Test
  void neutralizesAlongTheDefinitionalDirectionAndEqualizesPairs() throws IOException {
    HardDebias.Result r = HardDebias.debias(planted(), lists());
    assertEquals(2, r.definitionalPairs()); // "absent word" is not in the model
    assertEquals(1.0, r.explained(), 1e-9); // the pairs differ along one direction only
    assertArrayEquals(new float[] {1, 0, 0, 0}, r.direction(), 1e-6f); // he's side is positive
    WordVectors v = r.vectors();
    assertEquals(WORDS, v.words());
    assertEquals(96, v.count(4));
    assertEquals(4, r.neutralized()); // nurse, engineer, king, queen
    assertEquals(1, r.equalized());
    float[] g = r.direction();

    // neutral words lose their gender component: nurse and engineer become the same word here
    assertEquals(0, dot(row(v, "nurse"), g), 1e-6);
    assertArrayEquals(new float[] {0, 0, 0, 1}, row(v, "nurse"), 1e-6f);
    assertArrayEquals(row(v, "nurse"), row(v, "engineer"), 1e-6f);
    // gender-specific words (case-folded) keep their direction
    assertArrayEquals(new float[] {-0.8f, 0, 0, 0.6f}, row(v, "mother"), 1e-6f);
    float[] he = row(v, "he");
    assertEquals(1 / Math.sqrt(2), he[0], 1e-6);

    // an equalized pair is symmetric about the neutral space and keeps its orientation
    float[] king = row(v, "king");
    float[] queen = row(v, "queen");
    assertEquals(dot(king, g), -dot(queen, g), 1e-6);
    assertTrue(dot(king, g) > 0);
    assertEquals(dot(king, row(v, "nurse")), dot(queen, row(v, "nurse")), 1e-6);
    for (int i = 1; i < 4; i++) {
      assertEquals(king[i], queen[i], 1e-6, "off-direction component " + i);
    }
    // every vector has unit length
    for (int r2 = 0; r2 < v.size(); r2++) {
      assertEquals(1, Math.sqrt(dot(v.vector(r2), v.vector(r2))), 1e-6);
    }
  }

  @Test
  void aModelWithoutDefinitionalWordsIsAUserError() throws IOException {
    WordVectors other = new WordVectors(List.of("x", "y"), new float[] {1, 0, 0, 1}, 2, null);
    LexicaException e =
        assertThrows(LexicaException.class, () -> HardDebias.debias(other, lists()));
    assertTrue(e.getMessage().contains("definitional"), e.getMessage());
  }

  @Test
  void theBundledListsAreBolukbasisAndBadFilesNameTheLine() throws IOException {
    DebiasWordLists b = DebiasWordLists.bolukbasi2016();
    assertEquals(10, b.definitional().size());
    assertEquals(List.of("woman", "man"), b.definitional().get(0));
    assertEquals(52, b.equalize().size());
    assertEquals(1441, b.specific().size());
    assertTrue(b.sources().get(0).startsWith("bundled: "));
    Path bad = Files.writeString(tmp.resolve("bad.txt"), "one two three\n");
    LexicaException e =
        assertThrows(LexicaException.class, () -> DebiasWordLists.of(bad, null, null));
    assertTrue(e.getMessage().contains("'one two three'"), e.getMessage());
  }
}
