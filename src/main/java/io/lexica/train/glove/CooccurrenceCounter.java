package io.lexica.train.glove;

import io.lexica.LexicaException;
import io.lexica.corpus.EncodedCorpus;
import io.lexica.util.Progress;
import io.lexica.util.StopSignal;
import io.lexica.util.TempDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Counts word co-occurrences in an {@link EncodedCorpus} within a window, each pair weighted by
 * 1/distance, in bounded memory, the way the Stanford GloVe tool's {@code cooccur} does: pairs of
 * frequent words (small product of frequency ranks) are added in a {@link DenseBlock}; the others
 * are collected in a buffer that is sorted and spilled as a run to a temporary file whenever it
 * fills; finally the block and the runs are merged (k-way) into a {@link CooccurrenceTable}.
 *
 * <p>A window never crosses a sequence boundary. Gap entries ({@link EncodedCorpus#GAP}) count in
 * the distance but are never words.
 *
 * <p>Counts are accumulated as fixed-point integers: a pair at distance d adds {@code scale/d}
 * units, where scale is the least common multiple of 1..window (so the weights are exact) or
 * 2<sup>32</sup> for windows above 22. Integer addition is associative, so the result does not
 * depend on how memory splits the work: a run with little memory produces the same entries, bit for
 * bit, as one with plenty.
 *
 * <p>The corpus's {@link EncodedCorpus#stopSignal()} is checked once per sequence counted and once
 * per buffer written (spills, merges), so a signal that fires ends the counting within moments, as
 * the signal's exception. Temporary files are deleted on success, on failure and when stopped. Not
 * thread-safe; counting itself runs on the calling thread (sorting the spilled runs uses the common
 * pool).
 */
final class CooccurrenceCounter {
  /** What the temporary files are, for error messages. */
  static final String PURPOSE = "co-occurrence files";

  /** Most runs merged at once; more are first merged in groups (files and buffers stay few). */
  static final int MAX_FAN_IN = 64;

  /** Bits of a buffered pair: row and column 28 bits each, distance 7 bits. */
  private static final int DISTANCE_BITS = 7;

  private static final int COLUMN_SHIFT = DISTANCE_BITS;
  private static final int ROW_SHIFT = DISTANCE_BITS + 28;
  private static final int MAX_VOCABULARY = 1 << 28;

  private final CooccurrenceOptions options;
  private final int maxFanIn;

  public CooccurrenceCounter(CooccurrenceOptions options) {
    this(options, MAX_FAN_IN);
  }

  /** A counter that merges at most {@code maxFanIn} runs at once; small values test the cascade. */
  CooccurrenceCounter(CooccurrenceOptions options, int maxFanIn) {
    if (maxFanIn < 2) {
      throw new IllegalArgumentException("maxFanIn must be at least 2");
    }
    this.options = options;
    this.maxFanIn = maxFanIn;
  }

  /**
   * Counts the corpus.
   *
   * @param progress receives the number of corpus entries (tokens and gaps) processed
   * @return the table; the caller closes it to delete its file
   */
  public CooccurrenceTable count(EncodedCorpus corpus, Progress progress) {
    int vocabularySize = corpus.vocabulary().size();
    if (vocabularySize >= MAX_VOCABULARY) {
      throw new LexicaException(
          "the vocabulary has "
              + vocabularySize
              + " words; GloVe counting supports fewer than 2^28",
          "raise --min-count or set a maximum vocabulary size");
    }
    TempDirectory dir = TempDirectory.create(options.tempParent(), "lexica-glove-", PURPOSE);
    boolean done = false;
    try {
      CooccurrenceTable table = new Counting(corpus, dir, progress).run();
      done = true;
      return table;
    } catch (IOException e) {
      throw TempDirectory.failure(dir.path(), PURPOSE, e);
    } finally {
      if (!done) {
        dir.close();
      }
    }
  }

  /** The fixed-point scale for a window: lcm(1..window) while it stays below 2^32. */
  static long scale(int window) {
    long lcm = 1;
    for (int d = 2; d <= window; d++) {
      lcm = lcm / gcd(lcm, d) * d;
      if (lcm > 1L << 32) {
        return 1L << 32;
      }
    }
    return lcm;
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  /** One counting run: its buffers and files. */
  private final class Counting {
    private final EncodedCorpus corpus;
    private final TempDirectory temp;
    private final Path dir;
    private final Progress progress;
    private final StopSignal stop;
    private final long scale;
    private final long[] weight;
    private final DenseBlock dense;
    private final int bufferLimit;
    private long[] buffer;
    private final int ioBuffer;
    private final List<Path> runs = new ArrayList<>();
    private int size;

    Counting(EncodedCorpus corpus, TempDirectory temp, Progress progress) {
      this.corpus = corpus;
      this.temp = temp;
      this.dir = temp.path();
      this.progress = progress;
      this.stop = corpus.stopSignal();
      int window = options.window();
      this.scale = scale(window);
      this.weight = new long[window + 1];
      for (int d = 1; d <= window; d++) {
        weight[d] = scale % d == 0 ? scale / d : Math.round((double) scale / d);
      }
      // A quarter of the memory for the dense block (less its row tables), a quarter for the
      // sparse buffer; the rest is headroom for I/O buffers, merging and the JVM's own needs.
      long memory = options.memoryBytes();
      int v = corpus.vocabulary().size();
      this.dense = DenseBlock.withinBudget(v, Math.max(0, memory / 4 - 8L * v));
      long events = // an upper bound: no larger buffer is ever needed
          corpus.offset(corpus.sequenceCount()) * window * (options.symmetric() ? 2 : 1) + 2;
      this.bufferLimit =
          (int)
              Math.max(
                  1024,
                  Math.min(Math.min(memory / 4 / Long.BYTES, events), Integer.MAX_VALUE - 16));
      // The buffer grows (doubling) up to its limit, so small corpora never touch the whole budget.
      this.buffer = new long[Math.min(bufferLimit, 1 << 16)];
      this.ioBuffer = (int) Math.max(4096, Math.min(1 << 20, memory / 4 / (maxFanIn + 1)));
    }

    CooccurrenceTable run() throws IOException {
      try {
        countAll();
        spill();
        return merge();
      } finally {
        for (Path run : runs) {
          Files.deleteIfExists(run);
        }
      }
    }

    private void countAll() throws IOException {
      final int window = options.window();
      final boolean symmetric = options.symmetric();
      final int[] rowLength = dense.rowLength;
      final int[] rowStart = dense.rowStart;
      final long[] cells = dense.cells;
      final long[] weight = this.weight;
      long[] buffer = this.buffer;
      int room = buffer.length - 2;
      int[] seq = new int[corpus.maxSequenceLength()];
      int sequences = corpus.sequenceCount();
      for (int s = 0; s < sequences; s++) {
        stop.check();
        int len = corpus.read(s, seq);
        for (int p = 1; p < len; p++) {
          int b = seq[p];
          if (b < 0) {
            continue; // a gap
          }
          int lo = Math.max(0, p - window);
          for (int q = p - 1; q >= lo; q--) {
            int a = seq[q];
            if (a < 0) {
              continue;
            }
            int d = p - q;
            if (b < rowLength[a]) { // (a, b) dense, hence (b, a) too
              cells[rowStart[a] + b] += weight[d];
              if (symmetric) {
                cells[rowStart[b] + a] += weight[d];
              }
            } else {
              if (size > room) {
                if (buffer.length < bufferLimit) {
                  buffer = Arrays.copyOf(buffer, (int) Math.min(bufferLimit, 2L * buffer.length));
                  this.buffer = buffer;
                } else {
                  spill();
                }
                room = buffer.length - 2;
              }
              buffer[size++] = pack(a, b, d);
              if (symmetric) {
                buffer[size++] = pack(b, a, d);
              }
            }
          }
        }
        progress.add(len);
      }
    }

    private static long pack(int row, int column, int distance) {
      return ((long) row << ROW_SHIFT) | ((long) column << COLUMN_SHIFT) | distance;
    }

    /** Sorts the buffer, adds up equal pairs and writes them as a run. */
    private void spill() throws IOException {
      if (size == 0) {
        return;
      }
      Arrays.parallelSort(buffer, 0, size);
      Path file = dir.resolve(String.format("run-%05d.bin", runs.size()));
      runs.add(file);
      final long distanceMask = (1L << DISTANCE_BITS) - 1;
      try (RecordWriter out = new RecordWriter(file, ioBuffer, stop)) {
        int i = 0;
        while (i < size) {
          long pair = buffer[i] >>> COLUMN_SHIFT;
          long units = 0;
          do {
            units += weight[(int) (buffer[i] & distanceMask)];
            i++;
          } while (i < size && buffer[i] >>> COLUMN_SHIFT == pair);
          int row = (int) (pair >>> (ROW_SHIFT - COLUMN_SHIFT));
          int column = (int) (pair & ((1L << 28) - 1));
          out.reserve(SortedRun.RECORD_BYTES);
          out.putLong(SortedRun.key(row, column));
          out.putLong(units);
        }
      }
      size = 0;
    }

    private CooccurrenceTable merge() throws IOException {
      int spilled = runs.size();
      int generation = 0;
      while (runs.size() > maxFanIn - 1) { // leave one input for the dense block
        List<Path> group = new ArrayList<>(runs.subList(0, maxFanIn));
        Path merged = dir.resolve(String.format("merged-%05d.bin", generation++));
        runs.add(merged);
        try (RecordWriter out = new RecordWriter(merged, ioBuffer, stop)) {
          mergeRuns(
              group,
              null,
              (key, units) -> {
                out.reserve(SortedRun.RECORD_BYTES);
                out.putLong(key);
                out.putLong(units);
              });
        }
        for (Path p : group) {
          Files.delete(p);
        }
        runs.removeAll(group);
      }
      Path file = dir.resolve("cooccurrence.bin");
      final double unit = 1.0 / scale;
      long entries;
      try (RecordWriter out = new RecordWriter(file, ioBuffer, stop)) {
        entries =
            mergeRuns(
                runs,
                dense,
                (key, units) -> {
                  out.reserve(CooccurrenceTable.RECORD_BYTES);
                  out.putInt(SortedRun.row(key));
                  out.putInt(SortedRun.column(key));
                  out.putFloat((float) (units * unit));
                });
      }
      return new CooccurrenceTable(
          temp, file, corpus.vocabulary().size(), entries, spilled, dense.cellCount());
    }

    private long mergeRuns(List<Path> files, DenseBlock block, RunMerger.Sink sink)
        throws IOException {
      List<SortedRun> inputs = new ArrayList<>();
      try {
        if (block != null) {
          inputs.add(block.run());
        }
        for (Path f : files) {
          inputs.add(SortedRun.file(f, ioBuffer));
        }
        return RunMerger.merge(inputs, sink);
      } finally {
        for (SortedRun r : inputs) {
          r.close();
        }
      }
    }
  }
}
