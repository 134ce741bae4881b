package io.lexica.eval;

import io.lexica.LexicaException;
import io.lexica.align.BilingualDictionary;
import io.lexica.align.Csls;
import io.lexica.util.ThreadCounts;
import io.lexica.vectors.WordLookup;
import io.lexica.vectors.WordVectors;
import java.util.List;

/**
 * Bilingual lexicon induction, the standard test of a cross-lingual space (Mikolov et al. 2013;
 * Conneau et al. 2018): each source word of a test dictionary is translated by retrieving the
 * nearest target words, and a query is right when one of its gold translations is among the first 1
 * or 5. Retrieval searches the whole target vocabulary, by cosine (NN) or by CSLS, whose hubness is
 * computed over the whole source vocabulary ({@link Csls}). Words are matched to the models exact,
 * else case-folded ({@link WordLookup}).
 *
 * <p>Stateless; thread-safe.
 */
public final class TranslationEvaluator {
  private TranslationEvaluator() {}

  /**
   * Translates the dictionary's source words from {@code source} into {@code target}, two
   * embeddings in one space (an aligned model's two languages).
   *
   * @param source the source-language embeddings
   * @param target the target-language embeddings, in the same space
   * @param dictionary the gold translations
   * @param restrict only the first this many words of each model (the most frequent) are searched
   *     and count as known; 0 for all
   * @param cslsNeighbours the {@code k} of CSLS's hubness
   * @param threads threads for the similarity scans
   * @return precision at 1 and 5 by cosine and by CSLS
   */
  public static TranslationReport evaluate(
      WordVectors source,
      WordVectors target,
      BilingualDictionary dictionary,
      int restrict,
      int cslsNeighbours,
      int threads) {
    if (restrict < 0) {
      throw new LexicaException(
          "the search restriction must be 0 (none) or more words, not " + restrict,
          "pass e.g. --restrict 200000, or 0 to search every word");
    }
    if (cslsNeighbours < 1) {
      throw new LexicaException(
          "CSLS neighbours must be at least 1, not " + cslsNeighbours, "pass e.g. --csls-k 10");
    }
    ThreadCounts.require(threads, "translation threads");
    source = source.first(restrict);
    target = target.first(restrict);
    if (source.dimension() != target.dimension()) {
      throw new IllegalArgumentException("dimensions differ");
    }
    BilingualDictionary.Matched matched =
        dictionary.match(new WordLookup(source), new WordLookup(target));
    List<BilingualDictionary.Entry> queries =
        matched.entries().stream().filter(e -> e.source() >= 0).toList();
    float[][] sourceRows = source.unitRows(0);
    float[][] targetRows = target.unitRows(0);
    float[][] queryRows = new float[queries.size()][];
    for (int i = 0; i < queryRows.length; i++) {
      queryRows[i] = sourceRows[queries.get(i).source()];
    }
    int[][] nn = Csls.nearest(queryRows, targetRows, null, 5, threads);
    float[] hubness = Csls.hubness(sourceRows, targetRows, cslsNeighbours, threads).b();
    int[][] csls = Csls.nearest(queryRows, targetRows, hubness, 5, threads);
    return new TranslationReport(
        dictionary.name(),
        matched.sourceWords(),
        queries.size(),
        medianCount(source, queries),
        matched.known().size(),
        hits(queries, nn),
        hits(queries, csls),
        cslsNeighbours);
  }

  private static long medianCount(WordVectors source, List<BilingualDictionary.Entry> queries) {
    long[] counts = queries.stream().mapToLong(e -> source.count(e.source())).sorted().toArray();
    return counts.length == 0 ? 0 : counts[counts.length / 2];
  }

  private static TranslationReport.Precision hits(
      List<BilingualDictionary.Entry> queries, int[][] retrieved) {
    int at1 = 0;
    int at5 = 0;
    for (int i = 0; i < queries.size(); i++) {
      List<Integer> gold = queries.get(i).targets();
      int[] r = retrieved[i];
      for (int rank = 0; rank < Math.min(5, r.length); rank++) {
        if (gold.contains(r[rank])) {
          at5++;
          if (rank == 0) {
            at1++;
          }
          break;
        }
      }
    }
    return new TranslationReport.Precision(at1, at5);
  }
}
