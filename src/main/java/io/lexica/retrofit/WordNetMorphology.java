package io.lexica.retrofit;

import io.lexica.LexicaException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * WordNet's morphology ("morphy", morph(7WN)): the lemma of an inflected form, from the exception
 * lists ({@code noun.exc}, {@code verb.exc}, {@code adj.exc}, {@code adv.exc}: "went go", "children
 * child") and the regular detachment rules ("cars" -> "car", "boxes" -> "box", "walked" -> "walk",
 * "bigger" -> "big" only through the list, "taller" -> "tall"), a candidate counting only when it
 * is a lemma of that part of speech. A word that is itself a lemma is no inflection: "building"
 * stays "building". Used by retrofitting so that a lemma's inflected forms move with it, which
 * keeps the offsets "car" -> "cars" that analogies and searches for plurals rely on.
 *
 * <p>Immutable and thread-safe.
 */
final class WordNetMorphology {
  /** Morphy's detachment rules per part of speech: suffix, replacement. */
  private static final Map<Character, List<String[]>> RULES =
      Map.of(
          'n',
          List.of(
              new String[] {"s", ""},
              new String[] {"ses", "s"},
              new String[] {"xes", "x"},
              new String[] {"zes", "z"},
              new String[] {"ches", "ch"},
              new String[] {"shes", "sh"},
              new String[] {"men", "man"},
              new String[] {"ies", "y"}),
          'v',
          List.of(
              new String[] {"s", ""},
              new String[] {"ies", "y"},
              new String[] {"es", "e"},
              new String[] {"es", ""},
              new String[] {"ed", "e"},
              new String[] {"ed", ""},
              new String[] {"ing", "e"},
              new String[] {"ing", ""}),
          'a',
          List.of(
              new String[] {"er", ""},
              new String[] {"est", ""},
              new String[] {"er", "e"},
              new String[] {"est", "e"}));

  private static final char[] ORDER = {'n', 'v', 'a', 'r'};

  private final Map<Character, Set<String>> lemmas;
  private final Map<String, String> exceptions;

  /**
   * @param dir the database folder (its {@code *.exc} files are read when present)
   * @param lemmas the lemmas of each part of speech ('n', 'v', 'a', 'r'), lowercase, {@code _}
   *     between words
   */
  WordNetMorphology(Path dir, Map<Character, Set<String>> lemmas) {
    this.lemmas = lemmas;
    this.exceptions = new HashMap<>();
    String[] files = {"noun", "verb", "adj", "adv"};
    for (int i = 0; i < files.length; i++) {
      readExceptions(dir.resolve(files[i] + ".exc"), lemmas.getOrDefault(ORDER[i], Set.of()));
    }
  }

  /** The lemma {@code word} is an inflection of, or null (also for lemmas themselves). */
  String lemma(String word) {
    for (char pos : ORDER) {
      if (lemmas.getOrDefault(pos, Set.of()).contains(word)) {
        return null;
      }
    }
    String listed = exceptions.get(word);
    if (listed != null) {
      return listed;
    }
    for (char pos : ORDER) {
      Set<String> known = lemmas.getOrDefault(pos, Set.of());
      for (String[] rule : RULES.getOrDefault(pos, List.of())) {
        if (word.endsWith(rule[0]) && word.length() > rule[0].length() + 1) {
          String base = word.substring(0, word.length() - rule[0].length()) + rule[1];
          if (known.contains(base)) {
            return base;
          }
        }
      }
    }
    return null;
  }

  /**
   * Reads "inflected lemma [lemma ...]" lines; the first lemma that is one of {@code known} wins.
   */
  private void readExceptions(Path file, Set<String> known) {
    if (!Files.isRegularFile(file)) {
      return;
    }
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        String[] f = line.trim().split(" ");
        for (int i = 1; i < f.length; i++) {
          if (!f[i].equals(f[0]) && known.contains(f[i])) {
            exceptions.putIfAbsent(f[0], f[i]);
            break;
          }
        }
      }
    } catch (IOException e) {
      throw new LexicaException(
          "cannot read " + file + " (" + e.getMessage() + ")", "check the WordNet database");
    }
  }
}
