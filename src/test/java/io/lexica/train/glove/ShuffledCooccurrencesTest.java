package io.lexica.train.glove;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.corpus.EncodedCorpus;
import io.lexica.util.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShuffledCooccurrencesTest {
  @TempDir Path temp;

  @Test
  void permutationIsABijectionForAnySize() {
    for (long n : new long[] {1, 2, 3, 7, 64, 1000, 4097}) {
      FeistelPermutation p = new FeistelPermutation(n, 42);
      BitSet seen = new BitSet();
      int fixed = 0;
      for (long k = 0; k < n; k++) {
        long pos = p.apply(k);
        assertTrue(pos >= 0 && pos < n);
        assertTrue(!seen.get((int) pos), "position used twice");
        seen.set((int) pos);
        fixed += pos == k ? 1 : 0;
      }
      assertEquals(n, seen.cardinality());
      if (n >= 1000) {
        assertTrue(fixed < 10, "a shuffle, not the identity: " + fixed + " fixed points");
      }
    }
    assertNotEquals(
        new FeistelPermutation(1000, 1).apply(5), new FeistelPermutation(1000, 2).apply(5));
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
        ShuffledCooccurrences.create(table, 10, 0.75, seed, memory, temp)) {
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
