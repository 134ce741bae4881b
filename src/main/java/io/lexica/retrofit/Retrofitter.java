package io.lexica.retrofit;

import io.lexica.math.VectorMath;
import io.lexica.retrofit.RetrofitOptions.Method;
import io.lexica.vectors.ModelWeights;
import io.lexica.vectors.WordVectors;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Moves a model's vectors towards a {@link Lexicon}, after training: words the lexicon calls close
 * come closer, opposed ones (counter-fitting) go apart, the rest of the space stays as it was. Two
 * methods ({@link RetrofitOptions.Method}):
 *
 * <ul>
 *   <li><b>Retrofitting</b> (Faruqui et al. 2015): on unit vectors, {@code iterations} times, each
 *       word with neighbours in the model becomes {@code (α·q̂ + mean of its neighbours' current
 *       vectors) / (α + 1)}, in row order, in place (their code's Gauss-Seidel order). Words
 *       without neighbours keep their vectors. With a frequency exponent p each word has its own
 *       {@code α·(count / reference count)^p} ({@link RetrofitOptions#alphaExponent}).
 *   <li><b>Counter-fitting</b> (Mrkšić et al. 2016): full-batch steps on unit vectors that push
 *       antonyms to cosine distance δ (weight k1), pull synonyms to γ (k2) and keep each moved
 *       word's original neighbours (cosine distance at most ρ) from drifting apart (k3); each
 *       word's step is the mean of its terms' gradients, and vectors are renormalised after each
 *       step, as in their code.
 * </ul>
 *
 * With an interpolation λ below 1, each moved word then ends at {@code (1 - λ)·q̂ + λ·q}, its
 * original unit vector mixed with the method's result ({@link RetrofitOptions#interpolation}).
 *
 * <p>When the lexicon knows inflections ({@link Lexicon#lemma}, WordNet's morphology), a word the
 * lexicon does not relate but that inflects one that moved ("cars", "went") moves by its lemma's
 * displacement, so that inflectional offsets survive.
 *
 * <p>The result is a model like any other: each changed word keeps its original vector's length
 * (only directions move, which is all cosine similarity sees), unchanged words keep their vectors
 * bit for bit, counts and output rows stay, and a subword model keeps its n-gram rows, its own word
 * rows being rederived so that the mean of own row and n-grams is the new vector (unseen words
 * still get vectors from the n-grams, now unchanged).
 *
 * <p>Deterministic. Stateless; {@link #apply} is thread-safe.
 */
public final class Retrofitter {
  /**
   * What retrofitting did.
   *
   * @param method the method used
   * @param iterations passes made
   * @param lexiconWords words the lexicon relates
   * @param coveredWords those the model has
   * @param synonymPairs close pairs with both words in the model
   * @param antonymPairs opposed pairs with both words in the model
   * @param preservationPairs counter-fitting's neighbour pairs kept together (0 for retrofitting)
   * @param changedWords words whose vector moved (inflected forms included)
   * @param inflectedForms of those, the inflected forms that moved with their lemma
   * @param meanCosine mean cosine between a changed word's old and new vector
   */
  public record Report(
      Method method,
      int iterations,
      int lexiconWords,
      int coveredWords,
      long synonymPairs,
      long antonymPairs,
      long preservationPairs,
      int changedWords,
      int inflectedForms,
      double meanCosine) {}

  /**
   * The retrofitted weights and what was done.
   *
   * @param weights the model's weights with the moved rows
   * @param report the figures of what moved
   */
  public record Result(ModelWeights weights, Report report) {}

  private Retrofitter() {}

  /**
   * Retrofits {@code weights} to {@code lexicon}.
   *
   * @param weights the model's weights; not modified
   * @param lexicon the word relations to move towards (and, for counter-fitting, away from)
   * @param options the method and its weights; {@link RetrofitOptions#methodFor} resolves AUTO
   * @return new weights and the report
   */
  public static Result apply(ModelWeights weights, Lexicon lexicon, RetrofitOptions options) {
    WordVectors v = weights.vectors();
    int n = v.size();
    int dim = v.dimension();
    Method method = options.methodFor(lexicon);
    int iterations = options.iterationsFor(method);
    int[][] close = new int[n][];
    int[][] opposed = new int[n][];
    long synonymPairs = 0;
    long antonymPairs = 0;
    int covered = 0;
    for (int i = 0; i < n; i++) {
      String w = v.word(i);
      close[i] = rows(v, lexicon.synonyms(w));
      opposed[i] = method == Method.COUNTERFIT ? rows(v, lexicon.antonyms(w)) : new int[0];
      synonymPairs += close[i].length;
      antonymPairs += rows(v, lexicon.antonyms(w)).length;
      if (!lexicon.synonyms(w).isEmpty() || !lexicon.antonyms(w).isEmpty()) {
        covered++;
      }
    }
    float[] original = v.normalized().data();
    float[] q = original.clone();
    long preservation = 0;
    if (method == Method.RETROFIT) {
      retrofit(q, original, close, dim, alphas(v, options), iterations);
    } else {
      int[][] near = new int[n][];
      float[][] nearDistance = new float[n][];
      if (options.preservationWeight() > 0) {
        preservation =
            preservationPairs(original, close, opposed, dim, options, near, nearDistance);
      }
      counterfit(q, close, opposed, near, nearDistance, dim, options, iterations);
    }
    interpolate(q, original, options.interpolation());
    int inflected = followLemmas(v, lexicon, q, original, dim);
    return finish(
        weights,
        q,
        original,
        new Report(
            method,
            iterations,
            lexicon.words().size(),
            covered,
            synonymPairs / 2,
            antonymPairs / 2,
            preservation,
            0,
            inflected,
            0));
  }

  /**
   * Each word's α: {@code alpha · (count / reference)^p}, the reference being the count of row
   * {@link RetrofitOptions#REFERENCE_RANK} - 1 (the last row in a smaller model). Without counts
   * (any row's count unknown), ranks stand for them as Zipf's law has it: count ∝ 1 / (row + 1).
   */
  static double[] alphas(WordVectors v, RetrofitOptions options) {
    int n = v.size();
    double[] alphas = new double[n];
    double p = options.alphaExponent();
    if (p == 0) {
      Arrays.fill(alphas, options.alpha());
      return alphas;
    }
    boolean counted = IntStream.range(0, n).allMatch(i -> v.count(i) > 0);
    int reference = Math.min(RetrofitOptions.REFERENCE_RANK, n) - 1;
    for (int i = 0; i < n; i++) {
      double ratio =
          counted ? (double) v.count(i) / v.count(reference) : (reference + 1.0) / (i + 1.0);
      alphas[i] = options.alpha() * Math.pow(ratio, p);
    }
    return alphas;
  }

  /** Mixes each moved row with its original: {@code (1 - λ)·original + λ·q}. */
  private static void interpolate(float[] q, float[] original, double lambda) {
    if (lambda == 1) {
      return;
    }
    for (int i = 0; i < q.length; i++) {
      if (q[i] != original[i]) {
        q[i] = (float) ((1 - lambda) * original[i] + lambda * q[i]);
      }
    }
  }

  /**
   * Moves each word that did not move but is an inflected form of a word that did ({@link
   * Lexicon#lemma}: "cars" of "car") by its lemma's displacement on the unit sphere: {@code q_w = ŵ
   * + (q_lemma - lemmâ)}, normalised later. Lexicons list lemmas, so without this "car" would move
   * and "cars" stay, and the offset between them, which plural analogies and the expansion of
   * inflected query words rely on, would break. Returns how many forms moved.
   */
  private static int followLemmas(
      WordVectors v, Lexicon lexicon, float[] q, float[] original, int dim) {
    if (!lexicon.hasMorphology()) {
      return 0;
    }
    int n = v.size();
    boolean[] moved = new boolean[n];
    for (int i = 0; i < n; i++) {
      moved[i] = !Arrays.equals(q, i * dim, (i + 1) * dim, original, i * dim, (i + 1) * dim);
    }
    int forms = 0;
    for (int i = 0; i < n; i++) {
      if (moved[i]) {
        continue;
      }
      String lemma = lexicon.lemma(v.word(i));
      int r = lemma == null ? -1 : v.indexOf(lemma);
      if (r < 0 || !moved[r]) {
        continue;
      }
      float length = (float) Math.sqrt(VectorMath.dot(q, r * dim, q, r * dim, dim));
      for (int d = 0; d < dim; d++) {
        q[i * dim + d] = original[i * dim + d] + q[r * dim + d] / length - original[r * dim + d];
      }
      forms++;
    }
    return forms;
  }

  /** The rows of {@code words} the model has, ascending. */
  private static int[] rows(WordVectors v, Set<String> words) {
    int[] out = new int[words.size()];
    int m = 0;
    for (String w : words) {
      int r = v.indexOf(w);
      if (r >= 0) {
        out[m++] = r;
      }
    }
    int[] rows = Arrays.copyOf(out, m);
    Arrays.sort(rows);
    return rows;
  }

  private static void retrofit(
      float[] q, float[] original, int[][] close, int dim, double[] alphas, int iterations) {
    float[] sum = new float[dim];
    for (int it = 0; it < iterations; it++) {
      for (int i = 0; i < close.length; i++) {
        int[] nb = close[i];
        if (nb.length == 0) {
          continue;
        }
        Arrays.fill(sum, 0);
        for (int j : nb) {
          VectorMath.axpy(1f, q, j * dim, sum, 0, dim);
        }
        double alpha = alphas[i];
        double norm = 1.0 / (alpha + 1);
        double perNeighbour = 1.0 / nb.length;
        for (int d = 0; d < dim; d++) {
          q[i * dim + d] = (float) ((alpha * original[i * dim + d] + sum[d] * perNeighbour) * norm);
        }
      }
    }
  }

  /**
   * Finds, for every word with a lexicon relation, the words within cosine distance ρ in the
   * original space (themselves and antonyms excluded), as pairs in both directions; returns how
   * many. Brute force over all rows, words in parallel (the result does not depend on threads).
   */
  private static long preservationPairs(
      float[] original,
      int[][] close,
      int[][] opposed,
      int dim,
      RetrofitOptions options,
      int[][] near,
      float[][] nearDistance) {
    int n = close.length;
    float minCosine = (float) (1 - options.preservationRadius());
    int[][] perWord = new int[n][];
    IntStream.range(0, n)
        .parallel()
        .forEach(
            i -> {
              if (close[i].length == 0 && opposed[i].length == 0) {
                perWord[i] = new int[0];
                return;
              }
              int[] hits = new int[16];
              int m = 0;
              for (int j = 0; j < n; j++) {
                if (j != i
                    && VectorMath.dot(original, i * dim, original, j * dim, dim) >= minCosine
                    && Arrays.binarySearch(opposed[i], j) < 0) {
                  if (m == hits.length) {
                    hits = Arrays.copyOf(hits, m * 2);
                  }
                  hits[m++] = j;
                }
              }
              perWord[i] = Arrays.copyOf(hits, m);
            });
    // Both directions: a moved word pulls its old neighbours along, and they pull it back.
    int[] degree = new int[n];
    for (int i = 0; i < n; i++) {
      degree[i] += perWord[i].length;
      for (int j : perWord[i]) {
        if (close[j].length == 0 && opposed[j].length == 0) {
          degree[j]++;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      near[i] = new int[degree[i]];
      nearDistance[i] = new float[degree[i]];
    }
    int[] fill = new int[n];
    long pairs = 0;
    for (int i = 0; i < n; i++) {
      for (int j : perWord[i]) {
        float d = 1 - VectorMath.dot(original, i * dim, original, j * dim, dim);
        near[i][fill[i]] = j;
        nearDistance[i][fill[i]++] = d;
        pairs++;
        if (close[j].length == 0 && opposed[j].length == 0) {
          near[j][fill[j]] = i;
          nearDistance[j][fill[j]++] = d;
          pairs++;
        }
      }
    }
    return pairs;
  }

  private static void counterfit(
      float[] q,
      int[][] close,
      int[][] opposed,
      int[][] near,
      float[][] nearDistance,
      int dim,
      RetrofitOptions o,
      int iterations) {
    int n = close.length;
    float[] step = new float[dim];
    float[] next = q.clone();
    for (int it = 0; it < iterations; it++) {
      for (int i = 0; i < n; i++) {
        Arrays.fill(step, 0);
        int terms = 0;
        for (int j : opposed[i]) {
          float dot = VectorMath.dot(q, i * dim, q, j * dim, dim);
          if (1 - dot < o.antonymMargin()) {
            addGradient(q, i, j, dot, (float) o.antonymWeight(), step, dim);
            terms++;
          }
        }
        for (int j : close[i]) {
          float dot = VectorMath.dot(q, i * dim, q, j * dim, dim);
          if (1 - dot > o.synonymMargin()) {
            addGradient(q, i, j, dot, (float) -o.synonymWeight(), step, dim);
            terms++;
          }
        }
        if (near[i] != null) {
          for (int k = 0; k < near[i].length; k++) {
            int j = near[i][k];
            float dot = VectorMath.dot(q, i * dim, q, j * dim, dim);
            if (1 - dot > nearDistance[i][k]) {
              addGradient(q, i, j, dot, (float) -o.preservationWeight(), step, dim);
              terms++;
            }
          }
        }
        System.arraycopy(q, i * dim, next, i * dim, dim);
        if (terms > 0) {
          VectorMath.axpy(1f / terms, step, 0, next, i * dim, dim);
          WordVectors.normalizeRow(next, i * dim, dim);
        }
      }
      System.arraycopy(next, 0, q, 0, q.length);
    }
  }

  /**
   * Adds {@code weight} times the gradient of the cosine distance of unit vectors {@code u = q_i}
   * and {@code v = q_j} with respect to {@code u}, up to sign conventions as in Mrkšić et al.'s
   * code: {@code u (u·v) - v}, which points away from {@code v} along the sphere.
   */
  private static void addGradient(
      float[] q, int i, int j, float dot, float weight, float[] step, int dim) {
    VectorMath.axpy(weight * dot, q, i * dim, step, 0, dim);
    VectorMath.axpy(-weight, q, j * dim, step, 0, dim);
  }

  /** New weights: moved rows at their old length, the rest untouched; and the report completed. */
  private static Result finish(ModelWeights weights, float[] q, float[] original, Report r) {
    WordVectors v = weights.vectors();
    int n = v.size();
    int dim = v.dimension();
    float[] raw = v.data().clone();
    boolean[] moved = new boolean[n];
    int changed = 0;
    double cosines = 0;
    for (int i = 0; i < n; i++) {
      int at = i * dim;
      if (Arrays.equals(q, at, at + dim, original, at, at + dim)) {
        continue;
      }
      WordVectors.normalizeRow(q, at, dim);
      cosines += VectorMath.dot(q, at, original, at, dim);
      changed++;
      moved[i] = true;
      double length = Math.sqrt(VectorMath.dot(raw, at, raw, at, dim));
      for (int d = 0; d < dim; d++) {
        raw[at + d] = (float) (q[at + d] * length);
      }
    }
    WordVectors vectors = new WordVectors(v.words(), raw, dim, counts(v));
    float[] wordRows = weights.wordRows();
    if (wordRows != null) {
      wordRows = ownRows(weights, vectors, moved);
    }
    ModelWeights out = new ModelWeights(vectors, weights.output(), wordRows, weights.ngrams());
    Report done =
        new Report(
            r.method(),
            r.iterations(),
            r.lexiconWords(),
            r.coveredWords(),
            r.synonymPairs(),
            r.antonymPairs(),
            r.preservationPairs(),
            changed,
            r.inflectedForms(),
            changed == 0 ? 1 : cosines / changed);
    return new Result(out, done);
  }

  private static long[] counts(WordVectors v) {
    long[] c = new long[v.size()];
    for (int i = 0; i < c.length; i++) {
      c[i] = v.count(i);
    }
    return c;
  }

  /**
   * A subword model's own word rows for the new vectors: the vector is the mean of the own row and
   * the n-gram rows, so own = vector x (n + 1) - sum of n-gram rows ({@link ModelWeights#inputRow}
   * derives them the same way). Rows of words that did not move are kept as they were.
   */
  private static float[] ownRows(ModelWeights old, WordVectors vectors, boolean[] moved) {
    ModelWeights derived = new ModelWeights(vectors, null, null, old.ngrams());
    int dim = vectors.dimension();
    float[] rows = old.wordRows().clone();
    for (int i = 0; i < vectors.size(); i++) {
      if (moved[i]) {
        derived.inputRow(i, rows, i * dim);
      }
    }
    return rows;
  }
}
