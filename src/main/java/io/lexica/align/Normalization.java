package io.lexica.align;

import io.lexica.vectors.WordVectors;
import java.util.Locale;

/**
 * How embeddings are preprocessed before they are aligned. Orthogonal Procrustes compares vectors
 * by dot products, so their lengths and a shared offset matter: length normalisation makes the fit
 * weigh every dictionary pair equally (and dot products cosines), and mean centring removes the
 * direction common to all words of a language, which carries no meaning across languages (Artetxe
 * et al. 2016, 2018: "unit, center, unit" is VecMap's default and helps distant language pairs).
 */
public enum Normalization {
  /** The vectors as given. */
  NONE,
  /** Every vector scaled to unit length. */
  UNIT,
  /** Unit length, then the mean vector subtracted, then unit length again (the default). */
  UNIT_CENTER_UNIT;

  /**
   * The option value: {@code none}, {@code unit}, {@code unit-center-unit}.
   *
   * @return the name {@link #parse} reads back
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Parses {@link #label()} (case-insensitive, {@code _} or {@code -}).
   *
   * @param label the option's value
   * @return the normalization
   * @throws io.lexica.LexicaException when the label names none, listing the three
   */
  public static Normalization parse(String label) {
    return valueOf(label.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  /**
   * A preprocessed copy of {@code vectors} (rows, words and counts kept).
   *
   * @param vectors the vectors to preprocess; not modified
   * @return the normalized copy; for {@code none}, {@code vectors} itself
   */
  public WordVectors apply(WordVectors vectors) {
    if (this == NONE) {
      return vectors;
    }
    WordVectors unit = vectors.normalized();
    if (this == UNIT) {
      return unit;
    }
    int dim = unit.dimension();
    float[] data = unit.data().clone();
    double[] mean = new double[dim];
    for (int r = 0; r < unit.size(); r++) {
      for (int i = 0; i < dim; i++) {
        mean[i] += data[r * dim + i];
      }
    }
    for (int r = 0; r < unit.size(); r++) {
      for (int i = 0; i < dim; i++) {
        data[r * dim + i] -= (float) (mean[i] / unit.size());
      }
      WordVectors.normalizeRow(data, r * dim, dim);
    }
    long[] counts = new long[unit.size()];
    for (int r = 0; r < counts.length; r++) {
      counts[r] = unit.count(r);
    }
    return new WordVectors(unit.words(), data, dim, counts);
  }
}
