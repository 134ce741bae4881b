package io.lexica.train.glove;

/**
 * The counts of frequent word pairs in one array, as the Stanford tool keeps them: ids are
 * frequency ranks, and pair (a, b) has a cell when {@code (a+1)*(b+1) <= maxProduct}, so row a
 * holds the first {@code min(V, maxProduct/(a+1))} columns. Frequent pairs, which make most of the
 * corpus's co-occurrence events, are then added in place; the rest go to the sparse buffers. The
 * cell rule is symmetric, so a symmetric window needs no special case. Not thread-safe.
 */
final class DenseBlock {
  /** Bytes a cell takes: counts are fixed-point longs so that any summation order is exact. */
  static final int CELL_BYTES = Long.BYTES;

  final int[] rowLength;
  final int[] rowStart;
  final long[] cells;

  private DenseBlock(int[] rowLength, int[] rowStart, long[] cells) {
    this.rowLength = rowLength;
    this.rowStart = rowStart;
    this.cells = cells;
  }

  /** The largest block for {@code vocabularySize} words whose cells fit in {@code bytes}. */
  static DenseBlock withinBudget(int vocabularySize, long bytes) {
    long maxCells = Math.min(bytes / CELL_BYTES, Integer.MAX_VALUE - 16);
    long lo = 0;
    long hi = (long) vocabularySize * vocabularySize;
    while (lo < hi) { // largest product whose block fits
      long mid = lo + (hi - lo + 1) / 2;
      if (cellCount(vocabularySize, mid) <= maxCells) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    long maxProduct = lo;
    int[] rowLength = new int[vocabularySize];
    int[] rowStart = new int[vocabularySize + 1];
    int total = 0;
    for (int a = 0; a < vocabularySize; a++) {
      rowLength[a] = (int) Math.min(vocabularySize, maxProduct / (a + 1));
      rowStart[a] = total;
      total += rowLength[a];
    }
    rowStart[vocabularySize] = total;
    return new DenseBlock(rowLength, rowStart, new long[total]);
  }

  private static long cellCount(int vocabularySize, long maxProduct) {
    long n = 0;
    for (int a = 0; a < vocabularySize; a++) {
      long len = maxProduct / (a + 1);
      if (len == 0) {
        break;
      }
      n += Math.min(vocabularySize, len);
    }
    return n;
  }

  int cellCount() {
    return cells.length;
  }

  /** The non-zero cells in (row, column) order. */
  SortedRun run() {
    return new SortedRun() {
      private int a;
      private int b = -1;
      private long units;

      @Override
      public boolean next() {
        while (a < rowLength.length) {
          int len = rowLength[a];
          int base = rowStart[a];
          while (++b < len) {
            long u = cells[base + b];
            if (u != 0) {
              units = u;
              return true;
            }
          }
          a++;
          b = -1;
        }
        return false;
      }

      @Override
      public long key() {
        return SortedRun.key(a, b);
      }

      @Override
      public long units() {
        return units;
      }

      @Override
      public void close() {}
    };
  }
}
