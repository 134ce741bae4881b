package io.lexica.train.glove;

import java.io.IOException;
import java.util.List;

/** Merges sorted runs (k-way, with a binary heap) and adds up the counts of equal pairs. */
final class RunMerger {
  /** Receives the merged pairs in increasing key order, each once. */
  interface Sink {
    void accept(long key, long units) throws IOException;
  }

  private RunMerger() {}

  /**
   * Merges {@code runs} into {@code sink}; the runs are consumed but not closed.
   *
   * @return the number of distinct pairs passed to the sink
   */
  static long merge(List<SortedRun> runs, Sink sink) throws IOException {
    int k = runs.size();
    SortedRun[] heap = new SortedRun[k];
    int size = 0;
    for (SortedRun run : runs) {
      if (run.next()) {
        heap[size++] = run;
      }
    }
    for (int i = size / 2 - 1; i >= 0; i--) {
      siftDown(heap, size, i);
    }
    long distinct = 0;
    while (size > 0) {
      long key = heap[0].key();
      long units = 0;
      while (size > 0 && heap[0].key() == key) {
        units += heap[0].units();
        if (heap[0].next()) {
          siftDown(heap, size, 0);
        } else {
          heap[0] = heap[--size];
          siftDown(heap, size, 0);
        }
      }
      sink.accept(key, units);
      distinct++;
    }
    return distinct;
  }

  private static void siftDown(SortedRun[] heap, int size, int i) {
    if (i >= size) {
      return;
    }
    SortedRun x = heap[i];
    long xk = x.key();
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && heap[child + 1].key() < heap[child].key()) {
        child++;
      }
      if (heap[child].key() >= xk) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = x;
  }
}
