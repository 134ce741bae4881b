package io.lexica.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SharedPiecesTest {
  @Test
  void learningRateDecaysLinearlyToItsFloor() {
    LearningRate lr = LearningRate.linear(0.025);
    assertEquals(0.025f, lr.at(0), 0f);
    assertEquals(0.0125f, lr.at(0.5), 1e-7f);
    assertEquals(0.025f * 1e-4f, lr.at(1), 1e-9f);
    assertEquals(0.025f * 1e-4f, lr.at(2), 1e-9f);
    assertThrows(IllegalArgumentException.class, () -> LearningRate.linear(0));
  }

  @Test
  void negativeTableDrawsInProportionToCountToThePower() {
    long[] counts = {10000, 1000, 100, 1};
    NegativeTable table = NegativeTable.of(counts, 0.75, 100_000);
    TrainRandom r = new TrainRandom(1);
    int[] hits = new int[counts.length];
    int draws = 2_000_000;
    for (int i = 0; i < draws; i++) {
      hits[table.sample(r)]++;
    }
    double z = 0;
    for (long c : counts) {
      z += Math.pow(c, 0.75);
    }
    for (int w = 0; w < 3; w++) {
      double want = Math.pow(counts[w], 0.75) / z;
      assertEquals(want, hits[w] / (double) draws, 0.05 * want + 1e-4, "word " + w);
    }
    assertTrue(hits[3] > 0, "a rare word keeps at least one cell");
  }

  @Test
  void subsamplerFollowsTheCToolFormula() {
    long total = 1_000_000;
    long[] counts = {100_000, 1000, 10};
    Subsampler s = Subsampler.of(counts, total, 1e-4);
    assertFalse(s.keepsAll());
    // f = 0.1, t = 1e-4: (sqrt(1000) + 1) * 1e-3 = 0.03262
    assertEquals(0.032623, Subsampler.keepProbability(100_000, total, 1e-4), 1e-5);
    TrainRandom r = new TrainRandom(5);
    int kept = 0;
    int rareKept = 0;
    for (int i = 0; i < 200_000; i++) {
      kept += s.keep(0, r) ? 1 : 0;
      rareKept += s.keep(2, r) ? 1 : 0;
    }
    assertEquals(0.032623, kept / 200_000.0, 0.002);
    assertEquals(200_000, rareKept, "rare words are always kept");
    assertTrue(Subsampler.of(counts, total, 0).keepsAll());
  }

  @Test
  void sigmoidTableIsCloseToTheFunction() {
    for (float x = -12; x <= 12; x += 0.01f) {
      double s = 1 / (1 + Math.exp(-x));
      assertEquals(s, Sigmoid.sigmoid(x), 4e-3, "sigmoid " + x);
      assertEquals(Math.log(s), Sigmoid.logSigmoid(x), 5e-4, "log sigmoid " + x);
    }
  }

  @Test
  void randomIsSeededAndUniform() {
    TrainRandom a = new TrainRandom(42);
    TrainRandom b = new TrainRandom(42);
    int[] buckets = new int[10];
    for (int i = 0; i < 100_000; i++) {
      int x = a.nextInt(10);
      assertEquals(x, b.nextInt(10));
      buckets[x]++;
      float f = a.nextFloat();
      b.nextFloat();
      assertTrue(f >= 0 && f < 1);
    }
    for (int n : buckets) {
      assertEquals(10_000, n, 500);
    }
    assertTrue(
        TrainRandom.forThread(1, 0).nextBits() != TrainRandom.forThread(1, 1).nextBits(),
        "threads get different streams");
  }
}
