package io.lexica.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.LexicaException;
import io.lexica.vectors.WordLookup;
import io.lexica.vectors.WordVectors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeatTest {
  /**
   * Planted association in closed form: attributes A = e1, B = e2; target x_i = cos t e1 + sin t e3
   * has s(x_i) = cos t (its cosine to A, 0 to B); y_j = cos u e2 + sin u e3 has s(y_j) = -cos u.
   */
  private static WordVectors planted(double[] sx, double[] sy) {
    List<String> words = new ArrayList<>(List.of("a1", "a2", "b1", "b2"));
    List<float[]> rows = new ArrayList<>(List.of(v(1, 0, 0), v(1, 0, 0), v(0, 1, 0), v(0, 1, 0)));
    for (int i = 0; i < sx.length; i++) {
      words.add("x" + i);
      rows.add(v(sx[i], 0, Math.sqrt(1 - sx[i] * sx[i])));
    }
    for (int j = 0; j < sy.length; j++) {
      words.add("y" + j);
      rows.add(v(0, -sy[j], Math.sqrt(1 - sy[j] * sy[j])));
    }
    float[] data = new float[rows.size() * 3];
    for (int r = 0; r < rows.size(); r++) {
      System.arraycopy(rows.get(r), 0, data, r * 3, 3);
    }
    return new WordVectors(words, data, 3, null);
  }

  private static float[] v(double a, double b, double c) {
    return new float[] {(float) a, (float) b, (float) c};
  }

  private static WeatSets sets(int nx, int ny) {
    List<String> x = new ArrayList<>();
    List<String> y = new ArrayList<>();
    for (int i = 0; i < nx; i++) {
      x.add("x" + i);
    }
    for (int j = 0; j < ny; j++) {
      y.add("y" + j);
    }
    return new WeatSets(
        "planted", List.of("", "", "", ""), x, y, List.of("a1", "a2"), List.of("b1", "b2"));
  }

  @Test
  void effectSizeAndExactPValueOfAPlantedAssociation() {
    double[] sx = {0.5, 0.6, 0.7};
    double[] sy = {-0.5, -0.4, -0.2};
    WeatResult r = Weat.run(planted(sx, sy), sets(3, 3), 1);
    // d = (mean sx - mean sy) / sample sd of all six s values, computed here by hand
    double meanX = 0.6;
    double meanY = -1.1 / 3;
    double mean = (1.8 - 1.1) / 6;
    double ss = 0;
    for (double s : new double[] {0.5, 0.6, 0.7, -0.5, -0.4, -0.2}) {
      ss += (s - mean) * (s - mean);
    }
    assertEquals(meanX - meanY, r.difference(), 1e-6);
    assertEquals((meanX - meanY) / Math.sqrt(ss / 5), r.effectSize(), 1e-6);
    // X holds the three largest s: of the C(6,3) = 20 partitions only the observed one reaches S
    assertTrue(r.exact());
    assertEquals(20, r.permutations());
    assertEquals(1 / 20.0, r.pValue(), 1e-12);

    // Swapping the targets negates the effect; every partition then reaches the (minimal) S
    WeatSets swapped =
        new WeatSets(
            "swapped",
            List.of("", "", "", ""),
            sets(3, 3).y(),
            sets(3, 3).x(),
            List.of("a1", "a2"),
            List.of("b1", "b2"));
    WeatResult s = Weat.run(planted(sx, sy), swapped, 1);
    assertEquals(-r.effectSize(), s.effectSize(), 1e-9);
    assertEquals(1.0, s.pValue(), 1e-12);
  }

  @Test
  void sampledPValuesAreDeterministicForASeedAndCloseToTheExactOne() {
    // overlapping sets: a p-value well inside (0, 1)
    double[] sx = {0.30, 0.12, 0.25, 0.05, 0.40, 0.18, 0.22, 0.10};
    double[] sy = {0.20, 0.02, 0.15, 0.28, 0.08, 0.11, -0.05, 0.16};
    WordVectors v = planted(sx, sy);
    WordLookup lookup = new WordLookup(v);
    WeatResult exact = Weat.run(lookup, sets(8, 8), Weat.DEFAULT_EXACT_LIMIT, 0, 0);
    assertTrue(exact.exact());
    assertEquals(12_870, exact.permutations()); // C(16, 8)
    assertTrue(exact.pValue() > 0.001 && exact.pValue() < 0.5, "" + exact.pValue());
    WeatResult a = Weat.run(lookup, sets(8, 8), 0, 20_000, 7);
    WeatResult b = Weat.run(lookup, sets(8, 8), 0, 20_000, 7);
    WeatResult c = Weat.run(lookup, sets(8, 8), 0, 20_000, 8);
    assertFalse(a.exact());
    assertEquals(a.pValue(), b.pValue(), 0.0);
    assertNotEquals(a.pValue(), c.pValue());
    assertEquals(exact.pValue(), a.pValue(), 0.01);
    assertEquals(exact.effectSize(), a.effectSize(), 0.0);
    // sampling with no samples is a user error; enumeration needs none
    assertThrows(LexicaException.class, () -> Weat.run(lookup, sets(8, 8), 0, 0, 7));
  }

  @Test
  void missingWordsAreLeftOutAndReportedAndAnEmptySetGivesNoResult() {
    WordVectors v = planted(new double[] {0.5, 0.6}, new double[] {-0.1, 0.2});
    WeatSets withMissing =
        new WeatSets(
            "m",
            List.of("", "", "", ""),
            List.of("x0", "X1", "nope"),
            List.of("y0", "y1"),
            List.of("a1"),
            List.of("b1", "zzz"));
    WeatResult r = Weat.run(v, withMissing, 1);
    assertEquals(List.of("nope", "zzz"), r.missing());
    assertEquals(List.of(2, 2, 1, 1), java.util.Arrays.stream(r.found()).boxed().toList());
    assertFalse(Double.isNaN(r.effectSize()));
    WeatSets empty =
        new WeatSets(
            "e",
            List.of("", "", "", ""),
            List.of("x0"),
            List.of("y0"),
            List.of("none"),
            List.of("b1"));
    assertTrue(Double.isNaN(Weat.run(v, empty, 1).effectSize()));
  }

  @Test
  void theFileFormatAndThePublishedTests() {
    List<WeatSets> published = WeatSets.published();
    assertEquals(10, published.size());
    WeatSets weat1 = published.get(0);
    assertEquals("WEAT 1: flowers/insects, pleasant/unpleasant", weat1.name());
    assertEquals(List.of("flowers", "insects", "pleasant", "unpleasant"), weat1.labels());
    for (List<String> set : List.of(weat1.x(), weat1.y(), weat1.a(), weat1.b())) {
      assertEquals(25, set.size());
    }
    assertEquals("aster", weat1.x().get(0));
    assertEquals(List.of(8, 8, 8, 8), sizes(published.get(6)));
    assertEquals(List.of(6, 6, 7, 7), sizes(published.get(8)));

    List<WeatSets> mine =
        WeatSets.parse(
            "mine.txt", List.of("# c", "[t]", "A: good, fine", "B bad: awful", "X: a b", "Y: c"));
    assertEquals(1, mine.size());
    assertEquals(List.of("", "", "", "bad"), mine.get(0).labels());
    assertEquals(List.of("good", "fine"), mine.get(0).a());
    assertEquals(List.of("a", "b"), mine.get(0).x());
    LexicaException noY =
        assertThrows(
            LexicaException.class,
            () -> WeatSets.parse("mine.txt", List.of("[t]", "A: good", "B: bad", "X: a")));
    assertTrue(noY.getMessage().contains("has no set Y"), noY.getMessage());
    LexicaException bad =
        assertThrows(
            LexicaException.class,
            () -> WeatSets.parse("mine.txt", List.of("[t]", "Xylophone: a")));
    assertTrue(bad.getMessage().startsWith("mine.txt line 2"), bad.getMessage());
  }

  private static List<Integer> sizes(WeatSets s) {
    return List.of(s.x().size(), s.y().size(), s.a().size(), s.b().size());
  }
}
