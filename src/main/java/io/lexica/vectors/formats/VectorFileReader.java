package io.lexica.vectors.formats;

import io.lexica.LexicaException;
import io.lexica.util.Progress;
import io.lexica.vectors.RowCheck;
import io.lexica.vectors.WordVectors;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * One read of one vector file (see {@link VectorFiles#read}). Rows are decoded straight into the
 * final float array, sized from the header (or, for headerless GloVe files, from a counting pass
 * over the file), so the matrix is never held twice. Every row passes the {@link RowCheck}.
 *
 * <p>The header is not trusted with memory. A file of {@code B} bytes cannot hold more rows than
 * rows of the shortest possible length fit in {@code B}, so the first allocation is the smaller of
 * the header's count and that bound. A compressed file's content size is unknown until it is read,
 * so there the bound assumes {@value #COMPRESSION_GUESS} times {@code B} (vector files compress
 * about 1.1 times in binary, 2 to 4 times as text), and the matrix doubles as rows keep coming, up
 * to the header's count. A header that claims 40 million words over 300 rows therefore costs 300
 * rows of memory and ends in the truncation error at once, rather than in an 8 GB allocation or an
 * OutOfMemoryError. For a correct header on an uncompressed file (and on a typical compressed one)
 * the header's count is the smaller, and the matrix is allocated exactly, once.
 *
 * <p>Not thread-safe; used once.
 */
final class VectorFileReader {
  /** Longest word accepted in a binary file; beyond it the file is misaligned or not word2vec. */
  private static final int MAX_WORD_BYTES = 1 << 16;

  /** Largest dimension a header may declare; larger ones are damage, not vectors. */
  private static final int MAX_DIMENSION = 1_000_000;

  /** Largest float array the JVM allocates. */
  private static final long MAX_FLOATS = Integer.MAX_VALUE - 8;

  /**
   * Assumed expansion of a compressed file before the matrix has to grow; see the class comment.
   */
  static final long COMPRESSION_GUESS = 8;

  private final Path file;
  private final VectorFiles.ReadOptions options;
  private RowCheck check;

  private List<String> words;
  private float[] data;
  private int dim;
  private int kept;

  /** Rows the read ends at: the header's count, or the limit when that is smaller. */
  private long wanted;

  /** Bytes the file's content has (uncompressed) or is guessed to have (compressed). */
  private long contentBytes;

  /** Whether text words may be {@code B64:} encoded (the DL4J zip). */
  private boolean base64Words;

  VectorFileReader(Path file, VectorFiles.ReadOptions options) {
    this.file = file;
    this.options = options;
  }

  VectorFiles.Loaded read(VectorFormat format) {
    if (format == VectorFormat.AUTO) {
      format = detect(file);
    }
    return read(format, false);
  }

  /**
   * Reads the vector entry of a DL4J word2vec zip ({@link Dl4jZip}): word2vec text whose words are
   * written {@code B64:<base64 of the UTF-8 bytes>} (plain words are read as they are).
   */
  VectorFiles.Loaded readDl4jZip() {
    return read(VectorFormat.WORD2VEC_TEXT, true);
  }

  private VectorFiles.Loaded read(VectorFormat format, boolean dl4jZip) {
    long fileSize = size(file);
    try (CountingInput counted = new CountingInput(Files.newInputStream(file));
        InputStream content = dl4jZip ? dl4jEntry(counted) : decompressed(counted);
        ByteInput in = new ByteInput(content);
        Progress progress = Progress.start("reading " + file.getFileName(), fileSize, "bytes")) {
      boolean deflated = dl4jZip || content instanceof GZIPInputStream;
      contentBytes = deflated ? fileSize * COMPRESSION_GUESS : fileSize;
      base64Words = dl4jZip;
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
    float[] exact = data.length == (long) kept * dim ? data : Arrays.copyOf(data, kept * dim);
    data = null;
    WordVectors vectors = new WordVectors(words, exact, dim, null);
    return new VectorFiles.Loaded(vectors, dl4jZip ? null : format, check.warnings());
  }

  /** The zip's vector entry (the first whose name starts with {@code syn0}, as Lucene reads it). */
  private InputStream dl4jEntry(InputStream raw) throws IOException {
    ZipInputStream zip = new ZipInputStream(new BufferedInputStream(raw, 1 << 16));
    try {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        if (e.getName().startsWith("syn0")) {
          return zip;
        }
      }
    } catch (ZipException e) {
      zip.close();
      throw notDl4j("it is not a zip file (" + e.getMessage() + ")");
    }
    zip.close();
    throw notDl4j("it has no syn0 entry");
  }

  private LexicaException notDl4j(String why) {
    return new LexicaException(
        file + " is not a readable DL4J word2vec zip: " + why,
        "give a zip written by DL4J's WordVectorSerializer or by 'lexica export --format dl4j-zip'");
  }

  // ---------------------------------------------------------------- binary

  private void readBinary(ByteInput in, Runnable tick) throws IOException {
    long declared = readHeader(in);
    check = new RowCheck(file.toString(), "word", options.strictUtf8());
    // The shortest row: a one-byte word, the space, the floats (the newline is optional).
    allocate(declared, 2 + 4L * dim);
    boolean newlineAfterRows = false;
    long row = 0;
    while (row < declared && kept < wanted) {
      long rowStart = in.position();
      int len = in.readUntil((byte) ' ', MAX_WORD_BYTES);
      if (len == -1) {
        throw truncated(
            "the file ends after " + row + " of the " + declared + " words its header announces",
            " (byte " + rowStart + ")",
            row);
      }
      if (len == -2) {
        throw corrupt(
            "no space after word " + (row + 1) + " within " + MAX_WORD_BYTES + " bytes", rowStart);
      }
      byte[] b = in.line();
      int start = 0;
      while (start < len && b[start] == '\n') {
        start++; // the newline ending the previous row, which the C tool writes and gensim not
      }
      if (row > 0 && newlineAfterRows && start == 0) {
        throw corrupt(
            "word " + (row + 1) + " does not start on a new line like the words before it",
            rowStart);
      }
      if (start == len) {
        throw corrupt("word " + (row + 1) + " is empty", rowStart);
      }
      String word = check.word(b, start, len, row + 1);
      ensureRoom();
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
            " (byte " + in.position() + ")",
            -1);
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
    check = new RowCheck(file.toString(), "line", options.strictUtf8());
    // The shortest row: a one-byte word and dim one-byte values, each after a separator.
    allocate(declared, 1 + 2L * dim);
    long row = 0;
    while ((declared < 0 || row < declared) && kept < wanted) {
      if (!in.readLine()) {
        if (declared < 0) {
          break;
        }
        throw truncated(
            "the file ends after " + row + " of the " + declared + " words its header announces",
            " (line " + lineNo + ")",
            row);
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
      String word = base64Words ? base64Word(b, sp, lineNo) : check.word(b, 0, sp, lineNo);
      ensureRoom();
      parseValues(b, sp, len, lineNo, word, header);
      row++;
      keep(word, lineNo);
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

  /** A DL4J word: {@code B64:} and the base64 of its UTF-8 bytes, or a plain word. */
  private String base64Word(byte[] b, int len, long lineNo) {
    if (len < 4 || !new String(b, 0, 4, StandardCharsets.ISO_8859_1).equalsIgnoreCase("B64:")) {
      return check.word(b, 0, len, lineNo);
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(Arrays.copyOfRange(b, 4, len));
    } catch (IllegalArgumentException e) {
      throw badLine(lineNo, "has a word that is not valid base64: " + e.getMessage());
    }
    return check.word(decoded, 0, decoded.length, lineNo);
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
          String spaced = wordWithSpaces(b, len);
          throw spaced != null
              ? spaceInWord(lineNo, spaced)
              : badLine(
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
      String spaced = count > dim ? wordWithSpaces(b, len) : null;
      throw spaced != null
          ? spaceInWord(lineNo, spaced)
          : check.wrongDimension(
              word, lineNo, count, dim, header ? "the header says" : "the first row has");
    }
  }

  private LexicaException spaceInWord(long lineNo, String word) {
    return new LexicaException(
        check.where(lineNo, word)
            + ": the word holds a space, which separates the word from its values in every vector"
            + " file format",
        "replace the spaces inside words (e.g. by '_') in the program that wrote the file; Lexica"
            + " refuses to write such words");
  }

  /**
   * The word of a row that ends in {@link #dim} numbers preceded by more than one token, one of
   * which (after the first) is not a number, spaces included; null for any other row. A row with
   * only surplus numbers has the wrong dimension instead.
   */
  private String wordWithSpaces(byte[] b, int len) {
    int end = len;
    for (int v = 0; v < dim; v++) {
      int tokenEnd = end;
      while (end > 0 && b[end - 1] != ' ' && b[end - 1] != '\t') {
        end--;
      }
      try {
        FloatParsing.parse(b, end, tokenEnd);
      } catch (NumberFormatException e) {
        return null;
      }
      while (end > 0 && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
        end--;
      }
    }
    int firstSpace = 0;
    while (firstSpace < end && b[firstSpace] != ' ') {
      firstSpace++;
    }
    for (int i = firstSpace; i < end; ) {
      while (i < end && (b[i] == ' ' || b[i] == '\t')) {
        i++;
      }
      int start = i;
      while (i < end && b[i] != ' ' && b[i] != '\t') {
        i++;
      }
      try {
        FloatParsing.parse(b, start, i);
      } catch (NumberFormatException e) {
        return firstSpace > 0 ? check.word(b, 0, end, 0) : null;
      }
    }
    return null;
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
          // The word ends at the first space, as in every row; it may hold tabs.
          int sp = 0;
          while (sp < len && b[sp] != ' ') {
            sp++;
          }
          dim = countTokens(b, sp, len);
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

  private static int countTokens(byte[] b, int from, int len) {
    int n = 0;
    int i = from;
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
    String shown = line.length() > 60 ? line.substring(0, 60) + "..." : line;
    long[] header = parseHeader(line);
    if (header == null) {
      throw new LexicaException(
          file
              + ": bad header line '"
              + shown
              + "': a word2vec or fastText .vec file starts with 'WORDS DIMENSION'",
          "check the file; for a headerless GloVe file use --format glove (or auto)");
    }
    String wrong =
        header[0] < 0
            ? "a negative word count"
            : header[1] <= 0
                ? "a dimension that is not positive"
                : header[1] > MAX_DIMENSION ? "a dimension above " + MAX_DIMENSION : null;
    if (wrong != null) {
      throw new LexicaException(
          file + ": the header line '" + shown + "' gives " + wrong,
          "the first line must be 'WORDS DIMENSION' with the number of rows and of values per row;"
              + " correct it, or get an intact copy of the file");
    }
    dim = (int) header[1];
    return header[0];
  }

  /**
   * The two integers of a header line (signs allowed, so that a negative count is reported as such,
   * not misread as a row), or null when the line is not two integers.
   */
  private static long[] parseHeader(String line) {
    String[] parts = line.split("[ \t]+");
    if (parts.length != 2
        || !parts[0].matches("[-+]?\\d{1,18}")
        || !parts[1].matches("[-+]?\\d{1,18}")) {
      return null;
    }
    return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
  }

  /**
   * Sets {@link #wanted} to the rows the read ends at ({@code declared}, -1 for "to the end", or a
   * smaller limit) and allocates for them, but never for more rows than the file can hold when each
   * takes at least {@code minRowBytes} (see the class comment).
   */
  private void allocate(long declared, long minRowBytes) {
    long limit = options.limit() > 0 ? options.limit() : Long.MAX_VALUE;
    wanted = declared < 0 ? limit : Math.min(declared, limit);
    long rows = Math.min(wanted, contentBytes / minRowBytes + 1);
    if (rows * dim > MAX_FLOATS) {
      throw tooLarge(rows);
    }
    data = new float[(int) (rows * dim)];
    words = new ArrayList<>((int) rows);
  }

  /** Makes room for one more row, doubling the matrix (up to {@link #wanted} rows) when full. */
  private void ensureRoom() {
    if ((long) (kept + 1) * dim <= data.length) {
      return;
    }
    long rows = Math.min(wanted, Math.max(1024, 2L * kept));
    if (rows * dim > MAX_FLOATS) {
      throw tooLarge(rows);
    }
    data = Arrays.copyOf(data, (int) (rows * dim));
  }

  private LexicaException tooLarge(long rows) {
    return new LexicaException(
        file
            + " holds at least "
            + rows
            + " words x "
            + dim
            + " dimensions: more floats than one Java array holds (2^31)",
        "read fewer words (a limit) or split the vocabulary");
  }

  /** Commits the row just decoded into slot {@link #kept}, unless the check skips it. */
  private void keep(String word, long at) {
    if (check.keep(word, data, kept * dim, dim, at)) {
      words.add(word);
      kept++;
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

  /**
   * The error for a file that ends early. {@code rowsThere} is the rows it does hold when it ends
   * between rows (-1 inside one): a complete file with a wrong word count in its header reads the
   * same as a truncated one, so the remedy offers the header that would be right.
   */
  private LexicaException truncated(String what, String at, long rowsThere) {
    String remedy =
        "the file was cut short (an interrupted copy or download?): get a complete copy";
    if (rowsThere >= 0) {
      remedy +=
          "; if it is complete, its header's word count is wrong: make its first line '"
              + rowsThere
              + " "
              + dim
              + "'";
    }
    return new LexicaException(file + " is truncated: " + what + at, remedy);
  }

  private LexicaException corrupt(String what, long offset) {
    return new LexicaException(
        file + " is not a valid word2vec binary file: " + what + " (byte " + offset + ")",
        "check that the header's dimension matches the rows and that the file is word2vec"
            + " binary (not text: try --format auto)");
  }

  // ---------------------------------------------------------------- detection and streams

  /**
   * Detects the format from the first 64 KB (after decompression). A first line of two integers is
   * a header, whatever their signs (a bad one is then reported as such): word2vec text when the
   * next line is a text row, else binary. Otherwise a first line that is a word and numbers is
   * GloVe.
   */
  static VectorFormat detect(Path file) {
    requireFile(file);
    byte[] head;
    try (InputStream in = decompressed(Files.newInputStream(file))) {
      head = in.readNBytes(1 << 16);
    } catch (IOException e) {
      throw new LexicaException(
          "cannot read " + file + ": " + e.getMessage(), "check that the file is readable", e);
    }
    int nl = indexOf(head, 0, (byte) '\n');
    int end = nl < 0 ? head.length : nl;
    String first = new String(head, 0, Math.min(end, 200), StandardCharsets.ISO_8859_1).strip();
    long[] header = parseHeader(first);
    if (header != null) {
      if (header[1] <= 0
          || header[1] > MAX_DIMENSION
          || nl < 0
          || nl + 1 == head.length
          || looksLikeTextRow(head, nl + 1, (int) header[1])) {
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
   * True when the line starting at {@code from} is a word followed by decimal numbers: all of its
   * tokens after the first when {@code dims} is unknown (-1) or the line is cut off in {@code b},
   * else at least {@code dims} trailing ones (more tokens before them make a row with the wrong
   * dimension or a word holding spaces, which the text reader reports).
   */
  private static boolean looksLikeTextRow(byte[] b, int from, int dims) {
    int nl = indexOf(b, from, (byte) '\n');
    int end = nl < 0 ? b.length : nl;
    int sp = indexOf(b, from, (byte) ' ');
    if (sp < 0 || sp >= end) {
      return false;
    }
    int tokens = 0;
    int trailingNumbers = 0;
    boolean inToken = false;
    boolean numeric = true;
    for (int i = sp + 1; i <= end; i++) {
      byte c = i == end ? (byte) ' ' : b[i];
      if (c == ' ' || c == '\t' || c == '\r') {
        if (inToken) {
          tokens++;
          trailingNumbers = numeric ? trailingNumbers + 1 : 0;
        }
        inToken = false;
        numeric = true;
        continue;
      }
      inToken = true;
      numeric &= "0123456789.-+eEnaifNAIF".indexOf(c) >= 0;
    }
    if (tokens == 0) {
      return false;
    }
    return dims < 0 || nl < 0 ? trailingNumbers == tokens : trailingNumbers >= dims;
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
    requireFile(file);
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new LexicaException(
          "cannot read " + file + ": " + e.getMessage(), "check that the file is readable", e);
    }
  }

  /** Throws a clear error when {@code file} is missing or a directory. */
  static void requireFile(Path file) {
    if (Files.isDirectory(file)) {
      throw new LexicaException(
          file + " is a directory, not a vector file",
          "name the vector file itself (word2vec .bin or .txt, GloVe .txt, fastText .vec or .bin);"
              + " a Lexica model directory needs no import: the commands that take a MODEL use it"
              + " as it is, and 'lexica export' writes its vectors to a file");
    }
    if (!Files.exists(file)) {
      throw new LexicaException("no such file: " + file, "check the path");
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
