package io.lexica.debias;

import io.lexica.LexicaException;
import io.lexica.util.TextFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The word lists hard debiasing needs (Bolukbasi et al. 2016), as files a user can read and change:
 * definitional pairs ({@code woman man}), whose differences span the bias direction; equalize pairs
 * ({@code spokesman spokeswoman}), made symmetric about the neutral space; and the specific words
 * (gender-specific for the bundled lists, such as "mother" or "king"), left out of neutralisation
 * because the attribute is part of their meaning. The bundled lists are the authors' ({@code
 * github.com/tolga-b/debiaswe}, MIT License). Pair files hold two words a line, word files one;
 * {@code #} starts a comment. Immutable.
 *
 * @param definitional the definitional pairs
 * @param equalize the equalize pairs
 * @param specific the words neutralisation leaves alone
 * @param sources where each list came from (a path, or "bundled: NAME"), for the model's metadata
 */
public record DebiasWordLists(
    List<List<String>> definitional,
    List<List<String>> equalize,
    Set<String> specific,
    List<String> sources) {
  public static final String DEFINITIONAL = "definitional-pairs.txt";
  public static final String EQUALIZE = "equalize-pairs.txt";
  public static final String SPECIFIC = "gender-specific.txt";

  /** Copies the lists and the set, so the record is immutable. */
  public DebiasWordLists {
    definitional = List.copyOf(definitional);
    equalize = List.copyOf(equalize);
    specific = Set.copyOf(specific);
    sources = List.copyOf(sources);
  }

  /**
   * The lists: each from its file, or the bundled one of Bolukbasi et al. when the path is null.
   *
   * @param definitional a file of definitional pairs, one pair a line, or null for the bundled list
   * @param equalize a file of equalize pairs, one pair a line, or null for the bundled list
   * @param specific a file of gender-specific words, one a line, or null for the bundled list
   * @return the three lists, with where each came from in {@link #sources()}
   */
  public static DebiasWordLists of(Path definitional, Path equalize, Path specific) {
    List<String> sources = new ArrayList<>();
    List<List<String>> d = pairs(lines(definitional, DEFINITIONAL, sources), sources.get(0));
    List<List<String>> e = pairs(lines(equalize, EQUALIZE, sources), sources.get(1));
    Set<String> s = new LinkedHashSet<>();
    for (String[] line : lines(specific, SPECIFIC, sources)) {
      if (line.length != 1) {
        throw bad(sources.get(2), line, "one word a line");
      }
      s.add(line[0]);
    }
    if (d.isEmpty()) {
      throw new LexicaException(
          sources.get(0) + " holds no definitional pairs",
          "give at least one pair of words that differ only in the attribute, e.g. 'woman man'");
    }
    return new DebiasWordLists(d, e, s, sources);
  }

  /** The bundled lists of Bolukbasi et al. 2016. */
  static DebiasWordLists bolukbasi2016() {
    return of(null, null, null);
  }

  private static List<List<String>> pairs(List<String[]> lines, String source) {
    List<List<String>> out = new ArrayList<>();
    for (String[] line : lines) {
      if (line.length != 2) {
        throw bad(source, line, "two words a line");
      }
      out.add(List.of(line[0], line[1]));
    }
    return out;
  }

  private static LexicaException bad(String source, String[] line, String expected) {
    return new LexicaException(
        source + ": expected " + expected + ", got '" + String.join(" ", line) + "'",
        "fix the line or start it with #");
  }

  /** The option of lexica debias that names a list. */
  private static String option(String resource) {
    return switch (resource) {
      case DEFINITIONAL -> "--definitional";
      case EQUALIZE -> "--equalize";
      default -> "--specific";
    };
  }

  /** The non-comment lines of a file (or bundled resource), split on whitespace. */
  private static List<String[]> lines(Path file, String resource, List<String> sources) {
    String text;
    if (file == null) {
      sources.add("bundled: " + resource);
      try (InputStream in = DebiasWordLists.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + resource);
        }
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    } else {
      sources.add(file.toAbsolutePath().toString());
      text = String.join("\n", TextFiles.readLines(file, "word list", option(resource)));
    }
    List<String[]> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (!l.isEmpty() && !l.startsWith("#")) {
        out.add(Arrays.stream(l.split("\\s+")).toArray(String[]::new));
      }
    }
    return out;
  }
}
