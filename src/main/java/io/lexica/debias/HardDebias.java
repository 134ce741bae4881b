package io.lexica.debias;

import io.lexica.LexicaException;
import io.lexica.math.SingularValueDecomposition;
import io.lexica.vectors.WordLookup;
import io.lexica.vectors.WordVectors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Hard debiasing (Bolukbasi et al. 2016, "neutralize and equalize"), as the authors' code does it:
 *
 * <ol>
 *   <li>All vectors are scaled to unit length.
 *   <li>The bias direction {@code g} is the first principal component of the definitional pairs'
 *       vectors, each centred on its pair's mean ({@code woman - (woman + man) / 2}, ...): the
 *       direction in which the pairs differ most consistently.
 *   <li>Neutralize: every word that is not a specific word (case-folded) loses its component along
 *       {@code g} and is scaled back to unit length, so "nurse" and "engineer" are equally far from
 *       "she" and "he" along {@code g}.
 *   <li>Equalize: each equalize pair (in its lowercase, capitalised and upper-case spellings, where
 *       the model has them) becomes {@code nu +- z g}, where {@code nu} is the neutralised mean of
 *       the pair and {@code z = sqrt(1 - |nu|^2)}, signed as before: both words are then equally
 *       far from every neutral word, and still differ along {@code g}.
 * </ol>
 *
 * The result has unit vectors (the raw lengths are gone, as in the authors' code; cosine queries do
 * not use them). Gonen and Goldberg 2019 show that the bias remains recoverable from the
 * neighbourhoods of the debiased vectors ("lipstick on a pig"); a lower WEAT score after debiasing
 * measures the removed direction, not the absence of bias. Stateless; thread-safe.
 */
public final class HardDebias {
  private HardDebias() {}

  /**
   * What debiasing did.
   *
   * @param vectors the debiased vectors (unit length), words, rows and counts as given
   * @param direction the bias direction (unit length)
   * @param explained the share of the definitional differences' variance along the direction
   * @param definitionalPairs definitional pairs the model has (both words)
   * @param neutralized words neutralised
   * @param equalized equalize pairs applied (spelling variants counted separately)
   */
  public record Result(
      WordVectors vectors,
      float[] direction,
      double explained,
      int definitionalPairs,
      int neutralized,
      int equalized) {}

  /**
   * Debiases {@code vectors} with {@code lists}.
   *
   * @param vectors the model's vectors; not modified
   * @param lists the definitional pairs (which give the bias direction), the equalize pairs and the
   *     words to leave alone
   * @return the debiased vectors with the direction and counts of what was done
   * @throws io.lexica.LexicaException when the model has no definitional pair
   */
  public static Result debias(WordVectors vectors, DebiasWordLists lists) {
    WordVectors unit = vectors.normalized();
    WordLookup lookup = new WordLookup(unit);
    int d = unit.dimension();
    float[] data = unit.data().clone();

    List<double[]> centred = new ArrayList<>();
    for (List<String> pair : lists.definitional()) {
      int a = lookup.row(pair.get(0));
      int b = lookup.row(pair.get(1));
      if (a >= 0 && b >= 0 && a != b) {
        double[] ra = new double[d];
        double[] rb = new double[d];
        for (int i = 0; i < d; i++) {
          double mean = (data[a * d + i] + data[b * d + i]) / 2.0;
          ra[i] = data[a * d + i] - mean;
          rb[i] = data[b * d + i] - mean;
        }
        centred.add(ra);
        centred.add(rb);
      }
    }
    if (centred.isEmpty()) {
      throw new LexicaException(
          "the model has none of the definitional pairs' words",
          "give definitional pairs in the model's vocabulary (--definitional FILE)");
    }
    // Principal components of the rows (their mean is zero by construction: each pair is +-r).
    SingularValueDecomposition svd =
        SingularValueDecomposition.of(centred.toArray(new double[0][]));
    double[] g = svd.firstRightVector();
    double[] sv = svd.singularValues();
    double total = 0;
    for (double s : sv) {
      total += s * s;
    }
    double explained = sv[0] * sv[0] / total;
    // A fixed orientation: the first pair's first word on the positive side.
    if (dot(centred.get(0), g) < 0) {
      for (int i = 0; i < d; i++) {
        g[i] = -g[i];
      }
    }

    Set<String> specific = new HashSet<>();
    lists.specific().forEach(w -> specific.add(w.toLowerCase(Locale.ROOT)));
    int neutralized = 0;
    for (int r = 0; r < unit.size(); r++) {
      if (!specific.contains(unit.word(r).toLowerCase(Locale.ROOT))) {
        removeComponent(data, r * d, g);
        WordVectors.normalizeRow(data, r * d, d);
        neutralized++;
      }
    }

    Set<List<Integer>> pairs = new LinkedHashSet<>();
    for (List<String> pair : lists.equalize()) {
      for (int variant = 0; variant < 3; variant++) {
        int a = unit.indexOf(spelling(pair.get(0), variant));
        int b = unit.indexOf(spelling(pair.get(1), variant));
        if (a >= 0 && b >= 0 && a != b) {
          pairs.add(List.of(a, b));
        }
      }
    }
    for (List<Integer> p : pairs) {
      equalize(data, p.get(0) * d, p.get(1) * d, d, g);
    }

    long[] counts = new long[unit.size()];
    for (int r = 0; r < counts.length; r++) {
      counts[r] = unit.count(r);
    }
    float[] direction = new float[d];
    for (int i = 0; i < d; i++) {
      direction[i] = (float) g[i];
    }
    return new Result(
        new WordVectors(unit.words(), data, d, counts),
        direction,
        explained,
        centred.size() / 2,
        neutralized,
        pairs.size());
  }

  /** Lowercase, capitalised or upper case, as the authors' code tries each pair. */
  private static String spelling(String w, int variant) {
    String lower = w.toLowerCase(Locale.ROOT);
    return switch (variant) {
      case 0 -> lower;
      case 1 ->
          lower.isEmpty()
              ? lower
              : lower.substring(0, 1).toUpperCase(Locale.ROOT) + lower.substring(1);
      default -> w.toUpperCase(Locale.ROOT);
    };
  }

  /** Sets rows a and b to {@code nu +- z g} (see the class comment). */
  private static void equalize(float[] data, int a, int b, int d, double[] g) {
    double[] nu = new double[d];
    double side = 0;
    for (int i = 0; i < d; i++) {
      nu[i] = (data[a + i] + data[b + i]) / 2.0;
      side += (data[a + i] - data[b + i]) * g[i];
    }
    double along = dot(nu, g);
    double norm2 = 0;
    for (int i = 0; i < d; i++) {
      nu[i] -= along * g[i];
      norm2 += nu[i] * nu[i];
    }
    double z = Math.sqrt(Math.max(0, 1 - norm2));
    if (side < 0) {
      z = -z;
    }
    for (int i = 0; i < d; i++) {
      data[a + i] = (float) (nu[i] + z * g[i]);
      data[b + i] = (float) (nu[i] - z * g[i]);
    }
  }

  private static void removeComponent(float[] data, int off, double[] g) {
    double along = 0;
    for (int i = 0; i < g.length; i++) {
      along += data[off + i] * g[i];
    }
    for (int i = 0; i < g.length; i++) {
      data[off + i] -= (float) (along * g[i]);
    }
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
