package io.lexica.train.glove;

import io.lexica.corpus.EncodedCorpus;
import io.lexica.corpus.Vocabulary;
import io.lexica.train.EpochRunner;
import io.lexica.train.LearningRate;
import io.lexica.train.TrainRandom;
import io.lexica.util.Progress;
import io.lexica.util.StopSignal;
import io.lexica.vectors.WordVectors;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Trains GloVe (Pennington, Socher and Manning 2014) on an encoded corpus: counts co-occurrences
 * ({@link CooccurrenceCounter}), shuffles them ({@link ShuffledCooccurrences}), then fits word and
 * context vectors and biases so that {@code w_i . w~_j + b_i + b~_j} approximates {@code log X_ij},
 * minimising the weighted squared error with AdaGrad, several threads updating the shared
 * parameters without locks (Hogwild), each over its own contiguous part of the shuffled entries, as
 * the reference does.
 *
 * <p>Not thread-safe; one trainer per training run.
 */
public final class GloveTrainer {
  /** Entries read per block by a training thread. */
  private static final int BLOCK = 1 << 14;

  private final CooccurrenceOptions counting;
  private final GloveOptions options;
  private final Consumer<String> log;

  /**
   * A trainer that counts co-occurrences with {@code counting} and trains with {@code options}.
   *
   * @param counting the window and the counting memory
   * @param options the training settings
   * @param log receives one line per phase and iteration (timings, cost); may be {@code s -> {}}
   */
  public GloveTrainer(CooccurrenceOptions counting, GloveOptions options, Consumer<String> log) {
    this.counting = counting;
    this.options = options;
    this.log = log;
  }

  /**
   * The heap a run holds besides the corpus and its co-occurrence budget: the word and context rows
   * with their biases and AdaGrad sums, and the model made of them at the end, for a vocabulary of
   * {@code vocabularySize} words. Exact up to object headers: these are the run's arrays.
   *
   * @param vocabularySize the words trained
   * @param dimension the vectors' dimension
   * @return bytes
   */
  public static long parameterBytes(int vocabularySize, int dimension) {
    long rows = 2L * vocabularySize * AdaGradKernel.stride(dimension) * Float.BYTES;
    long model = (long) vocabularySize * (dimension * Float.BYTES + 2 * Float.BYTES + Long.BYTES);
    return rows + model;
  }

  /**
   * Counts, shuffles and trains; temporary files are gone when it returns or throws. The corpus's
   * {@link EncodedCorpus#stopSignal()} is checked in every phase, within moments of each other (per
   * sequence counted, per buffer of co-occurrences written, per report of the training threads):
   * when it fires, the run ends with its exception, whatever the phase.
   *
   * @param corpus the encoded corpus; read once, by the co-occurrence counting (training reads the
   *     shuffled entries)
   * @return the vectors and the figures of the run
   * @throws RuntimeException the stop signal's exception, when it fired
   */
  public GloveModel train(EncodedCorpus corpus) {
    long t0 = System.nanoTime();
    ShuffledCooccurrences shuffled;
    long entries;
    int runs;
    try (Progress progress =
            Progress.start(
                "co-occurrence counting", corpus.offset(corpus.sequenceCount()), "tokens");
        CooccurrenceTable table = new CooccurrenceCounter(counting).count(corpus, progress)) {
      entries = table.entryCount();
      runs = table.spilledRuns();
      // The counting's dense block and buffer (half the memory budget) are garbage now. Collecting
      // them before the shuffle fills its own buffers lets the heap reuse that space instead of
      // growing past the budget, so the process's peak memory follows --memory.
      System.gc();
      long t1 = System.nanoTime();
      log.accept(
          String.format(
              Locale.ROOT,
              "counted %,d co-occurrence entries (%,d MB; dense block %,d cells, %d sorted runs)"
                  + " in %.1f s (process cpu %.0f s)",
              entries,
              table.byteSize() >> 20,
              table.denseCells(),
              runs,
              seconds(t0, t1),
              cpuSeconds()));
      shuffled =
          ShuffledCooccurrences.create(
              table,
              options.xMax(),
              options.alpha(),
              options.seed(),
              counting.memoryBytes(),
              counting.tempParent(),
              corpus.stopSignal());
      log.accept(
          String.format(
              Locale.ROOT,
              "shuffled in %.1f s (%d buckets; process cpu %.0f s)",
              seconds(t1, System.nanoTime()),
              shuffled.buckets(),
              cpuSeconds()));
    }
    try (shuffled) {
      long t2 = System.nanoTime();
      GloveModel model = train(corpus.vocabulary(), shuffled, corpus.stopSignal());
      log.accept(
          String.format(
              Locale.ROOT,
              "trained in %.1f s (process cpu %.0f s)",
              seconds(t2, System.nanoTime()),
              cpuSeconds()));
      return model;
    }
  }

  /**
   * CPU seconds this process has used so far, or NaN when the JVM does not say: on a shared machine
   * it shows the work a phase did when wall time mostly shows the neighbours'.
   */
  private static double cpuSeconds() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime() / 1e9;
    }
    return Double.NaN;
  }

  private static double seconds(long from, long to) {
    return (to - from) / 1e9;
  }

  /** Trains on entries already counted and shuffled, until done or {@code stop} fires. */
  GloveModel train(Vocabulary vocabulary, ShuffledCooccurrences shuffled, StopSignal stop) {
    int v = vocabulary.size();
    int dim = options.dimension();
    TrainRandom random = new TrainRandom(options.seed());
    float[] word = initialParameters(v, dim, random);
    float[] context = initialParameters(v, dim, random);
    AdaGradKernel kernel = new AdaGradKernel(dim, options.eta(), options.gradientClip());
    long n = shuffled.entryCount();
    EpochRunner.Settings settings =
        new EpochRunner.Settings(
            "training GloVe",
            "pairs",
            (int) Math.max(1, Math.min(options.threads(), n)),
            options.iterations(),
            n,
            new LearningRate(options.eta(), 1), // AdaGrad adapts the rate itself
            true,
            stop);
    EpochRunner.Report report =
        EpochRunner.run(
            settings,
            (t, threads) ->
                new Worker(
                    shuffled, n * t / threads, n * (t + 1) / threads, kernel, word, context));
    double[] costs = report.epochLoss();
    for (int it = 0; it < costs.length; it++) {
      log.accept(String.format(Locale.ROOT, "iteration %d: cost %.6f", it + 1, costs[it]));
    }
    return output(vocabulary, word, context, costs, n);
  }

  /**
   * One thread's part of the shuffled entries, trained in place on the shared parameters; the cost
   * of an iteration is summed per thread in double precision, as the reference does.
   */
  private record Worker(
      ShuffledCooccurrences shuffled,
      long from,
      long to,
      AdaGradKernel kernel,
      float[] word,
      float[] context)
      implements EpochRunner.Worker {

    @Override
    public void runEpoch(int epoch, EpochRunner.Meter meter) throws IOException {
      int stride = AdaGradKernel.stride(kernel.dimension());
      int[] rows = new int[BLOCK];
      int[] columns = new int[BLOCK];
      float[] logCounts = new float[BLOCK];
      float[] weights = new float[BLOCK];
      try (ShuffledCooccurrences.Reader in = shuffled.reader(from, to)) {
        int got;
        while ((got = in.read(rows, columns, logCounts, weights)) > 0) {
          double cost = 0;
          for (int e = 0; e < got; e++) {
            double c =
                kernel.update(
                    word, rows[e] * stride, context, columns[e] * stride, logCounts[e], weights[e]);
            if (!Double.isNaN(c)) {
              cost += c;
            }
          }
          meter.addLoss(cost, got);
          meter.advance(got);
        }
      }
    }
  }

  /**
   * Rows of vector and bias drawn uniformly from [-0.5, 0.5)/dim, as the reference does; gradient
   * sums start at 1 so that the first step is eta.
   */
  private static float[] initialParameters(int rows, int dim, TrainRandom random) {
    int stride = AdaGradKernel.stride(dim);
    float[] p = new float[Math.multiplyExact(rows, stride)];
    for (int r = 0; r < rows; r++) {
      int base = r * stride;
      for (int i = 0; i <= dim; i++) {
        p[base + i] = (random.nextFloat() - 0.5f) / dim;
        p[base + dim + 1 + i] = 1f;
      }
    }
    return p;
  }

  private GloveModel output(
      Vocabulary vocabulary, float[] word, float[] context, double[] costs, long entries) {
    int v = vocabulary.size();
    int dim = options.dimension();
    int stride = AdaGradKernel.stride(dim);
    boolean sum = options.output() == GloveOptions.Output.SUM;
    float[] data = new float[Math.multiplyExact(v, dim)];
    float[] wordBiases = new float[v];
    float[] contextBiases = new float[v];
    List<String> words = new ArrayList<>(v);
    long[] counts = new long[v];
    for (int r = 0; r < v; r++) {
      int base = r * stride;
      for (int i = 0; i < dim; i++) {
        data[r * dim + i] = sum ? word[base + i] + context[base + i] : word[base + i];
      }
      wordBiases[r] = word[base + dim];
      contextBiases[r] = context[base + dim];
      words.add(vocabulary.word(r));
      counts[r] = vocabulary.count(r);
    }
    return new GloveModel(
        new WordVectors(words, data, dim, counts), wordBiases, contextBiases, costs, entries);
  }
}
