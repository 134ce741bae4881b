package io.lexica.align;

import io.lexica.vectors.WordVectors;
import java.util.List;

/**
 * The result of {@link Aligner#align}: both languages in one space, and how they got there.
 *
 * @param source the source vectors (preprocessed) mapped into the target space
 * @param target the target vectors (preprocessed, not mapped)
 * @param map the orthogonal map chosen ({@code d x d}, row-major; source row {@code x} maps to
 *     {@code x W})
 * @param hubness per word of each language, the mean cosine of its {@code k} nearest words of the
 *     other language in the final space (CSLS's correction)
 * @param seed the seed dictionary as matched to the two vocabularies
 * @param steps the seed fit and each refinement, with the selection criterion
 * @param chosen the index in {@code steps} whose map was kept
 */
public record Alignment(
    WordVectors source,
    WordVectors target,
    double[][] map,
    Csls.Hubness hubness,
    BilingualDictionary.Matched seed,
    List<Step> steps,
    int chosen) {
  /** Copies the steps, so the alignment's list is immutable. */
  public Alignment {
    steps = List.copyOf(steps);
  }

  /**
   * One fit of the map.
   *
   * @param iteration 0 for the seed dictionary, then 1, 2, ... for refinements
   * @param pairs the dictionary pairs the map was fitted to
   * @param criterion the mean cosine between the most frequent source words and their CSLS
   *     translations under this map (Conneau et al. 2018's unsupervised model selection criterion),
   *     NaN when no refinement ran
   */
  public record Step(int iteration, int pairs, double criterion) {}
}
