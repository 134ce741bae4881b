package io.lexica.align;

import io.lexica.LexicaException;
import io.lexica.vectors.WordLookup;
import io.lexica.vectors.WordVectors;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.lucene.util.VectorUtil;

/**
 * Aligns two monolingual embeddings into one space with a seed dictionary: supervised orthogonal
 * Procrustes (Smith et al. 2017) followed by the iterative refinement of Conneau et al. 2018.
 *
 * <ol>
 *   <li>Both embeddings are preprocessed ({@link Normalization}).
 *   <li>The seed pairs found in both vocabularies give the first map ({@link Procrustes}).
 *   <li>Each refinement maps the source, induces a dictionary from mutual nearest neighbours by
 *       CSLS among the {@code refineVocabulary} most frequent words of each language (a pair is
 *       kept when each word is the other's best translation), and fits a new map to it (with the
 *       seed pairs when {@code keepSeed}). Words far down the frequency list have poor vectors;
 *       mutual best pairs among frequent words are mostly right and extend the seed beyond the
 *       dictionary.
 *   <li>Every map is scored by the mean cosine between the 10,000 most frequent source words (at
 *       most {@code refineVocabulary}) and their CSLS translations, Conneau et al.'s unsupervised
 *       selection criterion; the best map is kept, so a refinement that drifts cannot make the
 *       result worse by this measure.
 *   <li>The hubness of every word (CSLS's correction) is computed in the final space, for
 *       CSLS-ranked cross-lingual queries.
 * </ol>
 *
 * Rows must be in frequency order (as trained models are). Stateless; thread-safe.
 */
public final class Aligner {
  /** Fewer dictionary pairs than this in both vocabularies cannot anchor a map. */
  static final int MIN_PAIRS = 10;

  /** Source words scored by the selection criterion, as in MUSE. */
  static final int CRITERION_WORDS = 10_000;

  private Aligner() {}

  /**
   * Aligns {@code source} to {@code target}.
   *
   * @param source the vectors to map; not modified
   * @param target the vectors mapped onto; not modified
   * @param seed the seed dictionary, matched to the two vocabularies here
   * @param options normalization, refinements, CSLS's k and threads
   * @param log receives one line per step (seed fit, each refinement)
   * @return the map, the normalized source and target, the seed as matched and each step's figures
   * @throws LexicaException when the dimensions differ or too few seed pairs are in both
   *     vocabularies
   */
  public static Alignment align(
      WordVectors source,
      WordVectors target,
      BilingualDictionary seed,
      AlignOptions options,
      Consumer<String> log) {
    if (source.dimension() != target.dimension()) {
      throw new LexicaException(
          "the models have "
              + source.dimension()
              + " and "
              + target.dimension()
              + " dimensions; an orthogonal map needs equal ones",
          "train both languages with the same --dim");
    }
    WordVectors src = options.normalization().apply(source);
    WordVectors tgt = options.normalization().apply(target);
    BilingualDictionary.Matched matched = seed.match(new WordLookup(src), new WordLookup(tgt));
    int[][] seedPairs = matched.rowPairs();
    if (seedPairs.length < MIN_PAIRS) {
      throw new LexicaException(
          "only "
              + seedPairs.length
              + " pairs of "
              + seed.name()
              + " ("
              + seed.pairs().size()
              + " pairs) have both words in the models",
          "check that the dictionary's columns are source then target, in the models' languages"
              + " and script; or give a larger dictionary");
    }
    log.accept(
        String.format(
            Locale.ROOT,
            "seed: %d of %d pairs in both vocabularies (%d of %d source words)",
            seedPairs.length,
            seed.pairs().size(),
            matched.known().size(),
            matched.sourceWords()));
    List<Alignment.Step> steps = new ArrayList<>();
    double[][] map = Procrustes.fit(src, tgt, seedPairs);
    double[][] best = map;
    int chosen = 0;
    int pairs = seedPairs.length;
    for (int it = 0; ; it++) {
      if (options.refinements() == 0) {
        steps.add(new Alignment.Step(0, pairs, Double.NaN));
        break;
      }
      Induction induced = induce(Procrustes.apply(src, map), tgt, options);
      steps.add(new Alignment.Step(it, pairs, induced.criterion));
      log.accept(
          String.format(
              Locale.ROOT,
              "%s: fitted to %d pairs; mean cosine of CSLS translations %.4f",
              it == 0 ? "seed fit" : "refinement " + it,
              pairs,
              induced.criterion));
      if (induced.criterion > steps.get(chosen).criterion()) {
        chosen = it;
        best = map;
      }
      if (it == options.refinements()) {
        break;
      }
      int[][] next = options.keepSeed() ? union(seedPairs, induced.pairs) : induced.pairs;
      if (next.length < MIN_PAIRS) {
        log.accept("refinement stopped: only " + next.length + " mutual pairs");
        break;
      }
      pairs = next.length;
      map = Procrustes.fit(src, tgt, next);
    }
    if (options.refinements() > 0) {
      log.accept(
          "kept the map of "
              + (chosen == 0 ? "the seed fit" : "refinement " + chosen)
              + " (highest criterion)");
    }
    WordVectors mapped = Procrustes.apply(src, best);
    Csls.Hubness hubness =
        Csls.hubness(
            mapped.unitRows(0), tgt.unitRows(0), options.cslsNeighbours(), options.threads());
    return new Alignment(mapped, tgt, best, hubness, matched, steps, chosen);
  }

  /** A dictionary induced under one map, and that map's selection criterion. */
  private record Induction(int[][] pairs, double criterion) {}

  /**
   * Mutual CSLS nearest neighbours among the most frequent words of each side, and the mean cosine
   * of the first {@link #CRITERION_WORDS} source words to their CSLS translations.
   */
  private static Induction induce(WordVectors mapped, WordVectors target, AlignOptions options) {
    float[][] s = mapped.unitRows(options.refineVocabulary());
    float[][] t = target.unitRows(options.refineVocabulary());
    int threads = options.threads();
    Csls.Hubness h = Csls.hubness(s, t, options.cslsNeighbours(), threads);
    int[][] forward = Csls.nearest(s, t, h.b(), 1, threads);
    int[][] backward = Csls.nearest(t, s, h.a(), 1, threads);
    List<int[]> mutual = new ArrayList<>();
    double cosines = 0;
    int scored = Math.min(s.length, CRITERION_WORDS);
    for (int i = 0; i < s.length; i++) {
      int j = forward[i][0];
      if (backward[j][0] == i) {
        mutual.add(new int[] {i, j});
      }
      if (i < scored) {
        cosines += VectorUtil.dotProduct(s[i], t[j]);
      }
    }
    return new Induction(mutual.toArray(new int[0][]), cosines / scored);
  }

  /** The pairs of both lists, each once, in order. */
  private static int[][] union(int[][] a, int[][] b) {
    Set<List<Integer>> seen = new LinkedHashSet<>();
    for (int[][] list : List.of(a, b)) {
      for (int[] p : list) {
        seen.add(List.of(p[0], p[1]));
      }
    }
    return seen.stream().map(p -> new int[] {p.get(0), p.get(1)}).toArray(int[][]::new);
  }
}
