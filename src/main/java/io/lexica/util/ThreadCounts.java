package io.lexica.util;

import io.lexica.LexicaException;

/**
 * Thread counts a caller chooses: the one rule they follow (at least 1; a count of 0 or less used
 * to be taken silently as 1) and the default of the stages that read and analyse text. Stateless.
 */
public final class ThreadCounts {
  private ThreadCounts() {}

  /**
   * The default of the reading and indexing stages: the cores, at most 4. Beyond four, the one
   * thread that reads the input (or the index writer) is the limit, and more threads only cost
   * memory.
   *
   * @return {@code min(availableProcessors, 4)}
   */
  public static int readingDefault() {
    return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  /**
   * Returns {@code n} when it is at least 1.
   *
   * @param n the thread count asked for
   * @param what what the threads do, for the message, e.g. "indexing threads"
   * @return {@code n}
   * @throws LexicaException when {@code n < 1}
   */
  public static int require(int n, String what) {
    if (n < 1) {
      throw new LexicaException(
          what + " must be at least 1, not " + n,
          "pass 1 or more (by default the cores are used, at most 4)");
    }
    return n;
  }
}
