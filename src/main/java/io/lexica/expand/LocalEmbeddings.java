package io.lexica.expand;

import io.lexica.corpus.CorpusBuilder;
import io.lexica.corpus.EncodedCorpus;
import io.lexica.corpus.Vocabulary;
import io.lexica.train.word2vec.Word2VecOptions;
import io.lexica.train.word2vec.Word2VecTrainer;
import io.lexica.vectors.Embeddings;
import io.lexica.vectors.ExactEmbeddings;
import io.lexica.vectors.WordVectors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.lucene.search.ScoreDoc;

/**
 * Query-local word embeddings (Diaz, Mitra and Craswell 2016): a small word2vec model trained, for
 * one query, on documents drawn from its first-pass ranking by the retrieval distribution, so that
 * a word's neighbours are those it has in the documents about the query (in a collection about
 * programming, "parse" near "grammar" rather than near "syntax error"). Documents are drawn with
 * replacement from the top {@code from} with probability {@code p(d|q) ~ exp((s(d) - s(top)) /
 * (temperature * s(top)))}, a softmax of the retrieval scores in units of the best one; their terms
 * come from the index ({@link FeedbackDocuments}), never from re-analysis.
 *
 * <p>Training is skip-gram with negative sampling on one thread, seeded, so a query gets the same
 * model every time; it is made cheap by the sample's size: {@code documents} draws of abstracts or
 * passages are some thousands of tokens, a few epochs of which take milliseconds at a small
 * dimension. Thread-safe: each call trains its own model.
 *
 * @param documents how many documents are drawn (with replacement)
 * @param from the top-ranked documents they are drawn from
 * @param temperature flatness of the draw: 0.1 gives a document scoring 90% of the best e^-1 of its
 *     chance; large values draw uniformly
 * @param dimension vector size
 * @param epochs passes over the sample
 * @param learningRate the initial learning rate (word2vec's 0.025 is for corpora of millions of
 *     tokens; a few thousand need larger steps to move the vectors apart in a few epochs)
 * @param window skip-gram window
 * @param minCount words drawn fewer times are left out of the model
 * @param seed seeds the draw and the training
 */
record LocalEmbeddings(
    int documents,
    int from,
    float temperature,
    int dimension,
    int epochs,
    float learningRate,
    int window,
    int minCount,
    long seed) {

  /** Noise table cells: a local vocabulary has some thousands of words, each needs a few. */
  private static final int NOISE_TABLE_SIZE = 1 << 16;

  /** The model of the query whose first pass returned {@code top}; null when there is no text. */
  Embeddings train(ScoreDoc[] top, FeedbackDocuments docs) {
    int n = Math.min(from, top.length);
    if (n == 0) {
      return null;
    }
    double[] cumulative = new double[n];
    double best = top[0].score;
    double scale = temperature * Math.max(Math.abs(best), 1e-9);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += Math.exp((top[i].score - best) / scale);
      cumulative[i] = sum;
    }
    SplittableRandom random = new SplittableRandom(seed);
    Map<Integer, List<String>> texts = new HashMap<>();
    List<List<String>> sample = new ArrayList<>(documents);
    Map<String, long[]> counts = new HashMap<>();
    for (int i = 0; i < documents; i++) {
      int at = draw(cumulative, random.nextDouble() * sum);
      List<String> text = texts.computeIfAbsent(top[at].doc, docs::terms);
      sample.add(text);
      for (String t : text) {
        if (t != null) {
          counts.computeIfAbsent(t, w -> new long[1])[0]++;
        }
      }
    }
    List<String> words = new ArrayList<>();
    List<Long> kept = new ArrayList<>();
    counts.forEach(
        (w, c) -> {
          if (c[0] >= minCount) {
            words.add(w);
            kept.add(c[0]);
          }
        });
    if (words.size() < 2) {
      return null;
    }
    long[] wordCounts = kept.stream().mapToLong(Long::longValue).toArray();
    Vocabulary vocabulary = Vocabulary.of(words, wordCounts, null);
    CorpusBuilder builder = new CorpusBuilder(vocabulary);
    int[] ids = new int[64];
    for (List<String> text : sample) {
      if (ids.length < text.size()) {
        ids = new int[text.size()];
      }
      for (int i = 0; i < text.size(); i++) {
        String t = text.get(i);
        int id = t == null ? EncodedCorpus.GAP : vocabulary.id(t);
        ids[i] = t != null && id < 0 ? CorpusBuilder.DROPPED : id;
      }
      builder.addDocument(ids, text.size());
    }
    Word2VecOptions options =
        Word2VecOptions.builder()
            .dimension(dimension)
            .epochs(epochs)
            .window(window)
            .sample(1e-3)
            .learningRate(learningRate)
            .negativeTableSize(NOISE_TABLE_SIZE)
            .threads(1)
            .seed(seed)
            .build();
    try (EncodedCorpus corpus = builder.build()) {
      if (corpus.tokenCount() == 0) {
        return null;
      }
      return new ExactEmbeddings(centred(Word2VecTrainer.train(corpus, options).vectors()));
    }
  }

  /**
   * The vectors minus their mean. A few thousand tokens train word2vec for few steps, and the steps
   * share one direction (every word is pushed towards the same frequent context words), so all
   * cosines come out near 1; the differences between words are in what is left after removing the
   * common direction (as "all-but-the-top", Mu and Viswanath 2018, does for large models).
   */
  static WordVectors centred(WordVectors v) {
    int dim = v.dimension();
    float[] data = v.data().clone();
    double[] mean = new double[dim];
    for (int r = 0; r < v.size(); r++) {
      for (int i = 0; i < dim; i++) {
        mean[i] += data[r * dim + i];
      }
    }
    for (int r = 0; r < v.size(); r++) {
      for (int i = 0; i < dim; i++) {
        data[r * dim + i] -= (float) (mean[i] / v.size());
      }
    }
    long[] counts = new long[v.size()];
    for (int r = 0; r < counts.length; r++) {
      counts[r] = v.count(r);
    }
    return new WordVectors(v.words(), data, dim, counts);
  }

  /** The first index whose cumulative weight exceeds {@code x}. */
  private static int draw(double[] cumulative, double x) {
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > x) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
