package io.lexica.train.glove;

import io.lexica.util.StopSignal;
import io.lexica.util.TempDirectory;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The co-occurrence entries in the pseudo-random order training visits them, in a temporary file
 * that {@link #close()} deletes. Each record holds what the training loop needs: row, column, log
 * of the count, and the weight f(x) = min(1, (x/x_max)^alpha), computed once here rather than in
 * every iteration.
 *
 * <p>The order is drawn by {@link ShuffleBlocks}: uniformly random, and dependent only on the
 * entries and the seed. Shuffling is bounded in memory the way an external shuffle is: entries are
 * scattered to bucket files by their random block, then each bucket is loaded, its blocks shuffled
 * in memory and appended. A {@link StopSignal} is checked once per buffer written, so a signal that
 * fires ends the shuffle within moments, as the signal's exception, its files deleted.
 *
 * <p>Thread-safe for reading: each {@link #reader} has its own file handle.
 */
final class ShuffledCooccurrences implements Closeable {
  /** Bytes of one training record: row, column (ints), log x, f(x) (floats). */
  static final int RECORD_BYTES = 16;

  /** Bytes of one entry waiting in a bucket: block, row, column (ints), x (float). */
  private static final int BUCKET_RECORD_BYTES = 16;

  /** Most buckets (open files) at once; beyond it buckets grow past the memory bound. */
  static final int MAX_BUCKETS = 256;

  /** Most entries in one bucket: its pairs of longs fill one array. */
  private static final long MAX_BUCKET_ENTRIES = (Integer.MAX_VALUE - 16) / 2;

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
   * @param stop checked between blocks written; when it throws, the shuffle stops, deletes its
   *     files and lets the exception propagate
   */
  public static ShuffledCooccurrences create(
      CooccurrenceTable table,
      double xMax,
      double alpha,
      long seed,
      long memoryBytes,
      Path tempParent,
      StopSignal stop) {
    return create(
        table, xMax, alpha, seed, memoryBytes, tempParent, stop, ShuffleBlocks.MEAN_BLOCK_SIZE);
  }

  /** For tests: blocks of {@code meanBlockSize} entries on average. */
  static ShuffledCooccurrences create(
      CooccurrenceTable table,
      double xMax,
      double alpha,
      long seed,
      long memoryBytes,
      Path tempParent,
      StopSignal stop,
      int meanBlockSize) {
    TempDirectory dir =
        TempDirectory.create(tempParent, "lexica-glove-shuffle-", CooccurrenceCounter.PURPOSE);
    boolean done = false;
    try {
      long n = table.entryCount();
      Path file = dir.path().resolve("shuffled.bin");
      ShuffleBlocks blocks = new ShuffleBlocks(n, seed, meanBlockSize);
      // A bucket in memory takes 16 bytes an entry; half the memory for one bucket.
      long perBucket = Math.min(MAX_BUCKET_ENTRIES, Math.max(4096, memoryBytes / 2 / 16));
      int buckets =
          (int)
              Math.min(
                  Math.min(MAX_BUCKETS, blocks.count()),
                  Math.max(1, (n + perBucket - 1) / perBucket));
      new Shuffle(table, xMax, alpha, blocks, dir.path(), memoryBytes, stop).run(file, n, buckets);
      done = true;
      return new ShuffledCooccurrences(dir, file, n, buckets);
    } catch (IOException e) {
      throw TempDirectory.failure(dir.path(), CooccurrenceCounter.PURPOSE, e);
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

  /**
   * One shuffle: scatter to bucket files by block, then load each bucket and shuffle its blocks.
   */
  private record Shuffle(
      CooccurrenceTable table,
      double xMax,
      double alpha,
      ShuffleBlocks blocks,
      Path dir,
      long memoryBytes,
      StopSignal stop) {

    void run(Path file, long n, int buckets) throws IOException {
      int[] sizes = new int[blocks.count()];
      for (long k = 0; k < n; k++) {
        sizes[blocks.blockOf(k)]++;
      }
      int ioBuffer = (int) Math.max(4096, Math.min(1 << 20, memoryBytes / 4 / (buckets + 1)));
      try (RecordWriter out = new RecordWriter(file, ioBuffer, stop)) {
        if (buckets == 1) {
          Bucket bucket = new Bucket(0, blocks.count(), sizes);
          try (CooccurrenceTable.Cursor c = table.cursor()) {
            long k = 0;
            while (c.next()) {
              bucket.put(blocks.blockOf(k++), c.row(), c.column(), c.value());
            }
          }
          bucket.writeTo(out);
          return;
        }
        List<Path> files = scatter(buckets, ioBuffer);
        for (int b = 0; b < buckets; b++) {
          Bucket bucket = new Bucket(firstBlock(b, buckets), firstBlock(b + 1, buckets), sizes);
          try (RecordReader in = new RecordReader(files.get(b), 1 << 16)) {
            while (in.next(BUCKET_RECORD_BYTES)) {
              bucket.put(in.getInt(), in.getInt(), in.getInt(), in.getFloat());
            }
          }
          bucket.writeTo(out);
          Files.delete(files.get(b));
        }
      }
    }

    /** The bucket that holds {@code block}: neighbouring blocks go together. */
    private int bucketOf(int block, int buckets) {
      return (int) ((long) block * buckets / blocks.count());
    }

    /** The first block of {@code bucket}, the inverse of {@link #bucketOf}. */
    private int firstBlock(int bucket, int buckets) {
      return (int) (((long) bucket * blocks.count() + buckets - 1) / buckets);
    }

    private List<Path> scatter(int buckets, int ioBuffer) throws IOException {
      List<Path> files = new ArrayList<>();
      RecordWriter[] writers = new RecordWriter[buckets];
      try {
        for (int b = 0; b < buckets; b++) {
          files.add(dir.resolve(String.format("bucket-%04d.bin", b)));
          writers[b] = new RecordWriter(files.get(b), ioBuffer, stop);
        }
        try (CooccurrenceTable.Cursor c = table.cursor()) {
          long k = 0;
          while (c.next()) {
            int block = blocks.blockOf(k++);
            RecordWriter w = writers[bucketOf(block, buckets)];
            w.reserve(BUCKET_RECORD_BYTES);
            w.putInt(block);
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

    /**
     * The entries of blocks [first, end), each block's in table order until {@link #writeTo}
     * shuffles them. An entry's two longs sit side by side, so moving it touches one cache line.
     */
    private final class Bucket {
      final int first;
      final int[] start;
      final int[] fill;
      final long[] slots;

      Bucket(int first, int end, int[] sizes) {
        this.first = first;
        this.start = new int[end - first + 1];
        for (int b = first; b < end; b++) {
          start[b - first + 1] = start[b - first] + sizes[b];
        }
        this.fill = Arrays.copyOf(start, end - first);
        this.slots = new long[2 * start[end - first]];
      }

      void put(int block, int row, int column, float x) {
        int at = fill[block - first]++;
        float logCount = (float) Math.log(x);
        float weight = x >= xMax ? 1f : (float) Math.pow(x / xMax, alpha);
        slots[2 * at] = SortedRun.key(row, column);
        slots[2 * at + 1] =
            ((long) Float.floatToRawIntBits(logCount) << 32)
                | (Float.floatToRawIntBits(weight) & 0xFFFFFFFFL);
      }

      void writeTo(RecordWriter out) throws IOException {
        for (int b = 0; b + 1 < start.length; b++) {
          blocks.shuffle(first + b, slots, start[b], start[b + 1]);
        }
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
