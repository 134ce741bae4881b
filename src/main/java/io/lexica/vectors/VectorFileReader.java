package io.lexica.vectors;

import io.lexica.LexicaException;
import io.lexica.util.Progress;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * One read of one vector file (see {@link VectorFiles#read}). Rows are decoded straight into the
 * final float array, sized from the header (or, for headerless GloVe files, from a counting pass
 * over the file), so the matrix is never held twice. Not thread-safe; used once.
 */
final class VectorFileReader {
  /** Longest word accepted in a binary file; beyond it the file is misaligned or not word2vec. */
  private static final int MAX_WORD_BYTES = 1 << 16;

  /** Largest float array the JVM allocates. */
  private static final long MAX_FLOATS = Integer.MAX_VALUE - 8;

  private final Path file;
  private final VectorFiles.ReadOptions options;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final List<String> warnings = new ArrayList<>();

  private final Set<String> seen = new HashSet<>();
  private List<String> words;
  private float[] data;
  private int dim;
  private int kept;
  private int duplicates;
  private String firstDuplicate;
  private long firstDuplicateRow;
  private int malformed;
  private String firstMalformed;
  private long firstMalformedRow;

  VectorFileReader(Path file, VectorFiles.ReadOptions options) {
    this.file = file;
    this.options = options;
  }

  VectorFiles.Loaded read(VectorFormat format) {
    if (format == VectorFormat.AUTO) {
      format = detect(file);
    }
    long fileSize = size(file);
    try (CountingInput counted = new CountingInput(Files.newInputStream(file));
        ByteInput in = new ByteInput(decompressed(counted));
        Progress progress = Progress.start("reading " + file.getFileName(), fileSize, "bytes")) {
      Runnable tick = () -> progress.set(counted.count);
      switch (format) {
        case WORD2VEC_BINARY -> readBinary(in, tick);
        case WORD2VEC_TEXT, FASTTEXT_VEC -> readText(in, true, -1, tick);
        case GLOVE -> readText(in, false, gloveRows(), tick);
        default -> throw new IllegalStateException(format.toString());
      }
    } catch (IOException e) {
      throw new LexicaException(
          "cannot read " + file + ": " + e.getMessage(), "check that the file is readable", e);
    }
    if (duplicates > 0) {
      warnings.add(
          duplicates
              + " duplicate word(s) skipped, keeping each word's first row as gensim does; first: '"
              + firstDuplicate
              + "' in row "
              + firstDuplicateRow);
    }
    if (malformed > 0) {
      warnings.add(
          malformed
              + " word(s) were not valid UTF-8 (the C tool cuts long words at 99 bytes, even"
              + " inside a character); invalid bytes became U+FFFD; first: '"
              + firstMalformed
              + "' in row "
              + firstMalformedRow);
    }
    float[] exact = data.length == (long) kept * dim ? data : Arrays.copyOf(data, kept * dim);
    data = null;
    WordVectors vectors = new WordVectors(words, exact, dim, null);
    return new VectorFiles.Loaded(vectors, format, List.copyOf(warnings));
  }

  // ---------------------------------------------------------------- binary

  private void readBinary(ByteInput in, Runnable tick) throws IOException {
    long declared = readHeader(in);
    allocate(declared);
    boolean newlineAfterRows = false;
    long row = 0;
    while (row < declared && kept < capacity()) {
      long rowStart = in.position();
      int len = in.readUntil((byte) ' ', MAX_WORD_BYTES);
      if (len == -1) {
        throw truncated(
            "the file ends after " + row + " of the " + declared + " words its header announces",
            rowStart);
      }
      if (len == -2) {
        throw corrupt(
            "no space after word " + (row + 1) + " within " + MAX_WORD_BYTES + " bytes", rowStart);
      }
      byte[] b = in.line();
      int start = 0;
      while (start < len && b[start] == '\n') {
        start++;
      }
      if (row > 0 && newlineAfterRows && start == 0) {
        throw corrupt(
            "word " + (row + 1) + " does not start on a new line like the words before it",
            rowStart);
      }
      for (int i = start; i < len; i++) {
        if ((b[i] & 0xFF) < 0x20) {
          throw corrupt(
              "word " + (row + 1) + " contains control byte 0x" + Integer.toHexString(b[i]),
              rowStart);
        }
      }
      if (start == len) {
        throw corrupt("word " + (row + 1) + " is empty", rowStart);
      }
      String word = decode(b, start, len, row + 1);
      int got = in.readFloatsLittleEndian(data, kept * dim, dim);
      if (got < dim) {
        throw truncated(
            "the file ends inside the vector of word "
                + (row + 1)
                + " of "
                + declared
                + " ('"
                + word
                + "'): "
                + got
                + " of "
                + dim
                + " floats",
            in.position());
      }
      if (row == 0) {
        newlineAfterRows = in.peek() == '\n';
      }
      row++;
      keep(word, row);
      if ((row & 1023) == 0) {
        tick.run();
      }
    }
    if (row == declared) {
      int c;
      while ((c = in.read()) == '\n' || c == '\r') {
        // the C tool ends each row, the last included, with a newline
      }
      if (c != -1) {
        throw corrupt(
            "there is data after the " + declared + " words the header announces",
            in.position() - 1);
      }
    }
  }

  // ---------------------------------------------------------------- text

  /**
   * Reads text rows. With a header the row count and dimension come from it; without, the rows are
   * {@code declaredRows} (-1: up to the end of the file) of dimension {@link #dim}.
   */
  private void readText(ByteInput in, boolean header, long declaredRows, Runnable tick)
      throws IOException {
    long lineNo = 0;
    long declared = declaredRows;
    if (header) {
      declared = readHeader(in);
      lineNo = 1;
    }
    allocate(declared < 0 ? options.limit() : declared);
    long row = 0;
    while ((declared < 0 || row < declared) && kept < capacity()) {
      if (!in.readLine()) {
        if (declared < 0) {
          break;
        }
        throw truncated(
            "the file ends after "
                + row
                + " of the "
                + declared
                + " words its header announces (line "
                + lineNo
                + ")",
            -1);
      }
      lineNo++;
      byte[] b = in.line();
      int len = trimEnd(b, in.lineLength());
      if (len == 0) {
        continue; // blank lines carry nothing; tolerated anywhere
      }
      int sp = 0;
      while (sp < len && b[sp] != ' ') {
        sp++;
      }
      if (sp == 0) {
        throw badLine(lineNo, "starts with a space: the word is missing");
      }
      String word = decode(b, 0, sp, row + 1);
      parseValues(b, sp, len, lineNo, word, header);
      row++;
      keep(word, row);
      if ((row & 1023) == 0) {
        tick.run();
      }
    }
    if (row == declared) {
      while (in.readLine()) {
        lineNo++;
        if (trimEnd(in.line(), in.lineLength()) > 0) {
          throw new LexicaException(
              file
                  + " line "
                  + lineNo
                  + ": there is another row after the "
                  + declared
                  + " words the header announces",
              "correct the word count in the header line");
        }
      }
    }
  }

  /** Parses the {@link #dim} values of a text row after the word into the next free row. */
  private void parseValues(byte[] b, int from, int len, long lineNo, String word, boolean header) {
    int base = kept * dim;
    int count = 0;
    int i = from;
    while (true) {
      while (i < len && (b[i] == ' ' || b[i] == '\t')) {
        i++;
      }
      if (i == len) {
        break;
      }
      int start = i;
      while (i < len && b[i] != ' ' && b[i] != '\t') {
        i++;
      }
      if (count < dim) {
        try {
          data[base + count] = FloatParsing.parse(b, start, i);
        } catch (NumberFormatException e) {
          throw badLine(
              lineNo,
              "value "
                  + (count + 1)
                  + " of word '"
                  + word
                  + "' is not a number: '"
                  + new String(b, start, i - start, StandardCharsets.UTF_8)
                  + "'");
        }
      }
      count++;
    }
    if (count != dim) {
      throw new LexicaException(
          file
              + " line "
              + lineNo
              + ": word '"
              + word
              + "' has "
              + count
              + " values but "
              + (header ? "the header says " : "the first row has ")
              + dim
              + " (dimension mismatch between rows)",
          "every row must hold the same number of values; the file may be corrupt, or a word"
              + " contains a space");
    }
  }

  /**
   * Sizes a headerless GloVe file: takes the dimension from its first row and, without a limit,
   * counts its rows, the only way to allocate the matrix exactly before reading it. Returns the row
   * count, or -1 (read to the end) under a limit, which bounds the allocation instead.
   */
  private long gloveRows() throws IOException {
    try (ByteInput in = new ByteInput(decompressed(Files.newInputStream(file)))) {
      long rows = 0;
      while (in.readLine()) {
        byte[] b = in.line();
        int len = trimEnd(b, in.lineLength());
        if (len == 0) {
          continue;
        }
        if (rows == 0) {
          dim = countTokens(b, len) - 1;
          if (dim <= 0) {
            throw badLine(1, "holds a word but no values: this is not a GloVe text file");
          }
          if (options.limit() > 0) {
            return -1;
          }
        }
        rows++;
      }
      if (rows == 0) {
        throw new LexicaException(file + " holds no vectors", "check the file");
      }
      return rows;
    }
  }

  private static int countTokens(byte[] b, int len) {
    int n = 0;
    int i = 0;
    while (i < len) {
      while (i < len && (b[i] == ' ' || b[i] == '\t')) {
        i++;
      }
      if (i < len) {
        n++;
      }
      while (i < len && b[i] != ' ' && b[i] != '\t') {
        i++;
      }
    }
    return n;
  }

  // ---------------------------------------------------------------- shared

  /** Parses {@code "V dim"}, sets {@link #dim} and returns V. */
  private long readHeader(ByteInput in) throws IOException {
    if (!in.readLine()) {
      throw new LexicaException(file + " is empty", "give a word2vec or GloVe vector file");
    }
    String line =
        new String(in.line(), 0, Math.min(in.lineLength(), 200), StandardCharsets.ISO_8859_1)
            .strip();
    String[] parts = line.split("[ \t]+");
    long words = -1;
    long dims = -1;
    if (parts.length == 2) {
      try {
        words = Long.parseLong(parts[0]);
        dims = Long.parseLong(parts[1]);
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    if (words < 0 || dims <= 0 || dims > 1_000_000) {
      throw new LexicaException(
          file
              + ": bad header line '"
              + (line.length() > 60 ? line.substring(0, 60) + "..." : line)
              + "': a word2vec or fastText .vec file starts with 'WORDS DIMENSION'",
          "check the file; for a headerless GloVe file use --format glove (or auto)");
    }
    dim = (int) dims;
    return words;
  }

  /** Allocates the matrix for {@code declared} rows, or fewer when a limit is set. */
  private void allocate(long declared) {
    long rows = options.limit() > 0 ? Math.min(declared, options.limit()) : declared;
    if (rows * dim > MAX_FLOATS) {
      throw new LexicaException(
          file
              + " holds "
              + declared
              + " words x "
              + dim
              + " dimensions: more floats than one Java array holds (2^31)",
          "read fewer words (a limit) or split the vocabulary");
    }
    data = new float[(int) (rows * dim)];
    words = new ArrayList<>((int) rows);
  }

  private int capacity() {
    return data.length / dim;
  }

  /** Commits the row just decoded into slot {@link #kept}, unless its word was seen before. */
  private void keep(String word, long row) {
    if (!seen.add(word)) {
      if (duplicates++ == 0) {
        firstDuplicate = word;
        firstDuplicateRow = row;
      }
      return;
    }
    words.add(word);
    kept++;
  }

  private String decode(byte[] b, int from, int to, long row) {
    boolean ascii = true;
    for (int i = from; i < to; i++) {
      if (b[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }
    try {
      CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(b, from, to - from));
      return chars.toString();
    } catch (CharacterCodingException e) {
      String lenient = new String(b, from, to - from, StandardCharsets.UTF_8);
      if (options.strictUtf8()) {
        throw new LexicaException(
            file + ": word " + row + " ('" + lenient + "') is not valid UTF-8",
            "re-encode the file as UTF-8, or read it without strict UTF-8 checking to replace"
                + " the invalid bytes");
      }
      if (malformed++ == 0) {
        firstMalformed = lenient;
        firstMalformedRow = row;
      }
      return lenient;
    }
  }

  private static int trimEnd(byte[] b, int len) {
    while (len > 0 && (b[len - 1] == ' ' || b[len - 1] == '\t' || b[len - 1] == '\r')) {
      len--;
    }
    return len;
  }

  private LexicaException badLine(long lineNo, String what) {
    return new LexicaException(
        file + " line " + lineNo + " " + what, "check the file and its --format");
  }

  private LexicaException truncated(String what, long offset) {
    return new LexicaException(
        file + " is truncated: " + what + (offset >= 0 ? " (byte " + offset + ")" : ""),
        "the file was cut short (an interrupted copy or download?); get a complete copy");
  }

  private LexicaException corrupt(String what, long offset) {
    return new LexicaException(
        file + " is not a valid word2vec binary file: " + what + " (byte " + offset + ")",
        "check that the header's dimension matches the rows and that the file is word2vec"
            + " binary (not text: try --format auto)");
  }

  // ---------------------------------------------------------------- detection and streams

  /** Detects the format from the first 64 KB (after decompression). */
  static VectorFormat detect(Path file) {
    byte[] head;
    try (InputStream in = decompressed(Files.newInputStream(file))) {
      head = in.readNBytes(1 << 16);
    } catch (NoSuchFileException e) {
      throw new LexicaException("no such file: " + file, "check the path");
    } catch (IOException e) {
      throw new LexicaException(
          "cannot read " + file + ": " + e.getMessage(), "check that the file is readable", e);
    }
    int nl = indexOf(head, 0, (byte) '\n');
    int end = nl < 0 ? head.length : nl;
    String first = new String(head, 0, Math.min(end, 200), StandardCharsets.ISO_8859_1).strip();
    String[] parts = first.split("[ \t]+");
    if (parts.length == 2 && parts[0].matches("\\d+") && parts[1].matches("\\d+")) {
      int dims = Integer.parseInt(parts[1]);
      if (nl < 0 || nl + 1 == head.length || looksLikeTextRow(head, nl + 1, dims)) {
        return VectorFormat.WORD2VEC_TEXT;
      }
      return VectorFormat.WORD2VEC_BINARY;
    }
    if (head.length > 0 && looksLikeTextRow(head, 0, -1)) {
      return VectorFormat.GLOVE;
    }
    throw new LexicaException(
        "cannot tell the format of "
            + file
            + ": its first line is neither a 'WORDS DIMENSION'"
            + " header nor a word followed by numbers",
        "give a word2vec (text or binary), GloVe or fastText .vec file, or name the format");
  }

  /**
   * True when the line starting at {@code from} is a word followed by decimal numbers ({@code dims}
   * of them when known and the line is complete in {@code b}).
   */
  private static boolean looksLikeTextRow(byte[] b, int from, int dims) {
    int nl = indexOf(b, from, (byte) '\n');
    int end = nl < 0 ? b.length : nl;
    int sp = indexOf(b, from, (byte) ' ');
    if (sp < 0 || sp >= end) {
      return false;
    }
    int values = 0;
    boolean inToken = false;
    for (int i = sp + 1; i < end; i++) {
      byte c = b[i];
      if (c == ' ' || c == '\t' || c == '\r') {
        inToken = false;
        continue;
      }
      if ("0123456789.-+eEnaifNAIF".indexOf(c) < 0) {
        return false;
      }
      if (!inToken) {
        values++;
        inToken = true;
      }
    }
    return values > 0 && (dims < 0 || nl < 0 || values == dims);
  }

  private static int indexOf(byte[] b, int from, byte c) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  /** The stream, gunzipped when it starts with the gzip magic bytes. */
  static InputStream decompressed(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    if (b1 == 0x1f && b2 == 0x8b) {
      return new GZIPInputStream(in, 1 << 16);
    }
    return in;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (NoSuchFileException e) {
      throw new LexicaException("no such file: " + file, "check the path");
    } catch (IOException e) {
      throw new LexicaException(
          "cannot read " + file + ": " + e.getMessage(), "check that the file is readable", e);
    }
  }

  /** Counts the bytes read from the file (under any decompression) for progress. */
  private static final class CountingInput extends FilterInputStream {
    volatile long count;

    CountingInput(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
