package io.lexica.phrases;

import io.lexica.corpus.CorpusBuilder;
import io.lexica.corpus.EncodedCorpus;
import io.lexica.corpus.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.lucene.internal.hppc.LongIntHashMap;

/**
 * Finds the phrases of a corpus and rewrites the corpus with them joined, pass after pass, as
 * word2phrase rewrites its training file (Mikolov et al. 2013): each pass counts the adjacent pairs
 * of the current corpus (a removed word between them breaks a pair), scores each pair whose words
 * occur at least the minimum count ({@link PhraseScorer}), and joins the pairs scoring above the
 * pass's threshold, greedily from left to right, a joined token not being joined again in the same
 * pass. The next pass sees the joined tokens as words, so it can join "new_york" and "times".
 * {@link PhraseJoinFilter} applies the same rule to token streams, so the phrases found here are
 * the tokens queries and documents get.
 *
 * <p>Works on the encoded corpus, in memory or spilled, before any vocabulary pruning: the counts
 * of rare words decide phrases too, and a phrase of two rare words can pass the training minimum
 * count on its own. Pair counts are exact (a hash table of the pairs whose words pass the minimum
 * count; word2phrase instead prunes its table when it fills).
 *
 * <p>Deterministic; not thread-safe (one call at a time per corpus).
 */
public final class PhraseLearner {
  /**
   * The result of {@link #learn}.
   *
   * @param corpus the corpus with the phrases joined, against the vocabulary the training options
   *     asked for
   * @param phrases the phrases, pass by pass, most strongly associated first
   */
  public record Result(EncodedCorpus corpus, PhraseList phrases) {}

  private PhraseLearner() {}

  /**
   * Learns the phrases of {@code corpus} and returns it rewritten, pruned to {@code minCount} and
   * {@code maxVocab} (0 = no limit) as a trainer wants it. {@code corpus} is left open (the caller
   * closes it); intermediate corpora are closed here.
   *
   * @param corpus every token of the text, encoded against its unpruned vocabulary
   * @param options the scorer, one threshold per pass and the minimum count of a pair
   * @param minCount the minimum count of a word (or phrase) kept in the returned corpus
   * @param maxVocab the largest vocabulary kept in the returned corpus, 0 for no limit
   * @param builders makes the builder for each rewritten corpus from its vocabulary (memory limit,
   *     temporary folder, sequence length)
   * @param log one line per pass
   * @return the rewritten corpus (the caller closes it) and the phrases learned, pass by pass
   */
  public static Result learn(
      EncodedCorpus corpus,
      PhraseOptions options,
      long minCount,
      int maxVocab,
      Function<Vocabulary, CorpusBuilder> builders,
      Consumer<String> log) {
    List<List<PhraseList.Phrase>> passes = new ArrayList<>();
    EncodedCorpus current = corpus;
    for (int p = 0; p < options.passes(); p++) {
      double threshold = options.thresholds().get(p);
      Vocabulary v = current.vocabulary();
      LongIntHashMap pairs = countPairs(current, options.minCount());
      List<Candidate> found = new ArrayList<>();
      for (LongIntHashMap.LongIntCursor c : pairs) {
        int a = (int) (c.key >>> 32);
        int b = (int) c.key;
        double score =
            options
                .scorer()
                .score(v.count(a), v.count(b), c.value, current.tokenCount(), options.minCount());
        if (score > threshold) {
          found.add(new Candidate(a, b, c.value, score));
        }
      }
      found.sort(
          Comparator.comparingDouble((Candidate c) -> -c.score)
              .thenComparing(c -> v.word(c.a))
              .thenComparing(c -> v.word(c.b)));
      List<PhraseList.Phrase> phrases = new ArrayList<>(found.size());
      for (Candidate c : found) {
        phrases.add(new PhraseList.Phrase(v.word(c.a), v.word(c.b), c.count, c.score));
      }
      passes.add(phrases);
      EncodedCorpus next = join(current, found, builders);
      log.accept(
          String.format(
              Locale.ROOT,
              "phrases, pass %d (%s above %s): %,d phrases among %,d word pairs; %,d tokens"
                  + " left of %,d",
              p + 1,
              options.scorer().id(),
              threshold,
              found.size(),
              pairs.size(),
              next.tokenCount(),
              current.tokenCount()));
      if (current != corpus) {
        current.close();
      }
      current = next;
    }
    Vocabulary all = current.vocabulary();
    Vocabulary kept = all.prune(minCount, maxVocab);
    int[] map = new int[all.size()];
    for (int w = 0; w < all.size(); w++) {
      int id = kept.id(all.word(w));
      map[w] = id >= 0 ? id : CorpusBuilder.DROPPED;
    }
    EncodedCorpus pruned = rewrite(current, null, map, builders.apply(kept));
    if (current != corpus) {
      current.close();
    }
    return new Result(pruned, PhraseList.of(passes));
  }

  /** A pair above the threshold: word ids, count, score. */
  private record Candidate(int a, int b, int count, double score) {}

  private static long key(int a, int b) {
    return ((long) a << 32) | (b & 0xffffffffL);
  }

  /** Counts adjacent pairs of words that both occur at least {@code minCount} times. */
  static LongIntHashMap countPairs(EncodedCorpus corpus, long minCount) {
    Vocabulary v = corpus.vocabulary();
    LongIntHashMap pairs = new LongIntHashMap();
    int[] seq = new int[corpus.maxSequenceLength()];
    for (int s = 0; s < corpus.sequenceCount(); s++) {
      int n = corpus.read(s, seq);
      for (int i = 0; i + 1 < n; i++) {
        int a = seq[i];
        int b = seq[i + 1];
        if (a >= 0 && b >= 0 && v.count(a) >= minCount && v.count(b) >= minCount) {
          pairs.addTo(key(a, b), 1);
        }
      }
    }
    return pairs;
  }

  /**
   * The corpus with the pairs of {@code found} joined: a first pass counts the new tokens (a phrase
   * takes the place of its words), a second encodes against the vocabulary of those counts. A
   * phrase whose token the vocabulary already holds (text that spelled "new_york") counts as that
   * word.
   */
  private static EncodedCorpus join(
      EncodedCorpus corpus, List<Candidate> found, Function<Vocabulary, CorpusBuilder> builders) {
    Vocabulary v = corpus.vocabulary();
    List<String> words = new ArrayList<>(v.words());
    LongIntHashMap joins = new LongIntHashMap(found.size());
    for (Candidate c : found) {
      String token = PhraseList.join(v.word(c.a), v.word(c.b));
      int id = v.id(token);
      if (id < 0) {
        id = words.size();
        words.add(token);
      }
      joins.put(key(c.a, c.b), id);
    }
    long[] counts = new long[words.size()];
    int[] seq = new int[corpus.maxSequenceLength()];
    int[] out = new int[corpus.maxSequenceLength()];
    for (int s = 0; s < corpus.sequenceCount(); s++) {
      int n = joinPairs(seq, corpus.read(s, seq), joins, out);
      for (int i = 0; i < n; i++) {
        if (out[i] >= 0) {
          counts[out[i]]++;
        }
      }
    }
    List<String> kept = new ArrayList<>();
    List<Long> keptCounts = new ArrayList<>();
    for (int w = 0; w < words.size(); w++) {
      if (counts[w] > 0) {
        kept.add(words.get(w));
        keptCounts.add(counts[w]);
      }
    }
    Vocabulary next = Vocabulary.of(kept, keptCounts.stream().mapToLong(Long::longValue).toArray());
    int[] map = new int[words.size()];
    Arrays.fill(map, CorpusBuilder.DROPPED);
    for (int w = 0; w < words.size(); w++) {
      if (counts[w] > 0) {
        map[w] = next.id(words.get(w));
      }
    }
    return rewrite(corpus, joins, map, builders.apply(next));
  }

  /** Each sequence with {@code joins} applied (none when null) and ids mapped by {@code map}. */
  private static EncodedCorpus rewrite(
      EncodedCorpus corpus, LongIntHashMap joins, int[] map, CorpusBuilder builder) {
    int[] seq = new int[corpus.maxSequenceLength()];
    int[] out = new int[corpus.maxSequenceLength()];
    for (int s = 0; s < corpus.sequenceCount(); s++) {
      int n = corpus.read(s, seq);
      if (joins != null) {
        n = joinPairs(seq, n, joins, out);
        System.arraycopy(out, 0, seq, 0, n);
      }
      for (int i = 0; i < n; i++) {
        if (seq[i] >= 0) {
          seq[i] = map[seq[i]];
        }
      }
      builder.addDocument(seq, n);
    }
    return builder.build();
  }

  /**
   * Joins the pairs of {@code in[0..n)} that {@code joins} maps to a token, greedily from the left;
   * a joined token is not joined again. Gaps are copied and break pairs.
   *
   * @return the length written to {@code out}
   */
  static int joinPairs(int[] in, int n, LongIntHashMap joins, int[] out) {
    int m = 0;
    for (int i = 0; i < n; ) {
      int a = in[i];
      if (a >= 0 && i + 1 < n && in[i + 1] >= 0) {
        int joined = joins.getOrDefault(key(a, in[i + 1]), -1);
        if (joined >= 0) {
          out[m++] = joined;
          i += 2;
          continue;
        }
      }
      out[m++] = a;
      i++;
    }
    return m;
  }
}
