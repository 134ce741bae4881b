package io.lexica.train;

import io.lexica.util.Progress;
import io.lexica.util.StopSignal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a trainer's epochs on several threads at once (Hogwild: the threads share the model without
 * locks), as word2vec, GloVe and fastText do. Each thread gets a {@link Worker} that does its share
 * of an epoch (for corpus trainers: its part of the corpus, {@link
 * io.lexica.corpus.EncodedCorpus#partStart}) and reports through its {@link Meter}: work done,
 * which drives the shared learning-rate schedule and the {@link Progress} line (units/s, rate,
 * loss, ETA), and loss, summed per thread and epoch in double precision and added up at the end.
 * Threads do not wait for each other between epochs, as in word2vec.
 *
 * <p>The first exception thrown by a worker stops the others (at their next report) and is rethrown
 * by {@link #run}. The run's {@link StopSignal} is checked at every report too (every {@value
 * #PUBLISH_EVERY} units at most, and at the end of each thread's epoch), so a signal that fires
 * stops the run within moments, as that first exception. A runner object is used once, from one
 * thread.
 */
public final class EpochRunner {
  /**
   * Units a meter accumulates before publishing them (word2vec updates its rate every 10k words).
   */
  static final long PUBLISH_EVERY = 10_000;

  /** One thread's share of the training. Not shared between threads. */
  @FunctionalInterface
  public interface Worker {
    /**
     * Does this thread's share of epoch {@code epoch} (0-based), reporting through {@code meter}.
     *
     * @param epoch the epoch, from 0
     * @param meter counts work, gives the learning rate, sums loss
     * @throws java.lang.Exception anything; the run stops and rethrows it
     */
    void runEpoch(int epoch, Meter meter) throws Exception;
  }

  /** Makes the worker of thread {@code thread} (0-based) of {@code threads}. */
  @FunctionalInterface
  public interface WorkerFactory {
    /**
     * Makes one thread's worker, on the thread that calls {@link EpochRunner#run}, before any
     * thread starts.
     *
     * @param thread the thread's number, from 0
     * @param threads the number of threads
     * @return the worker
     */
    Worker create(int thread, int threads);
  }

  /**
   * How to run.
   *
   * @param task shown in the progress line, e.g. "word2vec skip-gram"
   * @param unit what work is counted in, e.g. "tokens"
   * @param threads worker threads, at least 1
   * @param epochs passes over the data, at least 1
   * @param unitsPerEpoch work in one epoch over all threads (for the rate schedule and ETA)
   * @param learningRate the schedule {@link Meter#learningRate()} follows
   * @param showProgress draw a progress line (only on a terminal; see {@link Progress})
   * @param stop checked at every report: when it throws, the run stops and rethrows its exception
   */
  public record Settings(
      String task,
      String unit,
      int threads,
      int epochs,
      long unitsPerEpoch,
      LearningRate learningRate,
      boolean showProgress,
      StopSignal stop) {
    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException when there are no threads or epochs, or the work per epoch
     *     is negative
     */
    public Settings {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1: " + threads);
      }
      if (epochs < 1) {
        throw new IllegalArgumentException("epochs must be at least 1: " + epochs);
      }
      if (unitsPerEpoch < 0) {
        throw new IllegalArgumentException("unitsPerEpoch must not be negative");
      }
      Objects.requireNonNull(stop, "stop");
    }
  }

  /**
   * What a run did.
   *
   * @param epochLoss mean loss per loss term in each epoch (NaN when nothing was counted)
   * @param units work done over all epochs and threads
   * @param seconds wall time of the run
   * @param cpuSeconds CPU time of the worker threads (0 when the JVM cannot measure it): on a busy
   *     machine, {@code units / cpuSeconds} is a steadier speed figure than the wall-clock rate
   */
  public record Report(double[] epochLoss, long units, double seconds, double cpuSeconds) {
    /**
     * Units per wall second.
     *
     * @return the wall-clock rate, 0 for an instant run
     */
    public double unitsPerSecond() {
      return seconds > 0 ? units / seconds : 0;
    }

    /**
     * Units per CPU second of the worker threads (0 when unmeasured).
     *
     * @return the CPU-time rate, or 0
     */
    public double unitsPerCpuSecond() {
      return cpuSeconds > 0 ? units / cpuSeconds : 0;
    }

    /**
     * The last epoch's mean loss.
     *
     * @return the mean loss per term of the last epoch; NaN when it counted none
     */
    public double finalLoss() {
      return epochLoss[epochLoss.length - 1];
    }

    /**
     * The run in a few lines of a log: the loss per epoch (at most about ten lines) and the
     * throughput, as {@code lexica train} and {@code lexica update} print it.
     *
     * @return the lines
     */
    public List<String> summary() {
      List<String> lines = new ArrayList<>();
      int step = Math.max(1, epochLoss.length / 10); // at most about ten lines
      for (int e = 0; e < epochLoss.length; e++) {
        if (e % step == 0 || e == epochLoss.length - 1) {
          lines.add(String.format(Locale.ROOT, "epoch %d: loss %.5f", e + 1, epochLoss[e]));
        }
      }
      lines.add(
          String.format(
              Locale.ROOT,
              "trained %d tokens in %.2fs: %.0f tokens/s (%.0f tokens per CPU second)",
              units,
              seconds,
              unitsPerSecond(),
              unitsPerCpuSecond()));
      return lines;
    }
  }

  /**
   * A worker thread's handle on the shared state: it counts work, gives the current learning rate
   * and sums loss. Owned by one thread; cheap to call in inner loops (publishing happens every
   * {@value #PUBLISH_EVERY} units).
   */
  public static final class Meter {
    private final EpochRunner runner;
    private final double[] lossSum;
    private final long[] lossCount;
    private int epoch;
    private long pending;
    private float rate;
    private double fractionDone;
    private volatile double liveLoss;
    private volatile long liveCount;

    private Meter(EpochRunner runner, int epochs) {
      this.runner = runner;
      this.lossSum = new double[epochs];
      this.lossCount = new long[epochs];
      this.rate = runner.settings.learningRate().at(0);
    }

    /**
     * Records {@code units} of finished work. Every {@value #PUBLISH_EVERY} units (fewer in small
     * runs) it publishes them and updates the learning rate.
     *
     * @param units work finished since the last call (tokens, co-occurrence entries...)
     * @throws CancellationException when another worker failed: the worker should let it propagate
     * @throws RuntimeException the {@link Settings#stop} signal's exception, when it fired: the
     *     worker should let it propagate
     */
    public void advance(long units) {
      pending += units;
      if (pending >= runner.publishEvery) {
        publish();
      }
    }

    /**
     * Adds {@code sum} of {@code count} loss terms to the current epoch's loss.
     *
     * @param sum the sum of the loss terms
     * @param count how many terms the sum holds
     */
    public void addLoss(double sum, long count) {
      lossSum[epoch] += sum;
      lossCount[epoch] += count;
    }

    /**
     * The learning rate for the work done so far by all threads.
     *
     * @return the rate from {@link Settings#learningRate()} at the fraction of all work published
     *     so far
     */
    public float learningRate() {
      return rate;
    }

    /** Fraction (0..1) of all epochs' work done by all threads, as of the last publication. */
    double fractionDone() {
      return fractionDone;
    }

    void startEpoch(int e) {
      epoch = e;
    }

    void publish() {
      if (runner.failure.get() != null) {
        throw new CancellationException("another training thread failed");
      }
      runner.settings.stop().check();
      long done = runner.done.addAndGet(pending);
      runner.progress.add(pending);
      pending = 0;
      fractionDone = runner.totalUnits == 0 ? 1 : Math.min(1, done / (double) runner.totalUnits);
      rate = runner.settings.learningRate().at(fractionDone);
      liveLoss = lossSum[epoch];
      liveCount = lossCount[epoch];
      runner.liveRate = rate;
    }
  }

  private final Settings settings;
  private final long totalUnits;
  private final long publishEvery;
  private final AtomicLong done = new AtomicLong();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final AtomicLong cpuNanos = new AtomicLong();
  private final Progress progress;
  private volatile float liveRate;

  private EpochRunner(Settings settings) {
    this.settings = settings;
    this.totalUnits = settings.unitsPerEpoch() * settings.epochs();
    this.publishEvery = Math.max(1, Math.min(PUBLISH_EVERY, totalUnits / 1000));
    this.liveRate = settings.learningRate().at(0);
    this.progress =
        settings.showProgress()
            ? Progress.start(settings.task(), totalUnits, settings.unit())
            : Progress.silent(settings.task(), totalUnits, settings.unit());
  }

  /**
   * Runs all epochs on {@code settings.threads()} threads and returns what was done.
   *
   * @param settings threads, epochs, the work per epoch and the rate schedule
   * @param factory makes each thread's worker
   * @return the loss per epoch and the throughput
   * @throws RuntimeException the first exception a worker threw, once every thread stopped:
   *     unchecked ones as they are, an {@code IOException} in an {@code UncheckedIOException},
   *     other checked ones in an {@code IllegalStateException}
   */
  public static Report run(Settings settings, WorkerFactory factory) {
    return new EpochRunner(settings).runAll(factory);
  }

  private Report runAll(WorkerFactory factory) {
    int n = settings.threads();
    Meter[] meters = new Meter[n];
    Worker[] workers = new Worker[n];
    for (int t = 0; t < n; t++) {
      meters[t] = new Meter(this, settings.epochs());
      workers[t] = factory.create(t, n);
    }
    progress.status(() -> status(meters));
    Thread[] threads = new Thread[n];
    try (progress) {
      for (int t = 0; t < n; t++) {
        Worker worker = workers[t];
        Meter meter = meters[t];
        threads[t] = new Thread(() -> work(worker, meter), "lexica-train-" + t);
        threads[t].start();
      }
      for (Thread thread : threads) {
        joinUninterruptibly(thread);
      }
    }
    Throwable t = failure.get();
    if (t != null) {
      rethrow(t);
    }
    double[] loss = new double[settings.epochs()];
    for (int e = 0; e < loss.length; e++) {
      double sum = 0;
      long count = 0;
      for (Meter m : meters) {
        sum += m.lossSum[e];
        count += m.lossCount[e];
      }
      loss[e] = count == 0 ? Double.NaN : sum / count;
    }
    return new Report(loss, done.get(), progress.elapsedSeconds(), cpuNanos.get() / 1e9);
  }

  private void work(Worker worker, Meter meter) {
    try {
      for (int e = 0; e < settings.epochs(); e++) {
        meter.startEpoch(e);
        worker.runEpoch(e, meter);
        meter.publish();
      }
    } catch (Throwable e) {
      failure.compareAndSet(null, e); // keeps the first failure: the cause of any cancellations
    } finally {
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      if (mx.isCurrentThreadCpuTimeSupported()) {
        cpuNanos.addAndGet(Math.max(0, mx.getCurrentThreadCpuTime()));
      }
    }
  }

  private String status(Meter[] meters) {
    double sum = 0;
    long count = 0;
    for (Meter m : meters) {
      sum += m.liveLoss;
      count += m.liveCount;
    }
    String loss = count == 0 ? "-" : String.format(Locale.ROOT, "%.4f", sum / count);
    return String.format(Locale.ROOT, "lr %.6f, loss %s", liveRate, loss);
  }

  private static void joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void rethrow(Throwable t) {
    if (t instanceof RuntimeException re) {
      throw re;
    }
    if (t instanceof Error err) {
      throw err;
    }
    if (t instanceof IOException io) {
      throw new UncheckedIOException(io);
    }
    throw new IllegalStateException("training failed: " + t, t);
  }
}
