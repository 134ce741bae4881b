package io.lexica.vectors.store;

import io.lexica.LexicaException;
import java.util.Map;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;

/**
 * How a model's HNSW graph is built and whether its search vectors are quantized. Immutable.
 *
 * @param maxConn HNSW M: neighbours kept per node (Lucene's default 16); more gives better recall,
 *     a bigger graph and slower builds
 * @param beamWidth candidates considered while inserting a node (Lucene's default 100)
 * @param quantizationBits 0 for full float32 search vectors, or 8, 7 or 4 to search on Lucene's
 *     scalar-quantized copies ({@code Lucene104HnswScalarQuantizedVectorsFormat}); the float
 *     vectors are kept beside them, so reported similarities stay exact
 */
public record StoreOptions(int maxConn, int beamWidth, int quantizationBits) {
  /** Lucene's defaults, no quantization. */
  public static final StoreOptions DEFAULT =
      new StoreOptions(
          Lucene99HnswVectorsFormat.DEFAULT_MAX_CONN,
          Lucene99HnswVectorsFormat.DEFAULT_BEAM_WIDTH,
          0);

  /** Checks the settings against Lucene's limits. */
  public StoreOptions {
    if (maxConn <= 0 || maxConn > Lucene99HnswVectorsFormat.MAXIMUM_MAX_CONN) {
      throw new LexicaException(
          "HNSW M (max connections) must be in 1.."
              + Lucene99HnswVectorsFormat.MAXIMUM_MAX_CONN
              + ", got "
              + maxConn,
          "use a value such as 16 (Lucene's default) or 32 for higher recall");
    }
    if (beamWidth <= 0 || beamWidth > Lucene99HnswVectorsFormat.MAXIMUM_BEAM_WIDTH) {
      throw new LexicaException(
          "HNSW beam width must be in 1.."
              + Lucene99HnswVectorsFormat.MAXIMUM_BEAM_WIDTH
              + ", got "
              + beamWidth,
          "use a value such as 100 (Lucene's default)");
    }
    if (quantizationBits != 0
        && quantizationBits != 4
        && quantizationBits != 7
        && quantizationBits != 8) {
      throw new LexicaException(
          "quantization must be 0 (none), 4, 7 or 8 bits, got " + quantizationBits,
          "pick one of 0, 4, 7, 8");
    }
  }

  /**
   * The settings a model's metadata records ({@link VectorStore#KEY_HNSW_M} and the others the
   * writer sets), so that a model derived from it (retrofitting) changes only its vectors, not how
   * they are searched.
   *
   * @param metadata a model's metadata
   * @return its settings, or {@link #DEFAULT} when it records none or invalid ones
   */
  public static StoreOptions recordedIn(Map<String, String> metadata) {
    try {
      return new StoreOptions(
          Integer.parseInt(metadata.get(VectorStore.KEY_HNSW_M)),
          Integer.parseInt(metadata.get(VectorStore.KEY_HNSW_BEAM_WIDTH)),
          Integer.parseInt(metadata.get(VectorStore.KEY_QUANTIZATION_BITS)));
    } catch (RuntimeException e) {
      return DEFAULT;
    }
  }

  /**
   * These options with another HNSW M.
   *
   * @param m neighbours kept per node
   * @return new options
   */
  public StoreOptions withMaxConn(int m) {
    return new StoreOptions(m, beamWidth, quantizationBits);
  }

  /**
   * These options with another build beam width.
   *
   * @param b candidates considered while inserting a node
   * @return new options
   */
  public StoreOptions withBeamWidth(int b) {
    return new StoreOptions(maxConn, b, quantizationBits);
  }

  /**
   * These options with another quantization.
   *
   * @param bits 0, 4, 7 or 8
   * @return new options
   */
  public StoreOptions withQuantizationBits(int bits) {
    return new StoreOptions(maxConn, beamWidth, bits);
  }
}
