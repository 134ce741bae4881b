package io.lexica.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Over its memory limit the builder spills to a file; the corpus reads back identically. */
class SpillingCorpusTest {
  @TempDir Path tmp;

  @Test
  void spilledCorpusEqualsInMemoryCorpus() throws Exception {
    int words = 50;
    List<String> names = new ArrayList<>();
    long[] counts = new long[words];
    for (int i = 0; i < words; i++) {
      names.add("w" + i);
      counts[i] = words - i;
    }
    Vocabulary vocab = Vocabulary.of(names, counts);
    CorpusBuilder memory = new CorpusBuilder(vocab, 100);
    CorpusBuilder spilling = new CorpusBuilder(vocab, 100).memoryLimit(4096, tmp);
    Random random = new Random(42);
    for (int d = 0; d < 300; d++) {
      int[] doc = new int[random.nextInt(350)];
      for (int i = 0; i < doc.length; i++) {
        int r = random.nextInt(20);
        doc[i] =
            r == 0 ? EncodedCorpus.GAP : r == 1 ? CorpusBuilder.DROPPED : random.nextInt(words);
      }
      memory.addDocument(doc, doc.length);
      spilling.addDocument(doc, doc.length);
    }
    assertTrue(spilling.spilled());
    assertFalse(memory.spilled());
    EncodedCorpus a = memory.build();
    EncodedCorpus b = spilling.build();
    try (Stream<Path> files = Files.list(tmp)) {
      assertEquals(
          List.of(".lexica-corpus-X.lock", "lexica-corpus-X"),
          files
              .map(f -> f.getFileName().toString().replaceAll("[0-9a-f]+(\\.lock)?$", "X$1"))
              .sorted()
              .toList(),
          "one spill folder and the lock that tells a live run's from a killed one's");
    }
    assertEquals(a.sequenceCount(), b.sequenceCount());
    assertEquals(a.tokenCount(), b.tokenCount());
    assertEquals(a.offset(a.sequenceCount()), b.offset(b.sequenceCount()));
    // Read concurrently: positional reads share the file.
    ExecutorService pool = Executors.newFixedThreadPool(3);
    List<Future<Boolean>> checks = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      checks.add(
          pool.submit(
              () -> {
                int[] x = new int[100];
                int[] y = new int[100];
                for (int s = 0; s < a.sequenceCount(); s++) {
                  int n = a.read(s, x);
                  assertEquals(n, b.read(s, y));
                  assertArrayEquals(Arrays.copyOf(x, n), Arrays.copyOf(y, n));
                  assertEquals(a.offset(s), b.offset(s));
                }
                return true;
              }));
    }
    for (Future<Boolean> f : checks) {
      assertTrue(f.get());
    }
    pool.shutdown();
    b.close();
    try (Stream<Path> files = Files.list(tmp)) {
      assertEquals(0, files.count(), "close deletes the spill file");
    }
  }
}
