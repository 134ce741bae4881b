package io.lexica.util;

import io.lexica.LexicaException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
 * try (AtomicOutput out = AtomicOutput.directory(target)) {
 *   write(out.path());
 *   out.commit();
 * }
 * }</pre>
 *
 * <p>An existing target is replaced: it is moved aside, the new output moved in, then the old one
 * deleted.
 *
 * <p>A writer that is killed (no chance to close) leaves hidden siblings behind. Each writer holds
 * an OS lock on a sibling {@code .NAME.lock-ID} while its {@code .NAME.tmp-ID} and {@code
 * .NAME.old-ID} exist, so the next output for the same target can tell leftovers from a live
 * writer's work: it deletes the leftovers, and if the writer died between moving the previous
 * result aside and moving the new one in, it moves the previous result back first. A live writer's
 * siblings are never touched.
 */
public final class AtomicOutput implements AutoCloseable {
  private static final String TMP = ".tmp-";
  private static final String OLD = ".old-";
  private static final String LOCK = ".lock-";

  private final Path target;
  private final String id;
  private final Path temp;
  private final Path lockFile;
  private final FileChannel lockChannel;
  private boolean committed;
  private boolean closed;

  private AtomicOutput(Path target, boolean directory) {
    this.target = target.toAbsolutePath().normalize();
    Path parent = this.target.getParent();
    this.id = Long.toHexString(System.nanoTime()) + Integer.toHexString(new Random().nextInt());
    this.lockFile = sibling(LOCK, id);
    this.temp = sibling(TMP, id);
    FileChannel channel = null;
    try {
      Files.createDirectories(parent);
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      channel.lock();
      cleanLeftovers();
      if (directory) {
        Files.createDirectory(temp);
      } else {
        Files.createFile(temp);
      }
    } catch (IOException e) {
      release(channel, lockFile);
      throw new LexicaException(
          "cannot create a temporary output beside " + this.target + ": " + e.getMessage(),
          "check that the directory " + parent + " is writable and has free space",
          e);
    }
    this.lockChannel = channel;
  }

  private Path sibling(String kind, String id) {
    return target.resolveSibling("." + target.getFileName() + kind + id);
  }

  /** Removes what killed writers of the same target left (see the class comment). */
  private void cleanLeftovers() throws IOException {
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
        for (String kind : new String[] {TMP, OLD, LOCK}) {
          String other = rest.startsWith(kind) ? rest.substring(kind.length()) : "";
          // ids are hex: this also keeps apart the siblings of a target named like "NAME.tmp-x"
          if (other.matches("[0-9a-f]+")) {
            ids.add(other);
          }
        }
      }
    }
    ids.remove(id);
    for (String other : ids) {
      Path otherLock = sibling(LOCK, other);
      try (FileChannel channel = openIfExists(otherLock)) {
        if (channel != null && channel.tryLock() == null) {
          continue; // another process is writing
        }
        Path old = sibling(OLD, other);
        if (Files.exists(old) && !Files.exists(target)) {
          move(old, target); // died mid-commit: the previous result goes back in place
        }
        deleteRecursively(old);
        deleteRecursively(sibling(TMP, other));
      } catch (OverlappingFileLockException e) {
        continue; // a writer in this process
      }
      Files.deleteIfExists(otherLock);
    }
  }

  private static FileChannel openIfExists(Path file) throws IOException {
    try {
      return FileChannel.open(file, StandardOpenOption.WRITE);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /**
   * Deletes the lock file while still holding the lock, so no other writer ever finds it unlocked,
   * then closes the channel (releasing the lock). Where an open file cannot be deleted (Windows),
   * the first delete fails and the file is deleted after closing. Best effort throughout: a stale
   * lock file is removed by the next writer, and failing here would mask the original outcome.
   */
  private static void release(FileChannel channel, Path lockFile) {
    boolean deleted = deleteQuietly(lockFile);
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // the lock goes with the process at the latest
      }
    }
    if (!deleted) {
      deleteQuietly(lockFile);
    }
  }

  private static boolean deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
      return true;
    } catch (IOException e) {
      return false;
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
    release(lockChannel, lockFile);
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
