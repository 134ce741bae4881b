package io.lexica.train.glove;

import io.lexica.util.StopSignal;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends fixed-size binary records (ints, longs, floats; native byte order) to a temporary file
 * through one reusable buffer. The files it writes live only as long as one training run, so the
 * byte order is the machine's. Each time the buffer fills, before it is written out, the run's
 * {@link StopSignal} is checked: every phase that writes (counting's spills and merges, the
 * shuffle) stops within one buffer of the signal. Not thread-safe.
 */
final class RecordWriter implements Closeable {
  private final FileChannel channel;
  private final ByteBuffer buffer;
  private final StopSignal stop;

  RecordWriter(Path file, int bufferBytes, StopSignal stop) throws IOException {
    this.stop = stop;
    this.channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    this.buffer = ByteBuffer.allocate(Math.max(64, bufferBytes)).order(ByteOrder.nativeOrder());
  }

  /**
   * Makes room for a record of {@code bytes} bytes, writing the buffer out when it is full.
   *
   * @throws RuntimeException the stop signal's exception, when it fired (checked when the buffer is
   *     full)
   */
  RecordWriter reserve(int bytes) throws IOException {
    if (buffer.remaining() < bytes) {
      stop.check();
      flush();
    }
    return this;
  }

  void putInt(int v) {
    buffer.putInt(v);
  }

  void putLong(long v) {
    buffer.putLong(v);
  }

  void putFloat(float v) {
    buffer.putFloat(v);
  }

  private void flush() throws IOException {
    buffer.flip();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    buffer.clear();
  }

  @Override
  public void close() throws IOException {
    try {
      flush();
    } finally {
      channel.close();
    }
  }
}
