package io.lexica.vectors;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Words and their raw (unnormalized) vectors in one row-major float array: what a trainer produces,
 * a vector file holds and a model stores. Row {@code i} is {@code data[i*dim .. (i+1)*dim)}. Rows
 * are in the order given (trainers give frequency order). Immutable after construction; thread-safe
 * for reading.
 */
public final class WordVectors {
  private final String[] words;
  private final long[] counts;
  private final int dimension;
  private final float[] data;
  private final Map<String, Integer> index;

  /**
   * Vectors of {@code words}, stored in {@code data} as given.
   *
   * @param words the words, row order
   * @param data {@code words.size() * dimension} floats, row-major; not copied
   * @param dimension the vector size, positive
   * @param counts corpus counts parallel to words, or null when unknown
   * @throws IllegalArgumentException when {@code dimension} is not positive or the sizes disagree
   */
  public WordVectors(List<String> words, float[] data, int dimension, long[] counts) {
    if (dimension <= 0) {
      throw new IllegalArgumentException("dimension must be positive: " + dimension);
    }
    if ((long) words.size() * dimension != data.length) {
      throw new IllegalArgumentException(
          words.size() + " words x " + dimension + " dims != " + data.length + " floats");
    }
    if (counts != null && counts.length != words.size()) {
      throw new IllegalArgumentException("counts and words differ in length");
    }
    this.words = words.toArray(new String[0]);
    this.counts = counts == null ? new long[words.size()] : counts;
    this.dimension = dimension;
    this.data = data;
    this.index = new HashMap<>(words.size() * 2);
    for (int i = 0; i < this.words.length; i++) {
      if (index.putIfAbsent(this.words[i], i) != null) {
        throw new IllegalArgumentException("duplicate word: " + this.words[i]);
      }
    }
  }

  /**
   * The number of words.
   *
   * @return the number of rows
   */
  public int size() {
    return words.length;
  }

  /**
   * The vector size.
   *
   * @return floats a row
   */
  public int dimension() {
    return dimension;
  }

  /**
   * The word in row {@code row}.
   *
   * @param row a row, below {@link #size()}
   * @return the word
   */
  public String word(int row) {
    return words[row];
  }

  /**
   * The words.
   *
   * @return an unmodifiable list, in row order
   */
  public List<String> words() {
    return List.of(words);
  }

  /**
   * Corpus count of the word in row {@code row}, 0 when unknown.
   *
   * @param row a row
   * @return the count
   */
  public long count(int row) {
    return counts[row];
  }

  /**
   * Row of the word, or -1.
   *
   * @param word a word, exact spelling
   * @return the row
   */
  public int indexOf(String word) {
    Integer i = index.get(word);
    return i == null ? -1 : i;
  }

  /**
   * A copy of the raw vector in row {@code row}.
   *
   * @param row a row
   * @return a new array of {@link #dimension()} floats
   */
  public float[] vector(int row) {
    return Arrays.copyOfRange(data, row * dimension, (row + 1) * dimension);
  }

  /**
   * The backing array, row-major. Callers must not modify it; it is exposed so that hot loops
   * (exact search, evaluation) avoid copies.
   *
   * @return the array itself
   */
  public float[] data() {
    return data;
  }

  /**
   * The first {@code n} rows (all when {@code n} is 0 or at least {@link #size()}), copied.
   *
   * @param n how many rows
   * @return new vectors
   */
  public WordVectors first(int n) {
    if (n <= 0 || n >= words.length) {
      return this;
    }
    return new WordVectors(
        List.of(Arrays.copyOf(words, n)),
        Arrays.copyOf(data, n * dimension),
        dimension,
        Arrays.copyOf(counts, n));
  }

  /**
   * A copy whose rows have unit length (zero rows stay zero).
   *
   * @return new vectors
   */
  public WordVectors normalized() {
    float[] out = data.clone();
    for (int r = 0; r < words.length; r++) {
      normalizeRow(out, r * dimension, dimension);
    }
    return new WordVectors(List.of(words), out, dimension, counts.clone());
  }

  /**
   * Copies of the first {@code limit} rows (all when {@code limit} is 0 or at least {@link
   * #size()}) scaled to unit length, one array per row: the layout Lucene's {@code
   * VectorUtil.dotProduct} works on. Zero rows stay zero.
   *
   * @param limit how many rows, 0 for all
   * @return one new array per row
   */
  public float[][] unitRows(int limit) {
    int n = limit <= 0 ? words.length : Math.min(limit, words.length);
    float[][] rows = new float[n][];
    for (int r = 0; r < n; r++) {
      rows[r] = vector(r);
      normalizeRow(rows[r], 0, dimension);
    }
    return rows;
  }

  /**
   * Scales {@code v[offset .. offset+dim)} to unit length in place; a zero vector is left alone.
   *
   * @param v the array
   * @param offset where the vector starts
   * @param dim its length
   */
  public static void normalizeRow(float[] v, int offset, int dim) {
    double norm = 0;
    for (int i = offset; i < offset + dim; i++) {
      norm += (double) v[i] * v[i];
    }
    if (norm > 0) {
      float inv = (float) (1 / Math.sqrt(norm));
      for (int i = offset; i < offset + dim; i++) {
        v[i] *= inv;
      }
    }
  }
}
