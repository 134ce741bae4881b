package io.lexica.retrofit;

import io.lexica.LexicaException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The WordNet relations a lexicon can take from WordNet's database ({@link WordNetDatabase}), by
 * the pointer symbols of wndb(5WN).
 */
public enum WordNetRelation {
  /** Lemmas of one synset: a synonym pair each (Faruqui et al.'s "WN_syn"). */
  SYNONYMS(true),
  /** A synset and the synsets it is a kind or instance of ({@code @}, {@code @i}): close pairs. */
  HYPERNYMS(true),
  /** A synset and its kinds and instances ({@code ~}, {@code ~i}): close pairs. */
  HYPONYMS(true),
  /** Lexical antonyms ({@code !}, between word senses): opposed pairs, for counter-fitting. */
  ANTONYMS(false);

  /** Synonyms and antonyms: the lexicon counter-fitting was shown with. */
  public static final Set<WordNetRelation> DEFAULT = EnumSet.of(SYNONYMS, ANTONYMS);

  private final boolean close;

  WordNetRelation(boolean close) {
    this.close = close;
  }

  /**
   * True when the relation pulls words together, false when it pushes them apart.
   *
   * @return true for synonyms, hypernyms and hyponyms, false for antonyms
   */
  public boolean close() {
    return close;
  }

  /**
   * The name written on the command line and in metadata.
   *
   * @return the lower-case name
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The relation named {@code id} (any case).
   *
   * @param id the name, surrounding spaces ignored
   * @return the relation
   * @throws io.lexica.LexicaException when no relation has that name
   */
  public static WordNetRelation parse(String id) {
    for (WordNetRelation r : values()) {
      if (r.id().equalsIgnoreCase(id.trim())) {
        return r;
      }
    }
    throw new LexicaException(
        "unknown WordNet relation '" + id + "'",
        "use synonyms, hypernyms, hyponyms or antonyms (comma-separated)");
  }
}
