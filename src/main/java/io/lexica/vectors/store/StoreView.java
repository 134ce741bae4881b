package io.lexica.vectors.store;

import io.lexica.vectors.Embeddings;

/**
 * A view of some rows of a {@link VectorStore} as {@link Embeddings}: what the views share once
 * they know which row a word is. Subclasses decide the lookup ({@link #row}) and the neighbours.
 * Thread-safe like the store; closing a view does nothing (the store owns the index).
 */
abstract class StoreView implements Embeddings {
  final VectorStore store;

  StoreView(VectorStore store) {
    this.store = store;
  }

  /** The row of {@code word} in this view, or -1. */
  abstract int row(String word);

  @Override
  public int dimension() {
    return store.dimension();
  }

  @Override
  public boolean contains(String word) {
    return row(word) >= 0;
  }

  @Override
  public float[] unitVector(String word) {
    int row = row(word);
    return row < 0 ? null : store.unitVector(row);
  }

  @Override
  public long count(String word) {
    int row = row(word);
    return row < 0 ? 0 : store.count(row);
  }
}
