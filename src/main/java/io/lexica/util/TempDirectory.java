package io.lexica.util;

import io.lexica.LexicaException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A temporary directory for one run's scratch files (a spilled corpus, GloVe's co-occurrence runs
 * and shuffle buckets) that never outlives the run for good: {@link #close()} deletes it with
 * everything in it, a shutdown hook does so when the JVM exits first (Ctrl-C, SIGTERM), and when
 * the process is killed outright (kill -9, a crash, a power cut) the next run that creates a
 * temporary directory in the same place deletes it.
 *
 * <p>That last part works through a {@link ProcessLock}: before it makes {@code NAME}, a run
 * creates and holds {@code .NAME.lock} beside it, so a directory whose lock is not held belongs to
 * a dead run. Only names that start with {@value #FAMILY} are considered, and a directory without
 * its lock file (made by an older Lexica, or by anyone else) is left alone. Thread-safe.
 */
public final class TempDirectory implements Closeable {
  /** The prefix every Lexica temporary directory's name starts with. */
  static final String FAMILY = "lexica-";

  private static final String LOCK_SUFFIX = ".lock";

  private final Path path;
  private final ProcessLock lock;
  private final Thread hook;
  private boolean closed;

  private TempDirectory(Path path, ProcessLock lock) {
    this.path = path;
    this.lock = lock;
    this.hook = new Thread(this::close, "lexica-temp-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * Creates a new directory under {@code parent} (null: the system's temporary directory) whose
   * name starts with {@code prefix}, after deleting what killed runs left there.
   *
   * @param parent where to create it, or null
   * @param prefix starts with {@value #FAMILY}, e.g. {@code lexica-glove-}
   * @param purpose what the files are, for the error message ("co-occurrence files")
   * @return the directory; closing it deletes it with its contents
   * @throws io.lexica.LexicaException when the directory cannot be created, naming the fix (free
   *     space, --temp-dir)
   * @throws IllegalArgumentException when {@code prefix} does not start with {@value #FAMILY}
   */
  public static TempDirectory create(Path parent, String prefix, String purpose) {
    if (!prefix.startsWith(FAMILY)) {
      throw new IllegalArgumentException(prefix + " does not start with " + FAMILY);
    }
    Path where = parent != null ? parent : Path.of(System.getProperty("java.io.tmpdir"));
    try {
      Files.createDirectories(where);
      removeAbandoned(where);
      Random random = new Random();
      while (true) {
        Path dir = where.resolve(prefix + Long.toHexString(random.nextLong() >>> 1));
        ProcessLock lock;
        try {
          lock = ProcessLock.create(lockFile(dir));
        } catch (java.nio.file.FileAlreadyExistsException e) {
          continue; // that name is taken: draw another
        }
        try {
          Files.createDirectory(dir);
          return new TempDirectory(dir, lock);
        } catch (IOException | RuntimeException e) {
          lock.close();
          throw e;
        }
      }
    } catch (IOException e) {
      throw failure(where, purpose, e);
    }
  }

  private static Path lockFile(Path dir) {
    return dir.resolveSibling("." + dir.getFileName() + LOCK_SUFFIX);
  }

  /** Deletes the directories in {@code parent} whose runs are dead (see the class comment). */
  static void removeAbandoned(Path parent) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (!name.startsWith("." + FAMILY) || !name.endsWith(LOCK_SUFFIX)) {
          continue;
        }
        Path dir = parent.resolve(name.substring(1, name.length() - LOCK_SUFFIX.length()));
        try (ProcessLock abandoned = ProcessLock.takeOverIfAbandoned(entry)) {
          if (abandoned != null) {
            AtomicOutput.deleteRecursively(dir);
          }
        } catch (IOException e) {
          // another user's file, or a disk problem: not ours to fail on
        }
      }
    }
  }

  /**
   * The directory.
   *
   * @return the directory's path; it exists until {@link #close()}
   */
  public Path path() {
    return path;
  }

  /**
   * The error to report when temporary files cannot be written in {@code where}.
   *
   * @param where the directory that failed
   * @param purpose what the files are, e.g. "co-occurrence files"
   * @param e the cause
   * @return an exception (not thrown) that names the place and the fix (free space, another
   *     --temp-dir)
   */
  public static LexicaException failure(Path where, String purpose, IOException e) {
    return new LexicaException(
        "cannot write temporary " + purpose + " in " + where + ": " + e,
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
    lock.close();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down: the hook runs anyway, harmlessly.
    }
  }
}
