package io.lexica.vectors;

/**
 * All the weights of a word2vec or fastText model, not only the word vectors queries use: what
 * training can continue from ({@code lexica train --init}, {@code lexica update}). A context model
 * learns two matrices, the input rows (which become the word vectors) and the output rows the
 * objective scores them against; restarting from the input rows alone throws the second half away,
 * and the first steps of the new run then mostly re-learn it, dragging the input rows along. Models
 * that come from vector files have only the word vectors, and still seed the input side.
 *
 * <p>The arrays are not copied: callers must not modify them. Immutable; thread-safe.
 *
 * @param vectors the word vectors, with counts, in row order: for word2vec the input rows, for
 *     fastText each word's own row averaged with its n-gram rows
 * @param output the output rows, one per word, parallel to {@code vectors} (negative sampling and
 *     softmax); null when the model has none (hierarchical softmax, whose rows belong to the
 *     Huffman tree's inner nodes; GloVe; vector files)
 * @param wordRows subword models: each word's own input row, without its n-grams, parallel to
 *     {@code vectors}; null when the vectors are the input rows themselves, or when a subword model
 *     was imported without them ({@link #inputRow} then derives them)
 * @param ngrams subword models: the n-gram bucket rows; null for models without n-grams
 */
public record ModelWeights(
    WordVectors vectors, float[] output, float[] wordRows, SubwordMatrix ngrams) {
  /**
   * Checks that the parts agree in size.
   *
   * @throws IllegalArgumentException when the vectors are missing or a part's size does not match
   *     them
   */
  public ModelWeights {
    if (vectors == null) {
      throw new IllegalArgumentException("a model needs its word vectors");
    }
    long rows = (long) vectors.size() * vectors.dimension();
    if (output != null && output.length != rows) {
      throw new IllegalArgumentException(
          "output rows: " + output.length + " floats for " + rows + " in the vectors");
    }
    if (wordRows != null && wordRows.length != rows) {
      throw new IllegalArgumentException(
          "word rows: " + wordRows.length + " floats for " + rows + " in the vectors");
    }
    if (wordRows != null && ngrams == null) {
      throw new IllegalArgumentException("word rows without n-gram rows: they are the vectors");
    }
    if (ngrams != null && ngrams.dimension() != vectors.dimension()) {
      throw new IllegalArgumentException(
          "n-gram rows have " + ngrams.dimension() + " dimensions, vectors " + vectors.dimension());
    }
  }

  /**
   * Word vectors alone (a vector file, a GloVe model): they can seed the input side only.
   *
   * @param vectors the vectors
   * @return the weights
   */
  public static ModelWeights of(WordVectors vectors) {
    return new ModelWeights(vectors, null, null, null);
  }

  /**
   * The weights of a fastText model: its word vectors, own word rows, n-gram and output rows. A
   * fastText {@code .bin}'s end-of-sentence token {@code </s>} is not a word and is left out, with
   * its rows.
   *
   * @param model the fastText model
   * @return the weights
   */
  public static ModelWeights of(FastTextModel model) {
    WordVectors vectors = model.wordVectors();
    int dim = model.dimension();
    float[] own = model.ngrams() == null ? null : new float[vectors.size() * dim];
    float[] out = model.output() == null ? null : new float[vectors.size() * dim];
    int row = 0;
    for (int w = 0; w < model.words().size(); w++) {
      if (!Subwords.EOS.equals(model.words().get(w))) {
        if (own != null) {
          System.arraycopy(model.input(), w * dim, own, row * dim, dim);
        }
        if (out != null) {
          System.arraycopy(model.output(), w * dim, out, row * dim, dim);
        }
        row++;
      }
    }
    return new ModelWeights(vectors, out, own, model.ngrams());
  }

  /**
   * The vector size.
   *
   * @return the dimension of every part
   */
  public int dimension() {
    return vectors.dimension();
  }

  /**
   * True when the output rows are kept: training continues with both halves of the model.
   *
   * @return {@code output() != null}
   */
  public boolean hasOutput() {
    return output != null;
  }

  /**
   * The input row training starts word {@code row} from, copied into {@code dest} at {@code at}:
   * its vector, or for a subword model its own row. A subword model imported without its own rows
   * gets them back from the composition (vector = mean of the own row and the {@code n} n-gram
   * rows, so own = vector x (n + 1) - sum of the n-gram rows), exact up to float rounding.
   *
   * @param row a word's row
   * @param dest the buffer written to
   * @param at where in {@code dest}
   */
  public void inputRow(int row, float[] dest, int at) {
    int dim = vectors.dimension();
    if (wordRows != null) {
      System.arraycopy(wordRows, row * dim, dest, at, dim);
      return;
    }
    System.arraycopy(vectors.data(), row * dim, dest, at, dim);
    if (ngrams != null) {
      int[] buckets = ngrams.subwords().buckets(vectors.word(row));
      float[] sum = new float[dim];
      ngrams.addRows(buckets, sum);
      for (int i = 0; i < dim; i++) {
        dest[at + i] = dest[at + i] * (buckets.length + 1) - sum[i];
      }
    }
  }
}
