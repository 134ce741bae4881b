package io.lexica.eval;

import io.lexica.LexicaException;
import io.lexica.util.TextFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The word sets of one Word Embedding Association Test (WEAT, Caliskan et al. 2017): two target
 * sets {@code X} and {@code Y} (e.g. flowers, insects) and two attribute sets {@code A} and {@code
 * B} (pleasant, unpleasant). The test asks whether {@code X} is nearer {@code A} (and {@code Y}
 * nearer {@code B}) than the other way round. Immutable.
 *
 * <p>File format, UTF-8: a line {@code [name]} starts a test, followed by four lines {@code X
 * label: words}, {@code Y label: words}, {@code A label: words} and {@code B label: words} (in any
 * order; the label is optional), words separated by spaces or commas. Blank lines and lines
 * starting with {@code #} are skipped. {@link #published()} are the ten tests of the paper in this
 * format, a resource users can copy and change.
 *
 * @param name the test's name
 * @param labels the names of X, Y, A and B, in that order (empty when not given)
 * @param x the first target set
 * @param y the second target set
 * @param a the first attribute set
 * @param b the second attribute set
 */
public record WeatSets(
    String name,
    List<String> labels,
    List<String> x,
    List<String> y,
    List<String> a,
    List<String> b) {
  /** The bundled word lists of Caliskan et al. 2017, WEAT 1 to 10. */
  static final String PUBLISHED_RESOURCE = "weat-caliskan2017.txt";

  private static final String SETS = "XYAB";

  /** Copies the lists, so a test is immutable. */
  public WeatSets {
    labels = List.copyOf(labels);
    x = List.copyOf(x);
    y = List.copyOf(y);
    a = List.copyOf(a);
    b = List.copyOf(b);
  }

  /**
   * The ten tests of Caliskan et al. 2017 (the word lists of their supplementary material).
   *
   * @return the ten tests, in the paper's order
   */
  public static List<WeatSets> published() {
    try (InputStream in = WeatSets.class.getResourceAsStream(PUBLISHED_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + PUBLISHED_RESOURCE);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return parse(PUBLISHED_RESOURCE, Arrays.asList(text.split("\n")));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads the tests of a word-set file.
   *
   * @param file a UTF-8 word-set file
   * @return the tests, in file order
   * @throws io.lexica.LexicaException when the file is missing or unreadable, or a test is
   *     incomplete
   */
  public static List<WeatSets> read(Path file) {
    return parse(
        file.getFileName().toString(), TextFiles.readLines(file, "word-set file", "--tests"));
  }

  /**
   * Parses word-set lines (see the class comment).
   *
   * @param source where the lines came from, for messages
   * @param lines the file's lines
   * @return the tests, in file order
   * @throws io.lexica.LexicaException when a test is incomplete or a line cannot be read, naming it
   */
  public static List<WeatSets> parse(String source, List<String> lines) {
    List<WeatSets> tests = new ArrayList<>();
    String name = null;
    int started = 0;
    Map<Character, String[]> sets = new LinkedHashMap<>();
    for (int i = 0; i <= lines.size(); i++) {
      String line = i < lines.size() ? lines.get(i).strip() : null;
      if (line != null && (line.isEmpty() || line.startsWith("#"))) {
        continue;
      }
      if (line == null || line.startsWith("[")) {
        if (name != null) {
          tests.add(build(source, name, started, sets));
        }
        if (line == null) {
          break;
        }
        if (!line.endsWith("]") || line.length() < 3) {
          throw bad(source, i, "expected '[test name]', got '" + line + "'");
        }
        name = line.substring(1, line.length() - 1).strip();
        started = i + 1;
        sets.clear();
        continue;
      }
      int colon = line.indexOf(':');
      char set = line.charAt(0);
      if (name == null) {
        throw bad(source, i, "a word set before any '[test name]' line");
      }
      if (colon < 0
          || SETS.indexOf(set) < 0
          || (colon > 1 && !Character.isWhitespace(line.charAt(1)))) {
        throw bad(source, i, "expected 'X label: words' (X, Y, A or B), got '" + line + "'");
      }
      if (sets.containsKey(set)) {
        throw bad(source, i, "set " + set + " given twice in [" + name + "]");
      }
      String label = line.substring(1, colon).strip();
      String[] words =
          Arrays.stream(line.substring(colon + 1).split("[,\\s]+"))
              .filter(w -> !w.isEmpty())
              .toArray(String[]::new);
      if (words.length == 0) {
        throw bad(source, i, "set " + set + " of [" + name + "] has no words");
      }
      String[] entry = new String[words.length + 1];
      entry[0] = label;
      System.arraycopy(words, 0, entry, 1, words.length);
      sets.put(set, entry);
    }
    if (tests.isEmpty()) {
      throw new LexicaException(
          source + " holds no tests", "start each test with a line '[name]', then X, Y, A, B");
    }
    return List.copyOf(tests);
  }

  private static WeatSets build(String source, String name, int line, Map<Character, String[]> s) {
    for (char c : SETS.toCharArray()) {
      if (!s.containsKey(c)) {
        throw new LexicaException(
            source + " line " + line + ": test [" + name + "] has no set " + c,
            "give four lines X, Y (targets) and A, B (attributes)");
      }
    }
    List<String> labels = new ArrayList<>();
    List<List<String>> words = new ArrayList<>();
    for (char c : SETS.toCharArray()) {
      String[] e = s.get(c);
      labels.add(e[0]);
      words.add(List.of(Arrays.copyOfRange(e, 1, e.length)));
    }
    return new WeatSets(name, labels, words.get(0), words.get(1), words.get(2), words.get(3));
  }

  private static LexicaException bad(String source, int index, String problem) {
    return new LexicaException(
        source + " line " + (index + 1) + ": " + problem,
        "see the format in " + PUBLISHED_RESOURCE + " (lexica eval bias --help)");
  }
}
