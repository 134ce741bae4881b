package io.lexica.eval;

import io.lexica.vectors.ExactEmbeddings;
import io.lexica.vectors.Neighbor;
import io.lexica.vectors.WordVectors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * How far two models of mostly the same words agree on neighbours: for each word both have, the
 * share of its {@code k} nearest words (exact cosine) that the two models have in common, averaged.
 * 1 means the same neighbour lists; two unrelated models of the same words score near 0. It
 * measures what an update does to the words a user already relies on (drift), and how close a
 * cheaper model comes to a reference one.
 *
 * <p>Two figures: with each model's whole vocabulary searched (a new word may rightly become a
 * neighbour, and counts as a change), and with only the words both models have searched (the old
 * words' movement alone). Stateless; thread-safe (queries run on the common fork-join pool).
 */
public final class NeighbourOverlap {
  private NeighbourOverlap() {}

  /**
   * The comparison of two models on a list of words.
   *
   * @param words words compared (in both models)
   * @param missing words asked for that one of the models lacks, not compared
   * @param k neighbours per word
   * @param overlap mean share of common neighbours, each model's whole vocabulary searched
   * @param sharedOverlap the same with only the words both models have searched
   */
  public record Report(int words, int missing, int k, double overlap, double sharedOverlap) {}

  /**
   * Compares {@code a} and {@code b} on the first {@code top} words of {@code a} (0: all).
   *
   * @param a the first model; its first rows are the words compared
   * @param b the second model
   * @param top how many of {@code a}'s first words, 0 for all
   * @param k neighbours per word
   * @return the overlap figures
   */
  public static Report topWords(WordVectors a, WordVectors b, int top, int k) {
    int n = top <= 0 ? a.size() : Math.min(top, a.size());
    return compare(a, b, a.words().subList(0, n), k);
  }

  /**
   * Compares {@code a} and {@code b} on {@code words}.
   *
   * @param a the first model
   * @param b the second model
   * @param words the words to compare
   * @param k neighbours per word
   * @return the overlap figures
   */
  public static Report compare(WordVectors a, WordVectors b, List<String> words, int k) {
    if (k <= 0) {
      throw new IllegalArgumentException("k must be positive");
    }
    List<String> both = new ArrayList<>();
    for (String w : words) {
      if (a.indexOf(w) >= 0 && b.indexOf(w) >= 0) {
        both.add(w);
      }
    }
    ExactEmbeddings ea = new ExactEmbeddings(a);
    ExactEmbeddings eb = new ExactEmbeddings(b);
    ExactEmbeddings sa = new ExactEmbeddings(restricted(a, b));
    ExactEmbeddings sb = new ExactEmbeddings(restricted(b, a));
    double[] sums =
        IntStream.range(0, both.size())
            .parallel()
            .mapToObj(
                i -> {
                  String w = both.get(i);
                  return new double[] {overlap(ea, eb, w, k), overlap(sa, sb, w, k)};
                })
            .reduce(new double[2], (x, y) -> new double[] {x[0] + y[0], x[1] + y[1]});
    int n = both.size();
    return new Report(
        n,
        words.size() - n,
        k,
        n == 0 ? Double.NaN : sums[0] / n,
        n == 0 ? Double.NaN : sums[1] / n);
  }

  private static double overlap(ExactEmbeddings a, ExactEmbeddings b, String word, int k) {
    Set<String> na = names(a.nearest(a.unitVector(word), k, -2f, Set.of(word)));
    Set<String> nb = names(b.nearest(b.unitVector(word), k, -2f, Set.of(word)));
    na.retainAll(nb);
    return na.size() / (double) k;
  }

  private static Set<String> names(List<Neighbor> neighbors) {
    Set<String> out = new HashSet<>();
    for (Neighbor n : neighbors) {
      out.add(n.word());
    }
    return out;
  }

  /** The rows of {@code v} whose words {@code other} has too, in order. */
  private static WordVectors restricted(WordVectors v, WordVectors other) {
    int dim = v.dimension();
    List<String> words = new ArrayList<>();
    List<Integer> rows = new ArrayList<>();
    for (int r = 0; r < v.size(); r++) {
      if (other.indexOf(v.word(r)) >= 0) {
        words.add(v.word(r));
        rows.add(r);
      }
    }
    float[] data = new float[Math.multiplyExact(words.size(), dim)];
    long[] counts = new long[words.size()];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(v.data(), rows.get(i) * dim, data, i * dim, dim);
      counts[i] = v.count(rows.get(i));
    }
    return new WordVectors(words, data, dim, counts);
  }
}
