package io.lexica.expand;

import io.lexica.vectors.Embeddings;
import io.lexica.vectors.Neighbor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A tiny exact in-memory model for tests: words with hand-placed vectors. */
public final class FakeEmbeddings implements Embeddings {
  private final Map<String, float[]> vectors = new LinkedHashMap<>();
  private final int dim;

  public FakeEmbeddings(int dim) {
    this.dim = dim;
  }

  /** Adds a word with the given (not necessarily unit) vector. */
  public FakeEmbeddings put(String word, float... v) {
    if (v.length != dim) {
      throw new IllegalArgumentException("dimension");
    }
    float[] u = v.clone();
    double n = 0;
    for (float x : u) {
      n += x * x;
    }
    for (int i = 0; i < u.length; i++) {
      u[i] /= (float) Math.sqrt(n);
    }
    vectors.put(word, u);
    return this;
  }

  @Override
  public int dimension() {
    return dim;
  }

  @Override
  public int size() {
    return vectors.size();
  }

  @Override
  public boolean contains(String word) {
    return vectors.containsKey(word);
  }

  @Override
  public float[] unitVector(String word) {
    float[] v = vectors.get(word);
    return v == null ? null : v.clone();
  }

  @Override
  public long count(String word) {
    return contains(word) ? 1 : 0;
  }

  @Override
  public List<Neighbor> nearest(float[] q, int k, float minSimilarity, Set<String> exclude) {
    List<Neighbor> all = new ArrayList<>();
    vectors.forEach(
        (w, v) -> {
          if (exclude.contains(w)) {
            return;
          }
          float dot = 0;
          for (int i = 0; i < dim; i++) {
            dot += q[i] * v[i];
          }
          if (dot >= minSimilarity) {
            all.add(new Neighbor(w, dot));
          }
        });
    all.sort(
        Comparator.comparingDouble((Neighbor n) -> -n.similarity()).thenComparing(Neighbor::word));
    return List.copyOf(all.subList(0, Math.min(k, all.size())));
  }
}
