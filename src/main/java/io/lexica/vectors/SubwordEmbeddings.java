package io.lexica.vectors;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Embeddings that give vectors to words outside the vocabulary too: known words keep the vectors of
 * the wrapped embeddings (a vector store, an in-memory index); any other word gets the mean of its
 * character n-grams' rows ({@link SubwordMatrix#vector}), as fastText does for unseen words. So
 * misspellings, rare inflections and new terms in queries still find neighbours. Neighbour search
 * is over the vocabulary only (it is the wrapped embeddings').
 *
 * <p>Thread-safe when the wrapped embeddings are (the n-gram matrix is immutable). Closing closes
 * the wrapped embeddings.
 */
public final class SubwordEmbeddings implements Embeddings {
  private final Embeddings words;
  private final SubwordMatrix ngrams;

  /**
   * The words' embeddings, with the n-gram rows for unknown words.
   *
   * @param words the vocabulary's embeddings, used for known words
   * @param ngrams the n-gram rows
   * @throws IllegalArgumentException when the dimensions differ
   */
  public SubwordEmbeddings(Embeddings words, SubwordMatrix ngrams) {
    if (words.dimension() != ngrams.dimension()) {
      throw new IllegalArgumentException(
          "dimensions differ: words " + words.dimension() + ", n-grams " + ngrams.dimension());
    }
    this.words = words;
    this.ngrams = ngrams;
  }

  /**
   * The model directory's embeddings with vectors for unknown words when the directory holds an
   * n-gram matrix ({@link SubwordMatrix#FILE_NAME}, written by subword training or import), else
   * {@code words} unchanged. Openers of model directories call this so that every query path
   * (neighbours, similarity, the query expander) handles unseen words alike.
   *
   * @param modelDir a model directory
   * @param words the embeddings opened from it
   * @return the embeddings, with subwords when the directory has them
   */
  public static Embeddings withSubwords(Path modelDir, Embeddings words) {
    Path file = modelDir.resolve(SubwordMatrix.FILE_NAME);
    return Files.isRegularFile(file)
        ? new SubwordEmbeddings(words, SubwordMatrix.read(file))
        : words;
  }

  /**
   * The n-gram rows that compose vectors for unknown words.
   *
   * @return the rows
   */
  public SubwordMatrix ngrams() {
    return ngrams;
  }

  @Override
  public int dimension() {
    return words.dimension();
  }

  @Override
  public int size() {
    return words.size();
  }

  @Override
  public boolean contains(String word) {
    return words.contains(word);
  }

  /**
   * The vocabulary's vector for a known word; for an unknown one the unit-length mean of its
   * n-grams' rows, or null when none of its n-grams was trained.
   */
  @Override
  public float[] unitVector(String word) {
    float[] v = words.unitVector(word);
    if (v != null || words.contains(word)) {
      return v;
    }
    v = ngrams.vector(word);
    if (v == null) {
      return null;
    }
    double norm = 0;
    for (float x : v) {
      norm += (double) x * x;
    }
    if (norm == 0) {
      return null;
    }
    WordVectors.normalizeRow(v, 0, v.length);
    return v;
  }

  @Override
  public long count(String word) {
    return words.count(word);
  }

  @Override
  public long totalCount() {
    return words.totalCount();
  }

  @Override
  public Map<String, String> metadata() {
    return words.metadata();
  }

  @Override
  public List<Neighbor> nearest(
      float[] unitQuery, int k, float minSimilarity, Set<String> exclude) {
    return words.nearest(unitQuery, k, minSimilarity, exclude);
  }

  @Override
  public void close() {
    words.close();
  }
}
