package io.lexica.util;

import io.lexica.LexicaException;
import java.util.Locale;

/**
 * Amounts of memory written as text, the one way every memory option ({@code --corpus-memory},
 * {@code --memory}) reads them: a positive number of bytes with an optional suffix k, m, g or t
 * (powers of 1024, case-insensitive, an optional trailing "b"), e.g. {@code 4096}, {@code 512m},
 * {@code 1.5g}. Stateless.
 */
public final class ByteSizes {
  private ByteSizes() {}

  /**
   * The number of bytes {@code text} names.
   *
   * @param text a size with an optional unit, e.g. {@code 512m}, {@code 1.5g}, {@code 1048576}
   * @return the size in bytes, at least 1
   * @throws LexicaException when it is not a positive size
   */
  public static long parse(String text) {
    String s = text.strip().toLowerCase(Locale.ROOT);
    if (s.endsWith("b")) {
      s = s.substring(0, s.length() - 1);
    }
    long unit = 1;
    if (!s.isEmpty()) {
      switch (s.charAt(s.length() - 1)) {
        case 'k' -> unit = 1L << 10;
        case 'm' -> unit = 1L << 20;
        case 'g' -> unit = 1L << 30;
        case 't' -> unit = 1L << 40;
        default -> unit = 1;
      }
      if (unit > 1) {
        s = s.substring(0, s.length() - 1);
      }
    }
    try {
      double value = Double.parseDouble(s);
      if (!(value * unit >= 1) || Double.isInfinite(value)) {
        throw new NumberFormatException();
      }
      return (long) Math.min(Long.MAX_VALUE, value * unit);
    } catch (NumberFormatException e) {
      throw new LexicaException(
          "'" + text + "' is not a memory size", "write a number with k, m or g, e.g. 512m or 4g");
    }
  }
}
