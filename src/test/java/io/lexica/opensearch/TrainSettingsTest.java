package io.lexica.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.Lexica;
import io.lexica.train.word2vec.Word2VecOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The training request's settings map onto the library's one word2vec settings type, with its
 * check, and its errors name the REST spelling.
 */
class TrainSettingsTest {
  private static Lexica.TrainOptions options(Map<String, Object> settings) {
    return new TrainModelAction.Request("m", "i", "body", settings, false).options(line -> {});
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
            "seed"),
        TrainModelAction.SETTINGS);
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
  }
}
