package io.lexica.util;

import io.lexica.LexicaException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * An output (file or directory) written to a temporary sibling and moved into place only by {@link
 * #commit()}, so a crash or an error never leaves a half-written result under the final name.
 * Closing without commit deletes the temporary. Use with try-with-resources:
 *
 * <pre>{@code
 * try (AtomicOutput out = AtomicOutput.directory(target)) {
 *   write(out.path());
 *   out.commit();
 * }
 * }</pre>
 *
 * <p>An existing target is replaced: it is moved aside, the new output moved in, then the old one
 * deleted.
 */
public final class AtomicOutput implements AutoCloseable {
  private final Path target;
  private final Path temp;
  private boolean committed;

  private AtomicOutput(Path target, boolean directory) {
    this.target = target.toAbsolutePath().normalize();
    Path parent = this.target.getParent();
    try {
      Files.createDirectories(parent);
      String prefix = "." + this.target.getFileName() + ".tmp-";
      this.temp =
          directory
              ? Files.createTempDirectory(parent, prefix)
              : Files.createTempFile(parent, prefix, "");
      // Temporary files are created private (0600/0700); the result should have ordinary
      // permissions, as if it had been created directly.
      if (Files.getFileStore(this.temp).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(
            this.temp, PosixFilePermissions.fromString(directory ? "rwxr-xr-x" : "rw-r--r--"));
      }
    } catch (IOException e) {
      throw new LexicaException(
          "cannot create a temporary output beside " + this.target + ": " + e.getMessage(),
          "check that the directory " + parent + " is writable and has free space",
          e);
    }
  }

  /** A directory output; {@link #path()} is an empty directory to fill. */
  public static AtomicOutput directory(Path target) {
    return new AtomicOutput(target, true);
  }

  /** A file output; {@link #path()} is an empty file to write. */
  public static AtomicOutput file(Path target) {
    return new AtomicOutput(target, false);
  }

  /** Where to write. */
  public Path path() {
    return temp;
  }

  /** The final location. */
  public Path target() {
    return target;
  }

  /** Moves the finished output into place, replacing any previous one. */
  public void commit() {
    try {
      Path old = null;
      if (Files.exists(target)) {
        old = target.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
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
    if (!committed) {
      try {
        deleteRecursively(temp);
      } catch (IOException e) {
        // Best effort: a leftover temporary is harmless (hidden name), failing here would mask the
        // original error.
      }
    }
  }

  /** Deletes a file or a directory tree; absent paths are ignored. */
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
