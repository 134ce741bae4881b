package io.lexica.train.word2vec;

import io.lexica.corpus.EncodedCorpus;
import io.lexica.math.VectorMath;
import io.lexica.train.EpochRunner;
import io.lexica.train.LearningRate;
import io.lexica.train.Subsampler;
import io.lexica.train.TrainRandom;
import java.util.Arrays;

/**
 * The training loop of word2vec-style context models over an {@link EncodedCorpus}: skip-gram or
 * CBOW on any {@link InputLayer} (word rows for word2vec, word plus n-gram rows for fastText) and
 * any {@link OutputLayer} (negative sampling, hierarchical softmax, softmax). Per thread and
 * sequence it drops subsampled words (gaps stay, counting in window distances, as positions the
 * analyzer removed), then for each centre word draws a window radius in {@code 1..window} and
 * trains:
 *
 * <ul>
 *   <li>skip-gram: the centre word's hidden vector (mean of its input rows) predicts each context
 *       word; the step goes back to the centre's rows after each prediction (as fastText; the C
 *       tool swaps centre and context, which is the same over symmetric windows). When a word has
 *       several rows (fastText's n-grams) or negatives are shared, the hidden vector is built once
 *       per centre word, the steps of its whole window are summed and spread once: fastText
 *       rebuilds and spreads it per context word, which costs two passes over some 20 rows per
 *       prediction for the same expected update ({@link Word2VecOptions#perPredictionUpdates} does
 *       it fastText's way);
 *   <li>CBOW: the mean of all context words' rows predicts the centre word; the step is added to
 *       each context row, as in the C tool.
 * </ul>
 *
 * <p>Threads each take a part of the corpus ({@link EncodedCorpus#partStart}) and share the
 * matrices without locks (Hogwild). With one thread and a seed a run is bit-identical run to run;
 * with more, the interleaving of updates varies and so do the last digits.
 */
public final class ContextTrainer {
  private ContextTrainer() {}

  /**
   * Trains {@code input} and {@code output} in place on {@code corpus}; returns the run's report.
   *
   * @param corpus the encoded corpus, read by every thread
   * @param input the input rows, updated in place
   * @param output the output rows and loss, updated in place
   * @param options window, architecture, rates, epochs, threads and seed
   * @return the loss per epoch and the throughput
   */
  public static EpochRunner.Report train(
      EncodedCorpus corpus, InputLayer input, OutputLayer output, Word2VecOptions options) {
    return train(corpus, input, output, options, null);
  }

  /**
   * As {@link #train(EncodedCorpus, InputLayer, OutputLayer, Word2VecOptions)}, with a factor on
   * the learning rate of each input row: continued training ({@link Continuation}) slows down or
   * freezes (factor 0: the row stays bit for bit) the rows its initial model had. Output rows
   * always learn at the full rate.
   *
   * @param corpus the encoded corpus, read by every thread
   * @param input the input rows, updated in place
   * @param output the output rows and loss, updated in place
   * @param options window, architecture, rates, epochs, threads and seed
   * @param rowRates one factor per row of {@code input}'s matrix, or null for 1 everywhere
   * @return the loss per epoch and the throughput
   */
  public static EpochRunner.Report train(
      EncodedCorpus corpus,
      InputLayer input,
      OutputLayer output,
      Word2VecOptions options,
      float[] rowRates) {
    if (rowRates != null && (long) rowRates.length * input.dimension() != input.matrix().length) {
      throw new IllegalArgumentException("one rate per input row is needed");
    }
    Subsampler subsampler = Subsampler.of(corpus.vocabulary(), options.sample());
    String task =
        "training "
            + (options.architecture() == Word2VecOptions.Architecture.CBOW ? "cbow" : "skip-gram");
    EpochRunner.Settings settings =
        new EpochRunner.Settings(
            task,
            "tokens",
            options.threads(),
            options.epochs(),
            corpus.tokenCount(),
            LearningRate.linear(options.effectiveLearningRate()),
            options.showProgress(),
            corpus.stopSignal());
    return EpochRunner.run(
        settings,
        (t, n) ->
            new Worker(
                corpus,
                corpus.partStart(t, n),
                corpus.partStart(t + 1, n),
                input,
                output.objective(TrainRandom.forThread(options.seed(), t)),
                subsampler,
                TrainRandom.forThread(options.seed() ^ 0x5DEECE66DL, t),
                options,
                rowRates));
  }

  /** One thread's loop. */
  private static final class Worker implements EpochRunner.Worker {
    private final EncodedCorpus corpus;
    private final int from;
    private final int to;
    private final InputLayer input;
    private final float[] in;
    private final float[] rates;
    private final int dim;
    private final Objective objective;
    private final Subsampler subsampler;
    private final TrainRandom random;
    private final int window;
    private final boolean cbow;
    private final boolean shared;
    private final boolean perPrediction;
    private final int[] sequence;
    private final int[] kept;
    private final int[] rows;
    private final int[] targets;
    private final float[] hidden;
    private final float[] grad;
    private final int[] ahead;
    // keeps prefetching loads from being optimized away; never read for anything else
    private int touched;

    Worker(
        EncodedCorpus corpus,
        int from,
        int to,
        InputLayer input,
        Objective objective,
        Subsampler subsampler,
        TrainRandom random,
        Word2VecOptions options,
        float[] rates) {
      this.corpus = corpus;
      this.rates = rates;
      this.from = from;
      this.to = to;
      this.input = input;
      this.in = input.matrix();
      this.dim = input.dimension();
      this.objective = objective;
      this.subsampler = subsampler;
      this.random = random;
      this.window = options.window();
      this.cbow = options.architecture() == Word2VecOptions.Architecture.CBOW;
      this.shared = options.sharedNegatives();
      this.perPrediction = options.perPredictionUpdates();
      this.sequence = new int[corpus.maxSequenceLength()];
      this.kept = new int[corpus.maxSequenceLength()];
      this.rows = new int[Math.max(2 * window, 1) * input.maxRowsPerWord()];
      this.targets = new int[2 * window];
      this.hidden = new float[dim];
      this.grad = new float[dim];
      this.ahead = new int[input.maxRowsPerWord()];
    }

    @Override
    public void runEpoch(int epoch, EpochRunner.Meter meter) {
      boolean keepAll = subsampler.keepsAll();
      for (int s = from; s < to; s++) {
        int length = corpus.read(s, sequence);
        int n = 0;
        int words = 0;
        for (int i = 0; i < length; i++) {
          int w = sequence[i];
          if (w >= 0) {
            words++;
            if (!keepAll && !subsampler.keep(w, random)) {
              continue;
            }
          }
          kept[n++] = w;
        }
        float lr = meter.learningRate();
        loss = 0;
        terms = 0;
        if (cbow) {
          cbow(n, lr);
        } else if (shared || input.maxRowsPerWord() > 1) {
          skipGramWindow(n, lr);
        } else {
          skipGram(n, lr);
        }
        meter.addLoss(loss, terms);
        meter.advance(words);
      }
    }

    // loss and loss terms of the current sequence
    private double loss;
    private long terms;

    /** Skip-gram for one-row words (plain word2vec): each context word is one prediction. */
    private void skipGram(int n, float lr) {
      for (int i = 0; i < n; i++) {
        int w = kept[i];
        if (w < 0) {
          continue;
        }
        prefetchInput(i + 1, n);
        prefetchOutput(i + window + 1, n);
        int reach = window - random.nextInt(window);
        int lo = Math.max(0, i - reach);
        int hi = Math.min(n - 1, i + reach);
        input.rows(w, rows, 0); // one row: words with several go through skipGramWindow
        int row = rows[0];
        int off = row * dim; // the hidden vector is the row itself: no copy
        for (int c = lo; c <= hi; c++) {
          int t = kept[c];
          if (c == i || t < 0) {
            continue;
          }
          Arrays.fill(grad, 0f);
          loss += objective.update(in, off, t, lr, grad);
          addStep(row);
          terms++;
        }
      }
    }

    /**
     * Skip-gram with one hidden vector per centre word: {@link Objective#updateAll} predicts the
     * whole window (sharing negatives if asked) and the summed step is spread once.
     */
    private void skipGramWindow(int n, float lr) {
      for (int i = 0; i < n; i++) {
        int w = kept[i];
        if (w < 0) {
          continue;
        }
        int reach = window - random.nextInt(window);
        int lo = Math.max(0, i - reach);
        int hi = Math.min(n - 1, i + reach);
        int count = 0;
        for (int c = lo; c <= hi; c++) {
          int t = kept[c];
          if (c != i && t >= 0) {
            targets[count++] = t;
          }
        }
        if (count == 0) {
          continue;
        }
        prefetchInput(i + 1, n);
        prefetchOutput(i + window + 1, n);
        int nrows = input.rows(w, rows, 0);
        Arrays.fill(grad, 0f);
        if (nrows == 1) {
          loss += objective.updateAll(in, rows[0] * dim, targets, count, lr, grad);
          addStep(rows[0]);
        } else if (perPrediction) {
          for (int k = 0; k < count; k++) {
            mean(nrows);
            Arrays.fill(grad, 0f);
            loss += objective.update(hidden, 0, targets[k], lr, grad);
            spread(nrows);
          }
        } else {
          mean(nrows);
          loss += objective.updateAll(hidden, 0, targets, count, lr, grad);
          spread(nrows);
        }
        terms += count;
      }
    }

    private void cbow(int n, float lr) {
      for (int i = 0; i < n; i++) {
        int w = kept[i];
        if (w < 0) {
          continue;
        }
        prefetchInput(i + window + 1, n); // the word that may enter the window next
        prefetchOutput(i + 1, n);
        int reach = window - random.nextInt(window);
        int lo = Math.max(0, i - reach);
        int hi = Math.min(n - 1, i + reach);
        int nrows = 0;
        for (int c = lo; c <= hi; c++) {
          int t = kept[c];
          if (c != i && t >= 0) {
            nrows += input.rows(t, rows, nrows);
          }
        }
        if (nrows == 0) {
          continue;
        }
        mean(nrows);
        Arrays.fill(grad, 0f);
        loss += objective.update(hidden, 0, w, lr, grad);
        spread(nrows);
        terms++;
      }
    }

    /**
     * Starts loading the input rows of the word at {@code kept[at]} (if any), which the loop needs
     * soon: rare words' rows are cache misses, and loads issued early overlap with the current work
     * instead of stalling it later ({@link VectorMath#touch}).
     */
    private void prefetchInput(int at, int n) {
      if (at >= n || kept[at] < 0) {
        return;
      }
      int count = input.rows(kept[at], ahead, 0);
      int sum = touched;
      for (int r = 0; r < count; r++) {
        sum += VectorMath.touch(in, ahead[r] * dim, dim);
      }
      touched = sum;
    }

    /** As {@link #prefetchInput}, for the output row of the word at {@code kept[at]}. */
    private void prefetchOutput(int at, int n) {
      if (at < n && kept[at] >= 0) {
        objective.prefetch(kept[at]);
      }
    }

    /** hidden = mean of input rows {@code rows[0..count)}. */
    private void mean(int count) {
      int off = rows[0] * dim;
      System.arraycopy(in, off, hidden, 0, dim);
      for (int r = 1; r < count; r++) {
        VectorMath.axpy(1f, in, rows[r] * dim, hidden, 0, dim);
      }
      if (count > 1) {
        VectorMath.scale(1f / count, hidden, 0, dim);
      }
    }

    /** Adds the step to each input row {@code rows[0..count)}. */
    private void spread(int count) {
      for (int r = 0; r < count; r++) {
        addStep(rows[r]);
      }
    }

    /** Adds the step in {@code grad} to input row {@code row}, times the row's rate. */
    private void addStep(int row) {
      float rate = rates == null ? 1f : rates[row];
      if (rate != 0f) {
        VectorMath.axpy(rate, grad, 0, in, row * dim, dim);
      }
    }
  }
}
