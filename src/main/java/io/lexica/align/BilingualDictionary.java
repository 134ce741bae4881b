package io.lexica.align;

import io.lexica.LexicaException;
import io.lexica.util.TextFiles;
import io.lexica.vectors.WordLookup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bilingual dictionary: word pairs {@code source target}, one a line, separated by whitespace or
 * a tab, as the MUSE dictionaries of Conneau et al. 2018 are written ({@code zh-en.0-5000.txt}); a
 * source word may have several lines, one per translation. Blank lines and lines starting with
 * {@code #} are skipped. Used as the seed of an alignment and as the gold standard of bilingual
 * lexicon induction. Immutable.
 *
 * @param name where the pairs came from (a file name), for reports
 * @param pairs the pairs in file order
 */
public record BilingualDictionary(String name, List<BilingualDictionary.Pair> pairs) {
  /**
   * A source word and one of its translations, from line {@code line}.
   *
   * @param source the source-language word as written
   * @param target one of its translations as written
   * @param line the 1-based line of the file, for messages
   */
  public record Pair(String source, String target, int line) {}

  /** MUSE's file names start with the two languages: {@code zh-en.0-5000.txt}. */
  private static final Pattern LANGUAGES = Pattern.compile("([a-z]{2,3})-([a-z]{2,3})([._].*)?");

  /** Copies the pairs, so the dictionary is immutable. */
  public BilingualDictionary {
    pairs = List.copyOf(pairs);
  }

  /**
   * Reads a dictionary file (UTF-8).
   *
   * @param file a UTF-8 dictionary file
   * @return the dictionary, named by the file's name
   * @throws io.lexica.LexicaException when the file is missing or unreadable, a line does not hold
   *     exactly two words, or no line holds a pair
   */
  public static BilingualDictionary read(Path file) {
    return parse(
        file.getFileName().toString(), TextFiles.readLines(file, "dictionary", "--dictionary"));
  }

  /**
   * Parses dictionary lines.
   *
   * @param name where the lines came from, for reports (and {@link #languagesFromName()})
   * @param lines the dictionary's lines
   * @return the dictionary
   * @throws io.lexica.LexicaException when a line does not hold exactly two words (naming it) or no
   *     line holds a pair
   */
  public static BilingualDictionary parse(String name, List<String> lines) {
    List<Pair> pairs = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\\s+");
      if (f.length != 2) {
        throw new LexicaException(
            name + " line " + (i + 1) + ": expected 'source target', got '" + line + "'",
            "write one word pair a line, separated by a space or a tab (MUSE's format)");
      }
      pairs.add(new Pair(f[0], f[1], i + 1));
    }
    if (pairs.isEmpty()) {
      throw new LexicaException(
          name + " holds no word pairs", "give a dictionary with lines 'source target'");
    }
    return new BilingualDictionary(name, pairs);
  }

  /**
   * The source and target languages named by the file, as in MUSE's {@code zh-en.0-5000.txt}, or
   * null when the name does not follow that pattern.
   *
   * @return {@code {source, target}} language codes, or null
   */
  public String[] languagesFromName() {
    Matcher m = LANGUAGES.matcher(name);
    return m.matches() ? new String[] {m.group(1), m.group(2)} : null;
  }

  /**
   * The dictionary's entries found in two vocabularies: per distinct source word (file order), its
   * row in {@code source} (-1 when absent) and the rows of its translations that {@code target} has
   * (words found by {@link WordLookup}: exact, else case-folded).
   *
   * @param source the source model's vocabulary
   * @param target the target model's vocabulary
   * @return one entry per distinct source word, with the rows each side has
   */
  public Matched match(WordLookup source, WordLookup target) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (Pair p : pairs) {
      Entry e =
          entries.computeIfAbsent(p.source(), w -> new Entry(w, source.row(w), new ArrayList<>()));
      int t = target.row(p.target());
      if (t >= 0 && !e.targets().contains(t)) {
        e.targets().add(t);
      }
    }
    return new Matched(List.copyOf(entries.values()));
  }

  /**
   * A source word of the dictionary and where the vocabularies have it.
   *
   * @param word the source word as written
   * @param source its row in the source vocabulary, -1 when absent
   * @param targets the rows of its translations in the target vocabulary (possibly none)
   */
  public record Entry(String word, int source, List<Integer> targets) {
    /**
     * Whether both sides are known: the word and at least one translation.
     *
     * @return true when the source row is known and at least one translation row is
     */
    public boolean known() {
      return source >= 0 && !targets.isEmpty();
    }
  }

  /**
   * The dictionary matched to two vocabularies.
   *
   * @param entries one entry per distinct source word, in file order
   */
  public record Matched(List<Entry> entries) {
    /**
     * The number of distinct source words.
     *
     * @return the number of entries, found or not
     */
    public int sourceWords() {
      return entries.size();
    }

    /**
     * The entries with the source word and at least one translation in the vocabularies.
     *
     * @return the entries usable for fitting or scoring, in file order
     */
    public List<Entry> known() {
      return entries.stream().filter(Entry::known).toList();
    }

    /** Every (source row, target row) pair both vocabularies have, in file order. */
    int[][] rowPairs() {
      List<int[]> out = new ArrayList<>();
      for (Entry e : entries) {
        if (e.source() >= 0) {
          for (int t : e.targets()) {
            out.add(new int[] {e.source(), t});
          }
        }
      }
      return out.toArray(new int[0][]);
    }
  }
}
