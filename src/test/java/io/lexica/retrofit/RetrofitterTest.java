package io.lexica.retrofit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.retrofit.RetrofitOptions.Method;
import io.lexica.vectors.FastTextBin;
import io.lexica.vectors.FastTextModel;
import io.lexica.vectors.ModelWeights;
import io.lexica.vectors.WordVectors;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetrofitterTest {
  /**
   * cheap and inexpensive are synonyms but orthogonal; expensive is cheap's antonym and nearly
   * parallel to it (what distributional vectors do); other is unrelated. Rows have lengths 2, 3, 4
   * and 5, so kept lengths are visible.
   */
  private static ModelWeights planted() {
    float[] data = {
      2,
      0,
      0, // cheap
      0,
      3,
      0, // inexpensive
      3.96f,
      0.56f,
      0, // expensive: cos(cheap, expensive) = 0.99
      0,
      0,
      5 // other
    };
    return ModelWeights.of(
        new WordVectors(
            List.of("cheap", "inexpensive", "expensive", "other"),
            data,
            3,
            new long[] {4, 3, 2, 1}));
  }

  private static final Lexicon LEXICON =
      Lexicon.builder("test")
          .synonyms("cheap", "inexpensive")
          .antonyms("cheap", "expensive")
          .synonyms("absent", "cheap")
          .build();

  private static double cos(WordVectors v, String a, String b) {
    float[] x = v.vector(v.indexOf(a));
    float[] y = v.vector(v.indexOf(b));
    double dot = 0, nx = 0, ny = 0;
    for (int i = 0; i < x.length; i++) {
      dot += x[i] * y[i];
      nx += x[i] * x[i];
      ny += y[i] * y[i];
    }
    return dot / Math.sqrt(nx * ny);
  }

  private static double length(WordVectors v, String w) {
    float[] x = v.vector(v.indexOf(w));
    double n = 0;
    for (float f : x) {
      n += f * f;
    }
    return Math.sqrt(n);
  }

  @Test
  void inflectedFormsMoveByTheirLemmasDisplacement() {
    // "cheaps" is an inflected form of cheap (the lexicon's morphology says so); "other" is not.
    float[] data = {2, 0, 0, 0, 3, 0, 0.6f, 0.8f, 0, 0, 0, 5};
    ModelWeights w =
        ModelWeights.of(
            new WordVectors(
                List.of("cheap", "inexpensive", "cheaps", "other"),
                data,
                3,
                new long[] {4, 3, 2, 1}));
    Lexicon lexicon =
        Lexicon.builder("test")
            .synonyms("cheap", "inexpensive")
            .morphology(x -> x.equals("cheaps") ? "cheap" : null)
            .build();
    RetrofitOptions o = RetrofitOptions.PUBLISHED.withMethod(Method.RETROFIT);
    Retrofitter.Result r = Retrofitter.apply(w, lexicon, o);
    WordVectors before = w.vectors().normalized();
    WordVectors after = r.weights().vectors().normalized();
    float[] cheapShift = new float[3];
    float[] expected = new float[3];
    for (int d = 0; d < 3; d++) {
      cheapShift[d] = after.vector(0)[d] - before.vector(0)[d];
      expected[d] = before.vector(2)[d] + cheapShift[d];
    }
    double n = Math.sqrt(expected[0] * expected[0] + expected[1] * expected[1]);
    assertArrayEquals(
        new float[] {(float) (expected[0] / n), (float) (expected[1] / n), 0},
        after.vector(2),
        1e-6f,
        "the form moved with its lemma, then back to unit length");
    assertEquals(1.0, length(r.weights().vectors(), "cheaps"), 1e-6, "and kept its length");
    assertArrayEquals(w.vectors().vector(3), r.weights().vectors().vector(3), "others stay");
    assertEquals(1, r.report().inflectedForms());
    assertEquals(3, r.report().changedWords());
    Retrofitter.Result without = Retrofitter.apply(w, lexicon.withoutMorphology(), o);
    assertArrayEquals(w.vectors().vector(2), without.weights().vectors().vector(2));
    assertEquals(0, without.report().inflectedForms());
  }

  @Test
  void retrofittingIsFaruquisUpdateInRowOrder() {
    RetrofitOptions one = RetrofitOptions.PUBLISHED.withMethod(Method.RETROFIT).withIterations(1);
    Retrofitter.Result r = Retrofitter.apply(planted(), LEXICON, one);
    WordVectors v = r.weights().vectors();
    // cheap = (ĉ + inexpensive) / 2 = (0.5, 0.5, 0); then inexpensive = (î + new cheap) / 2 =
    // (0.25, 0.75, 0): directions kept, each at its old length.
    float s = (float) (2 / Math.sqrt(2));
    assertArrayEquals(new float[] {s, s, 0}, v.vector(0), 1e-5f);
    double n = Math.sqrt(0.25 * 0.25 + 0.75 * 0.75);
    assertArrayEquals(
        new float[] {(float) (0.25 / n * 3), (float) (0.75 / n * 3), 0}, v.vector(1), 1e-5f);
    // Retrofitting ignores antonyms: expensive and other have no synonym in the model.
    assertArrayEquals(planted().vectors().vector(2), v.vector(2), 0f);
    assertArrayEquals(planted().vectors().vector(3), v.vector(3), 0f);
    Retrofitter.Report rep = r.report();
    assertEquals(Method.RETROFIT, rep.method());
    assertEquals(4, rep.lexiconWords());
    assertEquals(3, rep.coveredWords(), "absent is not in the model");
    assertEquals(1, rep.synonymPairs());
    assertEquals(1, rep.antonymPairs());
    assertEquals(2, rep.changedWords());
  }

  /** The unit vector of (x, y, 0), times {@code length}. */
  private static float[] direction(double x, double y, double length) {
    double n = Math.sqrt(x * x + y * y);
    return new float[] {(float) (x / n * length), (float) (y / n * length), 0};
  }

  @Test
  void interpolationMixesEachMovedWordsOriginalDirectionWithTheResult() {
    RetrofitOptions half =
        new RetrofitOptions(Method.RETROFIT, 1, 1, 0, 0.5, 0.1, 0.1, 0.1, 1, 0, 0.2);
    WordVectors v = Retrofitter.apply(planted(), LEXICON, half).weights().vectors();
    // Faruqui's pass gives cheap (0.5, 0.5, 0) and then inexpensive (0.25, 0.75, 0) (the pass
    // reads cheap's unmixed result); each is then mixed half and half with its original direction.
    assertArrayEquals(direction(0.75, 0.25, 2), v.vector(0), 1e-5f);
    assertArrayEquals(direction(0.125, 0.875, 3), v.vector(1), 1e-5f);
    assertArrayEquals(planted().vectors().vector(2), v.vector(2), 0f, "unmoved rows stay");
    assertArrayEquals(planted().vectors().vector(3), v.vector(3), 0f);
  }

  @Test
  void withAnAlphaExponentFrequentWordsTrustTheirOwnVectorsMore() {
    // Counts 4, 3, 2, 1: the reference is the last row's (the model has fewer than 30,000 words),
    // so with p = 1 cheap has alpha 4 and inexpensive 3.
    RetrofitOptions p1 = new RetrofitOptions(Method.RETROFIT, 1, 1, 1, 1, 0.1, 0.1, 0.1, 1, 0, 0.2);
    WordVectors v = Retrofitter.apply(planted(), LEXICON, p1).weights().vectors();
    assertArrayEquals(direction(0.8, 0.2, 2), v.vector(0), 1e-5f, "(4 x (1,0,0) + (0,1,0)) / 5");
    assertArrayEquals(direction(0.2, 0.8, 3), v.vector(1), 1e-5f, "(3 x (0,1,0) + cheap) / 4");
    // Without counts (an imported file) ranks stand for them: alphas 4/1 and 4/2.
    WordVectors counted = planted().vectors();
    ModelWeights uncounted =
        ModelWeights.of(new WordVectors(counted.words(), counted.data().clone(), 3, null));
    WordVectors u = Retrofitter.apply(uncounted, LEXICON, p1).weights().vectors();
    assertArrayEquals(direction(0.8, 0.2, 2), u.vector(0), 1e-5f);
    assertArrayEquals(direction(0.8 / 3, 2.2 / 3, 3), u.vector(1), 1e-5f);
  }

  @Test
  void counterFittingPullsSynonymsAndPushesAntonymsKeepingLengths() {
    ModelWeights before = planted();
    Retrofitter.Result r = Retrofitter.apply(before, LEXICON, RetrofitOptions.PUBLISHED);
    assertEquals(Method.COUNTERFIT, r.report().method(), "auto: the lexicon has antonyms");
    assertEquals(20, r.report().iterations());
    WordVectors b = before.vectors();
    WordVectors a = r.weights().vectors();
    assertTrue(
        cos(a, "cheap", "expensive") < cos(b, "cheap", "expensive") - 0.3,
        "antonyms apart: " + cos(a, "cheap", "expensive"));
    assertTrue(
        cos(a, "cheap", "inexpensive") > cos(b, "cheap", "inexpensive") + 0.3,
        "synonyms together: " + cos(a, "cheap", "inexpensive"));
    for (String w : List.of("cheap", "inexpensive", "expensive")) {
      assertEquals(length(b, w), length(a, w), 1e-5, w);
    }
    assertArrayEquals(b.vector(3), a.vector(3), 0f, "other is nobody's neighbour: untouched");
    // Deterministic, bit for bit.
    Retrofitter.Result again = Retrofitter.apply(planted(), LEXICON, RetrofitOptions.PUBLISHED);
    assertArrayEquals(a.data(), again.weights().vectors().data(), 0f);
  }

  @Test
  void aSubwordModelKeepsItsNgramsAndItsOwnRowsFollowTheNewVectors(@TempDir Path dir)
      throws Exception {
    Path bin = dir.resolve("tiny.bin");
    try (InputStream in = getClass().getResourceAsStream("/io/lexica/vectors/fasttext-tiny.bin")) {
      Files.copy(in, bin);
    }
    FastTextModel m = FastTextBin.read(bin, false);
    ModelWeights w = ModelWeights.of(m);
    WordVectors v = w.vectors();
    Lexicon lex = Lexicon.builder("t").synonyms(v.word(0), v.word(1)).build();
    Retrofitter.Result r =
        Retrofitter.apply(w, lex, RetrofitOptions.PUBLISHED.withMethod(Method.RETROFIT));
    ModelWeights out = r.weights();
    assertSame(w.ngrams(), out.ngrams());
    assertEquals(2, r.report().changedWords());
    int dim = v.dimension();
    for (int row = 0; row < v.size(); row++) {
      // vector = mean of the own row and the word's n-gram rows
      int[] buckets = out.ngrams().subwords().buckets(v.word(row));
      float[] sum = new float[dim];
      out.ngrams().addRows(buckets, sum);
      float[] vec = out.vectors().vector(row);
      for (int d = 0; d < dim; d++) {
        float mean = (out.wordRows()[row * dim + d] + sum[d]) / (buckets.length + 1);
        assertEquals(vec[d], mean, 1e-4f, v.word(row) + " dim " + d);
      }
      if (row > 1) {
        assertArrayEquals(
            java.util.Arrays.copyOfRange(w.wordRows(), row * dim, (row + 1) * dim),
            java.util.Arrays.copyOfRange(out.wordRows(), row * dim, (row + 1) * dim),
            0f,
            "unmoved words keep their own rows bit for bit");
      }
    }
  }

  @Test
  void optionsAreCheckedOnce() {
    assertEquals(
        "retrofitting iterations must be 0 (the method's default) or more, not -1",
        org.junit.jupiter.api.Assertions.assertThrows(
                io.lexica.LexicaException.class, () -> RetrofitOptions.PUBLISHED.withIterations(-1))
            .getMessage());
    org.junit.jupiter.api.Assertions.assertThrows(
        io.lexica.LexicaException.class,
        () -> new RetrofitOptions(Method.COUNTERFIT, 0, 1, 0, 1, 0.1, 0.1, 0.1, 3, 0, 0.2));
    assertEquals(
        "the interpolation 0.0 must be above 0 and at most 1",
        org.junit.jupiter.api.Assertions.assertThrows(
                io.lexica.LexicaException.class,
                () -> new RetrofitOptions(Method.RETROFIT, 0, 1, 0, 0, 0.1, 0.1, 0.1, 1, 0, 0.2))
            .getMessage());
    org.junit.jupiter.api.Assertions.assertThrows(
        io.lexica.LexicaException.class,
        () -> new RetrofitOptions(Method.RETROFIT, 0, 1, -1, 1, 0.1, 0.1, 0.1, 1, 0, 0.2));
  }
}
