package io.lexica.train.word2vec;

import io.lexica.corpus.Vocabulary;
import io.lexica.math.VectorMath;
import io.lexica.train.NegativeTable;
import io.lexica.train.TrainRandom;

/**
 * The output vectors of a context model and the loss over them. Holds what the training threads
 * share (the output matrix, the noise table or the Huffman tree); each thread gets its own {@link
 * Objective} from {@link #objective}. The matrix is updated by all threads without locks.
 */
public abstract class OutputLayer {
  final float[] matrix;
  final int dimension;
  private float[] rowRates;

  OutputLayer(int rows, int dimension) {
    this.matrix = new float[Math.multiplyExact(rows, dimension)];
    this.dimension = dimension;
  }

  /**
   * The output layer for the options' loss over a vocabulary; output vectors start at zero.
   *
   * @param options the loss (and for negative sampling, the noise settings)
   * @param vocabulary the counts that build the noise table or the Huffman tree
   * @return the layer
   */
  public static OutputLayer create(Word2VecOptions options, Vocabulary vocabulary) {
    int dim = options.dimension();
    return switch (options.loss()) {
      case NS ->
          new NegativeSampling(
              vocabulary.size(),
              dim,
              negativeTable(vocabulary, options),
              options.negative(),
              options.sharedNegatives());
      case HS -> new HierarchicalSoftmax(HuffmanTree.of(counts(vocabulary)), dim);
      case SOFTMAX -> new Softmax(vocabulary.size(), dim);
    };
  }

  private static NegativeTable negativeTable(Vocabulary vocabulary, Word2VecOptions options) {
    return NegativeTable.of(
        counts(vocabulary), options.negativePower(), options.negativeTableSize());
  }

  static long[] counts(Vocabulary vocabulary) {
    long[] counts = new long[vocabulary.size()];
    for (int w = 0; w < counts.length; w++) {
      counts[w] = vocabulary.count(w);
    }
    return counts;
  }

  /**
   * True when row {@code w} of the matrix is word {@code w}'s output vector (negative sampling,
   * softmax), so the rows can be kept with the words and training continued from them; hierarchical
   * softmax's rows belong to the inner nodes of a Huffman tree that any change in the counts
   * reshapes.
   *
   * @return whether the rows can be kept with the model
   */
  public boolean rowsAreWords() {
    return true;
  }

  /**
   * Sets a factor on the learning rate of each output row (null: 1 everywhere). Continued training
   * slows or freezes the rows its model already had, output rows as well as input rows ({@link
   * Continuation}); only layers whose {@link #rowsAreWords rows are words} take rates. Call before
   * training.
   */
  void rowRates(float[] rates) {
    if (rates != null && (!rowsAreWords() || (long) rates.length * dimension != matrix.length)) {
      throw new IllegalArgumentException("one rate per output row of words is needed");
    }
    this.rowRates = rates;
  }

  /**
   * One logistic step on output row {@code row} with gradient factor {@code g}: {@code grad += g *
   * row} with the row as it was, then {@code row += g * rate * h}. Without rates it is one fused
   * pass ({@link VectorMath#axpyPair}).
   */
  final void updateRow(float g, float[] h, int hOff, int row, float[] grad) {
    int o = row * dimension;
    if (rowRates == null) {
      VectorMath.axpyPair(g, h, hOff, matrix, o, grad, 0, dimension);
      return;
    }
    VectorMath.axpy(g, matrix, o, grad, 0, dimension);
    float rate = rowRates[row];
    if (rate != 0f) {
      VectorMath.axpy(g * rate, h, hOff, matrix, o, dimension);
    }
  }

  /**
   * The output matrix, row-major.
   *
   * @return the matrix itself (not a copy), shared by the threads
   */
  public float[] matrix() {
    return matrix;
  }

  /** A new objective for one training thread. */
  abstract Objective objective(TrainRandom random);
}
