package io.lexica.eval.retrieval;

import io.lexica.vectors.WordVectors;
import java.util.List;

/**
 * Trains a model on a collection's own text, already analysed into index terms, so that its words
 * are the index's terms: the "local" embeddings of Diaz et al. 2016.
 */
@FunctionalInterface
public interface LocalModelTrainer {
  /**
   * Trains a model on a query's feedback documents.
   *
   * @param documents each document's tokens, in order
   * @param seed for reproducible training
   * @return the vectors, rows in frequency order
   */
  WordVectors train(List<List<String>> documents, long seed);
}
