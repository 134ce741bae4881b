package io.lexica.train.glove;

import io.lexica.vectors.WordVectors;

/**
 * A trained GloVe model: the output vectors (in vocabulary order) and what else training learned.
 *
 * @param vectors word + context vectors, or word vectors alone ({@link GloveOptions#output()})
 * @param wordBiases the word biases b_i, by vocabulary id (not copied)
 * @param contextBiases the context biases b~_j, by vocabulary id (not copied)
 * @param costPerIteration the weighted least-squares cost of each iteration, averaged per entry
 *     (the figure the reference prints)
 * @param entries non-zero co-occurrence entries trained on
 */
public record GloveModel(
    WordVectors vectors,
    float[] wordBiases,
    float[] contextBiases,
    double[] costPerIteration,
    long entries) {}
