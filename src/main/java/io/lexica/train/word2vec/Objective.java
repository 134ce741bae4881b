package io.lexica.train.word2vec;

/**
 * The output side of one training thread: scores a target word from a hidden vector, updates the
 * output vectors it used and accumulates the gradient for the hidden vector. Architectures
 * (skip-gram, CBOW) build the hidden vector and spread that gradient back to input rows, so the
 * same objective serves word2vec and fastText. Owned by one thread; the output matrix behind it is
 * shared (Hogwild).
 */
interface Objective {
  /**
   * One stochastic gradient step for predicting {@code target} from the hidden vector {@code h[hOff
   * .. hOff+dim)}.
   *
   * @param grad receives (adds) the step for the hidden vector: {@code -lr * dLoss/dh}
   * @return the loss of this prediction before the step (negative log-likelihood)
   */
  double update(float[] h, int hOff, int target, float lr, float[] grad);

  /**
   * Hints that {@code target} will be predicted soon, so its output row can start loading (see
   * {@link io.lexica.math.VectorMath#touch}); changes nothing else. The default does nothing.
   */
  default void prefetch(int target) {}

  /**
   * Predicts all {@code count} targets from one hidden vector that stays fixed during the call
   * (skip-gram's window of a centre word), adding the summed step to {@code grad}. The default does
   * one {@link #update} per target; negative sampling can share its noise words across them.
   *
   * @return the summed loss of the {@code count} predictions
   */
  default double updateAll(float[] h, int hOff, int[] targets, int count, float lr, float[] grad) {
    double loss = 0;
    for (int i = 0; i < count; i++) {
      loss += update(h, hOff, targets[i], lr, grad);
    }
    return loss;
  }
}
