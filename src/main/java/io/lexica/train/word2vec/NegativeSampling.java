package io.lexica.train.word2vec;

import io.lexica.math.VectorMath;
import io.lexica.train.NegativeTable;
import io.lexica.train.Sigmoid;
import io.lexica.train.TrainRandom;

/**
 * Negative sampling (Mikolov et al. 2013): the target's output vector is pulled towards the hidden
 * vector and {@code negative} noise words drawn from the unigram^power table are pushed away. As in
 * the C tool a noise word equal to the target is skipped, not redrawn. With shared negatives,
 * {@link Objective#updateAll} draws one set of noise words for a whole window (Ji et al. 2016):
 * their scores against the fixed hidden vector are computed once instead of once per context word.
 */
final class NegativeSampling extends OutputLayer {
  private final NegativeTable table;
  private final int negative;
  private final boolean shared;

  NegativeSampling(int words, int dimension, NegativeTable table, int negative, boolean shared) {
    super(words, dimension);
    this.table = table;
    this.negative = negative;
    this.shared = shared;
  }

  @Override
  public Objective objective(TrainRandom random) {
    return new PerThread(random);
  }

  private final class PerThread implements Objective {
    private final TrainRandom random;
    private final int[] noise = new int[negative];

    PerThread(TrainRandom random) {
      this.random = random;
    }

    @Override
    public double update(float[] h, int hOff, int target, float lr, float[] grad) {
      double loss = step(h, hOff, target, 1, lr, 1, grad);
      for (int k = 0; k < negative; k++) {
        int w = table.sample(random);
        if (w != target) {
          loss += step(h, hOff, w, 0, lr, 1, grad);
        }
      }
      return loss;
    }

    @Override
    public double updateAll(float[] h, int hOff, int[] targets, int count, float lr, float[] grad) {
      if (!shared) {
        return Objective.super.updateAll(h, hOff, targets, count, lr, grad);
      }
      double loss = 0;
      int drawn = 0;
      for (int k = 0; k < negative; k++) {
        int w = table.sample(random);
        if (!contains(targets, count, w)) {
          noise[drawn++] = w;
        }
      }
      for (int i = 0; i < count; i++) {
        loss += step(h, hOff, targets[i], 1, lr, 1, grad);
      }
      // each noise word stands for `count` pairs scored against the same (fixed) hidden vector
      for (int k = 0; k < drawn; k++) {
        loss += step(h, hOff, noise[k], 0, lr, count, grad);
      }
      return loss;
    }

    private static boolean contains(int[] a, int n, int w) {
      for (int i = 0; i < n; i++) {
        if (a[i] == w) {
          return true;
        }
      }
      return false;
    }

    /** One logistic step on output row {@code w} with label 1 or 0, weighted by {@code times}. */
    private double step(float[] h, int hOff, int w, int label, float lr, int times, float[] grad) {
      int o = w * dimension;
      float score = VectorMath.dot(h, hOff, matrix, o, dimension);
      float g = (label - Sigmoid.sigmoid(score)) * lr * times;
      VectorMath.axpyPair(g, h, hOff, matrix, o, grad, 0, dimension);
      return -times * (double) Sigmoid.logSigmoid(label == 1 ? score : -score);
    }
  }
}
