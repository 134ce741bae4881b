package io.lexica.corpus;

/** An {@link EncodedCorpus} held in one int array. Immutable and thread-safe. */
final class InMemoryCorpus implements EncodedCorpus {
  private final Vocabulary vocabulary;
  private final int[] tokens;
  private final long[] offsets;
  private final long wordTokens;
  private final int maxSequenceLength;

  InMemoryCorpus(
      Vocabulary vocabulary, int[] tokens, long[] offsets, long wordTokens, int maxSequenceLength) {
    this.vocabulary = vocabulary;
    this.tokens = tokens;
    this.offsets = offsets;
    this.wordTokens = wordTokens;
    this.maxSequenceLength = maxSequenceLength;
  }

  @Override
  public Vocabulary vocabulary() {
    return vocabulary;
  }

  @Override
  public int sequenceCount() {
    return offsets.length - 1;
  }

  @Override
  public long tokenCount() {
    return wordTokens;
  }

  @Override
  public int maxSequenceLength() {
    return maxSequenceLength;
  }

  @Override
  public long offset(int sequence) {
    return offsets[sequence];
  }

  @Override
  public int read(int sequence, int[] dest) {
    int from = (int) offsets[sequence];
    int length = (int) offsets[sequence + 1] - from;
    System.arraycopy(tokens, from, dest, 0, length);
    return length;
  }
}
