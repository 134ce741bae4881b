package io.lexica.vectors;

import io.lexica.LexicaException;
import org.apache.lucene.codecs.KnnVectorsFormat;

/**
 * What a Lucene vector field ({@code KnnFloatVectorField}) can hold, checked in one place by every
 * writer of one: a model ({@code VectorStoreWriter}) and document vectors ({@code
 * DocumentVectorIndexer}, {@code lexica index --embed}). Lucene only checks when the first document
 * arrives, which for {@code lexica train} is after the whole training; callers check before the
 * work instead. Vector files have no such limit. Stateless.
 */
public final class VectorFieldLimits {
  /**
   * The most dimensions Lucene's vector formats accept ({@link
   * KnnVectorsFormat#DEFAULT_MAX_DIMENSIONS}; every format Lexica writes keeps that default).
   */
  public static final int MAX_DIMENSION = KnnVectorsFormat.DEFAULT_MAX_DIMENSIONS;

  private VectorFieldLimits() {}

  /**
   * Fails unless vectors of {@code dimension} fit a Lucene vector field.
   *
   * @param dimension the vectors' dimension
   * @param remedy how to stay within the limit where this check is made
   * @throws LexicaException when {@code dimension > MAX_DIMENSION}
   */
  public static void checkDimension(int dimension, String remedy) {
    if (dimension > MAX_DIMENSION) {
      throw new LexicaException(
          "vectors of "
              + dimension
              + " dimensions do not fit a Lucene vector field, which holds at most "
              + MAX_DIMENSION,
          remedy);
    }
  }
}
