package io.lexica.eval;

import io.lexica.LexicaException;
import io.lexica.vectors.WordLookup;
import io.lexica.vectors.WordVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The Word Embedding Association Test (WEAT, Caliskan et al. 2017): how much more two target word
 * sets {@code X}, {@code Y} associate with attribute set {@code A} than with {@code B}, as an
 * effect size and a permutation p-value.
 *
 * <p>A word's association is {@code s(w) = mean_{a in A} cos(w, a) - mean_{b in B} cos(w, b)}. The
 * effect size is {@code (mean_{x in X} s(x) - mean_{y in Y} s(y)) / sd_{w in X u Y} s(w)}, with the
 * sample standard deviation (n - 1; the paper does not say, common implementations use it); it lies
 * in [-2, 2], and Caliskan et al. read 0.2, 0.5 and 0.8 as small, medium and large. The test
 * statistic is {@code S(X, Y) = sum_X s - sum_Y s}; the p-value is the share of partitions of
 * {@code X u Y} into sets of sizes {@code |X|} and {@code |Y|} with {@code S(X_i, Y_i) >= S(X, Y)}.
 * The paper writes {@code >}; with {@code >=} the observed partition counts itself, the usual
 * convention of exact permutation tests, so a p-value is never 0 (they differ only by ties). Every
 * partition is enumerated when there are at most {@code exactLimit} of them (e.g. 12,870 for 8 + 8
 * words); otherwise {@code samples} random partitions are drawn from a seeded generator and p is
 * estimated as {@code (hits + 1) / (samples + 1)} (Phipson and Smyth 2010), deterministic for a
 * seed.
 *
 * <p>Words are matched exact, else case-folded ({@link WordLookup}); words the model lacks are left
 * out and reported. Stateless; thread-safe.
 */
public final class Weat {
  /** Enumerate partitions up to this many; C(20, 10) = 184,756 is enumerated. */
  public static final long DEFAULT_EXACT_LIMIT = 1_000_000;

  /** Random partitions when there are more than the exact limit. */
  public static final int DEFAULT_SAMPLES = 100_000;

  private Weat() {}

  /**
   * Runs a test with the default limits and {@code seed}.
   *
   * @param vectors the model
   * @param sets the test's word sets
   * @param seed the seed of the random partitions, when sampled
   * @return the result
   */
  public static WeatResult run(WordVectors vectors, WeatSets sets, long seed) {
    return run(new WordLookup(vectors), sets, DEFAULT_EXACT_LIMIT, DEFAULT_SAMPLES, seed);
  }

  /**
   * Runs a test.
   *
   * @param lookup finds the words' vectors (exact, else case-folded)
   * @param sets the test's word sets
   * @param exactLimit enumerate every partition when there are at most this many
   * @param samples random partitions drawn otherwise (at least 1 when there are more than {@code
   *     exactLimit} partitions)
   * @param seed the seed of the random partitions
   * @return the result
   */
  public static WeatResult run(
      WordLookup lookup, WeatSets sets, long exactLimit, int samples, long seed) {
    WordVectors vectors = lookup.vectors();
    List<String> missing = new ArrayList<>();
    List<List<String>> all = List.of(sets.x(), sets.y(), sets.a(), sets.b());
    float[][][] unit = new float[4][][];
    int[] found = new int[4];
    for (int s = 0; s < 4; s++) {
      List<float[]> rows = new ArrayList<>();
      for (String w : all.get(s)) {
        int row = lookup.row(w);
        if (row < 0) {
          missing.add(w);
        } else {
          float[] v = vectors.vector(row);
          WordVectors.normalizeRow(v, 0, v.length);
          rows.add(v);
        }
      }
      unit[s] = rows.toArray(new float[0][]);
      found[s] = rows.size();
    }
    for (int f : found) {
      if (f == 0) {
        return new WeatResult(sets, found, missing, Double.NaN, Double.NaN, Double.NaN, false, 0);
      }
    }
    int nx = found[0];
    int n = nx + found[1];
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      float[] w = i < nx ? unit[0][i] : unit[1][i - nx];
      s[i] = meanCosine(w, unit[2]) - meanCosine(w, unit[3]);
    }
    double sumX = 0;
    double sumAll = 0;
    for (int i = 0; i < n; i++) {
      sumAll += s[i];
      if (i < nx) {
        sumX += s[i];
      }
    }
    double meanX = sumX / nx;
    double meanY = (sumAll - sumX) / (n - nx);
    double mean = sumAll / n;
    double var = 0;
    for (double v : s) {
      var += (v - mean) * (v - mean);
    }
    double sd = n > 1 ? Math.sqrt(var / (n - 1)) : Double.NaN;
    double effect = (meanX - meanY) / sd;
    // S(X_i, Y_i) = 2 sum_{X_i} s - sum_all: comparing S is comparing the sum over X_i.
    // A relative tolerance keeps partitions equal up to rounding counted as ties.
    double threshold = sumX - 1e-12 * Math.max(1, Math.abs(sumX));
    double p;
    long evaluated;
    boolean exact = binomial(n, nx) <= exactLimit;
    if (exact) {
      long[] counts = new long[2];
      enumerate(s, 0, nx, 0, threshold, counts);
      p = (double) counts[0] / counts[1];
      evaluated = counts[1];
    } else {
      if (samples < 1) {
        throw new LexicaException(
            "random partitions must be at least 1, not " + samples,
            "pass e.g. --permutations 100000");
      }
      SplittableRandom random = new SplittableRandom(seed);
      int[] order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      long hits = 0;
      for (int t = 0; t < samples; t++) {
        // a partial Fisher-Yates shuffle: the first nx places are a uniform random subset
        double sum = 0;
        for (int i = 0; i < nx; i++) {
          int j = i + random.nextInt(n - i);
          int tmp = order[i];
          order[i] = order[j];
          order[j] = tmp;
          sum += s[order[i]];
        }
        if (sum >= threshold) {
          hits++;
        }
      }
      p = (hits + 1.0) / (samples + 1.0);
      evaluated = samples;
    }
    return new WeatResult(sets, found, missing, meanX - meanY, effect, p, exact, evaluated);
  }

  private static double meanCosine(float[] w, float[][] set) {
    double sum = 0;
    for (float[] v : set) {
      double dot = 0;
      for (int i = 0; i < w.length; i++) {
        dot += (double) w[i] * v[i];
      }
      sum += dot;
    }
    return sum / set.length;
  }

  /**
   * Counts subsets of size {@code left} of {@code s[from..]} (plus {@code sum}) at the threshold.
   */
  private static void enumerate(
      double[] s, int from, int left, double sum, double threshold, long[] counts) {
    if (left == 0) {
      counts[1]++;
      if (sum >= threshold) {
        counts[0]++;
      }
      return;
    }
    for (int i = from; i <= s.length - left; i++) {
      enumerate(s, i + 1, left - 1, sum + s[i], threshold, counts);
    }
  }

  /** n choose k as a double (exact below 2^53). */
  static double binomial(int n, int k) {
    double c = 1;
    for (int i = 1; i <= k; i++) {
      c = c * (n - k + i) / i;
    }
    return Math.rint(c);
  }
}
