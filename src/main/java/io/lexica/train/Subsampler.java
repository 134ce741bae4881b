package io.lexica.train;

import io.lexica.corpus.Vocabulary;

/**
 * Frequent-word subsampling with the word2vec C tool's formula: an occurrence of word {@code w}
 * with frequency {@code f = count(w) / totalCount} is kept with probability {@code (sqrt(f / t) +
 * 1) * t / f} (capped at 1), where {@code t} is the threshold ({@code -sample}, e.g. 1e-4 or 1e-3).
 * A threshold of 0 keeps everything. The keep probabilities are precomputed as 24-bit integers and
 * compared with random bits, so a decision costs one table load. Immutable and thread-safe.
 */
public final class Subsampler {
  private static final int ONE = 1 << 24;

  private final int[] keepBelow; // keep when 24 random bits < keepBelow[w]
  private final boolean keepsAll;

  private Subsampler(int[] keepBelow, boolean keepsAll) {
    this.keepBelow = keepBelow;
    this.keepsAll = keepsAll;
  }

  /**
   * The subsampler for word2vec's formula: an occurrence of a word with frequency {@code f} (its
   * count over {@code totalCount}) is kept with probability {@code (sqrt(f / t) + 1) * t / f} for
   * the threshold {@code t}, capped at 1.
   *
   * @param counts corpus counts by word id
   * @param totalCount the corpus size the frequencies are relative to (word2vec's train_words)
   * @param threshold the sample threshold, 0 to keep every word
   * @return the subsampler
   * @throws IllegalArgumentException when the threshold is negative
   */
  public static Subsampler of(long[] counts, long totalCount, double threshold) {
    if (threshold < 0) {
      throw new IllegalArgumentException("sample threshold must not be negative: " + threshold);
    }
    int[] keep = new int[counts.length];
    boolean all = true;
    for (int w = 0; w < counts.length; w++) {
      double p = keepProbability(counts[w], totalCount, threshold);
      keep[w] = p >= 1 ? ONE + 1 : (int) Math.round(p * ONE);
      all &= p >= 1;
    }
    return new Subsampler(keep, all);
  }

  /**
   * The subsampler for a vocabulary's counts against its total.
   *
   * @param vocabulary the vocabulary, whose counts and total are used
   * @param threshold the sample threshold, 0 to keep every word
   * @return the subsampler
   */
  public static Subsampler of(Vocabulary vocabulary, double threshold) {
    long[] counts = new long[vocabulary.size()];
    for (int w = 0; w < counts.length; w++) {
      counts[w] = vocabulary.count(w);
    }
    return of(counts, vocabulary.totalCount(), threshold);
  }

  /** The C tool's keep probability (may exceed 1, meaning always kept). */
  static double keepProbability(long count, long totalCount, double threshold) {
    if (threshold <= 0 || count <= 0) {
      return 1;
    }
    double st = threshold * totalCount;
    return (Math.sqrt(count / st) + 1) * st / count;
  }

  /**
   * True when no word is ever dropped (threshold 0 or a corpus with only rare words).
   *
   * @return whether {@link #keep} is always true
   */
  public boolean keepsAll() {
    return keepsAll;
  }

  /**
   * Decides whether this occurrence of {@code word} is kept.
   *
   * @param word the word's id
   * @param random the calling thread's generator
   * @return true to train on this occurrence
   */
  public boolean keep(int word, TrainRandom random) {
    return (random.nextBits() >>> 8) < keepBelow[word];
  }
}
