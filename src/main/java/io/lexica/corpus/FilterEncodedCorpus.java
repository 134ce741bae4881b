package io.lexica.corpus;

import io.lexica.util.StopSignal;

/**
 * A corpus that passes everything to another one, for wrappers that change one or two things (how
 * reads are counted, the stop signal), as Lucene's {@code FilterLeafReader} does for readers.
 * Subclasses override what they change; thread-safe as the wrapped corpus and the overrides are.
 */
public abstract class FilterEncodedCorpus implements EncodedCorpus {
  /** The wrapped corpus. */
  protected final EncodedCorpus in;

  /**
   * Wraps {@code in}.
   *
   * @param in the corpus every call goes to unless overridden
   */
  protected FilterEncodedCorpus(EncodedCorpus in) {
    this.in = in;
  }

  @Override
  public Vocabulary vocabulary() {
    return in.vocabulary();
  }

  @Override
  public int sequenceCount() {
    return in.sequenceCount();
  }

  @Override
  public long tokenCount() {
    return in.tokenCount();
  }

  @Override
  public int maxSequenceLength() {
    return in.maxSequenceLength();
  }

  @Override
  public long offset(int sequence) {
    return in.offset(sequence);
  }

  @Override
  public int read(int sequence, int[] dest) {
    return in.read(sequence, dest);
  }

  @Override
  public int partStart(int part, int parts) {
    return in.partStart(part, parts);
  }

  @Override
  public StopSignal stopSignal() {
    return in.stopSignal();
  }

  @Override
  public void close() {
    in.close();
  }
}
