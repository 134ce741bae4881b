package io.lexica.index;

import java.nio.file.Path;
import java.util.Locale;

/** The formats {@code lexica index} reads. Each may be gzip-compressed (detected by content). */
public enum InputFormat {
  /** One document a line, text only. */
  TEXT,
  /** One document a line, {@code title<TAB>text} (a line without a tab is text only). */
  TSV,
  /**
   * One JSON object a line with {@code id}, {@code title} and {@code text} (all optional; {@code
   * _id}/{@code docid} and {@code body}/{@code contents} are read too). A title or text may be an
   * array of strings, joined (paragraphs, sentences); other fields are ignored.
   */
  JSONL;

  /**
   * The format a file name suggests: {@code .tsv} is TSV, {@code .jsonl}, {@code .ndjson} and
   * {@code .json} are JSONL, anything else is text; a trailing {@code .gz} is ignored.
   *
   * @param file an input file
   * @return the format
   */
  public static InputFormat guess(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".gz")) {
      name = name.substring(0, name.length() - 3);
    }
    if (name.endsWith(".tsv")) {
      return TSV;
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
      return JSONL;
    }
    return TEXT;
  }
}
