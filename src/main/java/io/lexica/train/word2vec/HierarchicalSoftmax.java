package io.lexica.train.word2vec;

import io.lexica.math.VectorMath;
import io.lexica.train.Sigmoid;
import io.lexica.train.TrainRandom;

/**
 * Hierarchical softmax (Morin and Bengio 2005, as in word2vec): the probability of a word is the
 * product of binary decisions along its Huffman path, each a logistic regression on an inner node's
 * output vector. Costs {@code log2(V)} dot products per prediction, fewer for frequent words.
 */
final class HierarchicalSoftmax extends OutputLayer {
  private final HuffmanTree tree;

  HierarchicalSoftmax(HuffmanTree tree, int dimension) {
    super(Math.max(1, tree.start.length - 2), dimension);
    this.tree = tree;
  }

  @Override
  Objective objective(TrainRandom random) {
    return this::update;
  }

  @Override
  public boolean rowsAreWords() {
    return false;
  }

  private double update(float[] h, int hOff, int target, float lr, float[] grad) {
    double loss = 0;
    for (int i = tree.start[target]; i < tree.start[target + 1]; i++) {
      int node = tree.node[i];
      float score = VectorMath.dot(h, hOff, matrix, node * dimension, dimension);
      int label = 1 - tree.code[i]; // the C tool's convention: branch 0 is the positive class
      float g = (label - Sigmoid.sigmoid(score)) * lr;
      updateRow(g, h, hOff, node, grad);
      loss -= Sigmoid.logSigmoid(label == 1 ? score : -score);
    }
    return loss;
  }
}
