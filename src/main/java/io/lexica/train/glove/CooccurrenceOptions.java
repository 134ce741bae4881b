package io.lexica.train.glove;

import io.lexica.LexicaException;
import java.nio.file.Path;

/**
 * How co-occurrences are counted: the window, its shape, and the memory the counting tables may
 * use.
 *
 * @param window the largest distance between two counted positions (gaps included), 1..{@value
 *     #MAX_WINDOW}; the reference's default is 15
 * @param symmetric count words on both sides (the reference's default); false counts only the words
 *     on the left of each word, so entry (i, j) means "i occurs before j"
 * @param memoryBytes the memory the counting and shuffling tables may use; beyond it, sorted runs
 *     are spilled to temporary files and merged. At least {@value #MIN_MEMORY} bytes
 * @param tempDirectory where temporary files go, or null for {@code java.io.tmpdir}
 */
public record CooccurrenceOptions(
    int window, boolean symmetric, long memoryBytes, Path tempDirectory) {
  public static final int DEFAULT_WINDOW = 15;
  public static final int MAX_WINDOW = 127;
  public static final long MIN_MEMORY = 1 << 16;
  public static final long DEFAULT_MEMORY = 4L << 30;

  /**
   * Checks the window and the memory before any counting starts.
   *
   * @throws io.lexica.LexicaException when the window is outside 1..{@value #MAX_WINDOW} or the
   *     memory is below {@value #MIN_MEMORY} bytes
   */
  public CooccurrenceOptions {
    if (window < 1 || window > MAX_WINDOW) {
      throw new LexicaException(
          "the co-occurrence window must be 1.." + MAX_WINDOW + ", not " + window,
          "pass a --window in that range (GloVe's default is 15)");
    }
    if (memoryBytes < MIN_MEMORY) {
      throw new LexicaException(
          "the co-occurrence memory must be at least " + MIN_MEMORY + " bytes, not " + memoryBytes,
          "pass a larger --memory, e.g. 4g");
    }
  }

  /**
   * The reference's defaults: window 15, symmetric, 4 GiB, the system's temporary directory.
   *
   * @return the defaults
   */
  public static CooccurrenceOptions defaults() {
    return new CooccurrenceOptions(DEFAULT_WINDOW, true, DEFAULT_MEMORY, null);
  }

  /**
   * These options with another window.
   *
   * @param window the new window, 1..{@value #MAX_WINDOW}
   * @return new options; these are unchanged
   */
  public CooccurrenceOptions withWindow(int window) {
    return new CooccurrenceOptions(window, symmetric, memoryBytes, tempDirectory);
  }

  /**
   * These options with another window shape.
   *
   * @param symmetric true to count both sides, false for the left side only
   * @return new options; these are unchanged
   */
  public CooccurrenceOptions withSymmetric(boolean symmetric) {
    return new CooccurrenceOptions(window, symmetric, memoryBytes, tempDirectory);
  }

  /**
   * These options with another memory budget.
   *
   * @param memoryBytes the budget in bytes, at least {@value #MIN_MEMORY}
   * @return new options; these are unchanged
   */
  public CooccurrenceOptions withMemory(long memoryBytes) {
    return new CooccurrenceOptions(window, symmetric, memoryBytes, tempDirectory);
  }

  /**
   * These options with another temporary directory.
   *
   * @param tempDirectory the directory, or null for {@code java.io.tmpdir}
   * @return new options; these are unchanged
   */
  public CooccurrenceOptions withTempDirectory(Path tempDirectory) {
    return new CooccurrenceOptions(window, symmetric, memoryBytes, tempDirectory);
  }

  /** The temporary directory to use. */
  Path tempParent() {
    return tempDirectory != null ? tempDirectory : Path.of(System.getProperty("java.io.tmpdir"));
  }
}
