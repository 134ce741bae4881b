package io.lexica.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.vectors.WordVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NeighbourOverlapTest {
  private static final int DIM = 8;

  /** 20 clusters of 5 words around random centres; {@code extra} adds one word per cluster. */
  private static WordVectors clusters(long noiseSeed, boolean extra) {
    Random centres = new Random(1);
    Random noise = new Random(noiseSeed);
    List<String> words = new ArrayList<>();
    List<float[]> rows = new ArrayList<>();
    for (int c = 0; c < 20; c++) {
      float[] centre = new float[DIM];
      for (int d = 0; d < DIM; d++) {
        centre[d] = (float) centres.nextGaussian();
      }
      for (int j = 0; j < (extra ? 6 : 5); j++) {
        float[] v = new float[DIM];
        for (int d = 0; d < DIM; d++) {
          v[d] = centre[d] + 0.05f * (float) noise.nextGaussian();
        }
        words.add((j == 5 ? "new" : "w") + c + "_" + j);
        rows.add(v);
      }
    }
    float[] data = new float[rows.size() * DIM];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i), 0, data, i * DIM, DIM);
    }
    return new WordVectors(words, data, DIM, null);
  }

  @Test
  void sameNeighboursScoreOneAndNewNeighboursCountOnlyOverWholeVocabularies() {
    WordVectors a = clusters(2, false);
    NeighbourOverlap.Report self = NeighbourOverlap.topWords(a, a, 0, 4);
    assertEquals(100, self.words());
    assertEquals(1.0, self.overlap());
    // other noise, same clusters: each word's 4 neighbours are its cluster in both
    assertEquals(1.0, NeighbourOverlap.topWords(a, clusters(3, false), 0, 4).overlap());
    // a new word in each cluster takes a place in most lists, but among the shared words nothing
    // moved
    NeighbourOverlap.Report grown = NeighbourOverlap.topWords(a, clusters(2, true), 0, 4);
    assertEquals(0, grown.missing());
    assertTrue(grown.overlap() < 0.85, "new neighbours count as change: " + grown.overlap());
    assertEquals(1.0, grown.sharedOverlap());
    // k beyond the cluster size: the 5th to 10th neighbours are other clusters' words, in no stable
    // order across noise, so the overlap falls
    double wide = NeighbourOverlap.topWords(a, clusters(3, false), 0, 10).overlap();
    assertTrue(wide < 1.0 && wide > 0.4, "k = 10: " + wide);
  }

  @Test
  void wordsAModelLacksAreCountedAsMissing() {
    WordVectors a = clusters(2, true);
    NeighbourOverlap.Report r =
        NeighbourOverlap.compare(a, clusters(2, false), List.of("w0_0", "new0_5", "nope"), 3);
    assertEquals(1, r.words());
    assertEquals(2, r.missing());
  }
}
