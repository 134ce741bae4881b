package io.lexica.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.LexicaException;
import io.lexica.vectors.WordVectors;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimilarityEvaluatorTest {
  @Test
  void spearmanAveragesTiedRanksLikeScipy() {
    // scipy.stats.spearmanr([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]) = 0.8207826816681233
    assertEquals(
        0.8207826816681233,
        Correlation.spearman(new double[] {1, 2, 3, 4, 5}, new double[] {5, 6, 7, 8, 7}),
        1e-12);
    assertEquals(
        List.of(1.0, 2.5, 2.5, 4.0),
        java.util.Arrays.stream(Correlation.ranks(new double[] {1, 3, 3, 7})).boxed().toList());
    // scipy.stats.pearsonr([1, 2, 3], [1, 2, 4]) = 0.9819805060619657
    assertEquals(
        0.9819805060619657,
        Correlation.pearson(new double[] {1, 2, 3}, new double[] {1, 2, 4}),
        1e-12);
    assertTrue(Double.isNaN(Correlation.pearson(new double[] {1, 1}, new double[] {1, 2})));
  }

  @Test
  void correlatesCosinesAndReportsOutOfVocabularyPairs() {
    // Angles from "a": b 0°, c 60°, d 90°, e 180°.
    float[] data = {1, 0, 2, 0, 0.5f, 0.8660254f, 0, 3, -1, 0};
    WordVectors v = new WordVectors(List.of("a", "b", "C", "d", "e"), data, 2, null);
    WordPairs pairs =
        WordPairs.parse(
            "set",
            List.of(
                "# comment",
                "a\tb\t10",
                "A\tc\t7", // case-insensitive
                "a\td\t5",
                "",
                "a\te\t0",
                "a\tzebra\t3")); // OOV
    SimilarityReport r = SimilarityEvaluator.evaluate(v, pairs, 0);
    assertEquals(5, r.pairs());
    assertEquals(1, r.oov());
    assertEquals(0.2, r.oovRatio(), 1e-12);
    assertEquals(1.0, r.spearman(), 1e-12);
    // cosines 1, 0.5, 0, -1 against 10, 7, 5, 0
    double expected = Correlation.pearson(new double[] {10, 7, 5, 0}, new double[] {1, 0.5, 0, -1});
    assertEquals(expected, r.pearson(), 1e-6);
    // with only the first two words known, every pair but a-b is OOV
    SimilarityReport restricted = SimilarityEvaluator.evaluate(v, pairs, 2);
    assertEquals(4, restricted.oov());
    assertTrue(Double.isNaN(restricted.spearman()));
  }

  @Test
  void malformedLinesAreReportedWithTheirNumber() {
    LexicaException e =
        assertThrows(LexicaException.class, () -> WordPairs.parse("p", List.of("a\tb\t1", "a\tb")));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    e =
        assertThrows(
            LexicaException.class,
            () -> AnalogyQuestions.parse("q", List.of(": s", "a b c d", "a b c")));
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
  }
}
