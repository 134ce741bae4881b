package io.lexica.util;

/**
 * Asks long work to give up early: the work calls {@link #check()} between chunks of a bounded size
 * (a trainer's epoch runner every few thousand tokens or co-occurrence entries, GloVe's counting
 * once per sequence and its spills, merges and shuffle once per buffer written), and a signal that
 * has fired throws from there. The exception is the signal's own and the work lets it propagate as
 * it is, after removing its scratch files: the plugin's training task throws its {@code
 * TaskCancelledException}, so a cancelled training ends with the same error in every phase.
 *
 * <p>A check runs in inner loops, from several threads at once: it should be a volatile read or
 * two, and thread-safe.
 */
@FunctionalInterface
public interface StopSignal {
  /** The signal of work nobody stops: its check never throws. */
  StopSignal NEVER = () -> {};

  /**
   * Returns when the work may go on and throws when it should stop.
   *
   * @throws RuntimeException the signal's own exception, when the work should stop
   */
  void check();
}
