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
 *
 * <p>Noise words are drawn two calls ahead of their use. A draw is two cache misses in a row (a
 * cell of the 40 MB table, then a random output row) and the step needs the row at once, so drawing
 * on the spot left the core waiting on some twelve misses one after another per prediction. Drawn
 * ahead, a call looks up the cells of the call after next and reads the rows of the next call's
 * words; those loads do not depend on each other and overlap. The draws come from the same random
 * stream in the same order, so the vectors are exactly those of drawing on the spot.
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
  Objective objective(TrainRandom random) {
    return new PerThread(random);
  }

  private final class PerThread implements Objective {
    private final TrainRandom random;
    private final int[] noise = new int[negative];
    // the noise words of this call, of the next call (rows being fetched) and of the one after
    // (table cells being fetched); rotated by drawAhead
    private int[] current = new int[negative];
    private int[] next = new int[negative];
    private int[] afterNext = new int[negative];
    // keeps the fetching loads from being optimized away; never read for anything else
    private int touched;

    PerThread(TrainRandom random) {
      this.random = random;
      for (int k = 0; k < negative; k++) {
        next[k] = table.sample(random);
      }
      for (int k = 0; k < negative; k++) {
        afterNext[k] = table.sample(random);
      }
    }

    /** Rotates the draw-ahead buffers; returns the noise words of this call. */
    private int[] drawAhead() {
      int[] words = next;
      int[] free = current;
      current = words;
      next = afterNext;
      afterNext = free;
      for (int k = 0; k < negative; k++) {
        prefetch(next[k]);
      }
      for (int k = 0; k < negative; k++) {
        afterNext[k] = table.sample(random);
      }
      return words;
    }

    @Override
    public void prefetch(int target) {
      touched += VectorMath.touch(matrix, target * dimension, dimension);
    }

    @Override
    public double update(float[] h, int hOff, int target, float lr, float[] grad) {
      int[] words = drawAhead();
      double loss = step(h, hOff, target, 1, lr, 1, grad);
      for (int k = 0; k < negative; k++) {
        int w = words[k];
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
      int[] words = drawAhead();
      for (int k = 0; k < negative; k++) {
        int w = words[k];
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
      float score = VectorMath.dot(h, hOff, matrix, w * dimension, dimension);
      float g = (label - Sigmoid.sigmoid(score)) * lr * times;
      updateRow(g, h, hOff, w, grad);
      return -times * (double) Sigmoid.logSigmoid(label == 1 ? score : -score);
    }
  }
}
