package io.lexica.train.word2vec;

import io.lexica.vectors.WordVectors;

/** 3CosAdd over all words, excluding the question words; for tests. */
final class Analogy {
  private Analogy() {}

  /** The word nearest to {@code a - b + c}. */
  static String solve(WordVectors vectors, String a, String b, String c) {
    WordVectors v = vectors.normalized();
    int dim = v.dimension();
    int ia = v.indexOf(a);
    int ib = v.indexOf(b);
    int ic = v.indexOf(c);
    float[] q = new float[dim];
    float[] d = v.data();
    for (int i = 0; i < dim; i++) {
      q[i] = d[ia * dim + i] - d[ib * dim + i] + d[ic * dim + i];
    }
    int best = -1;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int w = 0; w < v.size(); w++) {
      if (w == ia || w == ib || w == ic) {
        continue;
      }
      double s = 0;
      for (int i = 0; i < dim; i++) {
        s += q[i] * d[w * dim + i];
      }
      if (s > bestScore) {
        bestScore = s;
        best = w;
      }
    }
    return v.word(best);
  }
}
