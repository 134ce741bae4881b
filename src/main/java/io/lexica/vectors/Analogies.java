package io.lexica.vectors;

import io.lexica.LexicaException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Word arithmetic over any {@link Embeddings}, with gensim's semantics so that answers can be
 * compared with gensim's {@code most_similar}, {@code most_similar_cosmul} and {@code
 * doesnt_match}: vectors are unit length, the question words are never answers, and a word that is
 * not in the model is an error (a {@link LexicaException} naming it), never silently dropped.
 * Stateless and thread-safe.
 */
public final class Analogies {
  private Analogies() {}

  /**
   * 3CosAdd (gensim {@code most_similar}): the words nearest to the normalized mean of the positive
   * words' unit vectors minus the negative ones'. "a is to b as c is to ?" is {@code positive = [b,
   * c], negative = [a]}. Search is the embeddings' own (HNSW for a store, exact for its {@code
   * exact()} view).
   *
   * @param model the model searched
   * @param positive words whose vectors are added
   * @param negative words whose vectors are subtracted
   * @param k the most answers
   * @return the nearest words, the query words left out
   * @throws io.lexica.LexicaException when a query word has no vector (naming it), or no positive
   *     word is given
   */
  public static List<Neighbor> add(
      Embeddings model, List<String> positive, List<String> negative, int k) {
    float[] target = new float[model.dimension()];
    Set<String> question = questionWords(model, positive, negative);
    for (String w : positive) {
      accumulate(target, model.unitVector(w), 1f);
    }
    for (String w : negative) {
      accumulate(target, model.unitVector(w), -1f);
    }
    WordVectors.normalizeRow(target, 0, target.length);
    return model.nearest(target, k, -Float.MAX_VALUE, question);
  }

  /**
   * 3CosMul (Levy and Goldberg 2014; gensim {@code most_similar_cosmul}): the words maximizing the
   * product of the positive similarities divided by the product of the negative ones (plus 1e-6),
   * each similarity shifted to [0, 1] as {@code (1 + cos) / 2}. Needs every word's similarity, so
   * it scans the whole model exactly.
   *
   * @param <E> a model that can also score every word
   * @param model the model scanned
   * @param positive words whose similarities are multiplied
   * @param negative words whose similarities divide
   * @param k the most answers
   * @return the best words, the query words left out
   * @throws io.lexica.LexicaException when a query word has no vector (naming it), or no positive
   *     word is given
   */
  public static <E extends Embeddings & ExhaustiveSearch> List<Neighbor> mul(
      E model, List<String> positive, List<String> negative, int k) {
    Set<String> question = questionWords(model, positive, negative);
    float[][] pos = unitVectors(model, positive);
    float[][] neg = unitVectors(model, negative);
    return model.top(
        v -> {
          float p = 1f;
          for (float[] q : pos) {
            p *= (1 + dot(q, v)) / 2;
          }
          float n = 1f;
          for (float[] q : neg) {
            n *= (1 + dot(q, v)) / 2;
          }
          return p / (n + 1e-6f);
        },
        k,
        -Float.MAX_VALUE,
        question);
  }

  /**
   * The word that fits least with the others (gensim {@code doesnt_match}): the one whose unit
   * vector is least similar to the normalized mean of all of them. Ties go to the word that sorts
   * first, as in gensim.
   *
   * @param model the model
   * @param words the words, at least one
   * @return the odd one out
   * @throws io.lexica.LexicaException when a word has no vector, or none is given
   */
  public static String doesNotMatch(Embeddings model, List<String> words) {
    if (words.isEmpty()) {
      throw new LexicaException("no words given", "give two or more words");
    }
    questionWords(model, words, List.of());
    float[][] vectors = unitVectors(model, words);
    float[] mean = new float[model.dimension()];
    for (float[] v : vectors) {
      accumulate(mean, v, 1f);
    }
    WordVectors.normalizeRow(mean, 0, mean.length);
    String worst = null;
    float worstSim = Float.POSITIVE_INFINITY;
    for (int i = 0; i < vectors.length; i++) {
      float sim = dot(vectors[i], mean);
      String w = words.get(i);
      if (sim < worstSim || (sim == worstSim && w.compareTo(worst) < 0)) {
        worst = w;
        worstSim = sim;
      }
    }
    return worst;
  }

  /** The question words, after checking that the model has a vector for each. */
  private static Set<String> questionWords(
      Embeddings model, List<String> positive, List<String> negative) {
    if (positive.isEmpty() && negative.isEmpty()) {
      throw new LexicaException("no words given", "give at least one positive word");
    }
    Set<String> all = new HashSet<>();
    List<String> missing = new ArrayList<>();
    for (List<String> list : List.of(positive, negative)) {
      for (String w : list) {
        all.add(w);
        if (model.unitVector(w) == null) {
          missing.add(w);
        }
      }
    }
    if (!missing.isEmpty()) {
      throw outOfVocabulary(model, missing);
    }
    return all;
  }

  /**
   * The error for words the model has no vector for.
   *
   * @param model the model asked
   * @param words the words without a vector
   * @return an exception (not thrown) naming them and the fix
   */
  public static LexicaException outOfVocabulary(Embeddings model, List<String> words) {
    return new LexicaException(
        (words.size() == 1 ? "'" + words.get(0) + "' is" : words + " are")
            + " not in the model's vocabulary ("
            + model.size()
            + " words)",
        "words are stored as the analyzer produced them (usually lower-cased);"
            + " check the spelling or use a model trained on more text");
  }

  private static float[][] unitVectors(Embeddings model, List<String> words) {
    float[][] out = new float[words.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = model.unitVector(words.get(i));
    }
    return out;
  }

  private static void accumulate(float[] sum, float[] v, float weight) {
    for (int i = 0; i < sum.length; i++) {
      sum[i] += weight * v[i];
    }
  }

  private static float dot(float[] a, float[] b) {
    return org.apache.lucene.util.VectorUtil.dotProduct(a, b);
  }
}
