package io.lexica.train.glove;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The co-occurrence entries in the pseudo-random order training visits them, in a temporary file
 * that {@link #close()} deletes. Each record holds what the training loop needs: row, column, log
 * of the count, and the weight f(x) = min(1, (x/x_max)^alpha), computed once here rather than in
 * every iteration.
 *
 * <p>The order is a {@link FeistelPermutation} of the sorted entries, so it depends only on the
 * entries and the seed. Shuffling is bounded in memory the way an external sort is: entries are
 * scattered to buckets by their target position, then each bucket is placed in memory and appended.
 *
 * <p>Thread-safe for reading: each {@link #reader} has its own file handle.
 */
public final class ShuffledCooccurrences implements Closeable {
  /** Bytes of one training record: row, column (ints), log x, f(x) (floats). */
  static final int RECORD_BYTES = 16;

  /** Bytes of one entry waiting in a bucket: slot, row, column (ints), x (float). */
  private static final int BUCKET_RECORD_BYTES = 16;

  /** Most buckets (open files) at once; beyond it buckets grow past the memory bound. */
  static final int MAX_BUCKETS = 256;

  private final TempDirectory directory;
  private final Path file;
  private final long entryCount;
  private final int buckets;

  private ShuffledCooccurrences(TempDirectory directory, Path file, long entryCount, int buckets) {
    this.directory = directory;
    this.file = file;
    this.entryCount = entryCount;
    this.buckets = buckets;
  }

  /**
   * Shuffles a table.
   *
   * @param xMax the count at which the weight reaches 1
   * @param alpha the weight's exponent
   * @param seed the permutation's seed
   * @param memoryBytes the memory the shuffle may use
   * @param tempParent where the temporary directory goes
   */
  public static ShuffledCooccurrences create(
      CooccurrenceTable table,
      double xMax,
      double alpha,
      long seed,
      long memoryBytes,
      Path tempParent) {
    TempDirectory dir = TempDirectory.create(tempParent, "lexica-glove-shuffle-");
    boolean done = false;
    try {
      long n = table.entryCount();
      Path file = dir.path().resolve("shuffled.bin");
      // A bucket in memory takes 16 bytes an entry; half the memory for one bucket.
      long perBucket = Math.max(4096, memoryBytes / 2 / 16);
      int buckets = (int) Math.min(MAX_BUCKETS, Math.max(1, (n + perBucket - 1) / perBucket));
      perBucket = Math.max(1, (n + buckets - 1) / buckets);
      new Shuffle(
              table,
              xMax,
              alpha,
              new FeistelPermutation(Math.max(1, n), seed),
              dir.path(),
              memoryBytes)
          .run(file, n, buckets, perBucket);
      done = true;
      return new ShuffledCooccurrences(dir, file, n, buckets);
    } catch (IOException e) {
      throw TempDirectory.failure(dir.path(), e);
    } finally {
      if (!done) {
        dir.close();
      }
    }
  }

  public long entryCount() {
    return entryCount;
  }

  /** Buckets the shuffle used (1 when everything fit in memory). */
  public int buckets() {
    return buckets;
  }

  /** Reads entries {@code [from, to)} of the shuffled order. */
  Reader reader(long from, long to) throws IOException {
    return new Reader(
        new RecordReader(file, from * RECORD_BYTES, to * RECORD_BYTES, RECORD_BYTES << 14));
  }

  /** Deletes the temporary file. */
  @Override
  public void close() {
    directory.close();
  }

  /** Reads shuffled entries in blocks. Not thread-safe. */
  static final class Reader implements Closeable {
    private final RecordReader in;

    private Reader(RecordReader in) {
      this.in = in;
    }

    /** Fills the arrays from the start with the next entries; returns how many, 0 at the end. */
    int read(int[] rows, int[] columns, float[] logCounts, float[] weights) throws IOException {
      int n = 0;
      while (n < rows.length && in.next(RECORD_BYTES)) {
        rows[n] = in.getInt();
        columns[n] = in.getInt();
        logCounts[n] = in.getFloat();
        weights[n] = in.getFloat();
        n++;
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** One shuffle: scatter to buckets, then place each bucket. */
  private record Shuffle(
      CooccurrenceTable table,
      double xMax,
      double alpha,
      FeistelPermutation permutation,
      Path dir,
      long memoryBytes) {

    void run(Path file, long n, int buckets, long perBucket) throws IOException {
      int ioBuffer = (int) Math.max(4096, Math.min(1 << 20, memoryBytes / 4 / (buckets + 1)));
      try (RecordWriter out = new RecordWriter(file, ioBuffer)) {
        if (buckets == 1) {
          placeAll(out, (int) n);
          return;
        }
        List<Path> files = scatter(buckets, perBucket, ioBuffer);
        for (int b = 0; b < buckets; b++) {
          long start = b * perBucket;
          int size = (int) Math.min(perBucket, n - start);
          place(files.get(b), size, out);
          Files.delete(files.get(b));
        }
      }
    }

    private List<Path> scatter(int buckets, long perBucket, int ioBuffer) throws IOException {
      List<Path> files = new ArrayList<>();
      RecordWriter[] writers = new RecordWriter[buckets];
      try {
        for (int b = 0; b < buckets; b++) {
          files.add(dir.resolve(String.format("bucket-%04d.bin", b)));
          writers[b] = new RecordWriter(files.get(b), ioBuffer);
        }
        try (CooccurrenceTable.Cursor c = table.cursor()) {
          long k = 0;
          while (c.next()) {
            long pos = permutation.apply(k++);
            RecordWriter w = writers[(int) (pos / perBucket)];
            w.reserve(BUCKET_RECORD_BYTES);
            w.putInt((int) (pos % perBucket));
            w.putInt(c.row());
            w.putInt(c.column());
            w.putFloat(c.value());
          }
        }
      } finally {
        for (RecordWriter w : writers) {
          if (w != null) {
            w.close();
          }
        }
      }
      return files;
    }

    private void placeAll(RecordWriter out, int n) throws IOException {
      Bucket bucket = new Bucket(n);
      try (CooccurrenceTable.Cursor c = table.cursor()) {
        long k = 0;
        while (c.next()) {
          bucket.put((int) permutation.apply(k++), c.row(), c.column(), c.value());
        }
      }
      bucket.writeTo(out);
    }

    private void place(Path bucketFile, int size, RecordWriter out) throws IOException {
      Bucket bucket = new Bucket(size);
      try (RecordReader in = new RecordReader(bucketFile, 1 << 16)) {
        while (in.next(BUCKET_RECORD_BYTES)) {
          bucket.put(in.getInt(), in.getInt(), in.getInt(), in.getFloat());
        }
      }
      bucket.writeTo(out);
    }

    /**
     * Entries of one position range, placed by position. An entry's two longs sit side by side, so
     * placing it costs one cache miss, not four.
     */
    private final class Bucket {
      final long[] slots;

      Bucket(int size) {
        slots = new long[2 * size];
      }

      void put(int slot, int row, int column, float x) {
        float logCount = (float) Math.log(x);
        float weight = x >= xMax ? 1f : (float) Math.pow(x / xMax, alpha);
        slots[2 * slot] = SortedRun.key(row, column);
        slots[2 * slot + 1] =
            ((long) Float.floatToRawIntBits(logCount) << 32)
                | (Float.floatToRawIntBits(weight) & 0xFFFFFFFFL);
      }

      void writeTo(RecordWriter out) throws IOException {
        for (int i = 0; i < slots.length; i += 2) {
          out.reserve(RECORD_BYTES);
          out.putInt(SortedRun.row(slots[i]));
          out.putInt(SortedRun.column(slots[i]));
          out.putFloat(Float.intBitsToFloat((int) (slots[i + 1] >>> 32)));
          out.putFloat(Float.intBitsToFloat((int) slots[i + 1]));
        }
      }
    }
  }
}
