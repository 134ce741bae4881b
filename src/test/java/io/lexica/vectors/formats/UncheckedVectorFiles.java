package io.lexica.vectors.formats;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes vector files as other tools do, without {@link VectorFiles#write}'s checks, so that tests
 * can hand the readers what Lexica itself refuses to write (NaN values, for one).
 */
public final class UncheckedVectorFiles {
  private UncheckedVectorFiles() {}

  /**
   * Words holding characters the formats allow although the C tool's tokenizer never makes them: C0
   * controls (ESC from terminal colours in a scraped corpus), DEL, tabs, CR, Unicode line
   * separators, characters outside the BMP.
   */
  public static final List<String> AWKWARD_WORDS =
      List.of(
          "\u001b[31m",
          "\u001b",
          "a\u0001b",
          "tab\there",
          "\t",
          "cr\rinside",
          "\u000b\u000c\u001c\u001d\u001e\u001f",
          "del\u007f",
          "\u0085nel\u2028",
          "\u00a0nbsp",
          "\ud834\udd1emusic",
          "\ud83d\ude00",
          "\u4e2d\u6587\u001b[0m",
          "plain");

  /** Writes {@code words} with their rows of {@code data} in a text or binary {@code format}. */
  public static void write(
      List<String> words, float[] data, int dim, Path file, VectorFormat format)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (format.hasHeader()) {
      out.writeBytes((words.size() + " " + dim + "\n").getBytes(StandardCharsets.US_ASCII));
    }
    ByteBuffer row = ByteBuffer.allocate(dim * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (int r = 0; r < words.size(); r++) {
      out.writeBytes(words.get(r).getBytes(StandardCharsets.UTF_8));
      if (format == VectorFormat.WORD2VEC_BINARY) {
        out.write(' ');
        row.clear();
        row.asFloatBuffer().put(data, r * dim, dim);
        out.writeBytes(row.array());
      } else {
        for (int i = r * dim; i < (r + 1) * dim; i++) {
          out.writeBytes((" " + data[i]).getBytes(StandardCharsets.US_ASCII));
        }
      }
      out.write('\n');
    }
    Files.write(file, out.toByteArray());
  }
}
