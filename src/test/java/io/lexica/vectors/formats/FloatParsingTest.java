package io.lexica.vectors.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FloatParsingTest {
  private static void check(String s) {
    byte[] b = ("x" + s + "y").getBytes(StandardCharsets.US_ASCII);
    float expected = Float.parseFloat(s);
    float got = FloatParsing.parse(b, 1, b.length - 1);
    assertEquals(
        Float.floatToRawIntBits(expected), Float.floatToRawIntBits(got), "parsing '" + s + "'");
  }

  @Test
  void matchesParseFloatOnEveryWayToolsPrintFloats() {
    SplittableRandom rnd = new SplittableRandom(42);
    for (int i = 0; i < 10_000; i++) {
      float f =
          switch (i % 4) {
            case 0 -> (float) rnd.nextGaussian() * 0.1f; // typical vector values
            case 1 -> Float.intBitsToFloat(rnd.nextInt()); // any bit pattern
            case 2 -> (float) (rnd.nextDouble() * Math.pow(10, rnd.nextInt(-12, 12)));
            default -> (float) rnd.nextGaussian();
          };
      if (!Float.isFinite(f)) {
        continue;
      }
      check(Float.toString(f)); // Lexica, shortest repr
      check(String.format(Locale.ROOT, "%f", f)); // the C tool's %lf
      check(String.format(Locale.ROOT, "%.5g", f)); // fastText precision 5
      check(String.format(Locale.ROOT, "%.17e", (double) f));
      check(Double.toString(rnd.nextGaussian())); // more digits than a float holds
    }
  }

  @Test
  void halfwayCasesAreNotDoubleRounded() {
    // 1 + 2^-24 is exactly halfway between the floats 1 and 1 + 2^-23: ties to even gives 1.
    check("1.000000059604644775390625");
    // Just above and below that midpoint.
    check("1.000000059604644775390626");
    check("1.000000059604644775390624");
    for (int i = 0; i < 10_000; i++) {
      float f = Float.intBitsToFloat(0x3f800000 + i * 7919);
      double mid = ((double) f + (double) Math.nextUp(f)) / 2;
      check(new java.math.BigDecimal(mid).toPlainString());
    }
  }

  @Test
  void specialValuesAndSigns() {
    for (String s : new String[] {"0", "-0", "0.0", "-0.0", "+1.5", "1e5", "1E-5", "3.4e38"}) {
      check(s);
    }
    check("1e-45"); // subnormal
    check("1e39"); // overflows to infinity
    byte[] nan = "nan".getBytes(StandardCharsets.US_ASCII);
    assertEquals(Float.NaN, FloatParsing.parse(nan, 0, 3));
    byte[] inf = "-inf".getBytes(StandardCharsets.US_ASCII);
    assertEquals(Float.NEGATIVE_INFINITY, FloatParsing.parse(inf, 0, 4));
  }

  @Test
  void rejectsWhatIsNotADecimal() {
    for (String s : new String[] {"", "-", ".", "e5", "1.5f", "0x1p3", "1,5", "abc", "1e"}) {
      byte[] b = s.getBytes(StandardCharsets.US_ASCII);
      assertThrows(NumberFormatException.class, () -> FloatParsing.parse(b, 0, b.length), s);
    }
  }
}
