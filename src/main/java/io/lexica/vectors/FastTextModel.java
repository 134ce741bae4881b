package io.lexica.vectors;

import java.util.ArrayList;
import java.util.List;

/**
 * A fastText unsupervised model: what a fastText {@code .bin} holds and what Lexica's subword
 * trainer produces. The input matrix has a row per word followed by the n-gram bucket rows; a
 * word's vector is the mean of its own row and its n-grams' rows, an unknown word's the mean of its
 * n-grams' rows (fastText's {@code getWordVector}). The output matrix (one row per word) is kept
 * only so that a model can be written back for fastText to continue training; it may be null.
 *
 * <p>Immutable after construction (the arrays are not copied: callers must not modify them);
 * thread-safe.
 */
public final class FastTextModel {
  /** fastText's {@code model_name}, with its codes in the file. */
  public enum Architecture {
    /** Continuous bag of words ({@code -model cbow}). */
    CBOW(1),
    /** Skip-gram ({@code -model skipgram}). */
    SKIPGRAM(2);

    final int code;

    Architecture(int code) {
      this.code = code;
    }
  }

  /** fastText's {@code loss_name}, with its codes in the file. */
  public enum Loss {
    /** Hierarchical softmax ({@code -loss hs}). */
    HS(1),
    /** Negative sampling ({@code -loss ns}). */
    NS(2),
    /** Plain softmax ({@code -loss softmax}). */
    SOFTMAX(3);

    final int code;

    Loss(int code) {
      this.code = code;
    }
  }

  /**
   * The training settings a {@code .bin} records ({@code Args::save}); only {@code dim}, {@code
   * minn}, {@code maxn} and {@code buckets} matter for computing vectors.
   *
   * @param dim the vector size ({@code -dim})
   * @param window the context window ({@code -ws})
   * @param epochs the passes ({@code -epoch})
   * @param minCount the minimum count of a word ({@code -minCount})
   * @param negative negatives per positive ({@code -neg})
   * @param loss the loss ({@code -loss})
   * @param architecture the model ({@code -model})
   * @param sample the subsampling threshold ({@code -t})
   * @param minn the shortest character n-gram ({@code -minn})
   * @param maxn the longest character n-gram, 0 for none ({@code -maxn})
   * @param buckets the n-gram hash buckets ({@code -bucket})
   * @param lrUpdateRate words between learning-rate updates ({@code -lrUpdateRate})
   */
  public record Settings(
      int dim,
      int window,
      int epochs,
      int minCount,
      int negative,
      Loss loss,
      Architecture architecture,
      int minn,
      int maxn,
      int buckets,
      int lrUpdateRate,
      double sample) {
    /**
     * The n-gram scheme these settings describe.
     *
     * @return minn, maxn and buckets as a {@link Subwords}
     */
    public Subwords subwords() {
      return maxn <= 0 ? new Subwords(0, 0, buckets) : new Subwords(minn, maxn, buckets);
    }
  }

  private final Settings settings;
  private final List<String> words;
  private final long[] counts;
  private final long tokens;
  private final float[] input;
  private final SubwordMatrix ngrams;
  private final float[] output;

  /**
   * A model of the given rows, as a {@code .bin} holds them.
   *
   * @param settings the settings the file records
   * @param words the vocabulary, in row order
   * @param counts corpus counts parallel to words
   * @param tokens tokens in the training corpus
   * @param input word rows ({@code words.size() x dim}) followed by the bucket rows of {@code
   *     ngrams}, which must be backed by this same array from row {@code words.size()} on (or null
   *     when the model has no n-grams)
   * @param ngrams the n-gram rows, a view over {@code input}; or null
   * @param output {@code words.size() x dim} output rows, or null when not kept
   * @throws IllegalArgumentException when the sizes disagree or {@code ngrams} is not backed by
   *     {@code input}
   */
  public FastTextModel(
      Settings settings,
      List<String> words,
      long[] counts,
      long tokens,
      float[] input,
      SubwordMatrix ngrams,
      float[] output) {
    int dim = settings.dim();
    if (counts.length != words.size() || (long) words.size() * dim > input.length) {
      throw new IllegalArgumentException("words, counts and input rows disagree in size");
    }
    if (ngrams != null && (ngrams.array() != input || ngrams.dimension() != dim)) {
      throw new IllegalArgumentException("the n-gram rows must live in the input array");
    }
    if (output != null && output.length != (long) words.size() * dim) {
      throw new IllegalArgumentException("output must have one row per word");
    }
    this.settings = settings;
    this.words = List.copyOf(words);
    this.counts = counts;
    this.tokens = tokens;
    this.input = input;
    this.ngrams = ngrams;
    this.output = output;
  }

  /**
   * The settings the model was trained with.
   *
   * @return the settings
   */
  public Settings settings() {
    return settings;
  }

  /**
   * The vector size.
   *
   * @return {@code settings().dim()}
   */
  public int dimension() {
    return settings.dim();
  }

  /**
   * The vocabulary.
   *
   * @return an unmodifiable list, in row order ({@code </s>} included, as fastText keeps it)
   */
  public List<String> words() {
    return words;
  }

  /**
   * The corpus count of row {@code word}.
   *
   * @param word a row
   * @return the count
   */
  public long count(int word) {
    return counts[word];
  }

  /**
   * The number of tokens in the training corpus, as the file records it.
   *
   * @return the count
   */
  public long tokens() {
    return tokens;
  }

  /**
   * The n-gram rows, or null for a model without subwords ({@code maxn == 0}).
   *
   * @return the view, or null
   */
  public SubwordMatrix ngrams() {
    return ngrams;
  }

  /** The input matrix (word rows first); callers must not modify it. */
  float[] input() {
    return input;
  }

  /** The output matrix, or null when not kept; callers must not modify it. */
  float[] output() {
    return output;
  }

  /**
   * The vector fastText gives row {@code word}: the mean of its own input row and its n-grams'
   * rows.
   *
   * @param word a row
   * @return a new array of {@link #dimension()} floats, not normalised
   */
  public float[] wordVector(int word) {
    int dim = settings.dim();
    float[] v = new float[dim];
    System.arraycopy(input, word * dim, v, 0, dim);
    int n = 1;
    if (ngrams != null) {
      int[] buckets = ngrams.subwords().buckets(words.get(word));
      ngrams.addRows(buckets, v);
      n += buckets.length;
    }
    float inv = 1f / n;
    for (int i = 0; i < dim; i++) {
      v[i] *= inv;
    }
    return v;
  }

  /**
   * The words' vectors as fastText computes them (and writes them to {@code .vec}), in row order,
   * without fastText's end-of-sentence token {@code </s>}, which is not a word.
   *
   * @return the vectors, not normalised
   */
  public WordVectors wordVectors() {
    return wordVectors(0);
  }

  /**
   * The first {@code limit} words' vectors ({@link #wordVectors()}); 0 means all.
   *
   * @param limit how many rows, 0 for all
   * @return the vectors, not normalised
   */
  public WordVectors wordVectors(int limit) {
    int dim = settings.dim();
    List<String> kept = new ArrayList<>(words.size());
    List<Integer> rows = new ArrayList<>(words.size());
    for (int i = 0; i < words.size() && (limit <= 0 || kept.size() < limit); i++) {
      if (!Subwords.EOS.equals(words.get(i))) {
        kept.add(words.get(i));
        rows.add(i);
      }
    }
    float[] data = new float[Math.multiplyExact(kept.size(), dim)];
    long[] c = new long[kept.size()];
    for (int k = 0; k < kept.size(); k++) {
      System.arraycopy(wordVector(rows.get(k)), 0, data, k * dim, dim);
      c[k] = counts[rows.get(k)];
    }
    return new WordVectors(kept, data, dim, c);
  }
}
