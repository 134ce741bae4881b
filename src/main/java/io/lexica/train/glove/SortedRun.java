package io.lexica.train.glove;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A source of co-occurrence counts in increasing (row, column) order, each pair at most once: the
 * dense block, or a run spilled to a file. Counts are fixed-point units (see {@link
 * CooccurrenceCounter}).
 */
interface SortedRun extends Closeable {
  /** Bytes of one record in a run file: key (long) and units (long). */
  int RECORD_BYTES = 16;

  /** Advances to the next pair; false at the end. */
  boolean next() throws IOException;

  /** The current pair as {@link #key(int, int)}. */
  long key();

  /** The current pair's count in fixed-point units. */
  long units();

  /** Row and column packed so that keys sort as (row, column). */
  static long key(int row, int column) {
    return ((long) row << 32) | column;
  }

  static int row(long key) {
    return (int) (key >>> 32);
  }

  static int column(long key) {
    return (int) key;
  }

  /** Reads a run file written as key/units records. */
  static SortedRun file(Path file, int bufferBytes) throws IOException {
    RecordReader in = new RecordReader(file, bufferBytes);
    return new SortedRun() {
      private long key;
      private long units;

      @Override
      public boolean next() throws IOException {
        if (!in.next(RECORD_BYTES)) {
          return false;
        }
        key = in.getLong();
        units = in.getLong();
        return true;
      }

      @Override
      public long key() {
        return key;
      }

      @Override
      public long units() {
        return units;
      }

      @Override
      public void close() throws IOException {
        in.close();
      }
    };
  }
}
