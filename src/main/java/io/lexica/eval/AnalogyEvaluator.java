package io.lexica.eval;

import io.lexica.util.Progress;
import io.lexica.vectors.WordVectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.util.VectorUtil;

/**
 * Word-analogy evaluation with the usual protocol of word2vec's compute-accuracy and gensim's
 * {@code evaluate_word_analogies}: words are matched case-insensitively (the first row of a case
 * group stands for it); only the first {@code restrict} rows (30,000 by default; rows are in
 * frequency order) are searched; a question is seen only when its four words are among them, and
 * skipped otherwise (counted in coverage); the answer is the best-scoring searched word other than
 * the three question words. Two scores (Levy and Goldberg 2014):
 *
 * <ul>
 *   <li>3CosAdd: cos(x, b) - cos(x, a) + cos(x, c), ranked as the C tool and gensim's {@code
 *       most_similar} do (the dot product with b - a + c over unit vectors).
 *   <li>3CosMul: cos'(x, b) cos'(x, c) / (cos'(x, a) + 1e-6) with cosines shifted to [0, 1] by (1 +
 *       cos) / 2, exactly as gensim's {@code most_similar_cosmul} (Levy and Goldberg used an
 *       epsilon of 0.001).
 * </ul>
 *
 * <p>Scores are float dot products (Lucene's SIMD {@code VectorUtil}), questions batched against
 * blocks of rows so the block stays in cache. Different tools round float sums differently, so when
 * the best two candidates are within float noise (1e-5) they are rescored in double precision: the
 * answer is then the mathematically best one, which keeps the result independent of thread count,
 * batch size and CPU. Ties go to the earlier (more frequent) word, as in the C tool.
 *
 * <p>Case groups: a candidate whose lowercase form equals a question word's is excluded, as gensim
 * does (the C tool only excludes the three rows themselves; the two agree on lowercased
 * vocabularies). An answer is correct when it equals the expected word case-insensitively.
 *
 * <p>Stateless; thread-safe.
 */
public final class AnalogyEvaluator {
  /** The analogy scoring methods. */
  public enum Method {
    /** 3CosAdd: the word nearest {@code b - a + c} (Mikolov et al. 2013). */
    ADD("3CosAdd"),
    /**
     * 3CosMul: the word maximising {@code cos(w, b) cos(w, c) / (cos(w, a) + epsilon)} over shifted
     * cosines (Levy and Goldberg 2014).
     */
    MUL("3CosMul");

    private final String label;

    Method(String label) {
      this.label = label;
    }

    /**
     * The name used in the literature, e.g. 3CosAdd.
     *
     * @return the label
     */
    public String label() {
      return label;
    }
  }

  /** The usual restriction: the 30,000 most frequent words. */
  static final int DEFAULT_RESTRICT = 30_000;

  /** The first sections of questions-words that are semantic (the rest are syntactic). */
  static final int QUESTIONS_WORDS_SEMANTIC_SECTIONS = 5;

  /** gensim's epsilon in the 3CosMul denominator. */
  static final double MUL_EPSILON = 1e-6;

  /** Best-two margins below which the answer is rescored in double precision. */
  static final double TIE_MARGIN = 1e-5;

  private static final int BATCH = 16;
  private static final int ROW_BLOCK = 1024;

  /**
   * How to evaluate.
   *
   * @param restrict search the first this many rows; 0 searches all
   * @param methods the methods to evaluate, at least one
   * @param threads worker threads, at least 1
   * @param semanticSections how many leading sections are semantic (5 for questions-words)
   */
  public record Options(int restrict, List<Method> methods, int threads, int semanticSections) {
    /**
     * Checks the options.
     *
     * @throws IllegalArgumentException when {@code restrict} or {@code semanticSections} is
     *     negative, {@code threads < 1} or no method is given
     */
    public Options {
      if (restrict < 0 || threads < 1 || semanticSections < 0 || methods.isEmpty()) {
        throw new IllegalArgumentException("bad analogy options");
      }
      methods = List.copyOf(methods);
    }

    /**
     * 30,000 words, both methods, 2 threads, 5 semantic sections.
     *
     * @return the options
     */
    public static Options defaults() {
      return new Options(
          DEFAULT_RESTRICT, List.of(Method.ADD, Method.MUL), 2, QUESTIONS_WORDS_SEMANTIC_SECTIONS);
    }
  }

  private AnalogyEvaluator() {}

  /**
   * Evaluates {@code vectors} (rows in frequency order) on the questions.
   *
   * @param vectors the word vectors; rows in frequency order, so {@code restrict} keeps the most
   *     frequent
   * @param questions the questions
   * @param options how many rows, which methods, threads
   * @return per section and in total, the accuracy and coverage of each method, and every answer
   */
  public static AnalogyReport evaluate(
      WordVectors vectors, AnalogyQuestions questions, Options options) {
    int n = options.restrict() == 0 ? vectors.size() : Math.min(options.restrict(), vectors.size());
    Search search = new Search(vectors.unitRows(n), FoldedVocabulary.of(vectors, n), options);
    List<String> sectionOf = new ArrayList<>();
    List<AnalogyQuestions.Question> all = new ArrayList<>();
    for (AnalogyQuestions.Section s : questions.sections()) {
      for (AnalogyQuestions.Question q : s.questions()) {
        sectionOf.add(s.name());
        all.add(q);
      }
    }
    int[][] ids = new int[all.size()][];
    List<Integer> seen = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      AnalogyQuestions.Question q = all.get(i);
      int[] w = {
        search.vocab.row(q.a()),
        search.vocab.row(q.b()),
        search.vocab.row(q.c()),
        search.vocab.row(q.expected())
      };
      if (w[0] >= 0 && w[1] >= 0 && w[2] >= 0 && w[3] >= 0) {
        ids[i] = w;
        seen.add(i);
      }
    }
    int[][] answers = search.run(ids, seen);

    List<Method> methods = options.methods();
    List<AnalogyReport.Answer> out = new ArrayList<>(all.size());
    for (int i = 0; i < all.size(); i++) {
      List<String> predicted = new ArrayList<>();
      List<Boolean> correct = new ArrayList<>();
      for (int m = 0; m < methods.size(); m++) {
        int row = ids[i] == null ? -1 : answers[m][i];
        predicted.add(row < 0 ? null : vectors.word(row));
        correct.add(row >= 0 && search.vocab.canonical(row) == ids[i][3]);
      }
      out.add(
          new AnalogyReport.Answer(
              sectionOf.get(i),
              all.get(i),
              Collections.unmodifiableList(predicted),
              List.copyOf(correct)));
    }
    return report(n, questions, options, out);
  }

  private static AnalogyReport report(
      int n, AnalogyQuestions questions, Options options, List<AnalogyReport.Answer> answers) {
    List<AnalogyReport.Tally> sections = new ArrayList<>();
    int from = 0;
    for (AnalogyQuestions.Section s : questions.sections()) {
      int to = from + s.questions().size();
      sections.add(tally(s.name(), answers.subList(from, to), options.methods()));
      from = to;
    }
    int split = Math.min(options.semanticSections(), questions.sections().size());
    int splitAt =
        questions.sections().subList(0, split).stream().mapToInt(s -> s.questions().size()).sum();
    return new AnalogyReport(
        n,
        options.methods(),
        sections,
        tally("semantic", answers.subList(0, splitAt), options.methods()),
        tally("syntactic", answers.subList(splitAt, answers.size()), options.methods()),
        tally("total", answers, options.methods()),
        answers);
  }

  private static AnalogyReport.Tally tally(
      String name, List<AnalogyReport.Answer> answers, List<Method> methods) {
    Map<Method, Integer> correct = new EnumMap<>(Method.class);
    int seen = 0;
    for (int m = 0; m < methods.size(); m++) {
      int c = 0;
      for (AnalogyReport.Answer a : answers) {
        if (a.correct().get(m)) {
          c++;
        }
      }
      correct.put(methods.get(m), c);
    }
    for (AnalogyReport.Answer a : answers) {
      if (a.seen()) {
        seen++;
      }
    }
    return new AnalogyReport.Tally(name, answers.size(), seen, correct);
  }

  /** The batched search over the unit rows; one instance per evaluation. */
  private static final class Search {
    final float[][] unit;
    final FoldedVocabulary vocab;
    final Options options;
    final int dim;
    final boolean add;
    final boolean mul;

    Search(float[][] unit, FoldedVocabulary vocab, Options options) {
      this.unit = unit;
      this.vocab = vocab;
      this.options = options;
      this.dim = unit.length == 0 ? 0 : unit[0].length;
      this.add = options.methods().contains(Method.ADD);
      this.mul = options.methods().contains(Method.MUL);
    }

    /** Returns per method (options order), per question, the answer row (-1 when unseen). */
    int[][] run(int[][] ids, List<Integer> seen) {
      int methods = options.methods().size();
      int[][] answers = new int[methods][ids.length];
      for (int[] a : answers) {
        Arrays.fill(a, -1);
      }
      int batches = (seen.size() + BATCH - 1) / BATCH;
      AtomicInteger next = new AtomicInteger();
      int threads = Math.max(1, Math.min(options.threads(), batches));
      try (Progress progress = Progress.start("analogy", seen.size(), "questions")) {
        Runnable worker =
            () -> {
              for (int b; (b = next.getAndIncrement()) < batches; ) {
                List<Integer> batch =
                    seen.subList(b * BATCH, Math.min(seen.size(), (b + 1) * BATCH));
                int[][] got = batch(ids, batch);
                for (int j = 0; j < batch.size(); j++) {
                  for (int m = 0; m < methods; m++) {
                    answers[m][batch.get(j)] = got[m][j];
                  }
                }
                progress.add(batch.size());
              }
            };
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
          List<Future<?>> futures = new ArrayList<>();
          for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(worker));
          }
          for (Future<?> f : futures) {
            f.get();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("analogy evaluation interrupted", e);
        } catch (ExecutionException e) {
          throw e.getCause() instanceof RuntimeException re
              ? re
              : new IllegalStateException(e.getCause());
        } finally {
          pool.shutdownNow();
        }
      }
      return answers;
    }

    /** Answers one batch of seen questions: per method, per question in the batch, a row. */
    private int[][] batch(int[][] ids, List<Integer> batch) {
      int b = batch.size();
      int[][] q = new int[b][];
      for (int j = 0; j < b; j++) {
        q[j] = ids[batch.get(j)];
      }
      Best addBest = add ? new Best(b) : null;
      Best mulBest = mul ? new Best(b) : null;
      float[][] offsets = null;
      if (add && !mul) {
        // b - a + c over unit vectors, rounded as the C tool computes it.
        offsets = new float[b][dim];
        for (int j = 0; j < b; j++) {
          float[] ua = unit[q[j][0]];
          float[] ub = unit[q[j][1]];
          float[] uc = unit[q[j][2]];
          for (int i = 0; i < dim; i++) {
            offsets[j][i] = (ub[i] - ua[i]) + uc[i];
          }
        }
      }
      for (int r0 = 0; r0 < unit.length; r0 += ROW_BLOCK) {
        int r1 = Math.min(unit.length, r0 + ROW_BLOCK);
        for (int j = 0; j < b; j++) {
          int[] w = q[j];
          if (offsets != null) {
            float[] o = offsets[j];
            for (int r = r0; r < r1; r++) {
              double s = VectorUtil.dotProduct(o, unit[r]);
              if (s > addBest.second[j] && !excluded(r, w)) {
                addBest.offer(j, s, r);
              }
            }
          } else {
            float[] ua = unit[w[0]];
            float[] ub = unit[w[1]];
            float[] uc = unit[w[2]];
            for (int r = r0; r < r1; r++) {
              float[] x = unit[r];
              double ca = VectorUtil.dotProduct(ua, x);
              double cb = VectorUtil.dotProduct(ub, x);
              double cc = VectorUtil.dotProduct(uc, x);
              double sm = mulScore(ca, cb, cc);
              double sa = cb - ca + cc;
              boolean wantMul = sm > mulBest.second[j];
              boolean wantAdd = add && sa > addBest.second[j];
              if ((wantMul || wantAdd) && !excluded(r, w)) {
                if (wantMul) {
                  mulBest.offer(j, sm, r);
                }
                if (wantAdd) {
                  addBest.offer(j, sa, r);
                }
              }
            }
          }
        }
      }
      int[][] out = new int[options.methods().size()][b];
      for (int m = 0; m < out.length; m++) {
        Method method = options.methods().get(m);
        Best best = method == Method.ADD ? addBest : mulBest;
        for (int j = 0; j < b; j++) {
          int[] w = q[j];
          out[m][j] = best.resolve(j, r -> exactScore(method, w, r));
        }
      }
      return out;
    }

    private boolean excluded(int row, int[] w) {
      int c = vocab.canonical(row);
      return c == w[0] || c == w[1] || c == w[2];
    }

    private static double mulScore(double ca, double cb, double cc) {
      return ((1 + cb) / 2) * ((1 + cc) / 2) / ((1 + ca) / 2 + MUL_EPSILON);
    }

    /** The score of a row in double precision, for near ties. */
    private double exactScore(Method method, int[] w, int row) {
      double ca = dot(unit[w[0]], unit[row]);
      double cb = dot(unit[w[1]], unit[row]);
      double cc = dot(unit[w[2]], unit[row]);
      return method == Method.ADD ? cb - ca + cc : mulScore(ca, cb, cc);
    }

    private static double dot(float[] x, float[] y) {
      double s = 0;
      for (int i = 0; i < x.length; i++) {
        s += (double) x[i] * y[i];
      }
      return s;
    }
  }

  /** The best two candidates per question of a batch, for one method. */
  private static final class Best {
    final double[] best;
    final double[] second;
    final int[] bestRow;
    final int[] secondRow;

    Best(int n) {
      best = new double[n];
      second = new double[n];
      bestRow = new int[n];
      secondRow = new int[n];
      Arrays.fill(best, Double.NEGATIVE_INFINITY);
      Arrays.fill(second, Double.NEGATIVE_INFINITY);
      Arrays.fill(bestRow, -1);
      Arrays.fill(secondRow, -1);
    }

    /** Rows arrive in increasing order, so strict comparisons keep the earlier row on ties. */
    void offer(int j, double s, int row) {
      if (s > best[j]) {
        second[j] = best[j];
        secondRow[j] = bestRow[j];
        best[j] = s;
        bestRow[j] = row;
      } else if (s > second[j]) {
        second[j] = s;
        secondRow[j] = row;
      }
    }

    int resolve(int j, java.util.function.IntToDoubleFunction exact) {
      if (secondRow[j] < 0 || best[j] - second[j] > TIE_MARGIN * Math.max(1, Math.abs(best[j]))) {
        return bestRow[j];
      }
      double e1 = exact.applyAsDouble(bestRow[j]);
      double e2 = exact.applyAsDouble(secondRow[j]);
      if (e2 > e1 || (e2 == e1 && secondRow[j] < bestRow[j])) {
        return secondRow[j];
      }
      return bestRow[j];
    }
  }
}
