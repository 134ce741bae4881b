package io.lexica.train.glove;

/**
 * A seeded pseudo-random permutation of {@code [0, n)} computed on demand, in O(1) memory: a
 * four-round Feistel network on the smallest even number of bits that covers n, with cycle walking
 * to stay below n. It lets a shuffle place entry k at position {@code apply(k)} without holding the
 * permutation, so the shuffled order depends only on n and the seed, never on how memory is split.
 * Immutable and thread-safe.
 */
final class FeistelPermutation {
  private static final int ROUNDS = 4;

  private final long n;
  private final int halfBits;
  private final long mask;
  private final long[] keys = new long[ROUNDS];

  FeistelPermutation(long n, long seed) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be positive: " + n);
    }
    this.n = n;
    int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, n - 1));
    this.halfBits = Math.max(1, (bits + 1) / 2);
    this.mask = (1L << halfBits) - 1;
    long s = seed;
    for (int r = 0; r < ROUNDS; r++) {
      s += 0x9E3779B97F4A7C15L;
      keys[r] = mix(s);
    }
  }

  /** The position of element {@code k} (0 &lt;= k &lt; n). */
  long apply(long k) {
    long x = k;
    do {
      x = encrypt(x);
    } while (x >= n);
    return x;
  }

  private long encrypt(long x) {
    long left = x >>> halfBits;
    long right = x & mask;
    for (int r = 0; r < ROUNDS; r++) {
      long next = left ^ (mix(right ^ keys[r]) & mask);
      left = right;
      right = next;
    }
    return (left << halfBits) | right;
  }

  /** The splitmix64 finalizer: a strong 64-bit mixing function. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
