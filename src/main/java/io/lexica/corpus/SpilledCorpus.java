package io.lexica.corpus;

import io.lexica.util.TempDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * An {@link EncodedCorpus} whose entries live in a temporary file of little-endian ints (written by
 * {@link CorpusBuilder} when the corpus exceeds its memory limit); only the sequence offsets stay
 * in memory. Reads are positional, so any number of threads may read at once; the operating
 * system's page cache keeps hot parts in memory. Closing deletes the file and its {@link
 * TempDirectory}.
 */
final class SpilledCorpus extends SequenceIndex {
  private final FileChannel channel;
  private final TempDirectory directory;
  private final Path file;
  private final ThreadLocal<ByteBuffer> buffers;

  SpilledCorpus(
      Vocabulary vocabulary,
      FileChannel channel,
      TempDirectory directory,
      Path file,
      long[] offsets,
      long wordTokens,
      int maxSequenceLength) {
    super(vocabulary, offsets, wordTokens, maxSequenceLength);
    this.channel = channel;
    this.directory = directory;
    this.file = file;
    this.buffers =
        ThreadLocal.withInitial(
            () -> ByteBuffer.allocateDirect(4 * maxSequenceLength).order(ByteOrder.LITTLE_ENDIAN));
  }

  @Override
  public int read(int sequence, int[] dest) {
    long from = offset(sequence);
    int length = (int) (offset(sequence + 1) - from);
    ByteBuffer buf = buffers.get();
    buf.clear().limit(4 * length);
    try {
      long at = 4 * from;
      while (buf.hasRemaining()) {
        int n = channel.read(buf, at);
        if (n < 0) {
          throw new IOException("unexpected end of " + file);
        }
        at += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    buf.flip();
    buf.asIntBuffer().get(dest, 0, length);
    return length;
  }

  /** The temporary file; visible for tests. */
  Path file() {
    return file;
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      directory.close();
    }
  }
}
