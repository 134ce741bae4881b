package io.lexica.train.fasttext;

import io.lexica.corpus.EncodedCorpus;
import io.lexica.corpus.Vocabulary;
import io.lexica.train.EpochRunner;
import io.lexica.train.word2vec.ContextTrainer;
import io.lexica.train.word2vec.Continuation;
import io.lexica.train.word2vec.OutputLayer;
import io.lexica.train.word2vec.Word2VecOptions;
import io.lexica.vectors.FastTextModel;
import io.lexica.vectors.ModelWeights;
import io.lexica.vectors.Subwords;
import java.util.List;

/**
 * Trains fastText-style subword vectors (Bojanowski et al. 2017) on an {@link EncodedCorpus}: the
 * word2vec training loop ({@link ContextTrainer}: skip-gram or CBOW, negative sampling or the other
 * losses, subsampling, dynamic window, linear decay, Hogwild threads) over a {@link SubwordInput},
 * where a word's hidden vector is the mean of its own row and its character n-grams' rows. The
 * result is a {@link FastTextModel}: word vectors as fastText computes them, the n-gram rows for
 * unseen words, and everything a fastText {@code .bin} needs. Thread-safe: each call trains a new
 * model.
 */
public final class FastTextTrainer {
  /** fastText's default learning rate for unsupervised models (skip-gram and CBOW). */
  public static final double DEFAULT_LEARNING_RATE = 0.05;

  /** fastText's noise distribution exponent: counts^0.5 (word2vec uses 0.75). */
  public static final double DEFAULT_NEGATIVE_POWER = 0.5;

  private FastTextTrainer() {}

  /**
   * What a run produced.
   *
   * @param model the trained model in the training vocabulary's order (what a fastText {@code .bin}
   *     holds)
   * @param weights all of its weights in the model's final order (for a continued model, the order
   *     of the summed counts; see {@link Continuation#finish})
   * @param usedBuckets n-gram buckets used by the vocabulary (rows kept in memory)
   * @param report throughput and loss per epoch
   */
  public record Result(
      FastTextModel model, ModelWeights weights, int usedBuckets, EpochRunner.Report report) {}

  /**
   * Trains on {@code corpus}. A learning rate of 0 in the options means fastText's default (0.05)
   * rather than word2vec's.
   *
   * @param corpus the corpus, encoded against the vocabulary the subwords were built for
   * @param options the word2vec settings fastText shares (architecture, loss, window, epochs...)
   * @param subwords the n-gram scheme (lengths, buckets) over that vocabulary
   * @return the vectors, the weights and the run's report
   */
  public static Result train(EncodedCorpus corpus, Word2VecOptions options, Subwords subwords) {
    return train(corpus, options, subwords, null);
  }

  /**
   * Trains on {@code corpus}, continuing {@code from}'s model (null: from scratch); the corpus must
   * be encoded against {@link Continuation#vocabulary}'s vocabulary, and the model's n-gram rows
   * are reused only when {@code subwords} is its scheme.
   *
   * @param corpus the corpus, encoded against {@link Continuation#vocabulary}'s vocabulary
   * @param options the word2vec settings fastText shares
   * @param subwords the n-gram scheme over that vocabulary
   * @param from the continuation, or null
   * @return the vectors, the weights and the run's report
   */
  public static Result train(
      EncodedCorpus corpus, Word2VecOptions options, Subwords subwords, Continuation from) {
    if (options.learningRate() == 0) {
      options = options.toBuilder().learningRate(DEFAULT_LEARNING_RATE).build();
    }
    Vocabulary vocabulary = corpus.vocabulary();
    SubwordInput input =
        new SubwordInput(vocabulary, subwords, options.dimension(), options.seed());
    OutputLayer output = OutputLayer.create(options, vocabulary);
    float[] rates = from == null ? null : from.seed(vocabulary, input, output);
    EpochRunner.Report report = ContextTrainer.train(corpus, input, output, options, rates);
    List<String> words = vocabulary.words();
    FastTextModel.Settings settings =
        new FastTextModel.Settings(
            options.dimension(),
            options.window(),
            options.epochs(),
            (int) Math.min(Integer.MAX_VALUE, minCount(vocabulary)),
            options.negative(),
            switch (options.loss()) {
              case NS -> FastTextModel.Loss.NS;
              case HS -> FastTextModel.Loss.HS;
              case SOFTMAX -> FastTextModel.Loss.SOFTMAX;
            },
            options.architecture() == Word2VecOptions.Architecture.CBOW
                ? FastTextModel.Architecture.CBOW
                : FastTextModel.Architecture.SKIPGRAM,
            subwords.minn(),
            subwords.maxn(),
            subwords.buckets(),
            100, // fastText's lrUpdateRate default; recorded only
            options.sample());
    float[] out = output.matrix();
    FastTextModel model =
        new FastTextModel(
            settings,
            words,
            vocabulary.counts(),
            vocabulary.totalCount(),
            input.matrix(),
            input.ngrams(),
            output.rowsAreWords() ? out : null);
    ModelWeights weights = ModelWeights.of(model);
    return new Result(
        model, from == null ? weights : from.finish(weights, corpus), input.usedBuckets(), report);
  }

  /** The smallest count in the vocabulary: the effective min-count, recorded in the model. */
  private static long minCount(Vocabulary vocabulary) {
    return vocabulary.size() == 0 ? 1 : vocabulary.count(vocabulary.size() - 1);
  }
}
