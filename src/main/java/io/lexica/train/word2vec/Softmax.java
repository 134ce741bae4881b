package io.lexica.train.word2vec;

import io.lexica.math.VectorMath;
import io.lexica.train.TrainRandom;

/**
 * Plain softmax over the whole vocabulary: the exact gradient of the cross-entropy, costing one dot
 * product per vocabulary word and prediction. Meant for tiny vocabularies (tutorials, tests).
 */
final class Softmax extends OutputLayer {
  private final int words;

  Softmax(int words, int dimension) {
    super(words, dimension);
    this.words = words;
  }

  @Override
  Objective objective(TrainRandom random) {
    float[] scores = new float[words];
    return (h, hOff, target, lr, grad) -> update(h, hOff, target, lr, grad, scores);
  }

  private double update(float[] h, int hOff, int target, float lr, float[] grad, float[] p) {
    float max = Float.NEGATIVE_INFINITY;
    for (int w = 0; w < words; w++) {
      p[w] = VectorMath.dot(h, hOff, matrix, w * dimension, dimension);
      max = Math.max(max, p[w]);
    }
    double sum = 0;
    for (int w = 0; w < words; w++) {
      sum += Math.exp(p[w] - max);
    }
    double loss = Math.log(sum) + max - p[target];
    for (int w = 0; w < words; w++) {
      float prob = (float) (Math.exp(p[w] - max) / sum);
      float g = ((w == target ? 1 : 0) - prob) * lr;
      updateRow(g, h, hOff, w, grad);
    }
    return loss;
  }
}
