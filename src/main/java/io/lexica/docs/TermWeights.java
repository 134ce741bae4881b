package io.lexica.docs;

import io.lexica.LexicaException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;

/**
 * Per-word weights for a document embedding method, computed once from the term statistics of the
 * field that is embedded (the collection the documents come from, so weights fit its vocabulary).
 * Words the target field lacks get the weight of a word seen once. Immutable and thread-safe.
 */
public final class TermWeights {
  /** SIF's smoothing parameter {@code a}; Arora et al. found 1e-3 to 1e-4 best. */
  public static final double DEFAULT_SIF_A = 1e-3;

  private final EmbeddingMethod method;
  private final Map<String, Float> weights;
  private final float unseenWeight;

  private TermWeights(EmbeddingMethod method, Map<String, Float> weights, float unseenWeight) {
    this.method = method;
    this.weights = weights;
    this.unseenWeight = unseenWeight;
  }

  /** Weight 1 for every word: {@link EmbeddingMethod#MEAN}. */
  public static TermWeights uniform() {
    return new TermWeights(EmbeddingMethod.MEAN, Map.of(), 1f);
  }

  /**
   * Weights of {@code method} from {@code field}'s statistics in {@code reader}.
   *
   * @param sifA SIF's {@code a} (ignored by other methods)
   */
  public static TermWeights fromIndex(
      EmbeddingMethod method, IndexReader reader, String field, double sifA) {
    if (method == EmbeddingMethod.MEAN) {
      return uniform();
    }
    try {
      Terms terms = MultiTerms.getTerms(reader, field);
      if (terms == null) {
        throw new LexicaException(
            "the index has no indexed field '" + field + "' to take word statistics from",
            "name the text field of the documents with --field");
      }
      long docs = Math.max(1, reader.numDocs());
      double tokens = Math.max(1, terms.getSumTotalTermFreq());
      Map<String, Float> w = new HashMap<>();
      TermsEnum te = terms.iterator();
      for (BytesRef t = te.next(); t != null; t = te.next()) {
        double value =
            method == EmbeddingMethod.IDF
                ? idf(te.docFreq(), docs)
                : sifA / (sifA + te.totalTermFreq() / tokens);
        w.put(t.utf8ToString(), (float) value);
      }
      float unseen =
          (float) (method == EmbeddingMethod.IDF ? idf(1, docs) : sifA / (sifA + 1 / tokens));
      return new TermWeights(method, w, unseen);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** BM25's idf, always positive: {@code ln(1 + (N - df + 0.5) / (df + 0.5))}. */
  static double idf(long docFreq, long docCount) {
    return Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5));
  }

  public EmbeddingMethod method() {
    return method;
  }

  /** The weight of {@code word}. */
  public float weight(String word) {
    Float w = weights.get(word);
    return w == null ? unseenWeight : w;
  }
}
