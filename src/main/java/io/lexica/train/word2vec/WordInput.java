package io.lexica.train.word2vec;

import io.lexica.train.TrainRandom;

/**
 * word2vec's input layer: row {@code w} of the matrix is word {@code w}. Rows start uniform in
 * {@code [-0.5, 0.5) / dimension}, as in the C tool. Training threads update the matrix without
 * locks.
 */
final class WordInput implements InputLayer {
  private final float[] matrix;
  private final int dimension;

  /** A randomly initialised {@code words x dimension} matrix. */
  public WordInput(int words, int dimension, long seed) {
    this.dimension = dimension;
    this.matrix = new float[Math.multiplyExact(words, dimension)];
    initUniform(matrix, dimension, new TrainRandom(seed));
  }

  /** Fills {@code m} with uniform values in {@code [-0.5, 0.5) / dimension}. */
  public static void initUniform(float[] m, int dimension, TrainRandom random) {
    for (int i = 0; i < m.length; i++) {
      m[i] = (random.nextFloat() - 0.5f) / dimension;
    }
  }

  @Override
  public float[] matrix() {
    return matrix;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public int maxRowsPerWord() {
    return 1;
  }

  @Override
  public int rows(int word, int[] dest, int at) {
    dest[at] = word;
    return 1;
  }
}
