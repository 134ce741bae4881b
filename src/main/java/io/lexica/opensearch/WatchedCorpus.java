package io.lexica.opensearch;

import io.lexica.corpus.EncodedCorpus;
import io.lexica.corpus.FilterEncodedCorpus;
import io.lexica.util.StopSignal;
import java.util.concurrent.atomic.LongAdder;

/**
 * A corpus that tells a training task how far the trainer has read and stops the trainer when the
 * task is cancelled. Every {@link #read} counts one sequence; the trainer reads each sequence once
 * per epoch, so the count over {@code sequences x epochs} is the share trained. Its {@link
 * #stopSignal()} is the task's cancellation check, which every trainer checks in every phase
 * (word2vec's and fastText's epochs, GloVe's counting, shuffle and iterations; see {@link
 * EncodedCorpus#stopSignal()}): a cancellation surfaces as the task's exception from the trainer,
 * which ends the training within moments. The check is a volatile read per chunk of work.
 *
 * <p>Thread-safe, as the corpus it wraps.
 */
final class WatchedCorpus extends FilterEncodedCorpus {
  private final TrainTask task;
  private final long totalReads;
  private final LongAdder reads = new LongAdder();

  WatchedCorpus(EncodedCorpus corpus, TrainTask task, int epochs) {
    super(corpus);
    this.task = task;
    this.totalReads = Math.max(1, (long) corpus.sequenceCount() * epochs);
  }

  /** The share (0 to 1) of all epochs' sequences read so far. */
  double trainedShare() {
    return Math.min(1, reads.sum() / (double) totalReads);
  }

  @Override
  public int read(int sequence, int[] dest) {
    reads.increment();
    return in.read(sequence, dest);
  }

  @Override
  public StopSignal stopSignal() {
    return task::ensureNotCancelled;
  }
}
