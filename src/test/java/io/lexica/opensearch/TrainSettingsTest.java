package io.lexica.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.Lexica;
import io.lexica.pipeline.Trainer;
import io.lexica.train.fasttext.FastTextTrainer;
import io.lexica.train.glove.CooccurrenceOptions;
import io.lexica.train.glove.GloveOptions;
import io.lexica.train.glove.GloveTrainer;
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
            "buckets",
            "x_max",
            "alpha",
            "iterations",
            "eta",
            "grad_clip",
            "glove_output",
            "memory",
            "symmetric",
            "left_only"),
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
    assertTrue(refusal(Map.of("algorithm", "bert")).contains("[algorithm] is one of [word2vec,"));
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

  private static final long GB = 1L << 30;

  @Test
  void gloveTakesLexicaTrainsDefaults() {
    Lexica.TrainOptions o =
        new TrainSettings(Map.of("algorithm", "glove")).options(l -> {}, 16 * GB);
    Trainer.Glove glove = o.glove();
    // lexica train --algorithm glove: window 15, 4g, symmetric; x_max 100, alpha 0.75, 15
    // iterations...; the threads are the request's default, as for word2vec
    assertEquals(CooccurrenceOptions.defaults(), glove.counting());
    int threads = Lexica.TrainOptions.defaults().word2vec().threads();
    assertEquals(GloveOptions.defaults().withThreads(threads), glove.options());
    assertNull(o.subwords());
    // a small node: the counting memory defaults to a quarter of its heap
    assertEquals(
        GB / 4,
        new TrainSettings(Map.of("algorithm", "glove"))
            .options(l -> {}, GB)
            .glove()
            .counting()
            .memoryBytes());
  }

  @Test
  void gloveReadsTheRequestsSettings() {
    Map<String, Object> settings = new java.util.HashMap<>();
    settings.putAll(
        Map.of(
            "algorithm", "GloVe",
            "dim", 12,
            "window", 8,
            "threads", 1,
            "seed", 7,
            "x_max", 10,
            "alpha", "0.5",
            "iterations", 3,
            "eta", 0.1,
            "grad_clip", 50));
    settings.putAll(Map.of("glove_output", "word", "memory", "64m", "left_only", true));
    Trainer.Glove glove = new TrainSettings(settings).options(l -> {}, GB).glove();
    assertEquals(new CooccurrenceOptions(8, false, 64L << 20, null), glove.counting());
    assertEquals(
        new GloveOptions(12, 3, 10, 0.5, 0.1, 50, 1, 7, GloveOptions.Output.WORD), glove.options());
    assertEquals(
        1L << 16,
        new TrainSettings(Map.of("algorithm", "glove", "memory", 65536))
            .options(l -> {}, GB)
            .glove()
            .counting()
            .memoryBytes());
    assertTrue(
        new TrainSettings(Map.of("algorithm", "glove", "symmetric", true))
            .options(l -> {}, GB)
            .glove()
            .counting()
            .symmetric());
  }

  @Test
  void gloveRefusesWhatItDoesNotReadAndBadValues() {
    assertEquals(
        "[negative] is a word2vec and fasttext setting, not read by [glove]: leave it out",
        refusal(Map.of("algorithm", "glove", "negative", 5)));
    assertTrue(
        refusal(Map.of("algorithm", "glove", "epochs", 5)).contains("[epochs] is a word2vec"));
    assertTrue(
        refusal(Map.of("algorithm", "glove", "minn", 3))
            .contains("[minn] is a fasttext setting: add \"algorithm\": \"fasttext\""));
    assertEquals(
        "[x_max] is a glove setting: add \"algorithm\": \"glove\" or leave it out",
        refusal(Map.of("x_max", 10)));
    assertTrue(
        refusal(Map.of("algorithm", "fasttext", "iterations", 3))
            .contains("[iterations] is a glove setting"));
    assertEquals(
        "[x_max] is a positive number, got [0]", refusal(Map.of("algorithm", "glove", "x_max", 0)));
    assertEquals(
        "[iterations] is a whole number, got [1.5]",
        refusal(Map.of("algorithm", "glove", "iterations", 1.5)));
    assertEquals(
        "[glove_output] is one of [sum, word], got [both]",
        refusal(Map.of("algorithm", "glove", "glove_output", "both")));
    assertTrue(
        refusal(Map.of("algorithm", "glove", "memory", "lots"))
            .startsWith("[memory] is a size such as 512m or 4g, got [lots]"));
    assertTrue(
        refusal(Map.of("algorithm", "glove", "memory", 1000))
            .startsWith("[memory] is at least 65536 bytes"));
    assertEquals(
        "[window] is at most 127 for glove, got [200]",
        refusal(Map.of("algorithm", "glove", "window", 200)));
    assertTrue(
        refusal(Map.of("algorithm", "glove", "symmetric", true, "left_only", false))
            .contains("give one of them"));
    assertTrue(refusal(Map.of("algorithm", "glove", "dim", 0)).contains("[dim]"));
  }

  @Test
  void gloveIsRefusedWhenItWouldNotFitTheHeap() {
    String memory =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new TrainSettings(Map.of("algorithm", "glove", "memory", "4g"))
                        .options(l -> {}, 4 * GB))
            .getMessage();
    assertTrue(
        memory.startsWith("[memory] 4,096 MB is more than half of this node's heap"), memory);
    assertTrue(memory.contains("lower [memory] to 2,048 MB or less"), memory);
    Trainer.Glove glove =
        new TrainSettings(Map.of("algorithm", "glove", "memory", "256m", "dim", 300))
            .options(l -> {}, GB)
            .glove();
    // 1M words x 300 dimensions: 2 x 1M x 602 floats of rows and AdaGrad sums, and the model
    assertEquals(
        2L * 1_000_000 * 602 * 4 + 1_000_000L * (300 * 4 + 8 + 8),
        GloveTrainer.parameterBytes(1_000_000, 300));
    assertEquals(
        (256L << 20) + GloveTrainer.parameterBytes(1_000_000, 300), glove.heapBytes(1_000_000));
    String words =
        assertThrows(
                IllegalArgumentException.class, () -> TrainSettings.checkHeap(glove, 1_000_000, GB))
            .getMessage();
    assertTrue(words.startsWith("GloVe on 1,000,000 words needs 6,009 MB of heap"), words);
    assertTrue(words.contains("lower [memory], raise [min_count] or lower [dim]"), words);
    TrainSettings.checkHeap(glove, 10_000, GB); // 256 MB + 60 MB: fits in half of 1 GB
  }

  private static void assertScheme(int minn, int maxn, int buckets, Subwords s) {
    assertEquals(List.of(minn, maxn, buckets), List.of(s.minn(), s.maxn(), s.buckets()));
  }
}
