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
  /**
   * A question "a is to b as c is to expected", from line {@code line} of its file.
   *
   * @param a the first word
   * @param b the word {@code a} relates to
   * @param c the word whose counterpart is asked for
   * @param expected the answer
   * @param line the 1-based line, for messages
   */
  public record Question(String a, String b, String c, String expected, int line) {}

  /**
   * A named group of questions.
   *
   * @param name the section's name, from its {@code :} header line
   * @param questions the section's questions, in file order
   */
  public record Section(String name, List<Question> questions) {}

  /** Copies the sections, so the questions are immutable. */
  public AnalogyQuestions {
    sections = List.copyOf(sections);
  }

  /**
   * Number of questions in all sections.
   *
   * @return the total
   */
  public int size() {
    return sections.stream().mapToInt(s -> s.questions().size()).sum();
  }

  /**
   * Reads a questions-words file (UTF-8).
   *
   * @param file a UTF-8 questions-words file
   * @return the questions, named by the file's name
   * @throws io.lexica.LexicaException when the file is missing or unreadable, or a line holds other
   *     than four words
   */
  public static AnalogyQuestions read(Path file) {
    return parse(
        file.getFileName().toString(), TextFiles.readLines(file, "questions file", "--questions"));
  }

  /**
   * Parses questions-words lines. Questions before the first section header form a section named
   * "questions".
   *
   * @param name where the lines came from, for reports
   * @param lines the file's lines; {@code :} lines start sections
   * @return the questions
   * @throws io.lexica.LexicaException when a question line holds other than four words, naming it
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
