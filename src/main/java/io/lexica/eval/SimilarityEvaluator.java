package io.lexica.eval;

import io.lexica.vectors.WordVectors;

/**
 * Word-similarity evaluation: the cosine of each pair's vectors against the human score, as
 * Spearman's and Pearson's correlations, over the pairs whose two words the model knows (matched
 * case-insensitively, the first row of a case group standing for it, as gensim's {@code
 * evaluate_word_pairs}). Pairs with an unknown word are counted and reported. Cosines are computed
 * in double precision from the raw vectors. Stateless; thread-safe.
 */
public final class SimilarityEvaluator {
  private SimilarityEvaluator() {}

  /**
   * Evaluates {@code vectors} on {@code pairs}.
   *
   * @param vectors the word vectors
   * @param pairs the pairs with their human scores
   * @param restrict only the first this many rows count as known; 0 for all
   * @return Spearman's and Pearson's correlation between the cosines and the human scores over the
   *     covered pairs, and the coverage
   */
  public static SimilarityReport evaluate(WordVectors vectors, WordPairs pairs, int restrict) {
    int n = restrict == 0 ? vectors.size() : Math.min(restrict, vectors.size());
    FoldedVocabulary vocab = FoldedVocabulary.of(vectors, n);
    int total = pairs.pairs().size();
    double[] gold = new double[total];
    double[] model = new double[total];
    int covered = 0;
    for (WordPairs.Pair p : pairs.pairs()) {
      int a = vocab.row(p.a());
      int b = vocab.row(p.b());
      if (a < 0 || b < 0) {
        continue;
      }
      gold[covered] = p.score();
      model[covered] = cosine(vectors, a, b);
      covered++;
    }
    double[] g = java.util.Arrays.copyOf(gold, covered);
    double[] m = java.util.Arrays.copyOf(model, covered);
    return new SimilarityReport(
        pairs.name(),
        total,
        total - covered,
        Correlation.spearman(g, m),
        Correlation.pearson(g, m));
  }

  private static double cosine(WordVectors v, int a, int b) {
    float[] d = v.data();
    int dim = v.dimension();
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < dim; i++) {
      double x = d[a * dim + i];
      double y = d[b * dim + i];
      dot += x * y;
      na += x * x;
      nb += y * y;
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }
}
