package io.lexica.train;

/**
 * The word2vec C tool's linear congruential generator ({@code next = next * 25214903917 + 11}),
 * used by trainers for every random choice in the inner loop: it is a multiply and an add, with no
 * synchronization, and it makes runs reproducible from a seed. Quality is ample for sampling
 * windows, negatives and subsampling; the low bits are weak, so every draw uses the high bits.
 *
 * <p>Not thread-safe: each training thread owns one, made by {@link #forThread(long, int)}.
 */
public final class TrainRandom {
  private static final long MULTIPLIER = 25214903917L;
  private static final long INCREMENT = 11L;

  private long state;

  /**
   * A generator starting from {@code seed} as its state.
   *
   * @param seed the initial state; equal seeds give equal sequences
   */
  public TrainRandom(long seed) {
    this.state = seed;
  }

  /**
   * The generator of training thread {@code thread} for a run seeded with {@code seed}: the seeds
   * are spread by a SplitMix64 step so that threads do not walk the same sequence.
   *
   * @param seed the run's seed
   * @param thread the thread's number, from 0
   * @return a new generator
   */
  public static TrainRandom forThread(long seed, int thread) {
    return new TrainRandom(mix(seed + 0x9E3779B97F4A7C15L * (thread + 1)));
  }

  /**
   * The SplitMix64 finalizer: a strong 64-bit mixing function, for deriving seeds and hashes.
   *
   * @param z the value to mix
   * @return the mixed value
   */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Advances the generator and returns 32 random bits (the high bits of the state). */
  int nextBits() {
    state = state * MULTIPLIER + INCREMENT;
    return (int) (state >>> 16);
  }

  /**
   * A uniform int in {@code [0, bound)}; {@code bound} must be positive.
   *
   * @param bound the exclusive upper bound
   * @return the value
   */
  public int nextInt(int bound) {
    return (int) (((nextBits() & 0xFFFFFFFFL) * bound) >>> 32);
  }

  /**
   * A uniform float in {@code [0, 1)} with 24 random bits.
   *
   * @return the value
   */
  public float nextFloat() {
    return (nextBits() >>> 8) * 0x1.0p-24f;
  }
}
