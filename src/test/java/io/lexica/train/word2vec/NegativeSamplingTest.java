package io.lexica.train.word2vec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lexica.math.VectorMath;
import io.lexica.train.NegativeTable;
import io.lexica.train.Sigmoid;
import io.lexica.train.TrainRandom;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NegativeSamplingTest {
  private static final int WORDS = 50;
  private static final int DIM = 12;
  private static final int NEGATIVE = 4;

  /**
   * Drawing noise words ahead (to overlap their cache misses) must not change what is trained: the
   * steps equal those of a plain implementation that draws each noise word when it needs it.
   */
  @Test
  void drawingAheadTrainsExactlyAsDrawingOnTheSpot() {
    long[] counts = new long[WORDS];
    for (int w = 0; w < WORDS; w++) {
      counts[w] = 1000 / (w + 1);
    }
    NegativeTable table = NegativeTable.of(counts, 0.75, 4096);
    NegativeSampling layer = new NegativeSampling(WORDS, DIM, table, NEGATIVE, false);
    Random init = new Random(3);
    float[] reference = layer.matrix();
    for (int i = 0; i < reference.length; i++) {
      reference[i] = init.nextFloat() - 0.5f;
    }
    reference = reference.clone();
    float[] h = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      h[i] = init.nextFloat() - 0.5f;
    }

    Objective objective = layer.objective(new TrainRandom(11));
    TrainRandom spot = new TrainRandom(11);
    for (int call = 0; call < 200; call++) {
      int target = call % WORDS;
      float lr = 0.05f;
      float[] grad = new float[DIM];
      float[] expectedGrad = new float[DIM];
      double loss = objective.update(h, 0, target, lr, grad);
      double expectedLoss = step(reference, h, target, 1, lr, expectedGrad);
      for (int k = 0; k < NEGATIVE; k++) {
        int w = table.sample(spot);
        if (w != target) {
          expectedLoss += step(reference, h, w, 0, lr, expectedGrad);
        }
      }
      assertArrayEquals(expectedGrad, grad, "hidden step of call " + call);
      assertEquals(expectedLoss, loss, 0, "loss of call " + call);
    }
    assertArrayEquals(reference, layer.matrix());
  }

  private static double step(float[] out, float[] h, int w, int label, float lr, float[] grad) {
    float score = VectorMath.dot(h, 0, out, w * DIM, DIM);
    float g = (label - Sigmoid.sigmoid(score)) * lr;
    VectorMath.axpyPair(g, h, 0, out, w * DIM, grad, 0, DIM);
    return -(double) Sigmoid.logSigmoid(label == 1 ? score : -score);
  }
}
