package io.lexica.train.glove;

import static io.lexica.train.TrainRandom.mix;

import java.util.SplittableRandom;

/**
 * A seeded, uniformly random order of n entries that can be built in bounded memory, the way an
 * external shuffle works: entry k goes to one of {@link #count()} blocks by a hash of (seed, k), as
 * if each entry drew its block independently, and each block is put in random order by Fisher-Yates
 * ({@link #shuffle}). The blocks, in block order, then hold the entries in an order where every
 * permutation is equally likely: the construction treats all entries alike.
 *
 * <p>The order depends only on n and the seed: a shuffle may group neighbouring blocks into as many
 * files as its memory needs. (An earlier version placed entries by a four-round Feistel
 * permutation; it passed simple uniformity checks, but GloVe trained on its order was about two
 * points worse on semantic analogies than on a Fisher-Yates order, so the order is now drawn the
 * way the reference's shuffle draws it.)
 *
 * <p>Immutable and thread-safe.
 */
final class ShuffleBlocks {
  /** Entries per block on average: a block is shuffled in memory. */
  static final int MEAN_BLOCK_SIZE = 1 << 16;

  private final long seedKey;
  private final int count;

  ShuffleBlocks(long n, long seed) {
    this(n, seed, MEAN_BLOCK_SIZE);
  }

  /** For tests: blocks of {@code meanBlockSize} entries on average. */
  ShuffleBlocks(long n, long seed, int meanBlockSize) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative: " + n);
    }
    this.seedKey = mix(seed + 0x9E3779B97F4A7C15L);
    this.count =
        (int) Math.max(1, Math.min(Integer.MAX_VALUE, (n + meanBlockSize - 1) / meanBlockSize));
  }

  /** Number of blocks. */
  int count() {
    return count;
  }

  /** The block of entry {@code k}. */
  int blockOf(long k) {
    return (int) (((mix(k ^ seedKey) >>> 32) * count) >>> 32);
  }

  /**
   * Shuffles block {@code block}'s entries, held as pairs of longs in {@code pairs[2*from, 2*to)},
   * with Fisher-Yates and the block's own random stream.
   */
  void shuffle(int block, long[] pairs, int from, int to) {
    SplittableRandom random = new SplittableRandom(mix(seedKey ^ mix(block + 1L)));
    for (int i = to - 1; i > from; i--) {
      int j = from + random.nextInt(i - from + 1);
      long a = pairs[2 * i];
      long b = pairs[2 * i + 1];
      pairs[2 * i] = pairs[2 * j];
      pairs[2 * i + 1] = pairs[2 * j + 1];
      pairs[2 * j] = a;
      pairs[2 * j + 1] = b;
    }
  }
}
