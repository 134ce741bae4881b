package io.lexica.vectors.formats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A buffered byte reader for vector files: lines for the text formats, space-terminated words and
 * little-endian float runs for the binary one. It decodes floats straight from its buffer into the
 * caller's array, so a row never exists twice. Not thread-safe.
 */
final class ByteInput implements AutoCloseable {
  private static final int BUFFER = 1 << 16;

  private final InputStream in;
  private final byte[] buf = new byte[BUFFER];
  private final ByteBuffer view = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
  private int pos;
  private int limit;
  private long consumedBefore; // bytes of the stream before buf[0]

  /** Bytes of the current line after {@link #readLine()}; valid up to {@link #lineLength()}. */
  private byte[] line = new byte[1024];

  private int lineLength;

  ByteInput(InputStream in) {
    this.in = in;
  }

  /** Bytes consumed so far (of the possibly decompressed stream). */
  long position() {
    return consumedBefore + pos;
  }

  private boolean fill() throws IOException {
    consumedBefore += limit;
    pos = 0;
    limit = 0;
    int n;
    do {
      n = in.read(buf, 0, buf.length);
    } while (n == 0);
    if (n < 0) {
      return false;
    }
    limit = n;
    return true;
  }

  /** The next byte, or -1 at the end. */
  int read() throws IOException {
    if (pos == limit && !fill()) {
      return -1;
    }
    return buf[pos++] & 0xFF;
  }

  /** The next byte without consuming it, or -1 at the end. */
  int peek() throws IOException {
    if (pos == limit && !fill()) {
      return -1;
    }
    return buf[pos] & 0xFF;
  }

  /**
   * Reads one line into {@link #line()} without its terminator ({@code \n}, and a {@code \r} before
   * it). Returns false at the end of the input when no byte was read.
   */
  boolean readLine() throws IOException {
    lineLength = 0;
    boolean any = false;
    while (true) {
      if (pos == limit && !fill()) {
        break;
      }
      any = true;
      int start = pos;
      while (pos < limit && buf[pos] != '\n') {
        pos++;
      }
      append(start, pos);
      if (pos < limit) {
        pos++; // the '\n'
        break;
      }
    }
    if (lineLength > 0 && line[lineLength - 1] == '\r') {
      lineLength--;
    }
    return any;
  }

  private void append(int from, int to) {
    int n = to - from;
    if (lineLength + n > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + n));
    }
    System.arraycopy(buf, from, line, lineLength, n);
    lineLength += n;
  }

  byte[] line() {
    return line;
  }

  int lineLength() {
    return lineLength;
  }

  /**
   * Reads bytes up to (and consuming) {@code terminator} into {@link #line()}; at most {@code max}
   * bytes. Returns the length, or -1 when the input ended first, or -2 when {@code max} was
   * exceeded.
   */
  int readUntil(byte terminator, int max) throws IOException {
    lineLength = 0;
    while (true) {
      if (pos == limit && !fill()) {
        return -1;
      }
      int start = pos;
      while (pos < limit && buf[pos] != terminator) {
        pos++;
      }
      append(start, pos);
      if (lineLength > max) {
        return -2;
      }
      if (pos < limit) {
        pos++;
        return lineLength;
      }
    }
  }

  /**
   * Reads {@code n} little-endian float32 values into {@code dst[off..off+n)}. Returns how many
   * were read completely (fewer than n only at the end of the input).
   */
  int readFloatsLittleEndian(float[] dst, int off, int n) throws IOException {
    int done = 0;
    while (done < n) {
      int avail = (limit - pos) >> 2;
      if (avail == 0) {
        compact();
        if (limit - pos < 4) {
          return done;
        }
        continue;
      }
      int take = Math.min(avail, n - done);
      view.position(pos);
      view.asFloatBuffer().get(dst, off + done, take);
      pos += take << 2;
      done += take;
    }
    return done;
  }

  /** Moves the unread tail to the front of the buffer and refills it (at least 4 bytes if any). */
  private void compact() throws IOException {
    int rest = limit - pos;
    System.arraycopy(buf, pos, buf, 0, rest);
    consumedBefore += pos;
    pos = 0;
    limit = rest;
    while (limit < 4) {
      int n = in.read(buf, limit, buf.length - limit);
      if (n < 0) {
        return;
      }
      limit += n;
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
