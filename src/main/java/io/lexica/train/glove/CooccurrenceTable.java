package io.lexica.train.glove;

import io.lexica.util.TempDirectory;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The counted co-occurrence matrix: its non-zero entries (row, column, weighted count) sorted by
 * row, then column, in a temporary file that {@link #close()} deletes. Produced by {@link
 * CooccurrenceCounter}; read by {@link ShuffledCooccurrences}. Rows and columns are vocabulary ids;
 * with a left-only window, entry (i, j) counts i occurring before j.
 *
 * <p>Thread-safe for reading: each {@link #cursor()} has its own file handle.
 */
final class CooccurrenceTable implements Closeable {
  /** Bytes of one entry in the file: row (int), column (int), count (float). */
  static final int RECORD_BYTES = 12;

  private final TempDirectory directory;
  private final Path file;
  private final int vocabularySize;
  private final long entryCount;
  private final int spilledRuns;
  private final long denseCells;

  CooccurrenceTable(
      TempDirectory directory,
      Path file,
      int vocabularySize,
      long entryCount,
      int spilledRuns,
      long denseCells) {
    this.directory = directory;
    this.file = file;
    this.vocabularySize = vocabularySize;
    this.entryCount = entryCount;
    this.spilledRuns = spilledRuns;
    this.denseCells = denseCells;
  }

  int vocabularySize() {
    return vocabularySize;
  }

  /** Number of non-zero entries. */
  long entryCount() {
    return entryCount;
  }

  /** Sorted runs written to disk while counting (1 when the sparse pairs fit in memory). */
  int spilledRuns() {
    return spilledRuns;
  }

  /** Cells of the dense block of frequent pairs. */
  long denseCells() {
    return denseCells;
  }

  /** Size of the entries as stored: {@value #RECORD_BYTES} bytes each. */
  long byteSize() {
    return entryCount * RECORD_BYTES;
  }

  /** Reads the entries in (row, column) order; close it when done. */
  public Cursor cursor() throws IOException {
    return new Cursor(new RecordReader(file, 1 << 16));
  }

  /** Deletes the temporary file. */
  @Override
  public void close() {
    directory.close();
  }

  /** A forward-only reader of the entries. Not thread-safe. */
  public static final class Cursor implements Closeable {
    private final RecordReader in;
    private int row;
    private int column;
    private float value;

    private Cursor(RecordReader in) {
      this.in = in;
    }

    /** Advances to the next entry; false at the end. */
    public boolean next() throws IOException {
      if (!in.next(RECORD_BYTES)) {
        return false;
      }
      row = in.getInt();
      column = in.getInt();
      value = in.getFloat();
      return true;
    }

    public int row() {
      return row;
    }

    public int column() {
      return column;
    }

    /** The weighted count: the sum of 1/distance over the pair's occurrences. */
    public float value() {
      return value;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
