package io.lexica.corpus;

import io.lexica.util.StopSignal;
import java.io.Closeable;

/**
 * A training corpus as sequences of word ids: what every trainer reads. Built once (from an index
 * or a text file) by {@link CorpusBuilder}, then read many times (once per epoch, by several
 * threads).
 *
 * <p>A sequence is a document, or a piece of one: documents longer than {@link
 * #maxSequenceLength()} are cut, as word2vec cuts at 1000 tokens. Each entry is a vocabulary id or
 * {@link #GAP}, a position where the analyzer removed a token (a stop word): trainers count it in
 * window distances but never use it as a word. Tokens not in the vocabulary (below min-count) are
 * dropped outright, as in word2vec.
 *
 * <p>Implementations are thread-safe for reading: any number of threads may call {@link #read} at
 * once.
 */
public interface EncodedCorpus extends Closeable {
  /** A position without a word (a removed stop word). */
  int GAP = -1;

  /**
   * The vocabulary the ids refer to.
   *
   * @return the vocabulary; ids are its row numbers
   */
  Vocabulary vocabulary();

  /**
   * Number of sequences.
   *
   * @return the number of sequences (documents, or parts of long documents)
   */
  int sequenceCount();

  /**
   * Number of word tokens (gaps excluded): what learning-rate schedules and rates count.
   *
   * @return the count of word ids, gaps not counted
   */
  long tokenCount();

  /**
   * Upper bound of any sequence's length; size of the buffer {@link #read} needs.
   *
   * @return the length of the longest sequence, or a bound above it
   */
  int maxSequenceLength();

  /**
   * Where sequence {@code i} starts in the stream of entries (gaps included); {@code
   * offset(sequenceCount())} is the stream's length. Lets trainers split the work into parts of
   * about equal size.
   *
   * @param sequence a sequence number, from 0 to {@link #sequenceCount()} inclusive
   * @return the entry offset
   */
  long offset(int sequence);

  /**
   * Copies sequence {@code i} into {@code dest} (at least {@link #maxSequenceLength()} long).
   *
   * @param sequence a sequence number, below {@link #sequenceCount()}
   * @param dest the buffer to fill from index 0; word ids, and gaps as {@link #GAP}
   * @return the sequence's length
   */
  int read(int sequence, int[] dest);

  /**
   * The first sequence of part {@code part} of {@code parts} parts of about equal length; part
   * {@code parts} ends at {@link #sequenceCount()}. For splitting work among threads.
   *
   * @param part the part, from 0 to {@code parts} inclusive
   * @param parts how many parts the work is split into
   * @return the first sequence of the part
   */
  default int partStart(int part, int parts) {
    if (part <= 0) {
      return 0;
    }
    int n = sequenceCount();
    if (part >= parts) {
      return n;
    }
    long target = offset(n) * part / parts;
    int lo = 0;
    int hi = n;
    while (lo < hi) { // first sequence whose offset >= target
      int mid = (lo + hi) >>> 1;
      if (offset(mid) < target) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * The signal the training on this corpus checks to give up early ({@link
   * io.lexica.train.EpochRunner} between chunks of work, GloVe's counting and shuffle between
   * blocks). A corpus read for a task that can be cancelled (the plugin's training) carries the
   * task's cancellation here, so that every trainer and every phase of it stops the same way.
   *
   * @return the signal; {@link StopSignal#NEVER} unless the corpus says otherwise
   */
  default StopSignal stopSignal() {
    return StopSignal.NEVER;
  }

  @Override
  default void close() {}
}
