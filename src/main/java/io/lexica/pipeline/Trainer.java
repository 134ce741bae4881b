package io.lexica.pipeline;

import io.lexica.corpus.CorpusBuilder;
import io.lexica.corpus.EncodedCorpus;
import io.lexica.train.EpochRunner;
import io.lexica.train.fasttext.FastTextTrainer;
import io.lexica.train.glove.CooccurrenceOptions;
import io.lexica.train.glove.GloveModel;
import io.lexica.train.glove.GloveOptions;
import io.lexica.train.glove.GloveSetting;
import io.lexica.train.glove.GloveTrainer;
import io.lexica.train.word2vec.Continuation;
import io.lexica.train.word2vec.Word2VecOptions;
import io.lexica.train.word2vec.Word2VecTrainer;
import io.lexica.vectors.FastTextModel;
import io.lexica.vectors.ModelWeights;
import io.lexica.vectors.Subwords;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A trainer and its settings: word2vec, fastText (word2vec over character n-grams) or GloVe. This
 * is the one place a run's settings choose the code that trains ({@link Word2VecTrainer}, {@link
 * FastTextTrainer}, {@link GloveTrainer}); {@link Training} and {@link ModelUpdate} train through
 * it, and the command line, the facade and the OpenSearch plugin make one from their settings.
 * Immutable; thread-safe (each {@link #train} is a new run).
 */
public sealed interface Trainer {
  /** The training algorithms, by the name a model records ({@link #id}). */
  enum Algorithm {
    /** word2vec: skip-gram or CBOW over words. */
    WORD2VEC,
    /** GloVe: a weighted least-squares fit of the co-occurrence counts. */
    GLOVE,
    /** fastText: word2vec over words and their character n-grams. */
    FASTTEXT;

    /**
     * The name recorded in a model's metadata and accepted by {@code lexica train --algorithm}.
     *
     * @return the lower-case name
     */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The algorithm a model records.
     *
     * @param id the recorded name ({@link #id})
     * @return the algorithm, or null when no trainer of Lexica's has that name (an imported or
     *     derived model)
     */
    public static Algorithm byId(String id) {
      for (Algorithm a : values()) {
        if (a.id().equals(id)) {
          return a;
        }
      }
      return null;
    }

    /**
     * Sets the word2vec settings whose defaults depend on the algorithm and that the user did not
     * give, so that a model records the values used: the learning rate (fastText's 0.05, word2vec's
     * the C tool's for the architecture set, see {@link Word2VecOptions#defaultLearningRate}) and,
     * for fastText, its noise exponent (0.5). {@code lexica train} and the plugin's training both
     * resolve them here.
     *
     * @param b the settings given so far (the architecture included)
     * @param given the settings the user gave, which keep their values
     * @return {@code b}
     */
    public Word2VecOptions.Builder withDefaults(
        Word2VecOptions.Builder b, Set<Word2VecOptions.Setting> given) {
      if (!given.contains(Word2VecOptions.Setting.LEARNING_RATE)) {
        b.learningRate(
            this == FASTTEXT
                ? FastTextTrainer.DEFAULT_LEARNING_RATE
                : Word2VecOptions.defaultLearningRate(b.architecture()));
      }
      if (this == FASTTEXT && !given.contains(Word2VecOptions.Setting.NEGATIVE_POWER)) {
        b.negativePower(FastTextTrainer.DEFAULT_NEGATIVE_POWER);
      }
      return b;
    }
  }

  /**
   * The algorithm, as a model records it.
   *
   * @return the algorithm
   */
  Algorithm algorithm();

  /**
   * The settings a model records as its hyperparameters.
   *
   * @return the trainer's options record
   */
  Record hyperparameters();

  /**
   * The longest sequence the corpus is cut into: word2vec and fastText see documents in sequences
   * of at most {@value CorpusBuilder#DEFAULT_MAX_SEQUENCE_LENGTH} tokens, as the C tools do;
   * GloVe's windows end only where documents end, as the reference's lines do ({@link
   * Glove#MAX_DOCUMENT_LENGTH}).
   *
   * @return the longest sequence, in tokens
   */
  default int maxSequenceLength() {
    return CorpusBuilder.DEFAULT_MAX_SEQUENCE_LENGTH;
  }

  /**
   * Trains on {@code corpus}, continuing {@code from}'s model unless it is null.
   *
   * @param corpus the corpus, encoded against the training vocabulary ({@link
   *     Continuation#vocabulary}'s when continuing)
   * @param from the continuation, or null to train from scratch
   * @param log told a line at a time what the trainer has to say beyond its report
   * @return what the run made
   * @throws IllegalArgumentException when the trainer cannot continue a model
   */
  Trained train(EncodedCorpus corpus, Continuation from, Consumer<String> log);

  /**
   * The trainer that continues a model made by {@code algorithm} (word2vec or fastText, as its
   * record says): fastText keeps the model's n-gram scheme.
   *
   * @param algorithm the model's recorded algorithm
   * @param options the run's word2vec settings
   * @param model the model's weights
   * @return the trainer
   * @throws IllegalArgumentException for an algorithm that cannot continue a model
   */
  static Trainer continuing(Algorithm algorithm, Word2VecOptions options, ModelWeights model) {
    return switch (algorithm) {
      case WORD2VEC -> new Word2Vec(options);
      case FASTTEXT ->
          new FastText(
              options,
              model.ngrams() != null
                  ? model.ngrams().subwords()
                  : new Subwords(0, 0, Subwords.DEFAULT_BUCKETS));
      case GLOVE -> throw new IllegalArgumentException("a GloVe model cannot be continued");
    };
  }

  /**
   * What a run made.
   *
   * @param weights every weight, rows in the model's final order
   * @param report throughput and loss per epoch, or null (GloVe reports as it goes)
   * @param fastText the fastText model, for its {@code .bin}; null for the other trainers
   * @param glove the GloVe model, for its biases; null for the other trainers
   */
  record Trained(
      ModelWeights weights, EpochRunner.Report report, FastTextModel fastText, GloveModel glove) {}

  /**
   * word2vec.
   *
   * @param options the run's settings
   */
  record Word2Vec(Word2VecOptions options) implements Trainer {
    /** Checks that there are settings. */
    public Word2Vec {
      Objects.requireNonNull(options, "options");
    }

    @Override
    public Algorithm algorithm() {
      return Algorithm.WORD2VEC;
    }

    @Override
    public Record hyperparameters() {
      return options;
    }

    @Override
    public Trained train(EncodedCorpus corpus, Continuation from, Consumer<String> log) {
      Word2VecTrainer.Result r = Word2VecTrainer.train(corpus, options, from);
      return new Trained(r.weights(), r.report(), null, null);
    }
  }

  /**
   * fastText.
   *
   * @param options the word2vec settings fastText shares (a learning rate of 0 means fastText's)
   * @param subwords the n-gram scheme
   */
  record FastText(Word2VecOptions options, Subwords subwords) implements Trainer {
    /** Checks that there are settings. */
    public FastText {
      Objects.requireNonNull(options, "options");
      Objects.requireNonNull(subwords, "subwords");
    }

    @Override
    public Algorithm algorithm() {
      return Algorithm.FASTTEXT;
    }

    @Override
    public Record hyperparameters() {
      return options;
    }

    @Override
    public Trained train(EncodedCorpus corpus, Continuation from, Consumer<String> log) {
      FastTextTrainer.Result r = FastTextTrainer.train(corpus, options, subwords, from);
      log.accept(
          String.format(
              Locale.ROOT,
              "n-grams %d..%d: %d of %d buckets used by the vocabulary",
              subwords.minn(),
              subwords.maxn(),
              r.usedBuckets(),
              subwords.buckets()));
      return new Trained(r.weights(), r.report(), r.model(), null);
    }
  }

  /**
   * GloVe, which trains from scratch only.
   *
   * @param counting how co-occurrences are counted
   * @param options the training's settings
   */
  record Glove(CooccurrenceOptions counting, GloveOptions options) implements Trainer {
    /**
     * Longest document GloVe reads unbroken: co-occurrence windows stop only at document ends, as
     * the reference's stop at line ends (word2vec's 1000-token sequences would lose pairs at each
     * cut).
     */
    public static final int MAX_DOCUMENT_LENGTH = 1 << 20;

    /** Checks that there are settings. */
    public Glove {
      Objects.requireNonNull(counting, "counting");
      Objects.requireNonNull(options, "options");
    }

    /**
     * These settings with {@code setting} set to {@code raw}, as {@code lexica train --name} and
     * the plugin's {@code _train} give it.
     *
     * @param setting the setting
     * @param raw its value, in any of the forms users give ({@link GloveSetting#parse})
     * @return new settings; these are unchanged
     * @throws io.lexica.train.SettingValue.Malformed when {@code raw} is not a value of the setting
     */
    public Glove with(GloveSetting setting, Object raw) {
      Object v = setting.parse(raw);
      GloveOptions o = options;
      CooccurrenceOptions c = counting;
      return switch (setting) {
        case X_MAX -> new Glove(c, o.withWeighting((Double) v, o.alpha()));
        case ALPHA -> new Glove(c, o.withWeighting(o.xMax(), (Double) v));
        case ITERATIONS -> new Glove(c, o.withIterations((Integer) v));
        case ETA -> new Glove(c, o.withEta((Double) v));
        case GRAD_CLIP -> new Glove(c, o.withGradientClip((Double) v));
        case OUTPUT -> new Glove(c, o.withOutput((GloveOptions.Output) v));
        case MEMORY -> new Glove(c.withMemory((Long) v), o);
        case SYMMETRIC -> new Glove(c.withSymmetric((Boolean) v), o);
        case LEFT_ONLY -> new Glove(c.withSymmetric(!(Boolean) v), o);
      };
    }

    /**
     * The heap a run holds besides its encoded corpus, for {@code vocabularySize} words: the
     * counting and shuffling budget ({@link CooccurrenceOptions#memoryBytes}, which bounds them by
     * construction; past it they spill to disk) and the parameters ({@link
     * GloveTrainer#parameterBytes}). The co-occurrence table itself is on disk; its size is not
     * known before it is counted.
     *
     * @param vocabularySize the words trained
     * @return bytes
     */
    public long heapBytes(int vocabularySize) {
      return counting.memoryBytes()
          + GloveTrainer.parameterBytes(vocabularySize, options.dimension());
    }

    @Override
    public Algorithm algorithm() {
      return Algorithm.GLOVE;
    }

    @Override
    public Record hyperparameters() {
      return options;
    }

    @Override
    public int maxSequenceLength() {
      return MAX_DOCUMENT_LENGTH;
    }

    @Override
    public Trained train(EncodedCorpus corpus, Continuation from, Consumer<String> log) {
      if (from != null) {
        throw new IllegalArgumentException("GloVe trains from scratch only");
      }
      GloveModel model =
          new GloveTrainer(counting, options, s -> log.accept("glove: " + s)).train(corpus);
      return new Trained(ModelWeights.of(model.vectors()), null, null, model);
    }
  }
}
