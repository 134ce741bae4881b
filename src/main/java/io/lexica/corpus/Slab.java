package io.lexica.corpus;

import java.util.Arrays;

/**
 * Consecutive documents rebuilt by one worker, one field: document {@code d} (numbered from {@code
 * firstDoc}) is {@code tokens[start[d], start[d+1])}, laid out by position as {@link
 * PositionBuffer} holds it.
 */
record Slab(int firstDoc, int docs, int[] tokens, int[] start) {
  static Slab empty(int firstDoc, int docs) {
    return new Slab(firstDoc, docs, new int[0], new int[docs + 1]);
  }

  /** Appends documents one after another into a {@link Slab}. Not thread-safe. */
  static final class Builder {
    private final int firstDoc;
    private final int[] start;
    private int[] tokens = new int[1024];
    private int docs;

    Builder(int firstDoc, int capacity) {
      this.firstDoc = firstDoc;
      this.start = new int[capacity + 1];
    }

    void add(PositionBuffer p) {
      int at = start[docs];
      int len = p.length();
      if (at + len > tokens.length) {
        tokens = Arrays.copyOf(tokens, Math.max(at + len, tokens.length * 2));
      }
      System.arraycopy(p.ids(), 0, tokens, at, len);
      start[++docs] = at + len;
    }

    Slab build() {
      return new Slab(firstDoc, docs, tokens, start);
    }
  }
}
