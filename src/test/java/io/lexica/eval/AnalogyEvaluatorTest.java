package io.lexica.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.eval.AnalogyEvaluator.Method;
import io.lexica.vectors.Analogies;
import io.lexica.vectors.ExactEmbeddings;
import io.lexica.vectors.WordVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AnalogyEvaluatorTest {
  private static final List<Method> BOTH = List.of(Method.ADD, Method.MUL);

  /**
   * Countries and capitals with a planted constant offset: capital_i = country_i + offset, plus
   * noise words. "country_i capital_i country_j ?" must answer capital_j.
   */
  private static WordVectors planted(int pairs, int noise, int dim, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] offset = gaussian(rnd, dim, 0.7);
    List<String> words = new ArrayList<>();
    List<float[]> rows = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      float[] country = gaussian(rnd, dim, 1);
      float[] capital = country.clone();
      for (int k = 0; k < dim; k++) {
        capital[k] += offset[k] + (float) (rnd.nextGaussian() * 0.05);
      }
      words.add("Country" + i); // mixed case: the protocol is case-insensitive
      rows.add(country);
      words.add("capital" + i);
      rows.add(capital);
    }
    for (int i = 0; i < noise; i++) {
      words.add("noise" + i);
      rows.add(gaussian(rnd, dim, 1));
    }
    float[] data = new float[words.size() * dim];
    for (int r = 0; r < rows.size(); r++) {
      System.arraycopy(rows.get(r), 0, data, r * dim, dim);
    }
    return new WordVectors(words, data, dim, null);
  }

  private static float[] gaussian(SplittableRandom rnd, int dim, double scale) {
    float[] v = new float[dim];
    for (int i = 0; i < dim; i++) {
      v[i] = (float) (rnd.nextGaussian() * scale);
    }
    return v;
  }

  @Test
  void solvesPlantedAnalogiesAndCountsCoverageAndSplits() {
    WordVectors v = planted(20, 300, 32, 1);
    List<String> lines = new ArrayList<>();
    lines.add(": capitals");
    for (int i = 0; i < 20; i++) {
      int j = (i + 7) % 20;
      lines.add("country" + i + " CAPITAL" + i + " Country" + j + " capital" + j);
    }
    lines.add(": unknown");
    lines.add("country1 capital1 atlantis poseidonia"); // not seen
    lines.add("capital1 country1 capital2 country2"); // seen, the reverse direction
    AnalogyQuestions q = AnalogyQuestions.parse("planted", lines);
    AnalogyReport r = AnalogyEvaluator.evaluate(v, q, new AnalogyEvaluator.Options(0, BOTH, 2, 1));
    AnalogyReport.Tally capitals = r.sections().get(0);
    assertEquals(20, capitals.seen());
    assertEquals(20, capitals.correct().get(Method.ADD));
    assertEquals(20, capitals.correct().get(Method.MUL));
    assertEquals(1, r.sections().get(1).seen());
    assertEquals(2, r.sections().get(1).questions());
    assertEquals(21, r.total().seen());
    assertEquals(22, r.total().questions());
    assertEquals(21.0 / 22, r.total().coverage(), 1e-12);
    assertEquals(capitals, new AnalogyReport.Tally("capitals", 20, 20, capitals.correct()));
    assertEquals(20, r.semantic().questions());
    assertEquals(2, r.syntactic().questions());
    AnalogyReport.Answer unseen = r.answers().get(20);
    assertFalse(unseen.seen());
    assertNull(unseen.predicted().get(1));
    assertEquals("capital7", r.answers().get(0).predicted().get(0));
  }

  @Test
  void restrictionHidesRareWords() {
    WordVectors v = planted(20, 0, 32, 2); // rows: Country0 capital0 Country1 capital1 ...
    AnalogyQuestions q =
        AnalogyQuestions.parse(
            "r",
            List.of(
                ": s",
                "country0 capital0 country1 capital1",
                "country0 capital0 country9 capital9"));
    AnalogyReport r = AnalogyEvaluator.evaluate(v, q, new AnalogyEvaluator.Options(10, BOTH, 1, 5));
    assertEquals(10, r.searchedWords());
    assertEquals(1, r.total().seen());
    assertTrue(r.answers().get(0).correct().get(0));
  }

  @Test
  void excludesQuestionWordsAndTheirCaseVariants() {
    // x = b - a + c lands nearest to b itself and to "B" (a case variant of b, a later row);
    // both must be excluded, leaving "answer".
    float[] data = {
      1,
      0,
      0, // a
      0,
      1,
      0, // b
      0,
      0,
      1, // c
      0,
      0.9f,
      0.3f, // B (variant of b)
      -0.5f,
      0.7f,
      0.6f, // answer
      1,
      1,
      1 // other
    };
    WordVectors v = new WordVectors(List.of("a", "b", "c", "B", "answer", "other"), data, 3, null);
    AnalogyQuestions q = AnalogyQuestions.parse("x", List.of(": s", "a b c answer"));
    AnalogyReport r = AnalogyEvaluator.evaluate(v, q, new AnalogyEvaluator.Options(0, BOTH, 1, 5));
    assertEquals(List.of("answer", "answer"), r.answers().get(0).predicted());
  }

  /** The definition, in double precision with a plain loop: what the fast path must agree with. */
  private static String reference(WordVectors v, WordVectors u, String[] w, Method m) {
    int dim = v.dimension();
    int[] ids = new int[3];
    for (int k = 0; k < 3; k++) {
      ids[k] = v.indexOf(w[k]);
    }
    double best = Double.NEGATIVE_INFINITY;
    int bestRow = -1;
    for (int r = 0; r < v.size(); r++) {
      if (r == ids[0] || r == ids[1] || r == ids[2]) {
        continue;
      }
      double[] cos = new double[3];
      for (int k = 0; k < 3; k++) {
        for (int i = 0; i < dim; i++) {
          cos[k] += (double) u.data()[ids[k] * dim + i] * u.data()[r * dim + i];
        }
      }
      double s =
          m == Method.ADD
              ? cos[1] - cos[0] + cos[2]
              : (1 + cos[1]) / 2 * ((1 + cos[2]) / 2) / ((1 + cos[0]) / 2 + 1e-6);
      if (s > best) {
        best = s;
        bestRow = r;
      }
    }
    return v.word(bestRow);
  }

  @Test
  void agreesWithAPlainDoublePrecisionSearchWhateverTheThreadsAndMethods() {
    SplittableRandom rnd = new SplittableRandom(3);
    int n = 800;
    int dim = 20;
    List<String> words = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      words.add("w" + i);
    }
    float[] data = new float[n * dim];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) rnd.nextGaussian();
    }
    WordVectors v = new WordVectors(words, data, dim, null);
    List<String> lines = new ArrayList<>(List.of(": random"));
    List<String[]> qs = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      String[] w = new String[4];
      for (int k = 0; k < 4; k++) {
        w[k] = "w" + rnd.nextInt(n);
      }
      if (w[0].equals(w[1]) || w[0].equals(w[2]) || w[1].equals(w[2])) {
        continue;
      }
      qs.add(w);
      lines.add(String.join(" ", w).toUpperCase(Locale.ROOT));
    }
    AnalogyQuestions q = AnalogyQuestions.parse("random", lines);
    WordVectors u = v.normalized();
    java.util.Map<Method, List<String>> expected = new java.util.EnumMap<>(Method.class);
    for (Method m : BOTH) {
      expected.put(m, qs.stream().map(w -> reference(v, u, w, m)).toList());
    }
    // The query-time analogies over exact embeddings (lexica analogy) answer the same.
    ExactEmbeddings exact = new ExactEmbeddings(v);
    for (int i = 0; i < qs.size(); i++) {
      String[] w = qs.get(i);
      List<String> pos = List.of(w[1], w[2]);
      assertEquals(
          expected.get(Method.ADD).get(i),
          Analogies.add(exact, pos, List.of(w[0]), 1).get(0).word());
      assertEquals(
          expected.get(Method.MUL).get(i),
          Analogies.mul(exact, pos, List.of(w[0]), 1).get(0).word());
    }
    for (List<Method> methods : List.of(List.of(Method.ADD), List.of(Method.MUL), BOTH)) {
      for (int threads : new int[] {1, 3}) {
        AnalogyReport r =
            AnalogyEvaluator.evaluate(v, q, new AnalogyEvaluator.Options(0, methods, threads, 5));
        for (int i = 0; i < qs.size(); i++) {
          for (int m = 0; m < methods.size(); m++) {
            assertEquals(
                expected.get(methods.get(m)).get(i),
                r.answers().get(i).predicted().get(m),
                methods.get(m) + " question " + i + " with " + threads + " threads");
          }
        }
      }
    }
  }
}
