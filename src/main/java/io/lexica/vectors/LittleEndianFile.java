package io.lexica.vectors;

import io.lexica.LexicaException;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;
import org.apache.lucene.codecs.CodecUtil;

/**
 * Buffered little-endian reading and writing of primitive values and float arrays over a file
 * channel: the byte order fastText writes on every machine it runs on (x86, ARM), and fast bulk
 * float transfers for matrices of hundreds of megabytes. A writer keeps the CRC32 of what it wrote,
 * so a file can end in Lucene's codec footer ({@link #writeChecksumFooter()}). Not thread-safe.
 */
final class LittleEndianFile implements Closeable {
  private static final int BUFFER = 1 << 20;

  private final Path path;
  private final FileChannel channel;
  private final ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
  private final boolean writing;
  private final CRC32 written = new CRC32();

  private LittleEndianFile(Path path, FileChannel channel, boolean writing) {
    this.path = path;
    this.channel = channel;
    this.writing = writing;
    if (!writing) {
      buf.flip(); // empty, ready to fill
    }
  }

  static LittleEndianFile openForReading(Path path) throws IOException {
    try {
      return new LittleEndianFile(path, FileChannel.open(path, StandardOpenOption.READ), false);
    } catch (NoSuchFileException e) {
      throw new LexicaException("no such file: " + path, "check the path");
    }
  }

  static LittleEndianFile openForWriting(Path path) throws IOException {
    return new LittleEndianFile(
        path,
        FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING),
        true);
  }

  Path path() {
    return path;
  }

  // ---- reading

  private void need(int bytes) throws IOException {
    if (buf.remaining() >= bytes) {
      return;
    }
    buf.compact();
    while (buf.position() < bytes) {
      if (channel.read(buf) < 0) {
        throw new EOFException();
      }
    }
    buf.flip();
  }

  /** True when every byte has been read. */
  boolean atEnd() throws IOException {
    return !buf.hasRemaining() && channel.position() >= channel.size();
  }

  byte readByte() throws IOException {
    need(1);
    return buf.get();
  }

  int readInt() throws IOException {
    need(4);
    return buf.getInt();
  }

  long readLong() throws IOException {
    need(8);
    return buf.getLong();
  }

  double readDouble() throws IOException {
    need(8);
    return buf.getDouble();
  }

  /** Reads {@code count} floats into {@code dest[offset ..]}; a null dest skips them. */
  void readFloats(float[] dest, long offset, long count) throws IOException {
    while (count > 0) {
      need(4);
      int n = (int) Math.min(count, buf.remaining() / 4);
      if (dest != null) {
        buf.asFloatBuffer().get(dest, Math.toIntExact(offset), n);
      }
      buf.position(buf.position() + n * 4);
      offset += n;
      count -= n;
    }
  }

  // ---- writing

  private void room(int bytes) throws IOException {
    if (buf.remaining() < bytes) {
      flush();
    }
  }

  private void flush() throws IOException {
    buf.flip();
    written.update(buf.duplicate());
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
    buf.clear();
  }

  void writeByte(int b) throws IOException {
    room(1);
    buf.put((byte) b);
  }

  void writeBytes(byte[] b) throws IOException {
    for (byte x : b) {
      writeByte(x);
    }
  }

  void writeInt(int x) throws IOException {
    room(4);
    buf.putInt(x);
  }

  void writeLong(long x) throws IOException {
    room(8);
    buf.putLong(x);
  }

  void writeDouble(double x) throws IOException {
    room(8);
    buf.putDouble(x);
  }

  /** Writes {@code count} floats from {@code src[offset ..]}; a null src writes zeros. */
  void writeFloats(float[] src, long offset, long count) throws IOException {
    while (count > 0) {
      room(4);
      int n = (int) Math.min(count, buf.remaining() / 4);
      if (src != null) {
        buf.asFloatBuffer().put(src, Math.toIntExact(offset), n);
        buf.position(buf.position() + n * 4);
      } else {
        for (int i = 0; i < n; i++) {
          buf.putFloat(0f);
        }
      }
      offset += n;
      count -= n;
    }
  }

  /**
   * Ends the file with Lucene's codec footer ({@code CodecUtil.writeFooter}): the footer magic and
   * algorithm 0 as big-endian ints, then the CRC32 of every byte before the checksum as a
   * big-endian long. {@code CodecUtil.checksumEntireFile} then verifies the file as it does
   * Lucene's own.
   */
  void writeChecksumFooter() throws IOException {
    writeInt(Integer.reverseBytes(CodecUtil.FOOTER_MAGIC));
    writeInt(0);
    flush();
    writeLong(Long.reverseBytes(written.getValue()));
  }

  /** Reads and checks the magic and algorithm of a footer {@link #writeChecksumFooter} wrote. */
  boolean readChecksumFooter() throws IOException {
    boolean magic = Integer.reverseBytes(readInt()) == CodecUtil.FOOTER_MAGIC;
    boolean algorithm = readInt() == 0;
    readLong(); // the checksum: verified by CodecUtil.checksumEntireFile, which reads every byte
    return magic && algorithm;
  }

  @Override
  public void close() throws IOException {
    try {
      if (writing) {
        flush();
      }
    } finally {
      channel.close();
    }
  }
}
