package io.lexica.train.glove;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads fixed-size records written by {@link RecordWriter} from a byte range of a file, through one
 * reusable buffer. Not thread-safe; threads that share a file open one reader each.
 */
final class RecordReader implements Closeable {
  private final FileChannel channel;
  private final ByteBuffer buffer;
  private long position;
  private final long end;

  /** Reads bytes {@code [from, to)} of {@code file}. */
  RecordReader(Path file, long from, long to, int bufferBytes) throws IOException {
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
    this.buffer = ByteBuffer.allocate(Math.max(64, bufferBytes)).order(ByteOrder.nativeOrder());
    this.buffer.limit(0);
    this.position = from;
    this.end = to;
  }

  /** Reads the whole file. */
  RecordReader(Path file, int bufferBytes) throws IOException {
    this(file, 0, fileSize(file), bufferBytes);
  }

  private static long fileSize(Path file) throws IOException {
    try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
      return c.size();
    }
  }

  /**
   * Makes the next {@code bytes} bytes available to the getters.
   *
   * @return false at the end of the range
   */
  boolean next(int bytes) throws IOException {
    if (buffer.remaining() >= bytes) {
      return true;
    }
    buffer.compact();
    while (buffer.position() < bytes) {
      int want = (int) Math.min(buffer.remaining(), end - position);
      if (want <= 0) {
        break;
      }
      buffer.limit(buffer.position() + want);
      int n = channel.read(buffer, position);
      if (n < 0) {
        throw new EOFException("temporary file ended early: " + channel);
      }
      position += n;
      buffer.limit(buffer.capacity());
    }
    buffer.flip();
    if (buffer.remaining() == 0) {
      return false;
    }
    if (buffer.remaining() < bytes) {
      throw new EOFException("truncated record in a temporary file");
    }
    return true;
  }

  int getInt() {
    return buffer.getInt();
  }

  long getLong() {
    return buffer.getLong();
  }

  float getFloat() {
    return buffer.getFloat();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
