package io.lexica.train.glove;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.corpus.EncodedCorpus;
import io.lexica.util.Progress;
import io.lexica.util.StopSignal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShuffledCooccurrencesTest {
  @TempDir Path temp;

  @Test
  void everyOrderIsEquallyLikely() {
    // Four entries in four blocks on average: over many seeds each of the 24 orders should come up
    // about 1,000 times in 24,000 (standard deviation about 31).
    Map<String, Integer> counts = new HashMap<>();
    for (long seed = 0; seed < 24_000; seed++) {
      counts.merge(order(new ShuffleBlocks(4, seed, 1), 4), 1, Integer::sum);
    }
    assertEquals(24, counts.size(), counts.toString());
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      assertTrue(Math.abs(e.getValue() - 1000) < 150, e.toString());
    }
  }

  @Test
  void blockSizesVaryAsIndependentDrawsWould() {
    // A million entries in blocks of 1,000 on average: sizes are multinomial, so the chi-square
    // statistic over the 1,000 blocks is about 999 (standard deviation about 45). Equal sizes, as
    // a placement by position ranges would give, score 0.
    int n = 1_000_000;
    ShuffleBlocks blocks = new ShuffleBlocks(n, 3, 1000);
    assertEquals(1000, blocks.count());
    int[] sizes = new int[blocks.count()];
    for (long k = 0; k < n; k++) {
      sizes[blocks.blockOf(k)]++;
    }
    double chi = 0;
    for (int size : sizes) {
      chi += (size - 1000.0) * (size - 1000.0) / 1000.0;
    }
    assertTrue(chi > 800 && chi < 1200, "chi-square " + chi);
  }

  /** The order of entries 0..n-1 the blocks give: blocks in turn, each shuffled. */
  private static String order(ShuffleBlocks blocks, int n) {
    List<List<Long>> byBlock = new ArrayList<>();
    for (int b = 0; b < blocks.count(); b++) {
      byBlock.add(new ArrayList<>());
    }
    for (long k = 0; k < n; k++) {
      byBlock.get(blocks.blockOf(k)).add(k);
    }
    StringBuilder out = new StringBuilder();
    for (int b = 0; b < blocks.count(); b++) {
      List<Long> entries = byBlock.get(b);
      long[] pairs = new long[2 * entries.size()];
      for (int i = 0; i < entries.size(); i++) {
        pairs[2 * i] = entries.get(i);
      }
      blocks.shuffle(b, pairs, 0, entries.size());
      for (int i = 0; i < entries.size(); i++) {
        out.append(pairs[2 * i]);
      }
    }
    return out.toString();
  }

  @Test
  void orderDependsOnSeedNotOnMemory() throws IOException {
    EncodedCorpus corpus =
        CooccurrenceCounterTest.randomCorpus(CooccurrenceCounterTest.zipfVocabulary(200), 150, 3);
    try (CooccurrenceTable table =
        new CooccurrenceCounter(CooccurrenceOptions.defaults().withTempDirectory(temp))
            .count(corpus, Progress.silent("count", 0, "tokens"))) {
      List<String> inMemory = shuffled(table, 7, 1L << 30, 1);
      List<String> bucketed = shuffled(table, 7, 1 << 16, 2);
      assertEquals(inMemory, bucketed);
      assertEquals(table.entryCount(), inMemory.size());
      List<String> sorted = new ArrayList<>(inMemory);
      sorted.sort(null);
      List<String> other = new ArrayList<>(shuffled(table, 8, 1L << 30, 1));
      assertNotEquals(inMemory, other);
      other.sort(null);
      assertEquals(sorted, other, "the same entries in another order");
    }
    try (Stream<Path> files = Files.list(temp)) {
      assertEquals(List.of(), files.toList());
    }
  }

  private List<String> shuffled(CooccurrenceTable table, long seed, long memory, int minBuckets)
      throws IOException {
    try (ShuffledCooccurrences s =
        ShuffledCooccurrences.create(table, 10, 0.75, seed, memory, temp, StopSignal.NEVER, 64)) {
      assertTrue(s.buckets() >= minBuckets, "buckets: " + s.buckets());
      int n = (int) s.entryCount();
      int[] rows = new int[n];
      int[] cols = new int[n];
      float[] logs = new float[n];
      float[] weights = new float[n];
      List<String> out = new ArrayList<>();
      try (ShuffledCooccurrences.Reader r = s.reader(0, n)) {
        assertEquals(n, r.read(rows, cols, logs, weights));
        assertEquals(0, r.read(new int[1], new int[1], new float[1], new float[1]));
      }
      for (int i = 0; i < n; i++) {
        assertTrue(weights[i] > 0 && weights[i] <= 1);
        float x = (float) Math.exp(logs[i]);
        assertEquals(x >= 10 ? 1f : (float) Math.pow(x / 10, 0.75), weights[i], 1e-5f);
        out.add(rows[i] + "," + cols[i] + "," + logs[i]);
      }
      int[] half = new int[n];
      try (ShuffledCooccurrences.Reader r = s.reader(n / 2, n)) {
        int got = r.read(half, new int[n], new float[n], new float[n]);
        assertEquals(n - n / 2, got);
        assertArrayEquals(
            java.util.Arrays.copyOfRange(rows, n / 2, n), java.util.Arrays.copyOf(half, got));
      }
      return out;
    }
  }
}
