package io.lexica.train.word2vec;

import io.lexica.vectors.SubwordMatrix;

/**
 * The input side of a context model: which rows of the input matrix make up a word's vector. In
 * word2vec a word is its own row; in fastText it is its row plus the rows of its character n-grams.
 * The hidden vector of a word is the mean of its rows, and training spreads the gradient to each of
 * them. The matrix is shared by all training threads and updated without locks.
 */
public interface InputLayer {
  /**
   * The input matrix, row-major, {@link #dimension()} floats a row.
   *
   * @return the matrix itself (not a copy), shared by the threads
   */
  float[] matrix();

  /**
   * The vector size.
   *
   * @return floats a row
   */
  int dimension();

  /**
   * The largest number of rows {@link #rows} appends for one word.
   *
   * @return the bound, the size of the buffer {@link #rows} needs
   */
  int maxRowsPerWord();

  /**
   * Appends the rows of word {@code word} to {@code dest} from index {@code at}; the first is the
   * word's own row.
   *
   * @param word a vocabulary id
   * @param dest the buffer to append to
   * @param at where to start writing in {@code dest}
   * @return the number of rows appended (at least 1)
   */
  int rows(int word, int[] dest, int at);

  /**
   * The n-gram rows as a view over {@link #matrix()}, or null when words have no n-grams (so that
   * continued training can seed them; see {@link Continuation}).
   *
   * @return the view, or null
   */
  default SubwordMatrix ngrams() {
    return null;
  }
}
