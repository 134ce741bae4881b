package io.lexica.corpus;

import io.lexica.LexicaException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The words a model knows, with their corpus counts, ordered by count (most frequent first, ties by
 * word) so that a word's id is its frequency rank: id 0 is the most frequent word. Trainers rely on
 * that order (Huffman codes, sampling tables, the 30k restriction of analogy tests). Immutable and
 * thread-safe.
 */
public final class Vocabulary {
  private final String[] words;
  private final long[] counts;
  private final long[] docFreqs;
  private final Map<String, Integer> ids;
  private final long total;

  private Vocabulary(String[] words, long[] counts, long[] docFreqs) {
    this.words = words;
    this.counts = counts;
    this.docFreqs = docFreqs;
    this.ids = new HashMap<>(words.length * 2);
    long sum = 0;
    for (int i = 0; i < words.length; i++) {
      if (ids.put(words[i], i) != null) {
        throw new IllegalArgumentException("duplicate word in vocabulary: " + words[i]);
      }
      sum += counts[i];
    }
    this.total = sum;
  }

  /**
   * The sum of vocabularies counted over disjoint parts of one corpus (the shards of an index,
   * say): each word's occurrences and document frequencies added over the parts that have it, so
   * the sum is what counting the whole corpus at once gives.
   *
   * @param parts the parts' vocabularies
   * @return the summed vocabulary, sorted as {@link #of} sorts
   */
  public static Vocabulary sum(List<Vocabulary> parts) {
    Map<String, long[]> counts = new LinkedHashMap<>();
    for (Vocabulary v : parts) {
      for (int w = 0; w < v.size(); w++) {
        long[] c = counts.computeIfAbsent(v.word(w), k -> new long[2]);
        c[0] += v.count(w);
        c[1] += v.docFreq(w);
      }
    }
    return ofCounts(counts);
  }

  /**
   * A vocabulary of words with their {@code [occurrences, document frequency]}, as counting code
   * gathers them, in any order.
   *
   * @param counts each word's occurrences and document frequency
   * @return the vocabulary, sorted as {@link #of} sorts
   */
  public static Vocabulary ofCounts(Map<String, long[]> counts) {
    List<String> words = new ArrayList<>(counts.size());
    long[] tf = new long[counts.size()];
    long[] df = new long[counts.size()];
    for (Map.Entry<String, long[]> e : counts.entrySet()) {
      tf[words.size()] = e.getValue()[0];
      df[words.size()] = e.getValue()[1];
      words.add(e.getKey());
    }
    return of(words, tf, df);
  }

  /**
   * Builds a vocabulary from words and counts in any order; it is sorted by descending count, then
   * word.
   *
   * @param words distinct words
   * @param counts the words' occurrences, parallel to {@code words}
   * @param docFreqs document frequencies parallel to {@code words}, or null when unknown
   * @return the sorted vocabulary
   */
  public static Vocabulary of(List<String> words, long[] counts, long[] docFreqs) {
    int n = words.size();
    if (counts.length != n || (docFreqs != null && docFreqs.length != n)) {
      throw new IllegalArgumentException("words, counts and docFreqs differ in length");
    }
    int[] order = frequencyOrder(words, counts);
    String[] w = new String[n];
    long[] c = new long[n];
    long[] d = new long[n];
    for (int i = 0; i < n; i++) {
      w[i] = words.get(order[i]);
      c[i] = counts[order[i]];
      d[i] = docFreqs == null ? 0 : docFreqs[order[i]];
    }
    return new Vocabulary(w, c, d);
  }

  /**
   * Indices of {@code words} by descending count, then word. Sorts packed primitive keys (count,
   * then the word's alphabetical rank): vocabularies of millions of words sort in a fraction of a
   * second, where a boxed comparator takes seconds.
   */
  private static int[] frequencyOrder(List<String> words, long[] counts) {
    int n = words.size();
    boolean inOrder = true; // words from one terms dictionary usually are
    for (int i = 1; i < n && inOrder; i++) {
      inOrder = words.get(i - 1).compareTo(words.get(i)) < 0;
    }
    Map<String, Integer> rank = null;
    if (!inOrder) {
      String[] sorted = words.toArray(new String[0]);
      Arrays.sort(sorted);
      rank = new HashMap<>(n * 2);
      for (int i = 0; i < n; i++) {
        rank.put(sorted[i], i);
      }
    }
    int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, n));
    long max = 0;
    for (long c : counts) {
      if (c < 0) {
        throw new IllegalArgumentException("negative count");
      }
      max = Math.max(max, c);
    }
    if (bits + (64 - Long.numberOfLeadingZeros(max)) > 63) {
      throw new IllegalArgumentException("counts too large to sort: " + max);
    }
    long[] keys = new long[n];
    int[] byRank = new int[n];
    for (int i = 0; i < n; i++) {
      int r = rank == null ? i : rank.get(words.get(i));
      byRank[r] = i;
      keys[i] = ((max - counts[i]) << bits) | r;
    }
    Arrays.sort(keys);
    int[] order = new int[n];
    long mask = (1L << bits) - 1;
    for (int i = 0; i < n; i++) {
      order[i] = byRank[(int) (keys[i] & mask)];
    }
    return order;
  }

  /**
   * A vocabulary of words and counts without document frequencies.
   *
   * @param words distinct words
   * @param counts the words' occurrences, parallel to {@code words}
   * @return the sorted vocabulary; {@link #docFreq} is 0 for every word
   */
  public static Vocabulary of(List<String> words, long[] counts) {
    return of(words, counts, null);
  }

  /**
   * Keeps the words with at least {@code minCount} occurrences, at most {@code maxSize} of them
   * (the most frequent; 0 = no limit). Ids are re-assigned; use {@link #id(String)} to map.
   *
   * @param minCount at least 0 (0 and 1 both keep every word)
   * @param maxSize at least 0
   * @return a new vocabulary; this one is unchanged
   * @throws LexicaException when a bound is negative (a negative limit once meant "no limit" by
   *     accident), or when no word is left
   */
  public Vocabulary prune(long minCount, int maxSize) {
    if (minCount < 0 || maxSize < 0) {
      throw new LexicaException(
          (minCount < 0 ? "the minimum count " + minCount : "the vocabulary limit " + maxSize)
              + " is negative",
          "pass 0 or more (--min-count 1 keeps every word, --max-vocab 0 sets no limit)");
    }
    int keep = 0;
    while (keep < words.length && counts[keep] >= minCount) {
      keep++;
    }
    if (maxSize > 0) {
      keep = Math.min(keep, maxSize);
    }
    if (keep == 0) {
      throw new LexicaException(
          "no word occurs at least "
              + minCount
              + " times (the corpus has "
              + words.length
              + " distinct words)",
          "lower --min-count or train on a larger corpus");
    }
    return new Vocabulary(
        Arrays.copyOf(words, keep), Arrays.copyOf(counts, keep), Arrays.copyOf(docFreqs, keep));
  }

  /**
   * The number of words.
   *
   * @return the size; ids run from 0 to {@code size() - 1}
   */
  public int size() {
    return words.length;
  }

  /**
   * The word with id {@code id}.
   *
   * @param id an id below {@link #size()}
   * @return the word
   */
  public String word(int id) {
    return words[id];
  }

  /**
   * The words in id order (an unmodifiable view).
   *
   * @return the words
   */
  public List<String> words() {
    return Collections.unmodifiableList(Arrays.asList(words));
  }

  /**
   * The counts in id order (a copy).
   *
   * @return a new array
   */
  public long[] counts() {
    return counts.clone();
  }

  /**
   * Occurrences of the word in the corpus it was built from.
   *
   * @param id an id below {@link #size()}
   * @return the count
   */
  public long count(int id) {
    return counts[id];
  }

  /**
   * Documents containing the word, or 0 when the source did not say (plain text corpora count
   * lines).
   *
   * @param id an id below {@link #size()}
   * @return the document frequency, or 0
   */
  public long docFreq(int id) {
    return docFreqs[id];
  }

  /**
   * The word's id, or -1 when it is not in the vocabulary.
   *
   * @param word a word
   * @return the id, or -1
   */
  public int id(String word) {
    Integer id = ids.get(word);
    return id == null ? -1 : id;
  }

  /**
   * Sum of all counts: the number of corpus tokens covered by the vocabulary.
   *
   * @return the total count
   */
  public long totalCount() {
    return total;
  }

  /**
   * The {@code n} most frequent words with their counts, for a log: {@code most frequent: the (3)
   * king (2)}.
   *
   * @param n how many words at most
   * @return the line
   */
  public String mostFrequent(int n) {
    StringBuilder sb = new StringBuilder("most frequent:");
    for (int i = 0; i < Math.min(n, size()); i++) {
      sb.append(' ').append(word(i)).append(" (").append(count(i)).append(')');
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "Vocabulary[" + words.length + " words, " + total + " tokens]";
  }
}
