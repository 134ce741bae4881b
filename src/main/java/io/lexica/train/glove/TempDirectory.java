package io.lexica.train.glove;

import io.lexica.LexicaException;
import io.lexica.util.AtomicOutput;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A temporary directory that is deleted with everything in it by {@link #close()}, or by a shutdown
 * hook when the JVM exits first (Ctrl-C, SIGTERM), so interrupted runs leave no gigabytes behind.
 * Thread-safe.
 */
final class TempDirectory implements Closeable {
  private final Path path;
  private final Thread hook;
  private boolean closed;

  private TempDirectory(Path path) {
    this.path = path;
    this.hook = new Thread(() -> deleteQuietly(path), "lexica-temp-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Creates a new directory under {@code parent} whose name starts with {@code prefix}. */
  static TempDirectory create(Path parent, String prefix) {
    try {
      Files.createDirectories(parent);
      return new TempDirectory(Files.createTempDirectory(parent, prefix));
    } catch (IOException e) {
      throw failure(parent, e);
    }
  }

  Path path() {
    return path;
  }

  /** The error to report when temporary files cannot be written. */
  static LexicaException failure(Path where, IOException e) {
    return new LexicaException(
        "cannot write temporary co-occurrence files in " + where + ": " + e,
        "free disk space there or choose another temporary directory (--temp-dir)",
        e);
  }

  private static void deleteQuietly(Path path) {
    try {
      AtomicOutput.deleteRecursively(path);
    } catch (IOException e) {
      // Best effort: the original failure matters more than a leftover temporary file.
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    deleteQuietly(path);
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down: the hook runs anyway, harmlessly.
    }
  }
}
