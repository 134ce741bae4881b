package io.lexica.train.word2vec;

import io.lexica.train.NegativeTable;
import io.lexica.train.SettingValue;
import io.lexica.train.TrainerSetting;

/**
 * The settings of a word2vec run, immutable (like fastText's {@code Args}); make one with {@link
 * #builder()}. Defaults are the C tool's for skip-gram except the sample threshold (1e-4, better on
 * corpora of tens of millions of tokens) and the thread count (1, so that a run is reproducible
 * from its seed unless more threads are asked for).
 *
 * <p>These are the one word2vec (and fastText) settings type, checked once, by the constructor:
 * {@code lexica train}'s options, the OpenSearch plugin's training settings and a model's record
 * (written and read back by {@code ModelMetadata}) all end in one. Each setting a user gives has a
 * {@link Setting}, with the name {@code lexica train} spells {@code --name} and the plugin {@code
 * name} in snake case; {@link Builder#set} takes a value in any of their forms (text, number,
 * boolean), and a value out of range fails with an {@link InvalidSetting} naming its setting, so
 * each front end can name it in its user's spelling.
 *
 * @param architecture skip-gram or CBOW
 * @param loss negative sampling, hierarchical softmax or plain softmax
 * @param dimension vector size
 * @param window maximal window radius; each position uses a uniform radius in {@code 1..window}
 * @param negative negative samples per positive (negative sampling only)
 * @param negativePower exponent of the unigram noise distribution (0.75)
 * @param sample subsampling threshold, 0 for none
 * @param epochs passes over the corpus
 * @param threads training threads
 * @param seed seeds the initial vectors and every thread's random generator
 * @param learningRate initial learning rate; 0 picks the C tool's (0.025 skip-gram, 0.05 CBOW)
 * @param sharedNegatives skip-gram with negative sampling only: draw one set of negatives per
 *     centre word and share it across its window (Ji et al. 2016), trading some accuracy for speed
 * @param perPredictionUpdates skip-gram on words with several input rows (fastText's n-grams):
 *     rebuild the hidden vector and spread the step after every prediction, exactly as fastText,
 *     instead of once per window (the default: the same expected step for a third of the work)
 * @param negativeTableSize cells of the negative-sampling table
 * @param showProgress draw a progress line on a terminal
 */
public record Word2VecOptions(
    Architecture architecture,
    Loss loss,
    int dimension,
    int window,
    int negative,
    double negativePower,
    double sample,
    int epochs,
    int threads,
    long seed,
    double learningRate,
    boolean sharedNegatives,
    boolean perPredictionUpdates,
    int negativeTableSize,
    boolean showProgress) {

  /** How the hidden vector is built from a window. */
  public enum Architecture {
    /** The centre word predicts each context word. */
    SKIPGRAM,
    /** The mean of the context words predicts the centre word. */
    CBOW
  }

  /** How the output layer turns a hidden vector into a loss over the vocabulary. */
  public enum Loss {
    /** Negative sampling: the target against {@code negative} noise words. */
    NS,
    /** Hierarchical softmax over a Huffman tree of the word counts. */
    HS,
    /** Plain softmax over the whole vocabulary: exact, for tiny vocabularies only. */
    SOFTMAX
  }

  /**
   * A setting a user gives, by the name the command line and the plugin spell it: {@code lexica
   * train --name} and the plugin's {@code name} in snake case ({@link #key}). Settings that only
   * code sets (the noise table's size, the progress line) have none.
   */
  public enum Setting implements TrainerSetting {
    /** {@link Word2VecOptions#architecture()}: skipgram or cbow. */
    ARCHITECTURE("arch", Architecture.class),
    /** {@link Word2VecOptions#loss()}: ns, hs or softmax. */
    LOSS("loss", Loss.class),
    /** {@link Word2VecOptions#dimension()}. */
    DIMENSION("dim", int.class),
    /** {@link Word2VecOptions#window()}. */
    WINDOW("window", int.class),
    /** {@link Word2VecOptions#negative()}. */
    NEGATIVE("negative", int.class),
    /** {@link Word2VecOptions#negativePower()}. */
    NEGATIVE_POWER("ns-exponent", double.class),
    /** {@link Word2VecOptions#sample()}. */
    SAMPLE("sample", double.class),
    /** {@link Word2VecOptions#epochs()}. */
    EPOCHS("epochs", int.class),
    /** {@link Word2VecOptions#threads()}. */
    THREADS("threads", int.class),
    /** {@link Word2VecOptions#seed()}. */
    SEED("seed", long.class),
    /** {@link Word2VecOptions#learningRate()}. */
    LEARNING_RATE("lr", double.class),
    /** {@link Word2VecOptions#sharedNegatives()}. */
    SHARED_NEGATIVES("shared-negatives", boolean.class),
    /** {@link Word2VecOptions#perPredictionUpdates()}: subword (fastText) training only. */
    PER_PREDICTION_UPDATES("per-prediction-updates", boolean.class);

    private final String name;
    private final Class<?> type;

    Setting(String name, Class<?> type) {
      this.name = name;
      this.type = type;
    }

    @Override
    public String optionName() {
      return name;
    }

    /**
     * Whether only subword (fastText) training reads the setting.
     *
     * @return true for {@link #PER_PREDICTION_UPDATES}
     */
    public boolean subwordsOnly() {
      return this == PER_PREDICTION_UPDATES;
    }

    /**
     * The setting a key names, in either spelling ({@code ns-exponent} or {@code ns_exponent}).
     *
     * @param key the name
     * @return the setting, or null when no setting has that name
     */
    public static Setting named(String key) {
      return TrainerSetting.named(Setting.class, key);
    }

    /**
     * The value {@code raw} gives this setting: a number (a whole one for counts and the seed),
     * true or false, or a name of the choices in any case, as text or as itself.
     *
     * @param raw the value, as a user gives it
     * @return the value, of the setting's type
     * @throws InvalidSetting when {@code raw} is not a value of this setting
     */
    Object parse(Object raw) {
      try {
        return SettingValue.parse(type, raw);
      } catch (SettingValue.Malformed e) {
        throw InvalidSetting.malformed(this, e.getMessage());
      }
    }
  }

  /**
   * A setting's value that is not one it takes, or that the others exclude: the message says what
   * is wrong, {@link #setting} which setting it is, for the caller to name in its user's spelling.
   */
  public static final class InvalidSetting extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The setting, or null for one that only code sets. */
    private final transient Setting setting;

    /** Whether the value is not of the setting's kind at all (rather than out of its range). */
    private final boolean malformed;

    /**
     * A value out of range, or excluded by the others.
     *
     * @param setting the setting, or null for one that only code sets
     * @param message what is wrong, a whole sentence
     */
    public InvalidSetting(Setting setting, String message) {
      this(setting, message, false);
    }

    private InvalidSetting(Setting setting, String message, boolean malformed) {
      super(message);
      this.setting = setting;
      this.malformed = malformed;
    }

    /**
     * A value that is not of the setting's kind (a word for a number, an unknown choice).
     *
     * @param setting the setting
     * @param takes what the setting takes and what it got, to follow its name (e.g. {@code is a
     *     whole number, got [1.5]})
     * @return the exception
     */
    static InvalidSetting malformed(Setting setting, String takes) {
      return new InvalidSetting(setting, takes, true);
    }

    /**
     * Whether the value was not of the setting's kind: the message then says what the setting
     * takes, to follow the setting's name ({@code [dim] is a whole number, got [1.5]}); otherwise
     * it is a whole sentence ({@code window must be positive: 0}).
     *
     * @return true for a value of the wrong kind
     */
    public boolean malformed() {
      return malformed;
    }

    /**
     * The setting whose value is wrong.
     *
     * @return the setting, or null for one that only code sets
     */
    public Setting setting() {
      return setting;
    }
  }

  /**
   * Checks every setting.
   *
   * @throws InvalidSetting when a setting is out of its range (the message and {@link
   *     InvalidSetting#setting} name it)
   */
  public Word2VecOptions {
    require(architecture != null, Setting.ARCHITECTURE, "architecture must be given");
    require(loss != null, Setting.LOSS, "loss must be given");
    require(dimension > 0, Setting.DIMENSION, "dimension must be positive: " + dimension);
    require(window > 0, Setting.WINDOW, "window must be positive: " + window);
    require(
        loss != Loss.NS || negative > 0,
        Setting.NEGATIVE,
        "negative must be positive: " + negative);
    require(sample >= 0, Setting.SAMPLE, "sample must not be negative: " + sample);
    require(epochs > 0, Setting.EPOCHS, "epochs must be positive: " + epochs);
    require(threads > 0, Setting.THREADS, "threads must be positive: " + threads);
    require(
        learningRate >= 0 && learningRate < 10,
        Setting.LEARNING_RATE,
        "learning rate out of range: " + learningRate);
    require(
        !sharedNegatives || (loss == Loss.NS && architecture == Architecture.SKIPGRAM),
        Setting.SHARED_NEGATIVES,
        "shared negatives need skip-gram with negative sampling");
    require(
        !(sharedNegatives && perPredictionUpdates),
        Setting.SHARED_NEGATIVES,
        "shared negatives and per-prediction updates exclude each other");
    require(negativeTableSize > 0, null, "negative table size must be positive");
  }

  private static void require(boolean ok, Setting setting, String message) {
    if (!ok) {
      throw new InvalidSetting(setting, message);
    }
  }

  /** The learning rate used: the given one, or the C tool's default for the architecture. */
  double effectiveLearningRate() {
    return learningRate > 0 ? learningRate : defaultLearningRate(architecture);
  }

  /**
   * The C tool's initial learning rate: 0.025 for skip-gram, 0.05 for CBOW.
   *
   * @param architecture skip-gram or CBOW
   * @return the rate
   */
  public static double defaultLearningRate(Architecture architecture) {
    return architecture == Architecture.CBOW ? 0.05 : 0.025;
  }

  /**
   * A builder with the defaults (see the class comment).
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from these options.
   *
   * @return a new builder; changing it leaves these options as they are
   */
  public Builder toBuilder() {
    return new Builder()
        .architecture(architecture)
        .loss(loss)
        .dimension(dimension)
        .window(window)
        .negative(negative)
        .negativePower(negativePower)
        .sample(sample)
        .epochs(epochs)
        .threads(threads)
        .seed(seed)
        .learningRate(learningRate)
        .sharedNegatives(sharedNegatives)
        .perPredictionUpdates(perPredictionUpdates)
        .negativeTableSize(negativeTableSize)
        .showProgress(showProgress);
  }

  /** Builds {@link Word2VecOptions}; not thread-safe. */
  public static final class Builder {
    private Architecture architecture = Architecture.SKIPGRAM;
    private Loss loss = Loss.NS;
    private int dimension = 100;
    private int window = 5;
    private int negative = 5;
    private double negativePower = 0.75;
    private double sample = 1e-4;
    private int epochs = 5;
    private int threads = 1;
    private long seed = 1;
    private double learningRate;
    private boolean sharedNegatives;
    private boolean perPredictionUpdates;
    private int negativeTableSize = NegativeTable.DEFAULT_SIZE;
    private boolean showProgress;

    private Builder() {}

    /**
     * Sets {@link Word2VecOptions#architecture()}.
     *
     * @param v skip-gram or CBOW
     * @return this builder
     */
    public Builder architecture(Architecture v) {
      architecture = v;
      return this;
    }

    /**
     * Sets {@link Word2VecOptions#loss()}.
     *
     * @param v the loss
     * @return this builder
     */
    public Builder loss(Loss v) {
      loss = v;
      return this;
    }

    /**
     * Sets {@link Word2VecOptions#dimension()}.
     *
     * @param v the vector size, positive
     * @return this builder
     */
    public Builder dimension(int v) {
      dimension = v;
      return this;
    }

    /**
     * Sets {@link Word2VecOptions#window()}.
     *
     * @param v the largest window radius, positive
     * @return this builder
     */
    public Builder window(int v) {
      window = v;
      return this;
    }

    /**
     * Sets {@link Word2VecOptions#negative()}.
     *
     * @param v negatives per positive, positive for negative sampling
     * @return this builder
     */
    public Builder negative(int v) {
      negative = v;
      return this;
    }

    /**
     * Sets {@link Word2VecOptions#negativePower()}.
     *
     * @param v the noise distribution's exponent
     * @return this builder
     */
    public Builder negativePower(double v) {
      negativePower = v;
      return this;
    }

    /**
     * Sets {@link Word2VecOptions#sample()}.
     *
     * @param v the subsampling threshold, 0 for none
     * @return this builder
     */
    public Builder sample(double v) {
      sample = v;
      return this;
    }

    /**
     * Sets {@link Word2VecOptions#epochs()}.
     *
     * @param v the passes, positive
     * @return this builder
     */
    public Builder epochs(int v) {
      epochs = v;
      return this;
    }

    /**
     * Sets {@link Word2VecOptions#threads()}.
     *
     * @param v the threads, positive; more than 1 makes the run depend on scheduling
     * @return this builder
     */
    public Builder threads(int v) {
      threads = v;
      return this;
    }

    /**
     * Sets {@link Word2VecOptions#seed()}.
     *
     * @param v the seed
     * @return this builder
     */
    public Builder seed(long v) {
      seed = v;
      return this;
    }

    /**
     * Initial learning rate; 0 (the default) picks the C tool's for the architecture.
     *
     * @param v the rate, or 0
     * @return this builder
     */
    public Builder learningRate(double v) {
      learningRate = v;
      return this;
    }

    /**
     * Sets {@link Word2VecOptions#sharedNegatives()}.
     *
     * @param v whether a window shares one set of negatives
     * @return this builder
     */
    public Builder sharedNegatives(boolean v) {
      sharedNegatives = v;
      return this;
    }

    /**
     * Sets {@link Word2VecOptions#perPredictionUpdates()}.
     *
     * @param v whether to update after every prediction, as fastText
     * @return this builder
     */
    public Builder perPredictionUpdates(boolean v) {
      perPredictionUpdates = v;
      return this;
    }

    /**
     * Sets {@link Word2VecOptions#negativeTableSize()}.
     *
     * @param v the cells, positive
     * @return this builder
     */
    public Builder negativeTableSize(int v) {
      negativeTableSize = v;
      return this;
    }

    /**
     * Sets {@link Word2VecOptions#showProgress()}.
     *
     * @param v whether to draw a progress line on a terminal
     * @return this builder
     */
    public Builder showProgress(boolean v) {
      showProgress = v;
      return this;
    }

    /**
     * Sets {@code setting} to {@code raw}, in any of the forms users give (text, a number, a
     * boolean, a choice's name in any case).
     *
     * @param setting the setting
     * @param raw its value
     * @return this builder
     * @throws InvalidSetting when {@code raw} is not a value of the setting
     */
    public Builder set(Setting setting, Object raw) {
      Object v = setting.parse(raw);
      return switch (setting) {
        case ARCHITECTURE -> architecture((Architecture) v);
        case LOSS -> loss((Loss) v);
        case DIMENSION -> dimension((Integer) v);
        case WINDOW -> window((Integer) v);
        case NEGATIVE -> negative((Integer) v);
        case NEGATIVE_POWER -> negativePower((Double) v);
        case SAMPLE -> sample((Double) v);
        case EPOCHS -> epochs((Integer) v);
        case THREADS -> threads((Integer) v);
        case SEED -> seed((Long) v);
        case LEARNING_RATE -> learningRate((Double) v);
        case SHARED_NEGATIVES -> sharedNegatives((Boolean) v);
        case PER_PREDICTION_UPDATES -> perPredictionUpdates((Boolean) v);
      };
    }

    /**
     * The architecture set so far, for the defaults that depend on it (the learning rate).
     *
     * @return skip-gram or CBOW
     */
    public Architecture architecture() {
      return architecture;
    }

    /**
     * Builds the options, checking every setting.
     *
     * @return the options
     * @throws InvalidSetting when a setting is out of its range
     */
    public Word2VecOptions build() {
      return new Word2VecOptions(
          architecture,
          loss,
          dimension,
          window,
          negative,
          negativePower,
          sample,
          epochs,
          threads,
          seed,
          learningRate,
          sharedNegatives,
          perPredictionUpdates,
          negativeTableSize,
          showProgress);
    }
  }
}
