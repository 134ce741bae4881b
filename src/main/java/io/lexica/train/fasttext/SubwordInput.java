package io.lexica.train.fasttext;

import io.lexica.corpus.Vocabulary;
import io.lexica.train.TrainRandom;
import io.lexica.train.word2vec.InputLayer;
import io.lexica.vectors.SubwordMatrix;
import io.lexica.vectors.Subwords;
import java.util.Arrays;

/**
 * fastText's input layer: word {@code w} is its own row plus the rows of its character n-grams'
 * buckets ({@link Subwords}), and its hidden vector is their mean. Rows are laid out as the
 * vocabulary's words first, then one row per bucket that some vocabulary word uses, in order of
 * first use (frequent words first, for locality). Buckets no word uses get no row: fastText keeps
 * all {@code buckets} rows, but training never touches the others, so they only cost memory (800 MB
 * at 2,000,000 x 100) and add noise to unknown words' vectors; here they count as zero.
 *
 * <p>Rows start uniform in {@code [-1/dim, 1/dim]}, as in fastText. Training threads update the
 * matrix without locks; the layout is immutable.
 */
final class SubwordInput implements InputLayer {
  private final Subwords subwords;
  private final int words;
  private final int dimension;
  private final int[] start; // rows of word w: rowList[start[w] .. start[w+1])
  private final int[] rowList;
  private final int[] rowOfBucket;
  private final int maxRows;
  private final float[] matrix;

  /** Lays out and randomly initialises the rows of {@code vocabulary}'s words and n-grams. */
  public SubwordInput(Vocabulary vocabulary, Subwords subwords, int dimension, long seed) {
    this.subwords = subwords;
    this.words = vocabulary.size();
    this.dimension = dimension;
    this.start = new int[words + 1];
    this.rowOfBucket = new int[subwords.enabled() ? subwords.buckets() : 0];
    Arrays.fill(rowOfBucket, -1);
    int[] list = new int[Math.max(16, words * 8)];
    int size = 0;
    int used = 0;
    int max = 1;
    for (int w = 0; w < words; w++) {
      start[w] = size;
      int[] buckets = subwords.buckets(vocabulary.word(w));
      if (size + 1 + buckets.length > list.length) {
        list = Arrays.copyOf(list, Math.max(list.length * 2, size + 1 + buckets.length));
      }
      list[size++] = w;
      for (int b : buckets) {
        if (rowOfBucket[b] < 0) {
          rowOfBucket[b] = used++;
        }
        list[size++] = words + rowOfBucket[b];
      }
      max = Math.max(max, 1 + buckets.length);
    }
    start[words] = size;
    this.rowList = Arrays.copyOf(list, size);
    this.maxRows = max;
    this.matrix = new float[Math.multiplyExact(words + used, dimension)];
    TrainRandom random = new TrainRandom(seed);
    float scale = 1f / dimension;
    for (int i = 0; i < matrix.length; i++) {
      matrix[i] = (2 * random.nextFloat() - 1) * scale;
    }
  }

  @Override
  public float[] matrix() {
    return matrix;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public int maxRowsPerWord() {
    return maxRows;
  }

  @Override
  public int rows(int word, int[] dest, int at) {
    int from = start[word];
    int n = start[word + 1] - from;
    System.arraycopy(rowList, from, dest, at, n);
    return n;
  }

  /** Number of n-gram buckets that have a row (used by some vocabulary word). */
  public int usedBuckets() {
    return matrix.length / dimension - words;
  }

  /**
   * The trained n-gram rows as a sparse matrix over this layer's array (no copy), or null when
   * n-grams are disabled.
   */
  @Override
  public SubwordMatrix ngrams() {
    return subwords.enabled()
        ? SubwordMatrix.sparse(subwords, dimension, matrix, words, rowOfBucket)
        : null;
  }
}
