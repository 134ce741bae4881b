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

  /**
   * Hands the documents of {@code slabs} (the same documents, one slab per field) to the visitor,
   * document by document and field by field, skipping empty ones.
   */
  static void deliver(Slab[] slabs, DocumentVisitor visitor) {
    for (int d = 0; d < slabs[0].docs; d++) {
      for (int field = 0; field < slabs.length; field++) {
        Slab s = slabs[field];
        int at = s.start[d];
        int len = s.start[d + 1] - at;
        if (len > 0) {
          visitor.accept(s.firstDoc + d, field, s.tokens, at, len);
        }
      }
    }
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
