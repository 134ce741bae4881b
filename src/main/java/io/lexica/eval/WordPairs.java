package io.lexica.eval;

import io.lexica.LexicaException;
import io.lexica.util.TextFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A word-similarity test set (WordSim-353, SimLex-999, MEN, ...): lines {@code word1 word2 score},
 * tab-separated (whitespace when a line has no tab); blank lines and lines starting with {@code #}
 * are skipped. Immutable.
 *
 * @param name where the pairs came from (a file name), for reports
 * @param pairs the pairs in file order
 */
public record WordPairs(String name, List<WordPairs.Pair> pairs) {
  /**
   * Two words and the human similarity score, from line {@code line}.
   *
   * @param a the first word
   * @param b the second word
   * @param score the human similarity score, on the file's own scale
   * @param line the 1-based line, for messages
   */
  public record Pair(String a, String b, double score, int line) {}

  /** Copies the pairs, so the list is immutable. */
  public WordPairs {
    pairs = List.copyOf(pairs);
  }

  /**
   * Reads a pairs file (UTF-8).
   *
   * @param file a UTF-8 file of {@code word word score} lines
   * @return the pairs, named by the file's name
   * @throws io.lexica.LexicaException when the file is missing or unreadable, a line cannot be
   *     read, or no line holds a pair
   */
  public static WordPairs read(Path file) {
    return parse(file.getFileName().toString(), TextFiles.readLines(file, "pairs file", "--pairs"));
  }

  /**
   * Parses pair lines.
   *
   * @param name where the lines came from, for reports
   * @param lines the file's lines
   * @return the pairs
   * @throws io.lexica.LexicaException when a line cannot be read (naming it) or no line holds a
   *     pair
   */
  public static WordPairs parse(String name, List<String> lines) {
    List<Pair> pairs = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.indexOf('\t') >= 0 ? line.split("\t") : line.split("\\s+");
      double score = Double.NaN;
      if (f.length == 3) {
        try {
          score = Double.parseDouble(f[2].strip());
        } catch (NumberFormatException e) {
          // reported below
        }
      }
      if (Double.isNaN(score)) {
        throw new LexicaException(
            name
                + " line "
                + (i + 1)
                + ": expected 'word1<TAB>word2<TAB>score', got '"
                + line
                + "'",
            "fix the line or start it with # to skip it");
      }
      pairs.add(new Pair(f[0].strip(), f[1].strip(), score, i + 1));
    }
    if (pairs.isEmpty()) {
      throw new LexicaException(name + " holds no word pairs", "give a word-similarity file");
    }
    return new WordPairs(name, pairs);
  }
}
