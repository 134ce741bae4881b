package io.lexica.index;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.lexica.LexicaException;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads {@link SourceDocument}s from one input file, one document a line, in any {@link
 * InputFormat}. Gzip is detected by its magic bytes, so a compressed file needs no special name.
 * Invalid UTF-8 is replaced, empty lines are skipped. Errors name the file and line.
 *
 * <p>Not thread-safe.
 */
public final class DocumentReader implements Closeable {
  private static final JsonFactory JSON = new JsonFactory();

  private final Path file;
  private final InputFormat format;
  private final BufferedReader in;
  private long line;
  private long documents;

  private DocumentReader(Path file, InputFormat format, BufferedReader in) {
    this.file = file;
    this.format = format;
    this.in = in;
  }

  /**
   * Opens {@code file} in the format its name suggests.
   *
   * @param file an input file (gzip allowed)
   * @return a reader the caller closes
   * @throws io.lexica.LexicaException when the file is missing or unreadable
   */
  public static DocumentReader open(Path file) {
    return open(file, InputFormat.guess(file));
  }

  /**
   * Opens {@code file} in the given format.
   *
   * @param file an input file (gzip allowed)
   * @param format TSV, JSONL or text
   * @return a reader the caller closes
   * @throws io.lexica.LexicaException when the file is missing or unreadable
   */
  public static DocumentReader open(Path file, InputFormat format) {
    try {
      return new DocumentReader(file, format, reader(file));
    } catch (NoSuchFileException e) {
      throw new LexicaException(
          "input file " + file + " does not exist", "check the path given to --input");
    } catch (IOException e) {
      throw new LexicaException(
          "cannot read input file " + file + ": " + e.getMessage(),
          "check that the file is readable",
          e);
    }
  }

  /**
   * A UTF-8 reader of {@code file}, decompressing gzip transparently. For callers that read plain
   * lines (text corpora).
   *
   * @param file a file, gzip-compressed or not (told by its magic bytes, not its name)
   * @return a buffered reader the caller closes
   * @throws java.io.IOException when the file cannot be opened
   */
  public static BufferedReader reader(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new LexicaException(
          file + " is a directory, not an input file", "name the files inside it");
    }
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    raw.mark(2);
    int b1 = raw.read();
    int b2 = raw.read();
    raw.reset();
    InputStream stream = raw;
    if (b1 == 0x1f && b2 == 0x8b) {
      try {
        stream = new GZIPInputStream(raw, 1 << 16);
      } catch (IOException e) {
        raw.close();
        throw corruptGzip(file, e);
      }
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    return new BufferedReader(new InputStreamReader(stream, decoder), 1 << 16);
  }

  static LexicaException corruptGzip(Path file, IOException e) {
    return new LexicaException(
        "input file " + file + " is not a valid gzip file (" + e.getMessage() + ")",
        "check it with 'gzip -t " + file + "'; re-create or re-download it",
        e);
  }

  /** Wraps a read error: a gzip error becomes a clear message, anything else names the file. */
  static LexicaException readError(Path file, long line, IOException e) {
    if (e instanceof ZipException || e instanceof EOFException) {
      return corruptGzip(file, e);
    }
    return new LexicaException(
        "cannot read " + file + " at line " + line + ": " + e.getMessage(),
        "check that the file is readable and complete",
        e);
  }

  /**
   * The next document, or null at the end of the file.
   *
   * @return the document: a JSONL line's own id when it has one, else the document's number in the
   *     file
   */
  public SourceDocument next() {
    while (true) {
      String s;
      try {
        s = in.readLine();
      } catch (IOException e) {
        throw readError(file, line + 1, e);
      }
      if (s == null) {
        return null;
      }
      line++;
      if (s.isBlank()) {
        continue;
      }
      documents++;
      return switch (format) {
        case TEXT -> new SourceDocument(Long.toString(documents), "", s);
        case TSV -> {
          int tab = s.indexOf('\t');
          yield tab < 0
              ? new SourceDocument(Long.toString(documents), "", s)
              : new SourceDocument(
                  Long.toString(documents), s.substring(0, tab), s.substring(tab + 1));
        }
        case JSONL -> parseJson(s);
      };
    }
  }

  private SourceDocument parseJson(String s) {
    String id = null;
    String title = "";
    String text = "";
    try (JsonParser p = JSON.createParser(s)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw badJson("a line is not a JSON object", null);
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "id", "_id", "docid" -> id = scalar(p, field);
          case "title" -> title = joined(p, field, " ");
          case "text", "body", "contents" -> {
            String v = joined(p, field, "\n");
            text = text.isEmpty() ? v : v.isEmpty() ? text : text + "\n" + v;
          }
          default -> {
            if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
              p.skipChildren(); // fields we do not read may hold anything
            }
          }
        }
      }
    } catch (IOException e) {
      throw badJson(e.getMessage(), e);
    }
    return new SourceDocument(id == null ? Long.toString(documents) : id, title, text);
  }

  /** A scalar value (string, number, boolean; null is ""), or an error naming the field. */
  private String scalar(JsonParser p, String field) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
      throw badField(field, t == JsonToken.START_OBJECT ? "an object" : "an array", "a string");
    }
    return t == JsonToken.VALUE_NULL ? "" : p.getText();
  }

  /**
   * A text value: a scalar, or an array of them joined by {@code separator}, as many corpora store
   * a document's paragraphs or sentences ({@code "text": ["First.", "Second."]}). The parts are
   * joined as several text fields of one line are, so nothing is dropped; an object, or an array
   * holding one, has no obvious text and is an error naming the line.
   */
  private String joined(JsonParser p, String field, String separator) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      return scalar(p, field);
    }
    StringBuilder sb = new StringBuilder();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
        throw badField(
            field,
            "an array holding " + (t == JsonToken.START_OBJECT ? "an object" : "an array"),
            "a string or an array of strings");
      }
      if (t != JsonToken.VALUE_NULL) {
        if (!sb.isEmpty()) {
          sb.append(separator);
        }
        sb.append(p.getText());
      }
    }
    return sb.toString();
  }

  private LexicaException badField(String field, String found, String expected) {
    return new LexicaException(
        "line " + line + " of " + file + ": field '" + field + "' is " + found,
        "give '" + field + "' " + expected + ", or rename the field so that it is not read");
  }

  private LexicaException badJson(String what, Exception cause) {
    return new LexicaException(
        "line " + line + " of " + file + " is not valid JSON: " + what,
        "JSONL input needs one object a line like {\"id\":\"1\",\"title\":\"...\",\"text\":\"...\"};"
            + " use --format text or tsv for other files",
        cause);
  }

  /**
   * Numbers the following documents from {@code last + 1}: a caller reading several files gives
   * their documents distinct ids.
   */
  DocumentReader numberAfter(long last) {
    this.documents = last;
    return this;
  }

  /**
   * Lines read so far.
   *
   * @return the number of lines read, for messages
   */
  public long line() {
    return line;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** Closes, ignoring errors; for a reader opened only to check that the input exists. */
  void closeQuietly() {
    try {
      close();
    } catch (IOException e) {
      // nothing was read, nothing to lose
    }
  }
}
