package io.lexica.train.word2vec;

import io.lexica.corpus.EncodedCorpus;
import io.lexica.corpus.Vocabulary;
import io.lexica.train.EpochRunner;
import io.lexica.vectors.WordVectors;

/**
 * Trains word2vec (skip-gram or CBOW; negative sampling, hierarchical softmax or softmax) on an
 * {@link EncodedCorpus}, like Mikolov's C tool. The result's vectors are the input vectors, one row
 * per vocabulary word in vocabulary (frequency) order, with the corpus counts. Thread-safe: each
 * call trains a new model.
 */
public final class Word2VecTrainer {
  private Word2VecTrainer() {}

  /**
   * What a training run produced.
   *
   * @param vectors the input vectors in vocabulary order, with counts
   * @param report throughput and loss per epoch
   */
  public record Result(WordVectors vectors, EpochRunner.Report report) {}

  /** Trains on {@code corpus} with {@code options}. */
  public static Result train(EncodedCorpus corpus, Word2VecOptions options) {
    Vocabulary vocabulary = corpus.vocabulary();
    WordInput input = new WordInput(vocabulary.size(), options.dimension(), options.seed());
    OutputLayer output = OutputLayer.create(options, vocabulary);
    EpochRunner.Report report = ContextTrainer.train(corpus, input, output, options);
    return new Result(
        new WordVectors(
            vocabulary.words(), input.matrix(), options.dimension(), vocabulary.counts()),
        report);
  }
}
