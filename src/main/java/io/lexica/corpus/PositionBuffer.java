package io.lexica.corpus;

import java.util.Arrays;

/**
 * One document's tokens laid out by position while it is being reconstructed: entry {@code p} is
 * the vocabulary id at position {@code p}, {@link CorpusBuilder#DROPPED} for a token outside the
 * vocabulary, or {@link EncodedCorpus#GAP} where no token was indexed (a removed stop word).
 *
 * <p>When several tokens share a position (synonyms, word-delimiter parts, stacked stems) exactly
 * one is kept, the same way on every reconstruction path: a vocabulary word beats an
 * out-of-vocabulary token, and among vocabulary words the most frequent one (smallest id) wins.
 * That makes the result independent of the order in which tokens are visited (term order for
 * postings and term vectors, emission order for re-analysis).
 *
 * <p>Not thread-safe.
 */
final class PositionBuffer {
  private int[] ids = newArray(64);
  private int length;

  private static int[] newArray(int n) {
    int[] a = new int[n];
    Arrays.fill(a, EncodedCorpus.GAP);
    return a;
  }

  /** Records token {@code id} (a vocabulary id or DROPPED) at {@code position}. */
  void put(int position, int id) {
    if (position >= ids.length) {
      int old = ids.length;
      ids = Arrays.copyOf(ids, Math.max(position + 1, old * 2));
      Arrays.fill(ids, old, ids.length, EncodedCorpus.GAP);
    }
    if (position >= length) {
      length = position + 1;
    }
    ids[position] = merge(ids[position], id);
  }

  /** The entry a position holds after token {@code id} joins entry {@code current}. */
  static int merge(int current, int id) {
    if (id >= 0) {
      return current < 0 || id < current ? id : current;
    }
    return current == EncodedCorpus.GAP ? id : current;
  }

  /** The entries; valid up to {@link #length()}. */
  int[] ids() {
    return ids;
  }

  /** One past the highest position recorded. */
  int length() {
    return length;
  }

  /** Empties the buffer for the next document. */
  void clear() {
    Arrays.fill(ids, 0, length, EncodedCorpus.GAP);
    length = 0;
  }
}
