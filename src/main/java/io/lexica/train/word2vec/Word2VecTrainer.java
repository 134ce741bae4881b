package io.lexica.train.word2vec;

import io.lexica.corpus.EncodedCorpus;
import io.lexica.corpus.Vocabulary;
import io.lexica.train.EpochRunner;
import io.lexica.vectors.ModelWeights;
import io.lexica.vectors.WordVectors;

/**
 * Trains word2vec (skip-gram or CBOW; negative sampling, hierarchical softmax or softmax) on an
 * {@link EncodedCorpus}, like Mikolov's C tool, from scratch or continuing a model ({@link
 * Continuation}). The result's vectors are the input vectors, one row per vocabulary word in
 * frequency order, with the corpus counts; the output rows come with them when the loss has one per
 * word, so that training can continue later. Thread-safe: each call trains a new model.
 */
public final class Word2VecTrainer {
  private Word2VecTrainer() {}

  /**
   * What a training run produced.
   *
   * @param weights the input vectors in vocabulary order, with counts, and the output rows
   * @param report throughput and loss per epoch
   */
  public record Result(ModelWeights weights, EpochRunner.Report report) {
    /**
     * The word vectors (the input rows).
     *
     * @return the vectors of {@link #weights()}
     */
    public WordVectors vectors() {
      return weights.vectors();
    }
  }

  /**
   * Trains on {@code corpus} with {@code options} from random vectors.
   *
   * @param corpus the encoded corpus
   * @param options the run's settings
   * @return the weights and the run's report
   */
  public static Result train(EncodedCorpus corpus, Word2VecOptions options) {
    return train(corpus, options, null);
  }

  /**
   * Trains on {@code corpus}, continuing {@code from}'s model (null: from scratch). The corpus must
   * be encoded against {@link Continuation#vocabulary}'s vocabulary.
   *
   * @param corpus the encoded corpus
   * @param options the run's settings
   * @param from the continuation, or null
   * @return the weights and the run's report
   */
  public static Result train(EncodedCorpus corpus, Word2VecOptions options, Continuation from) {
    Vocabulary vocabulary = corpus.vocabulary();
    WordInput input = new WordInput(vocabulary.size(), options.dimension(), options.seed());
    OutputLayer output = OutputLayer.create(options, vocabulary);
    float[] rates = from == null ? null : from.seed(vocabulary, input, output);
    EpochRunner.Report report = ContextTrainer.train(corpus, input, output, options, rates);
    ModelWeights weights =
        new ModelWeights(
            new WordVectors(
                vocabulary.words(), input.matrix(), options.dimension(), vocabulary.counts()),
            output.rowsAreWords() ? output.matrix() : null,
            null,
            null);
    return new Result(from == null ? weights : from.finish(weights, corpus), report);
  }
}
