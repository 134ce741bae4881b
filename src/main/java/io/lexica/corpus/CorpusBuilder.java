package io.lexica.corpus;

import java.util.Arrays;

/**
 * Collects token-id sequences into an {@link EncodedCorpus}. Callers pass each document's tokens in
 * position order as vocabulary ids, {@link EncodedCorpus#GAP} for removed positions, or {@link
 * #DROPPED} for tokens outside the vocabulary. The builder drops those, trims gaps at sequence ends
 * and cuts long documents into sequences of at most {@code maxSequenceLength}.
 *
 * <p>Not thread-safe: one builder per producing thread, or synchronize.
 */
public final class CorpusBuilder {
  /** A token that exists but is not in the vocabulary: removed without leaving a gap. */
  public static final int DROPPED = -2;

  /** word2vec's MAX_SENTENCE_LENGTH. */
  public static final int DEFAULT_MAX_SEQUENCE_LENGTH = 1000;

  private final Vocabulary vocabulary;
  private final int maxSequenceLength;
  private int[] tokens = new int[1 << 16];
  private long[] offsets = new long[1 << 10];
  private int size;
  private int sequences;
  private long wordTokens;

  public CorpusBuilder(Vocabulary vocabulary, int maxSequenceLength) {
    if (maxSequenceLength < 2) {
      throw new IllegalArgumentException("maxSequenceLength must be at least 2");
    }
    this.vocabulary = vocabulary;
    this.maxSequenceLength = maxSequenceLength;
  }

  public CorpusBuilder(Vocabulary vocabulary) {
    this(vocabulary, DEFAULT_MAX_SEQUENCE_LENGTH);
  }

  /** Adds one document: {@code ids[0..length)} in position order. */
  public void addDocument(int[] ids, int length) {
    int start = -1; // start of the current sequence in tokens, -1 when none is open
    int pendingGaps = 0;
    for (int i = 0; i < length; i++) {
      int id = ids[i];
      if (id == DROPPED) {
        continue;
      }
      if (id == EncodedCorpus.GAP) {
        if (start >= 0) {
          pendingGaps++;
        }
        continue;
      }
      if (id < 0 || id >= vocabulary.size()) {
        throw new IllegalArgumentException("token id out of range: " + id);
      }
      if (start < 0) {
        start = openSequence();
        pendingGaps = 0;
      }
      if (size - start + pendingGaps + 1 > maxSequenceLength) {
        closeSequence(start);
        start = openSequence();
        pendingGaps = 0;
      }
      for (; pendingGaps > 0; pendingGaps--) {
        append(EncodedCorpus.GAP);
      }
      append(id);
      wordTokens++;
    }
    if (start >= 0) {
      closeSequence(start);
    }
  }

  private int openSequence() {
    return size;
  }

  private void closeSequence(int start) {
    if (size == start) {
      return;
    }
    if (sequences + 2 > offsets.length) {
      offsets = Arrays.copyOf(offsets, offsets.length * 2);
    }
    offsets[sequences] = start;
    sequences++;
    offsets[sequences] = size;
  }

  private void append(int id) {
    if (size == tokens.length) {
      if (tokens.length == Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("corpus too large for memory; use a spilled corpus");
      }
      tokens = Arrays.copyOf(tokens, (int) Math.min(Integer.MAX_VALUE - 8, tokens.length * 2L));
    }
    tokens[size++] = id;
  }

  /** Number of word tokens added so far. */
  public long tokenCount() {
    return wordTokens;
  }

  /** The finished corpus; the builder must not be used afterwards. */
  public EncodedCorpus build() {
    long[] off = Arrays.copyOf(offsets, sequences + 1);
    return new InMemoryCorpus(
        vocabulary, Arrays.copyOf(tokens, size), off, wordTokens, maxSequenceLength);
  }
}
