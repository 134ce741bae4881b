package io.lexica.util;

import io.lexica.LexicaException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * An output (file or directory) written to a temporary sibling and moved into place only by {@link
 * #commit()}, so a crash or an error never leaves a half-written result under the final name.
 * Closing without commit deletes the temporary. Use with try-with-resources:
 *
 * <pre>{@code
 * try (AtomicOutput out = AtomicOutput.create(target, kind, policy)) {
 *   write(out.path());
 *   out.commit();
 * }
 * }</pre>
 *
 * <p>What an existing target may be replaced by is the {@link OutputKind}'s rule under the {@link
 * OutputPolicy}, checked when the output is created and again at commit (the target may have
 * changed meanwhile). A file replaces its target in one atomic rename. A directory cannot be
 * renamed over a non-empty one, so the previous directory is moved aside, the new one moved in, and
 * the previous one deleted; a reader that opens a directory while that happens sees it change under
 * it or briefly sees nothing, which {@link #openStable} turns into "the old or the new result,
 * never an error".
 *
 * <p>A writer that is killed (no chance to close) leaves hidden siblings behind. Each writer holds
 * a {@link ProcessLock} on a sibling {@code .NAME.lock-ID} while its {@code .NAME.tmp-ID} and
 * {@code .NAME.old-ID} exist, so the next output for the same target can tell leftovers from a live
 * writer's work: it deletes the leftovers, and if the writer died between moving the previous
 * result aside and moving the new one in, it moves the previous result back first. A live writer's
 * siblings are never touched.
 */
public final class AtomicOutput implements AutoCloseable {
  private static final String TMP = ".tmp-";
  private static final String OLD = ".old-";
  private static final String LOCK = ".lock-";

  /** How long a reader waits for a directory that a writer is moving into place. */
  private static final long COMMIT_WAIT_NANOS = 5_000_000_000L;

  /** How often {@link #openStable} opens a target that keeps being replaced while it reads. */
  private static final int MAX_OPEN_ATTEMPTS = 100;

  private final Path target;
  private final OutputKind kind;
  private final OutputPolicy policy;
  private final String id;
  private final Path temp;
  private final ProcessLock lock;
  private boolean committed;
  private boolean closed;

  private AtomicOutput(Path target, OutputKind kind, OutputPolicy policy) {
    kind.check(target, policy);
    this.target = target.toAbsolutePath().normalize();
    this.kind = kind;
    this.policy = policy;
    Path parent = this.target.getParent();
    this.id = Long.toHexString(System.nanoTime()) + Integer.toHexString(new Random().nextInt());
    this.temp = sibling(TMP, id);
    ProcessLock held = null;
    try {
      Files.createDirectories(parent);
      held = ProcessLock.create(sibling(LOCK, id));
      cleanLeftovers();
      if (kind.isDirectory()) {
        Files.createDirectory(temp);
      } else {
        Files.createFile(temp);
      }
    } catch (IOException e) {
      if (held != null) {
        held.close();
      }
      throw new LexicaException(
          "cannot create a temporary output beside " + this.target + ": " + e.getMessage(),
          "check that the directory " + parent + " is writable and has free space",
          e);
    }
    this.lock = held;
  }

  /**
   * An output of {@code kind} at {@code target}.
   *
   * @param target the final location of the output
   * @param kind what the output is, which decides what it may replace
   * @param policy whether to replace any existing target, and the command's inputs (never replaced)
   * @return a new output whose {@link #path()} is a fresh temporary beside {@code target}; commit
   *     or close it
   * @throws LexicaException when the target holds something {@code kind} may not replace under
   *     {@code policy} (see {@link OutputKind#check})
   */
  public static AtomicOutput create(Path target, OutputKind kind, OutputPolicy policy) {
    return new AtomicOutput(target, kind, policy);
  }

  /**
   * A file output that replaces only a file; {@link #path()} is an empty file to write.
   *
   * @param target the file to write
   * @return the output, under {@link OutputPolicy#SAFE}
   */
  public static AtomicOutput file(Path target) {
    return file(target, OutputPolicy.SAFE);
  }

  /**
   * A file output under {@code policy}; {@link #path()} is an empty file to write.
   *
   * @param target the file to write
   * @param policy whether to replace any existing target, and the inputs never to replace
   * @return the output
   */
  public static AtomicOutput file(Path target, OutputPolicy policy) {
    return new AtomicOutput(target, OutputKind.FILE, policy);
  }

  private Path sibling(String kind, String id) {
    return sibling(target, kind, id);
  }

  private static Path sibling(Path target, String kind, String id) {
    return target.resolveSibling("." + target.getFileName() + kind + id);
  }

  /** The ids of {@code target}'s hidden siblings of the given kinds (see the class comment). */
  private static Set<String> siblingIds(Path target, String... kinds) throws IOException {
    String prefix = "." + target.getFileName();
    Set<String> ids = new TreeSet<>();
    // listed without a glob: the target's name may hold glob characters
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(target.getParent())) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (!name.startsWith(prefix)) {
          continue;
        }
        String rest = name.substring(prefix.length());
        for (String kind : kinds) {
          String other = rest.startsWith(kind) ? rest.substring(kind.length()) : "";
          // ids are hex: this also keeps apart the siblings of a target named like "NAME.tmp-x"
          if (other.matches("[0-9a-f]+")) {
            ids.add(other);
          }
        }
      }
    }
    return ids;
  }

  /** Removes what killed writers of the same target left (see the class comment). */
  private void cleanLeftovers() throws IOException {
    Set<String> ids = siblingIds(target, TMP, OLD, LOCK);
    ids.remove(id);
    for (String other : ids) {
      try (ProcessLock abandoned = ProcessLock.takeOverIfAbandoned(sibling(LOCK, other))) {
        if (abandoned == null) {
          continue; // a live writer
        }
        Path old = sibling(OLD, other);
        if (Files.exists(old) && !Files.exists(target)) {
          move(old, target); // died mid-commit: the previous result goes back in place
        }
        deleteRecursively(old);
        deleteRecursively(sibling(TMP, other));
      }
    }
  }

  /**
   * Where to write.
   *
   * @return the temporary beside the target (same folder, so the commit is an atomic move); write
   *     here, never to {@link #target()}
   */
  public Path path() {
    return temp;
  }

  /**
   * The final location.
   *
   * @return the path the output has once committed
   */
  public Path target() {
    return target;
  }

  /**
   * Moves the finished output into place, replacing any previous one.
   *
   * @throws LexicaException when the target now holds something this output may not replace; the
   *     target is left as it is
   */
  public void commit() {
    kind.check(target, policy);
    try {
      if (!kind.isDirectory() && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
        // rename(2) replaces a file in one step: readers see the old file or the new one
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        committed = true;
        return;
      }
      Path old = null;
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        old = sibling(OLD, id);
        move(target, old);
      }
      move(temp, target);
      committed = true;
      if (old != null) {
        deleteRecursively(old);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + temp + " to " + target, e);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (!committed) {
      try {
        deleteRecursively(temp);
      } catch (IOException e) {
        // Best effort: a leftover temporary is harmless (hidden name, and the next writer of this
        // target removes it); failing here would mask the original error.
      }
    }
    lock.close();
  }

  /**
   * Opens what is at a path; the reader side of {@link #openStable}.
   *
   * @param <T> what the opener returns (a reader, a store), closed by the caller
   */
  @FunctionalInterface
  public interface Opener<T extends AutoCloseable> {
    /**
     * Opens what is at {@code path}. May fail half-way when a writer swaps the output at that
     * moment; {@link #openStable} then retries.
     *
     * @param path the output's location
     * @return the opened output, owned by the caller
     */
    T open(Path path);
  }

  /**
   * Opens the output at {@code target} with {@code opener} so that the result is entirely the
   * output as it was before a concurrent commit, or entirely the one after it, never a mix of both
   * nor an error caused by the swap. A directory is read file by file, so a commit that moves it
   * aside during the open can leave the opener with some old and some new files: the open is
   * repeated when the target's identity (file key, creation time) changed while it ran, and while a
   * writer is between moving the old directory aside and the new one in, the reader waits for it
   * (up to a few seconds). Errors that have nothing to do with a swap are thrown as they are.
   *
   * @param <T> what the opener returns
   * @param target the output's final location (a file or a directory)
   * @param opener opens what is at a path; may be called more than once
   * @return the opened output, consistent with one commit
   */
  public static <T extends AutoCloseable> T openStable(Path target, Opener<T> opener) {
    Path abs = target.toAbsolutePath().normalize();
    long waitUntil = System.nanoTime() + COMMIT_WAIT_NANOS;
    for (int attempt = 1; ; attempt++) {
      Object before = identity(abs);
      if (before == null && System.nanoTime() < waitUntil && isCommitting(abs)) {
        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        continue;
      }
      // Each repetition answers a replacement seen to happen, so it ends unless writers replace
      // the target faster than it can be opened; the cap only keeps that case from looping.
      boolean last = before == null || attempt == MAX_OPEN_ATTEMPTS;
      T result;
      try {
        result = opener.open(target);
      } catch (RuntimeException e) {
        if (last || before.equals(identity(abs))) {
          throw e;
        }
        continue; // replaced while we read: read the new one
      }
      if (last || before.equals(identity(abs))) {
        return result;
      }
      closeQuietly(result);
    }
  }

  /** The target's identity across renames, or null when nothing is there. */
  private static Object identity(Path p) {
    try {
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
      return java.util.Arrays.asList(a.fileKey(), a.creationTime());
    } catch (IOException e) {
      return null;
    }
  }

  /** Whether a writer has moved the previous output aside (see {@link #commit()}). */
  private static boolean isCommitting(Path target) {
    try {
      return target.getParent() != null && !siblingIds(target, OLD).isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // the copy read during a swap is thrown away; its close is of no interest
    }
  }

  /**
   * Deletes a file or a directory tree; absent paths are ignored.
   *
   * @param path the file or directory to delete; may be absent
   * @throws java.io.IOException when a file cannot be deleted (the deletion stops there)
   */
  public static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    Files.walkFileTree(
        path,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
