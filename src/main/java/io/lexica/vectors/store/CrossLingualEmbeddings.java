package io.lexica.vectors.store;

import io.lexica.vectors.Neighbor;
import io.lexica.vectors.store.VectorStore.LanguageRows;
import java.util.List;
import java.util.Set;

/**
 * A multilingual model answering across languages ({@link VectorStore#crossLingual}): query words
 * are words of the {@code from} language, neighbours are words of the {@code to} language. What the
 * query expander needs to turn a Chinese query into English terms over an English index, and what
 * {@code lexica neighbors --target-language} prints.
 *
 * <ul>
 *   <li>A word is looked up in {@code from}; when that language lacks it, in {@code to} (a query
 *       mixing languages, such as a product name written in Latin letters inside Chinese text,
 *       still finds its vector). {@link #contains} is true for words of either.
 *   <li>Neighbours are ranked by CSLS (cross-domain similarity local scaling, Conneau et al. 2018)
 *       when the model records hubness: {@code 2 cos(x, y) - r(y)}, where {@code r(y)} is the mean
 *       cosine of target word {@code y} to its nearest source words. Plain nearest-neighbour search
 *       in a shared space suffers from hubs, target words near everything, which CSLS penalises;
 *       the query's own term {@code r(x)} is the same for every candidate and is left out. The
 *       similarity reported is the cosine, and the minimum similarity applies to the cosine. HNSW
 *       (filtered to the target language) proposes the candidates by cosine; with {@code exact}
 *       every target word is scored.
 *   <li>{@link #nearest(String, int, float)} never excludes the query word: a word of the target
 *       language (or a source word spelled like one: names, numbers) is its own best translation.
 * </ul>
 *
 * <p>Thread-safe like the store it shares; closing it does nothing.
 */
public final class CrossLingualEmbeddings extends StoreView {
  private final LanguageRows from;
  private final LanguageRows to;
  private final boolean exact;
  private final boolean csls;

  CrossLingualEmbeddings(VectorStore store, LanguageRows from, LanguageRows to, boolean exact) {
    super(store);
    this.from = from;
    this.to = to;
    this.exact = exact;
    this.csls = store.hasHubness();
  }

  /**
   * The query language.
   *
   * @return the language code of the query words, as the store records it
   */
  public String from() {
    return from.language();
  }

  /**
   * The language of the neighbours.
   *
   * @return the language code of the neighbours
   */
  public String to() {
    return to.language();
  }

  /**
   * Whether neighbours are ranked by CSLS (the model records hubness) rather than by cosine.
   *
   * @return true for CSLS
   */
  public boolean csls() {
    return csls;
  }

  /** The row of a query word: in the query language, else in the target language, else -1. */
  @Override
  int row(String word) {
    int row = store.row(word, from.start(), from.end());
    return row >= 0 ? row : store.row(word, to.start(), to.end());
  }

  /** The number of words neighbours are drawn from (the target language's). */
  @Override
  public int size() {
    return to.size();
  }

  @Override
  public List<Neighbor> nearest(
      float[] unitQuery, int k, float minSimilarity, Set<String> exclude) {
    int[] excluded =
        exclude == null
            ? new int[0]
            : exclude.stream()
                .mapToInt(w -> store.row(w, to.start(), to.end()))
                .filter(r -> r >= 0)
                .sorted()
                .toArray();
    return exact
        ? store.nearestExact(unitQuery, k, minSimilarity, excluded, to.start(), to.end(), csls)
        : store.nearest(unitQuery, k, minSimilarity, excluded, to.start(), to.end(), csls);
  }

  @Override
  public List<Neighbor> nearest(String word, int k, float minSimilarity) {
    float[] v = unitVector(word);
    return v == null ? List.of() : nearest(v, k, minSimilarity, Set.of());
  }
}
