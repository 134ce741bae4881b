package io.lexica.vectors;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the row of a word a user wrote (a dictionary entry, a word list, a test set) in a model
 * whose words may be cased differently: the word itself when the model has it, else the most
 * frequent (first) row whose lowercase form equals the word's lowercase form. Word lists are
 * usually lowercase and name some words capitalised ("Einstein", "NASA"), while models are
 * lowercase (Lexica's standard analyzer) or keep case (imported vectors); exact-then-folded finds
 * the intended word in both, and keeps a case-sensitive model's distinction when the list makes it.
 *
 * <p>Immutable; thread-safe.
 */
public final class WordLookup {
  private final WordVectors vectors;
  private final Map<String, Integer> folded;

  /**
   * Indexes all rows of {@code vectors}.
   *
   * @param vectors the vectors; not copied
   */
  public WordLookup(WordVectors vectors) {
    this.vectors = vectors;
    this.folded = new HashMap<>(vectors.size() * 2);
    for (int r = 0; r < vectors.size(); r++) {
      folded.putIfAbsent(fold(vectors.word(r)), r);
    }
  }

  private static String fold(String word) {
    return word.toLowerCase(Locale.ROOT);
  }

  /**
   * The vectors looked up in.
   *
   * @return the vectors
   */
  public WordVectors vectors() {
    return vectors;
  }

  /**
   * The row of {@code word}, exact or case-folded (see the class comment), or -1.
   *
   * @param word any word
   * @return the row
   */
  public int row(String word) {
    int exact = vectors.indexOf(word);
    if (exact >= 0) {
      return exact;
    }
    Integer r = folded.get(fold(word));
    return r == null ? -1 : r;
  }
}
