package io.lexica.train.word2vec;

import io.lexica.train.NegativeTable;

/**
 * The settings of a word2vec run, immutable (like fastText's {@code Args}); make one with {@link
 * #builder()}. Defaults are the C tool's for skip-gram except the sample threshold (1e-4, better on
 * corpora of tens of millions of tokens) and the thread count (1, so that a run is reproducible
 * from its seed unless more threads are asked for).
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
   * Checks every setting.
   *
   * @throws IllegalArgumentException when a setting is out of its range (the message names it)
   */
  public Word2VecOptions {
    require(architecture != null && loss != null, "architecture and loss must be given");
    require(dimension > 0, "dimension must be positive: " + dimension);
    require(window > 0, "window must be positive: " + window);
    require(loss != Loss.NS || negative > 0, "negative must be positive: " + negative);
    require(sample >= 0, "sample must not be negative: " + sample);
    require(epochs > 0, "epochs must be positive: " + epochs);
    require(threads > 0, "threads must be positive: " + threads);
    require(learningRate >= 0 && learningRate < 10, "learning rate out of range: " + learningRate);
    require(
        !sharedNegatives || (loss == Loss.NS && architecture == Architecture.SKIPGRAM),
        "shared negatives need skip-gram with negative sampling");
    require(
        !(sharedNegatives && perPredictionUpdates),
        "shared negatives and per-prediction updates exclude each other");
    require(negativeTableSize > 0, "negative table size must be positive");
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
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
     * Builds the options, checking every setting.
     *
     * @return the options
     * @throws IllegalArgumentException when a setting is out of its range
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
