package io.lexica.eval.retrieval;

import java.util.SplittableRandom;

/**
 * Fisher's paired randomization (permutation) test, two-sided, as recommended for IR by Smucker,
 * Allan and Carterette (2007): under the null hypothesis the two systems' scores on a query are
 * exchangeable, so each per-query difference's sign is flipped at random; the p-value is the share
 * of {@code trials} random flips whose mean difference is at least as far from 0 as the observed
 * one (with the observed assignment counted, so p is never 0). Deterministic for a seed. Stateless.
 */
final class RandomizationTest {
  private RandomizationTest() {}

  /**
   * @param a per-query scores of system A
   * @param b per-query scores of system B, same queries in the same order
   */
  public static double pValue(double[] a, double[] b, int trials, long seed) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("paired samples differ in length");
    }
    int n = a.length;
    if (n == 0) {
      return 1;
    }
    double[] d = new double[n];
    double observed = 0;
    for (int i = 0; i < n; i++) {
      d[i] = a[i] - b[i];
      observed += d[i];
    }
    observed = Math.abs(observed);
    // A tolerance so that float noise in equal sums does not decide the comparison.
    double eps = 1e-12 * Math.max(1, observed);
    SplittableRandom random = new SplittableRandom(seed);
    int atLeast = 0;
    for (int t = 0; t < trials; t++) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += random.nextBoolean() ? d[i] : -d[i];
      }
      if (Math.abs(sum) >= observed - eps) {
        atLeast++;
      }
    }
    return (atLeast + 1.0) / (trials + 1.0);
  }
}
