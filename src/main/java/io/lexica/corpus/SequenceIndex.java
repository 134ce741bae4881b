package io.lexica.corpus;

/**
 * What every {@link EncodedCorpus} implementation shares: the vocabulary, where each sequence
 * starts, the word-token count and the sequence cap. Subclasses only say where the entries live.
 * Immutable.
 */
abstract class SequenceIndex implements EncodedCorpus {
  private final Vocabulary vocabulary;
  private final long[] offsets;
  private final long wordTokens;
  private final int maxSequenceLength;

  SequenceIndex(Vocabulary vocabulary, long[] offsets, long wordTokens, int maxSequenceLength) {
    this.vocabulary = vocabulary;
    this.offsets = offsets;
    this.wordTokens = wordTokens;
    this.maxSequenceLength = maxSequenceLength;
  }

  @Override
  public final Vocabulary vocabulary() {
    return vocabulary;
  }

  @Override
  public final int sequenceCount() {
    return offsets.length - 1;
  }

  @Override
  public final long tokenCount() {
    return wordTokens;
  }

  @Override
  public final int maxSequenceLength() {
    return maxSequenceLength;
  }

  @Override
  public final long offset(int sequence) {
    return offsets[sequence];
  }
}
