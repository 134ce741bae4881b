package io.lexica.docs;

import io.lexica.LexicaException;
import io.lexica.vectors.Embeddings;
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
 * Per-word weights for a document embedding method, from one of two sources of word statistics:
 *
 * <ul>
 *   <li>{@link #fromIndex}: the term statistics of the field that is embedded, computed once (the
 *       collection the documents come from, so weights fit its vocabulary). What {@code lexica
 *       embed-docs} and the retrieval evaluation use.
 *   <li>{@link #fromModel}: the model's own corpus counts. For embedding one document at a time
 *       before it is indexed (an OpenSearch ingest pipeline), where no index statistics exist yet
 *       and those of a growing, sharded index would change a document's vector with the day and the
 *       shard it was indexed on. A Lexica model trained on the index's text holds that text's
 *       counts, fixed with the model.
 * </ul>
 *
 * Words the source has no statistics for get the weight of a word seen once. Immutable and
 * thread-safe.
 */
public final class TermWeights {
  /** SIF's smoothing parameter {@code a}; Arora et al. found 1e-3 to 1e-4 best. */
  public static final double DEFAULT_SIF_A = 1e-3;

  /** A word's weight. */
  private interface Weight {
    float of(String word);
  }

  private final EmbeddingMethod method;
  private final Weight weight;

  private TermWeights(EmbeddingMethod method, Weight weight) {
    this.method = method;
    this.weight = weight;
  }

  /**
   * Weight 1 for every word: {@link EmbeddingMethod#MEAN}.
   *
   * @return the weights
   */
  public static TermWeights uniform() {
    return new TermWeights(EmbeddingMethod.MEAN, word -> 1f);
  }

  /**
   * Weights of {@code method} from {@code field}'s statistics in {@code reader}: IDF is BM25's idf
   * of the word's document frequency, SIF's {@code p(w)} the word's share of the field's tokens.
   *
   * @param method the weighting
   * @param reader the index whose statistics count
   * @param field the field whose statistics count
   * @param sifA SIF's {@code a} (ignored by other methods)
   * @return the weights
   */
  public static TermWeights fromIndex(
      EmbeddingMethod method, IndexReader reader, String field, double sifA) {
    if (method == EmbeddingMethod.MEAN) {
      return uniform();
    }
    if (method == EmbeddingMethod.SIF) {
      requireSifA(sifA);
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
      return new TermWeights(method, word -> w.getOrDefault(word, unseen));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Weights of {@code method} from the model's corpus counts: SIF's {@code p(w)} is {@code count(w)
   * / totalCount()}; IDF is BM25's idf formula over tokens rather than documents, {@code ln(1 + (T
   * - c + 0.5) / (c + 0.5))} with {@code c = count(w)} and {@code T = totalCount()} (a model
   * records how often each word occurred, not in how many documents: this is the inverse collection
   * frequency, which orders words as idf does but is not equal to it).
   *
   * @param method the weighting
   * @param model the model, with its counts
   * @param sifA SIF's {@code a} (ignored by other methods)
   * @return the weights
   * @throws LexicaException for idf and sif when the model holds no counts (a vector file), or for
   *     sif when {@code sifA} is not a positive number
   */
  public static TermWeights fromModel(EmbeddingMethod method, Embeddings model, double sifA) {
    if (method == EmbeddingMethod.MEAN) {
      return uniform();
    }
    if (method == EmbeddingMethod.SIF) {
      requireSifA(sifA);
    }
    long total = model.totalCount();
    if (total <= 0) {
      throw new LexicaException(
          "the model holds no corpus counts (it was imported from a vector file), and "
              + method.id()
              + " weights are computed from them",
          "use method mean, or a model trained with 'lexica train'");
    }
    double tokens = total;
    return method == EmbeddingMethod.IDF
        ? new TermWeights(method, word -> (float) idf(Math.max(1, model.count(word)), total))
        : new TermWeights(
            method, word -> (float) (sifA / (sifA + Math.max(1, model.count(word)) / tokens)));
  }

  private static void requireSifA(double sifA) {
    if (!(sifA > 0) || Double.isInfinite(sifA)) {
      throw new LexicaException(
          "SIF's a must be a positive number, not " + sifA,
          "use " + DEFAULT_SIF_A + " (Arora et al. found 1e-3 to 1e-4 best)");
    }
  }

  /** BM25's idf, always positive: {@code ln(1 + (N - df + 0.5) / (df + 0.5))}. */
  static double idf(long docFreq, long docCount) {
    return Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5));
  }

  /**
   * The weighting these weights implement.
   *
   * @return the method
   */
  public EmbeddingMethod method() {
    return method;
  }

  /**
   * The weight of {@code word}.
   *
   * @param word a token
   * @return its weight; for a word the statistics lack, the weight of a word seen once (IDF, SIF)
   *     or 1 (mean)
   */
  public float weight(String word) {
    return weight.of(word);
  }
}
