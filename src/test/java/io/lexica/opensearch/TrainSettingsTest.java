package io.lexica.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.Lexica;
import io.lexica.train.fasttext.FastTextTrainer;
import io.lexica.train.word2vec.Word2VecOptions;
import io.lexica.vectors.Subwords;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The training request's settings map onto the library's one word2vec settings type, with its
 * check, and its errors name the REST spelling.
 */
class TrainSettingsTest {
  private static Lexica.TrainOptions options(Map<String, Object> settings) {
    return new TrainSettings(settings).options(line -> {});
  }

  private static String refusal(Map<String, Object> settings) {
    return assertThrows(IllegalArgumentException.class, () -> options(settings)).getMessage();
  }

  @Test
  void theSettingsAreLexicaTrainsInSnakeCase() {
    assertEquals(
        java.util.Set.of(
            "algorithm",
            "min_count",
            "arch",
            "loss",
            "dim",
            "window",
            "negative",
            "ns_exponent",
            "sample",
            "epochs",
            "lr",
            "shared_negatives",
            "threads",
            "seed",
            "per_prediction_updates",
            "minn",
            "maxn",
            "buckets"),
        TrainSettings.SETTINGS);
    Lexica.TrainOptions o =
        options(
            Map.of("arch", "cbow", "dim", 12, "ns_exponent", 0.5, "min_count", 2, "threads", 1));
    Word2VecOptions expected =
        Lexica.TrainOptions.defaults().word2vec().toBuilder()
            .architecture(Word2VecOptions.Architecture.CBOW)
            .dimension(12)
            .negativePower(0.5)
            .threads(1)
            .learningRate(0.05) // the C tool's for CBOW, recorded as used
            .build();
    assertEquals(expected, o.word2vec());
    assertEquals(2, o.minCount());
  }

  @Test
  void refusalsNameTheSettingAsTheRequestSpellsIt() {
    assertTrue(refusal(Map.of("dims", 5)).contains("unknown training setting [dims]"));
    assertTrue(refusal(Map.of("arch", "cbo")).contains("[arch] is one of [skipgram, cbow]"));
    assertTrue(refusal(Map.of("dim", 1.5)).contains("[dim] is a whole number, got [1.5]"));
    String window = refusal(Map.of("window", 0));
    assertTrue(
        window.contains("bad training setting [window]: window must be positive: 0"), window);
    assertTrue(refusal(Map.of("min_count", 0)).contains("min count must be at least 1"));
    assertTrue(refusal(Map.of("algorithm", "glove")).contains("lexica publish"));
    assertTrue(refusal(Map.of("minn", 2)).contains("[minn] is a fasttext setting"));
    assertTrue(
        refusal(Map.of("per_prediction_updates", true))
            .contains("[per_prediction_updates] is a fasttext setting"));
    String lengths = refusal(Map.of("algorithm", "fasttext", "minn", 5, "maxn", 4));
    assertTrue(lengths.contains("invalid n-gram lengths minn=5, maxn=4"), lengths);
    assertTrue(
        refusal(Map.of("algorithm", "fasttext", "buckets", 5_000_000_000L))
            .contains("[buckets] is too large"));
  }

  @Test
  void fastTextTakesItsOwnDefaultsAndTheRequestsNgrams() {
    Lexica.TrainOptions o = options(Map.of("algorithm", "FastText", "minn", 2, "maxn", 4));
    assertScheme(2, 4, Subwords.DEFAULT_BUCKETS, o.subwords());
    assertEquals(FastTextTrainer.DEFAULT_LEARNING_RATE, o.word2vec().learningRate());
    assertEquals(FastTextTrainer.DEFAULT_NEGATIVE_POWER, o.word2vec().negativePower());
    assertScheme(
        0,
        0,
        Subwords.DEFAULT_BUCKETS,
        options(Map.of("algorithm", "fasttext", "maxn", 0)).subwords());
    assertEquals(
        0.01, options(Map.of("algorithm", "fasttext", "lr", 0.01)).word2vec().learningRate());
    assertNull(options(Map.of()).subwords());
  }

  private static void assertScheme(int minn, int maxn, int buckets, Subwords s) {
    assertEquals(List.of(minn, maxn, buckets), List.of(s.minn(), s.maxn(), s.buckets()));
  }
}
