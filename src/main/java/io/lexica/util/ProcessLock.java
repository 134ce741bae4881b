package io.lexica.util;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A lock file that says "the process that made these files is alive": its owner holds an OS lock on
 * it for as long as the files it guards are in use, so anyone else can tell a live owner's files
 * from a killed one's (the OS drops the lock with the process, however it died). {@link
 * AtomicOutput} guards its temporary siblings with one, {@link TempDirectory} its temporary
 * folders, and each removes what dead owners left behind.
 *
 * <p>Not thread-safe; one owner per instance.
 */
final class ProcessLock implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;

  private ProcessLock(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /**
   * Creates {@code file} (which must not exist) and locks it.
   *
   * @throws IOException when the file exists or cannot be created or locked
   */
  public static ProcessLock create(Path file) throws IOException {
    for (int attempt = 0; ; attempt++) {
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      try {
        channel.lock();
      } catch (IOException | RuntimeException e) {
        release(channel, file);
        throw e;
      }
      // Between creating and locking, a cleaner may have taken the new file for an abandoned one
      // and deleted it: the lock would then guard nothing, so make the file again.
      if (Files.exists(file) || attempt == 3) {
        return new ProcessLock(file, channel);
      }
      channel.close();
    }
  }

  /**
   * Takes over the lock file of an owner that is gone (killed, or finished without removing it), so
   * that its leftovers can be removed without another cleaner doing the same at once; closing the
   * returned lock deletes the file. Returns null while a live owner holds it (another process, or
   * another instance in this JVM, which the OS does not tell apart from us). An absent file counts
   * as abandoned: owners create it before anything it guards.
   */
  public static ProcessLock takeOverIfAbandoned(Path file) throws IOException {
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      if (channel.tryLock() != null) {
        return new ProcessLock(file, channel);
      }
    } catch (OverlappingFileLockException e) {
      // held in this JVM
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    channel.close();
    return null;
  }

  /** The lock file. */
  public Path file() {
    return file;
  }

  /**
   * Deletes the lock file while still holding the lock, so no other process ever finds it unlocked,
   * then releases the lock. Where an open file cannot be deleted (Windows), the file is deleted
   * after the release instead. Best effort: a stale lock file is removed by the next owner that
   * cleans up, and failing here would mask the outcome that matters.
   */
  @Override
  public void close() {
    release(channel, file);
  }

  private static void release(FileChannel channel, Path file) {
    boolean deleted = deleteQuietly(file);
    try {
      channel.close();
    } catch (IOException e) {
      // the lock goes with the process at the latest
    }
    if (!deleted) {
      deleteQuietly(file);
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
}
