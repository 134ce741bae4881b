package io.lexica.corpus;

/** An {@link EncodedCorpus} held in one int array. Immutable and thread-safe. */
final class InMemoryCorpus extends SequenceIndex {
  private final int[] tokens;

  InMemoryCorpus(
      Vocabulary vocabulary, int[] tokens, long[] offsets, long wordTokens, int maxSequenceLength) {
    super(vocabulary, offsets, wordTokens, maxSequenceLength);
    this.tokens = tokens;
  }

  @Override
  public int read(int sequence, int[] dest) {
    int from = (int) offset(sequence);
    int length = (int) offset(sequence + 1) - from;
    System.arraycopy(tokens, from, dest, 0, length);
    return length;
  }
}
