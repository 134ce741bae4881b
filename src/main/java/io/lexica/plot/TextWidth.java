package io.lexica.plot;

/**
 * The width of a line of text in a sans-serif font (DejaVu Sans, Verdana and the like), estimated
 * from character classes rather than measured. Why not measure: the layout must be the same on
 * every machine (a plot is made again and compared, and the SVG is drawn by whatever font the
 * viewer has), and the fonts a JVM finds differ between machines. The estimate errs on the wide
 * side, so a label's box holds the text in any of those fonts. Stateless.
 */
final class TextWidth {
  private TextWidth() {}

  /** The estimated width of {@code text} at {@code size} pixels, bold or not. */
  static double of(String text, double size, boolean bold) {
    double em = 0;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      em += width(c);
      i += Character.charCount(c);
    }
    return em * size * (bold ? 1.1 : 1.0);
  }

  /** A character's advance in ems. */
  private static double width(int c) {
    if ("iljtfrI.,:;'!|()[]{} ".indexOf(c) >= 0) {
      return 0.36;
    }
    if ("mwMW@%".indexOf(c) >= 0) {
      return 0.95;
    }
    if (Character.isUpperCase(c) || Character.isDigit(c)) {
      return 0.72;
    }
    if (Character.isIdeographic(c)
        || Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL) {
      return 1.0;
    }
    return 0.62;
  }
}
