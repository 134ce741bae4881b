package io.lexica.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs tasks on worker threads and hands their results to the calling thread in the order the tasks
 * were made, so that a corpus replayed in parallel still arrives in document order. At most {@code
 * threads + 1} tasks are made ahead of the one being delivered, which bounds the memory that
 * results waiting for delivery take.
 */
final class OrderedParallel {
  private OrderedParallel() {}

  /**
   * Takes tasks from {@code tasks} (on the calling thread: the iterator may read a file) and passes
   * each result to {@code deliver} (also on the calling thread), in order. A task's exception is
   * rethrown here: unchecked ones as they are, checked ones wrapped.
   */
  static <T> void run(int threads, Iterator<Callable<T>> tasks, Consumer<T> deliver) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      ArrayDeque<Future<T>> window = new ArrayDeque<>();
      while (tasks.hasNext()) {
        window.add(pool.submit(tasks.next()));
        if (window.size() > threads) {
          deliver.accept(result(window.poll()));
        }
      }
      while (!window.isEmpty()) {
        deliver.accept(result(window.poll()));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static <T> T result(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      if (e.getCause() instanceof IOException io) {
        throw new UncheckedIOException(io);
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
