package io.lexica.vectors.formats;

import java.nio.charset.StandardCharsets;

/**
 * Parses decimal numbers from ASCII bytes to the nearest float, as {@link Float#parseFloat} does,
 * without making a String per number: text vector files hold hundreds of millions of them.
 *
 * <p>Fast path (Clinger): a decimal with at most 15 significant digits and a power of ten within
 * ±22 is a double-exact mantissa times an exact power of ten, so one double multiplication or
 * division gives the correctly rounded double. Rounding that double to float is then correctly
 * rounded too unless the double lies exactly halfway between two floats (double rounding); that
 * rare case, and everything outside the fast path, goes to {@link Float#parseFloat}. The result is
 * therefore always bit-identical to {@code Float.parseFloat}.
 */
final class FloatParsing {
  private static final double[] POWERS_OF_TEN = new double[23];

  static {
    double p = 1;
    for (int i = 0; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = p;
      p *= 10;
    }
  }

  private FloatParsing() {}

  /**
   * Parses {@code b[from..to)}.
   *
   * @throws NumberFormatException when the bytes are not a number
   */
  static float parse(byte[] b, int from, int to) {
    int i = from;
    boolean negative = false;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      negative = b[i] == '-';
      i++;
    }
    long mantissa = 0;
    int digits = 0; // significant digits kept in mantissa
    int exponent = 0;
    boolean sawDigit = false;
    boolean exact = true;
    for (; i < to && b[i] >= '0' && b[i] <= '9'; i++) {
      sawDigit = true;
      if (mantissa == 0 && b[i] == '0') {
        continue; // leading zero
      }
      if (digits < 15) {
        mantissa = mantissa * 10 + (b[i] - '0');
        digits++;
      } else {
        exact = false;
        exponent++;
      }
    }
    if (i < to && b[i] == '.') {
      i++;
      for (; i < to && b[i] >= '0' && b[i] <= '9'; i++) {
        sawDigit = true;
        if (mantissa == 0 && b[i] == '0') {
          exponent--;
          continue;
        }
        if (digits < 15) {
          mantissa = mantissa * 10 + (b[i] - '0');
          digits++;
          exponent--;
        } else {
          exact = false;
        }
      }
    }
    if (sawDigit && i < to && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      boolean negExp = false;
      if (i < to && (b[i] == '-' || b[i] == '+')) {
        negExp = b[i] == '-';
        i++;
      }
      int e = 0;
      boolean expDigit = false;
      for (; i < to && b[i] >= '0' && b[i] <= '9'; i++) {
        expDigit = true;
        e = Math.min(e * 10 + (b[i] - '0'), 100_000);
      }
      if (!expDigit) {
        return slow(b, from, to);
      }
      exponent += negExp ? -e : e;
    }
    if (!sawDigit || i != to || !exact) {
      return slow(b, from, to);
    }
    if (mantissa == 0) {
      return negative ? -0f : 0f;
    }
    if (exponent < -22 || exponent > 22) {
      return slow(b, from, to);
    }
    double d =
        exponent >= 0 ? mantissa * POWERS_OF_TEN[exponent] : mantissa / POWERS_OF_TEN[-exponent];
    // A double halfway between two adjacent floats has exactly bit 28 set among its 29 low
    // mantissa bits (for normal floats); casting it would round a second time.
    long bits = Double.doubleToRawLongBits(d);
    if ((bits & 0x1FFFFFFFL) == 0x10000000L || Math.abs(d) < Float.MIN_NORMAL) {
      return slow(b, from, to);
    }
    float f = (float) d;
    return negative ? -f : f;
  }

  private static float slow(byte[] b, int from, int to) {
    String s = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    // Python writes nan/inf, C printf writes nan/inf/-nan; Java wants NaN/Infinity.
    switch (s.toLowerCase(java.util.Locale.ROOT)) {
      case "nan", "-nan", "+nan" -> {
        return Float.NaN;
      }
      case "inf", "+inf", "infinity", "+infinity" -> {
        return Float.POSITIVE_INFINITY;
      }
      case "-inf", "-infinity" -> {
        return Float.NEGATIVE_INFINITY;
      }
      default -> {
        // Float.parseFloat also accepts trailing 'f'/'d' and hex; vector files never hold those,
        // and rejecting them keeps the grammar to what the C tool, gensim and fastText write.
        for (int k = from; k < to; k++) {
          byte c = b[k];
          if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
            throw new NumberFormatException("not a number: " + s);
          }
        }
        return Float.parseFloat(s);
      }
    }
  }
}
