package io.lexica.train.word2vec;

import io.lexica.corpus.EncodedCorpus;
import io.lexica.corpus.Vocabulary;
import io.lexica.vectors.ModelWeights;
import io.lexica.vectors.SubwordMatrix;
import io.lexica.vectors.Subwords;
import io.lexica.vectors.WordVectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Continued training of a word2vec or fastText model on a new corpus ({@code lexica train --init},
 * {@code lexica update}): the settings and the three steps that differ from training from scratch.
 *
 * <ol>
 *   <li>{@link #vocabulary}: the corpus's words that pass {@code --min-count}, plus every word the
 *       initial model has, even when the corpus holds it fewer times or not at all. Ids follow the
 *       corpus counts as usual, so subsampling and the noise distribution are the corpus's; a model
 *       word the corpus lacks has count 0, so it is never trained and never drawn as noise, and its
 *       rows come through unchanged.
 *   <li>{@link #seed}: a word the model has starts from its rows, the input row (its vector; for a
 *       subword model its own row) and the output row when the model kept one and the loss has one
 *       per word (negative sampling, softmax; hierarchical softmax's rows belong to a Huffman tree
 *       the new counts reshape, so they start afresh). N-gram rows come from the model when its
 *       n-gram scheme is the trainer's. A new word starts as training from scratch starts it (a
 *       random input row, a zero output row), except that in a subword model its own row starts
 *       from its n-grams: the vector the initial model gave it as an unseen word, so it starts
 *       where the model already placed it. Seeded rows, input and output, learn at {@link #oldRate}
 *       times the learning rate, the stability control: 0 freezes them, so the model's words keep
 *       their vectors bit for bit while new words are placed among them, against the output rows
 *       the model had (so in its space, not in one the new text pulled elsewhere).
 *   <li>{@link #finish}: a word's count becomes its count in the initial model plus its occurrences
 *       in the corpus just trained on (the text the vector has seen; when the corpus {@link
 *       #repeats} the model's text, the larger of the two), and the rows are put in the order of
 *       those counts, most frequent first, as every model's rows are.
 * </ol>
 *
 * <p>Immutable and thread-safe (the initial weights are only read).
 *
 * @param initial the model to continue from
 * @param oldRate factor in [0, 1] on the learning rate of the input rows seeded from the model
 * @param repeats the corpus is text the model was trained on, plus perhaps more (an update's replay
 *     of its whole index): a word's count becomes the larger of the model's count and its
 *     occurrences in the corpus, not their sum, since the model's count holds the corpus's
 *     documents already (and may hold more: documents deleted since are not unlearned), while a
 *     word the model counted in part (one that joined by the index's counts) was now trained on all
 *     its occurrences
 */
public record Continuation(ModelWeights initial, double oldRate, boolean repeats) {
  /**
   * Continues {@code initial} on a corpus that is new to it ({@code repeats} false).
   *
   * @param initial the model to continue from
   * @param oldRate factor in [0, 1] on the learning rate of the input rows seeded from the model
   */
  public Continuation(ModelWeights initial, double oldRate) {
    this(initial, oldRate, false);
  }

  /**
   * Checks the continuation's settings.
   *
   * @throws IllegalArgumentException when {@code initial} is null or {@code oldRate} is outside [0,
   *     1]
   */
  public Continuation {
    if (initial == null) {
      throw new IllegalArgumentException("no initial model");
    }
    if (!(oldRate >= 0 && oldRate <= 1)) {
      throw new IllegalArgumentException("the old rows' rate must be in [0, 1]: " + oldRate);
    }
  }

  /**
   * The training vocabulary: the words of {@code source} with at least {@code minCount} occurrences
   * that are among its {@code maxVocab} most frequent (0: no limit), and all the initial model's
   * words, each with its count (and document frequency) in {@code source}, 0 when absent.
   *
   * @param source the new corpus's unpruned vocabulary
   * @param minCount the minimum count of a new word
   * @param maxVocab the largest number of new words kept, 0 for no limit
   * @return the vocabulary to encode the corpus against and train on
   */
  public Vocabulary vocabulary(Vocabulary source, long minCount, int maxVocab) {
    return vocabulary(source, source, minCount, maxVocab);
  }

  /**
   * The training vocabulary, with new words admitted by other counts than the corpus's: the words
   * of {@code source} that have at least {@code minCount} occurrences in {@code admission} and are
   * among its {@code maxVocab} most frequent (0: no limit), and all the initial model's words; each
   * with its count (and document frequency) in {@code source}, 0 when absent.
   *
   * <p>An update trains on the new documents only, but admits by the whole index's counts (old and
   * new documents): a word the old documents held a few times and the new ones a few more then
   * joins as soon as it passes {@code minCount} overall, as it would in a model trained from
   * scratch on the index; by the new documents' counts alone most such words would wait for ever.
   * Words of {@code admission} that {@code source} lacks are not added: the corpus cannot train
   * them.
   *
   * @param source the new corpus's unpruned vocabulary, whose counts the rows get
   * @param admission counts that decide which new words join, e.g. the whole index's; it holds
   *     {@code source}'s occurrences too
   * @param minCount the minimum count in {@code admission} of a new word
   * @param maxVocab the largest number of new words kept, 0 for no limit
   * @return the vocabulary to encode the corpus against and train on
   */
  public Vocabulary vocabulary(
      Vocabulary source, Vocabulary admission, long minCount, int maxVocab) {
    WordVectors old = initial.vectors();
    List<String> words = new ArrayList<>(old.size() + source.size() / 4);
    long[] counts = new long[old.size() + source.size()];
    long[] docFreqs = new long[counts.length];
    boolean[] taken = new boolean[old.size()];
    for (int id = 0; id < source.size(); id++) {
      String word = source.word(id);
      int row = old.indexOf(word);
      int rank = admission.id(word);
      boolean admitted =
          rank >= 0 && admission.count(rank) >= minCount && (maxVocab <= 0 || rank < maxVocab);
      if (row >= 0 || admitted) {
        if (row >= 0) {
          taken[row] = true;
        }
        counts[words.size()] = source.count(id);
        docFreqs[words.size()] = source.docFreq(id);
        words.add(word);
      }
    }
    for (int row = 0; row < old.size(); row++) {
      if (!taken[row]) {
        words.add(old.word(row)); // count 0
      }
    }
    int n = words.size();
    return Vocabulary.of(words, Arrays.copyOf(counts, n), Arrays.copyOf(docFreqs, n));
  }

  /**
   * Overwrites the freshly initialised rows of {@code input} and {@code output} with the initial
   * model's wherever it has them; see the class comment.
   *
   * @param vocabulary the training vocabulary, from {@link #vocabulary}
   * @param input the freshly initialised input rows, overwritten where the model has them
   * @param output the output rows, overwritten where the model kept one per word
   * @return each input row's factor on the learning rate, or null when all are 1
   */
  public float[] seed(Vocabulary vocabulary, InputLayer input, OutputLayer output) {
    int dim = input.dimension();
    if (dim != initial.dimension()) {
      throw new IllegalArgumentException(
          "the initial model has " + initial.dimension() + " dimensions, training " + dim);
    }
    float[] in = input.matrix();
    float[] rates = new float[in.length / dim];
    Arrays.fill(rates, 1f);
    SubwordMatrix ngrams = input.ngrams();
    SubwordMatrix oldNgrams = sameScheme(ngrams, initial.ngrams()) ? initial.ngrams() : null;
    if (oldNgrams != null) {
      seedNgrams(ngrams, oldNgrams, in, rates);
    }
    WordVectors old = initial.vectors();
    boolean outputs = initial.hasOutput() && output.rowsAreWords();
    float[] out = output.matrix();
    float[] outRates = null;
    if (outputs && oldRate != 1) {
      outRates = new float[vocabulary.size()];
      Arrays.fill(outRates, 1f);
    }
    int[] rows = new int[input.maxRowsPerWord()];
    for (int w = 0; w < vocabulary.size(); w++) {
      input.rows(w, rows, 0);
      int own = rows[0]; // a word's own row comes first
      int r = old.indexOf(vocabulary.word(w));
      if (r >= 0) {
        if (oldNgrams != null) {
          initial.inputRow(r, in, own * dim); // its own row: the n-gram rows are seeded too
        } else {
          System.arraycopy(old.data(), r * dim, in, own * dim, dim);
        }
        rates[own] = (float) oldRate;
        if (outputs) {
          System.arraycopy(initial.output(), r * dim, out, w * dim, dim);
          if (outRates != null) {
            outRates[w] = (float) oldRate;
          }
        }
      } else if (oldNgrams != null) {
        float[] v = oldNgrams.vector(vocabulary.word(w));
        if (v != null) {
          System.arraycopy(v, 0, in, own * dim, dim);
        }
      }
    }
    output.rowRates(outRates);
    for (float rate : rates) {
      if (rate != 1f) {
        return rates;
      }
    }
    return null;
  }

  private void seedNgrams(
      SubwordMatrix ngrams, SubwordMatrix oldNgrams, float[] in, float[] rates) {
    int dim = ngrams.dimension();
    float[] row = new float[dim];
    int[] bucket = new int[1];
    for (int b = 0; b < ngrams.subwords().buckets(); b++) {
      long to = ngrams.offsetOf(b);
      if (to >= 0 && oldNgrams.offsetOf(b) >= 0) {
        bucket[0] = b;
        Arrays.fill(row, 0f);
        oldNgrams.addRows(bucket, row);
        System.arraycopy(row, 0, in, Math.toIntExact(to), dim);
        rates[Math.toIntExact(to / dim)] = (float) oldRate;
      }
    }
  }

  private static boolean sameScheme(SubwordMatrix a, SubwordMatrix b) {
    if (a == null || b == null) {
      return false;
    }
    Subwords x = a.subwords();
    Subwords y = b.subwords();
    return x.minn() == y.minn() && x.maxn() == y.maxn() && x.buckets() == y.buckets();
  }

  /**
   * The model after training {@code trained} (rows in the training vocabulary's order) on {@code
   * corpus}: counts are the initial model's plus the corpus's occurrences (the larger of the two
   * when the corpus {@link #repeats} the model's text); rows in that order.
   *
   * @param trained the weights training produced
   * @param corpus the corpus trained on, whose occurrences are added to the counts (or compared
   *     with them, see {@link #repeats})
   * @return the continued model's weights, rows most frequent first
   */
  public ModelWeights finish(ModelWeights trained, EncodedCorpus corpus) {
    WordVectors v = trained.vectors();
    int n = v.size();
    long[] counts = occurrences(corpus, n);
    WordVectors old = initial.vectors();
    int[] oldRow = new int[n];
    for (int w = 0; w < n; w++) {
      oldRow[w] = old.indexOf(v.word(w));
      if (oldRow[w] >= 0) {
        long before = old.count(oldRow[w]);
        counts[w] = repeats ? Math.max(before, counts[w]) : before + counts[w];
      }
    }
    // Most frequent first; ties keep the initial model's order (imported vectors have no counts
    // but are in frequency order), then new words by word.
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        (a, b) -> {
          int c = Long.compare(counts[b], counts[a]);
          if (c == 0) {
            c = Integer.compare(rank(oldRow[a]), rank(oldRow[b]));
          }
          return c != 0 ? c : v.word(a).compareTo(v.word(b));
        });
    int dim = v.dimension();
    List<String> words = new ArrayList<>(n);
    long[] sortedCounts = new long[n];
    for (int i = 0; i < n; i++) {
      words.add(v.word(order[i]));
      sortedCounts[i] = counts[order[i]];
    }
    return new ModelWeights(
        new WordVectors(words, permute(v.data(), order, dim), dim, sortedCounts),
        permute(trained.output(), order, dim),
        permute(trained.wordRows(), order, dim),
        trained.ngrams());
  }

  private static int rank(int oldRow) {
    return oldRow < 0 ? Integer.MAX_VALUE : oldRow;
  }

  /** Occurrences of each word id in the corpus. */
  private static long[] occurrences(EncodedCorpus corpus, int words) {
    long[] counts = new long[words];
    int[] buffer = new int[corpus.maxSequenceLength()];
    for (int s = 0; s < corpus.sequenceCount(); s++) {
      int length = corpus.read(s, buffer);
      for (int i = 0; i < length; i++) {
        if (buffer[i] >= 0) {
          counts[buffer[i]]++;
        }
      }
    }
    return counts;
  }

  private static float[] permute(float[] rows, Integer[] order, int dim) {
    if (rows == null) {
      return null;
    }
    float[] out = new float[Math.multiplyExact(order.length, dim)];
    for (int i = 0; i < order.length; i++) {
      System.arraycopy(rows, order[i] * dim, out, i * dim, dim);
    }
    return out;
  }
}
