package io.lexica.util;

import io.lexica.LexicaException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the small UTF-8 text files users give (test sets, dictionaries, word lists) with errors
 * that name the file and the option that gave it, so every such reader fails the same clear way.
 * Stateless; thread-safe.
 */
public final class TextFiles {
  private TextFiles() {}

  /**
   * The lines of {@code file}.
   *
   * @param file a UTF-8 text file
   * @param what what the file is, for the message ("pairs file", "dictionary")
   * @param option the option that named it ("--pairs"), for the remedy
   * @return its lines, without line terminators
   * @throws LexicaException when the file is missing or unreadable
   */
  public static List<String> readLines(Path file, String what, String option) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new LexicaException("no such " + what + ": " + file, "check the " + option + " path");
    } catch (IOException e) {
      throw new LexicaException(
          "cannot read " + file + ": " + e.getMessage(), "check the file is readable UTF-8", e);
    }
  }
}
