package io.lexica.retrofit;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Word knowledge that retrofitting pulls a model towards: pairs of words that should be close
 * (synonyms; with WordNet also hypernyms and hyponyms when asked) and pairs that should be apart
 * (antonyms). Relations are symmetric and a word is never related to itself; a pair that is both is
 * kept as an antonym only (counter-fitting's rule: the lexicon contradicts itself there, and
 * pulling antonyms together is the error retrofitting is meant to undo). Words are tokens as the
 * model spells them (a multi-word entry joined by {@value io.lexica.phrases.PhraseList#SEPARATOR},
 * as phrase models spell phrases). A lexicon may also know its words' inflected forms ({@link
 * #lemma}: WordNet's morphology), so that retrofitting moves "cars" with "car". Immutable and
 * thread-safe; iteration orders are sorted, so whatever uses a lexicon is deterministic.
 */
public final class Lexicon {
  private final String description;
  private final Map<String, Set<String>> synonyms;
  private final Map<String, Set<String>> antonyms;
  private final UnaryOperator<String> lemmas;

  private Lexicon(
      String description,
      Map<String, Set<String>> syn,
      Map<String, Set<String>> ant,
      UnaryOperator<String> lemmas) {
    this.description = description;
    this.synonyms = syn;
    this.antonyms = ant;
    this.lemmas = lemmas;
  }

  /**
   * The lemma of which {@code word} (a model token) is an inflected form ("cars" -> "car", "went"
   * -> "go"), as a model token; null when the word is no known inflection or the lexicon has no
   * morphology. The lemma is itself a word of the lexicon.
   *
   * @param word a model token
   * @return its lemma as a model token, or null
   */
  public String lemma(String word) {
    return lemmas == null ? null : lemmas.apply(word);
  }

  /** True when {@link #lemma} knows inflections. */
  boolean hasMorphology() {
    return lemmas != null;
  }

  /**
   * This lexicon without its morphology: retrofitting then moves only the lexicon's own words.
   *
   * @return a lexicon with the same relations and no morphology; this one is unchanged
   */
  public Lexicon withoutMorphology() {
    return new Lexicon(description, synonyms, antonyms, null);
  }

  /**
   * A builder of a lexicon described as {@code description} (e.g. "wordnet:/usr/share/wordnet").
   *
   * @param description where the lexicon comes from, for metadata and reports
   * @return an empty builder
   */
  public static Builder builder(String description) {
    return new Builder(description);
  }

  /**
   * Where the lexicon came from, for metadata and reports.
   *
   * @return the description given to the builder (or joined by {@link #union})
   */
  public String description() {
    return description;
  }

  /**
   * The words close to {@code word} (empty when none).
   *
   * @param word a model token
   * @return an unmodifiable sorted set, without the word itself and without its antonyms
   */
  public Set<String> synonyms(String word) {
    return synonyms.getOrDefault(word, Set.of());
  }

  /**
   * The words opposed to {@code word} (empty when none).
   *
   * @param word a model token
   * @return an unmodifiable sorted set
   */
  public Set<String> antonyms(String word) {
    return antonyms.getOrDefault(word, Set.of());
  }

  /**
   * Every word with a relation, sorted.
   *
   * @return an unmodifiable set of the words that have a synonym or an antonym
   */
  public Set<String> words() {
    Set<String> all = new TreeSet<>(synonyms.keySet());
    all.addAll(antonyms.keySet());
    return all;
  }

  /**
   * Synonym pairs (each counted once).
   *
   * @return the number of unordered synonym pairs
   */
  public long synonymPairs() {
    return pairs(synonyms);
  }

  /**
   * Antonym pairs (each counted once).
   *
   * @return the number of unordered antonym pairs
   */
  public long antonymPairs() {
    return pairs(antonyms);
  }

  boolean hasAntonyms() {
    return !antonyms.isEmpty();
  }

  private static long pairs(Map<String, Set<String>> relation) {
    long n = 0;
    for (Set<String> s : relation.values()) {
      n += s.size();
    }
    return n / 2;
  }

  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT,
        "%s: %,d words, %,d synonym pairs, %,d antonym pairs",
        description,
        words().size(),
        synonymPairs(),
        antonymPairs());
  }

  /** Collects relations; not thread-safe. */
  public static final class Builder {
    private final String description;
    private final Map<String, Set<String>> synonyms = new HashMap<>();
    private final Map<String, Set<String>> antonyms = new HashMap<>();
    private UnaryOperator<String> lemmas;

    private Builder(String description) {
      this.description = description;
    }

    /**
     * Records that {@code a} and {@code b} are close (ignored when they are the same word).
     *
     * @param a one word
     * @param b the other; the relation is symmetric
     * @return this builder
     */
    public Builder synonyms(String a, String b) {
      return relate(synonyms, a, b);
    }

    /**
     * Records that {@code a} and {@code b} are opposed (ignored when the same word).
     *
     * @param a one word
     * @param b the other; the relation is symmetric
     * @return this builder
     */
    public Builder antonyms(String a, String b) {
      return relate(antonyms, a, b);
    }

    /**
     * Gives the lexicon a morphology: {@code lemmas} maps a model token to the token of its lemma,
     * or null; it must be thread-safe and return only words the lexicon relates.
     *
     * @param lemmas the lemma function
     * @return this builder
     */
    public Builder morphology(UnaryOperator<String> lemmas) {
      this.lemmas = lemmas;
      return this;
    }

    /**
     * Adds every relation of {@code other}, and its morphology when this has none yet.
     *
     * @param other the lexicon to add
     * @return this builder
     */
    public Builder addAll(Lexicon other) {
      other.synonyms.forEach((w, s) -> s.forEach(v -> synonyms(w, v)));
      other.antonyms.forEach((w, s) -> s.forEach(v -> antonyms(w, v)));
      if (lemmas == null) {
        lemmas = other.lemmas;
      }
      return this;
    }

    private Builder relate(Map<String, Set<String>> relation, String a, String b) {
      if (!a.equals(b)) {
        relation.computeIfAbsent(a, w -> new TreeSet<>()).add(b);
        relation.computeIfAbsent(b, w -> new TreeSet<>()).add(a);
      }
      return this;
    }

    /**
     * Builds the lexicon. A pair recorded as both synonyms and antonyms counts as antonyms only: an
     * opposition is the stronger statement, and pulling a pair together while pushing it apart
     * would cancel out.
     *
     * @return an immutable lexicon; the builder may go on being used
     */
    public Lexicon build() {
      Map<String, Set<String>> syn = new HashMap<>();
      synonyms.forEach(
          (w, s) -> {
            Set<String> kept = new TreeSet<>(s);
            kept.removeAll(antonyms.getOrDefault(w, Set.of()));
            if (!kept.isEmpty()) {
              syn.put(w, Collections.unmodifiableSet(kept));
            }
          });
      Map<String, Set<String>> ant = new HashMap<>();
      antonyms.forEach((w, s) -> ant.put(w, Collections.unmodifiableSet(new TreeSet<>(s))));
      return new Lexicon(description, syn, ant, lemmas);
    }
  }

  /**
   * The union of several lexicons, described by their descriptions joined with "+".
   *
   * @param parts the lexicons, at least one
   * @return the only part when there is one, else a new lexicon with every relation and the
   *     morphology of the first part that has one
   */
  public static Lexicon union(List<Lexicon> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    Builder b = builder(String.join(" + ", parts.stream().map(Lexicon::description).toList()));
    parts.forEach(b::addAll);
    return b.build();
  }
}
