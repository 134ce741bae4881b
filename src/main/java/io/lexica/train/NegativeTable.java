package io.lexica.train;

import io.lexica.corpus.Vocabulary;

/**
 * The noise distribution of negative sampling: word {@code w} is drawn with probability
 * proportional to {@code count(w)^power} (word2vec: power 0.75). Like word2vec and fastText it is a
 * table in which each word fills a share of the cells matching its probability, so a draw is one
 * random index; a word with a tiny share still gets at least one cell, and a word with count 0 (a
 * word continued training keeps from its initial model but the corpus lacks) none. Immutable and
 * thread-safe.
 */
public final class NegativeTable {
  /** Cells of the default table: 10 M (fastText's size; word2vec uses 100 M, 400 MB). */
  public static final int DEFAULT_SIZE = 10_000_000;

  private final int[] table;

  private NegativeTable(int[] table) {
    this.table = table;
  }

  /**
   * The table for {@code counts[w]^power} over words {@code 0..counts.length-1}.
   *
   * @param counts the words' counts, by id
   * @param power the exponent (word2vec: 0.75)
   * @param size the table's cells; more cells, finer probabilities
   * @return the table: each word holds a share of the cells proportional to its weight
   */
  public static NegativeTable of(long[] counts, double power, int size) {
    if (counts.length == 0) {
      throw new IllegalArgumentException("no words to sample from");
    }
    if (size < counts.length) {
      size = counts.length;
    }
    double total = 0;
    for (long c : counts) {
      total += Math.pow(c, power);
    }
    if (!(total > 0)) {
      throw new IllegalArgumentException("no word has a positive count");
    }
    // each word gets at least one cell, the rest in proportion; the sum may exceed size slightly
    int[] cells = new int[counts.length];
    long used = 0;
    for (int w = 0; w < counts.length; w++) {
      cells[w] =
          counts[w] == 0
              ? 0
              : (int) Math.max(1, Math.round(Math.pow(counts[w], power) / total * size));
      used += cells[w];
    }
    int[] t = new int[(int) used];
    int at = 0;
    for (int w = 0; w < counts.length; w++) {
      for (int k = 0; k < cells[w]; k++) {
        t[at++] = w;
      }
    }
    return new NegativeTable(t);
  }

  /**
   * The table over a vocabulary's counts.
   *
   * @param vocabulary the vocabulary
   * @param power the exponent
   * @return the table, of the default size
   */
  public static NegativeTable of(Vocabulary vocabulary, double power) {
    long[] counts = new long[vocabulary.size()];
    for (int w = 0; w < counts.length; w++) {
      counts[w] = vocabulary.count(w);
    }
    return of(counts, power, DEFAULT_SIZE);
  }

  /**
   * Draws a word.
   *
   * @param random the calling thread's generator
   * @return a word id, drawn with probability proportional to {@code count^power}
   */
  public int sample(TrainRandom random) {
    return table[random.nextInt(table.length)];
  }

  /**
   * Number of cells; for tests.
   *
   * @return the number of cells
   */
  public int size() {
    return table.length;
  }
}
