package io.lexica.eval;

import io.lexica.LexicaException;
import io.lexica.util.TextFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An analogy test set in word2vec's questions-words format: {@code ": section"} lines start
 * sections, every other non-blank line is a question {@code a b c d} read "a is to b as c is to d".
 * Immutable.
 *
 * @param name where the questions came from (a file name), for reports
 * @param sections the sections in file order
 */
public record AnalogyQuestions(String name, List<AnalogyQuestions.Section> sections) {
  /** A question "a is to b as c is to expected", from line {@code line} of its file. */
  public record Question(String a, String b, String c, String expected, int line) {}

  /** A named group of questions. */
  public record Section(String name, List<Question> questions) {}

  public AnalogyQuestions {
    sections = List.copyOf(sections);
  }

  /** Number of questions in all sections. */
  public int size() {
    return sections.stream().mapToInt(s -> s.questions().size()).sum();
  }

  /** Reads a questions-words file (UTF-8). */
  public static AnalogyQuestions read(Path file) {
    return parse(
        file.getFileName().toString(), TextFiles.readLines(file, "questions file", "--questions"));
  }

  /**
   * Parses questions-words lines. Questions before the first section header form a section named
   * "questions".
   */
  public static AnalogyQuestions parse(String name, List<String> lines) {
    List<Section> sections = new ArrayList<>();
    String section = null;
    List<Question> current = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith(":")) {
        if (section != null || !current.isEmpty()) {
          sections.add(new Section(section == null ? "questions" : section, current));
        }
        section = line.substring(1).strip();
        current = new ArrayList<>();
        continue;
      }
      String[] w = line.split("\\s+");
      if (w.length != 4) {
        throw new LexicaException(
            name
                + " line "
                + (i + 1)
                + ": expected 4 words, found "
                + w.length
                + ": '"
                + line
                + "'",
            "each question line holds 'a b c d' (a is to b as c is to d); sections start with ':'");
      }
      current.add(new Question(w[0], w[1], w[2], w[3], i + 1));
    }
    if (section != null || !current.isEmpty()) {
      sections.add(new Section(section == null ? "questions" : section, current));
    }
    return new AnalogyQuestions(name, sections);
  }
}
