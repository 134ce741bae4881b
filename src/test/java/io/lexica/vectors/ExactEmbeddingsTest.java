package io.lexica.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ExactEmbeddingsTest {
  private static WordVectors random(int n, int dim, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<String> words = new ArrayList<>();
    float[] data = new float[n * dim];
    for (int i = 0; i < n; i++) {
      words.add("w" + i);
    }
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) rnd.nextGaussian();
    }
    long[] counts = new long[n];
    for (int i = 0; i < n; i++) {
      counts[i] = n - i;
    }
    return new WordVectors(words, data, dim, counts);
  }

  /** The k nearest by a plain double-precision scan and full sort: the definition. */
  private static List<String> bruteForce(
      WordVectors v, WordVectors unit, float[] q, int k, Set<String> exclude) {
    List<Integer> rows = new ArrayList<>();
    double[] sims = new double[v.size()];
    for (int r = 0; r < v.size(); r++) {
      double s = 0;
      for (int i = 0; i < v.dimension(); i++) {
        s += (double) q[i] * unit.data()[r * v.dimension() + i];
      }
      sims[r] = s;
      if (!exclude.contains(v.word(r))) {
        rows.add(r);
      }
    }
    rows.sort(Comparator.comparingDouble((Integer r) -> -sims[r]).thenComparingInt(r -> r));
    return rows.subList(0, k).stream().map(v::word).toList();
  }

  @Test
  void findsExactlyTheBruteForceNeighboursInOrder() {
    WordVectors v = random(2000, 24, 1);
    ExactEmbeddings e = new ExactEmbeddings(v);
    WordVectors unit = v.normalized();
    for (int i = 0; i < 50; i++) {
      String w = v.word(i * 37);
      List<Neighbor> got = e.nearest(w, 10, -1f);
      assertEquals(
          bruteForce(v, unit, e.unitVector(w), 10, Set.of(w)),
          got.stream().map(Neighbor::word).toList());
      for (int j = 1; j < got.size(); j++) {
        assertTrue(got.get(j - 1).similarity() >= got.get(j).similarity());
      }
    }
  }

  @Test
  void honoursExclusionsMinimumSimilarityAndBreaksTiesByRow() {
    // Rows 1 and 2 are identical, so they tie; row 1 (more frequent) must come first.
    float[] data = {1, 0, 0.6f, 0.8f, 0.6f, 0.8f, -1, 0, 0, 1};
    WordVectors v = new WordVectors(List.of("a", "b", "c", "d", "e"), data, 2, null);
    ExactEmbeddings e = new ExactEmbeddings(v);
    List<Neighbor> n = e.nearest(new float[] {1, 0}, 5, -2f, Set.of());
    assertEquals(List.of("a", "b", "c", "e", "d"), n.stream().map(Neighbor::word).toList());
    assertEquals(0.6f, n.get(1).similarity(), 1e-6);
    n = e.nearest(new float[] {1, 0}, 5, 0.5f, Set.of("a", "zzz"));
    assertEquals(List.of("b", "c"), n.stream().map(Neighbor::word).toList());
    assertArrayEquals(new float[] {0.6f, 0.8f}, e.unitVector("b"), 1e-6f);
    assertNull(e.unitVector("zzz"));
    assertEquals(0.6f, e.similarity("a", "c"), 1e-6f);
    assertTrue(Float.isNaN(e.similarity("a", "zzz")));
  }

  @Test
  void concurrentQueriesGiveTheSameAnswers() throws Exception {
    WordVectors v = random(3000, 16, 2);
    ExactEmbeddings e = new ExactEmbeddings(v);
    List<List<Neighbor>> expected = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      expected.add(e.nearest(v.word(i), 5, -1f));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Neighbor>>> futures = new ArrayList<>();
      for (int rep = 0; rep < 4; rep++) {
        for (int i = 0; i < 40; i++) {
          String w = v.word(i);
          futures.add(pool.submit(() -> e.nearest(w, 5, -1f)));
        }
      }
      for (int i = 0; i < futures.size(); i++) {
        assertEquals(expected.get(i % 40), futures.get(i).get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(3000, e.count("w0"));
    assertEquals(0, e.count("nope"));
  }
}
