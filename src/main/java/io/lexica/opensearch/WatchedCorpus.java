package io.lexica.opensearch;

import io.lexica.corpus.EncodedCorpus;
import io.lexica.corpus.Vocabulary;
import java.util.concurrent.atomic.LongAdder;

/**
 * A corpus that tells a training task how far the trainer has read and stops the trainer when the
 * task is cancelled: every {@link #read} counts one sequence and checks the task. The trainer reads
 * each sequence once per epoch, so the count over {@code sequences x epochs} is the share trained;
 * a cancellation surfaces as an exception from a trainer thread, which ends the training (the
 * library's epoch runner stops the other threads and rethrows it). The check is a volatile read per
 * sequence of up to 1000 tokens: nothing against the training's own work.
 *
 * <p>Thread-safe, as the corpus it wraps.
 */
final class WatchedCorpus implements EncodedCorpus {
  private final EncodedCorpus corpus;
  private final TrainTask task;
  private final long totalReads;
  private final LongAdder reads = new LongAdder();

  WatchedCorpus(EncodedCorpus corpus, TrainTask task, int epochs) {
    this.corpus = corpus;
    this.task = task;
    this.totalReads = Math.max(1, (long) corpus.sequenceCount() * epochs);
  }

  /** The share (0 to 1) of all epochs' sequences read so far. */
  double trainedShare() {
    return Math.min(1, reads.sum() / (double) totalReads);
  }

  @Override
  public int read(int sequence, int[] dest) {
    task.ensureNotCancelled();
    reads.increment();
    return corpus.read(sequence, dest);
  }

  @Override
  public Vocabulary vocabulary() {
    return corpus.vocabulary();
  }

  @Override
  public int sequenceCount() {
    return corpus.sequenceCount();
  }

  @Override
  public long tokenCount() {
    return corpus.tokenCount();
  }

  @Override
  public int maxSequenceLength() {
    return corpus.maxSequenceLength();
  }

  @Override
  public long offset(int sequence) {
    return corpus.offset(sequence);
  }

  @Override
  public void close() {
    corpus.close();
  }
}
