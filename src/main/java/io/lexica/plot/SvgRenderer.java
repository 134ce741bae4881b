package io.lexica.plot;

import java.util.Locale;

/**
 * A {@link Scene} as an SVG document (SVG 1.1, UTF-8): one element per shape, numbers with one
 * decimal, text escaped for XML (characters XML cannot hold shown as U+FFFD). The same scene gives
 * the same bytes. Stateless.
 */
final class SvgRenderer {
  /** Fonts in order of preference; {@link TextWidth} estimates widths for this family. */
  static final String FONTS = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif";

  private SvgRenderer() {}

  /** The SVG document of {@code scene}. */
  public static String render(Scene scene) {
    StringBuilder sb = new StringBuilder();
    sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    sb.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"%s\">\n",
            scene.width(),
            scene.height(),
            scene.width(),
            scene.height(),
            FONTS));
    sb.append("<title>").append(escape(scene.title())).append("</title>\n");
    for (Scene.Shape s : scene.shapes()) {
      switch (s) {
        case Scene.Box b ->
            sb.append(
                String.format(
                    Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"%s/>\n",
                    b.x(),
                    b.y(),
                    b.width(),
                    b.height(),
                    b.fill() == null ? "none" : b.fill(),
                    b.stroke() == null ? "" : " stroke=\"" + b.stroke() + "\""));
        case Scene.Line l ->
            sb.append(
                String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
                        + " stroke-width=\"%.1f\" stroke-opacity=\"%.2f\"/>\n",
                    l.x1(),
                    l.y1(),
                    l.x2(),
                    l.y2(),
                    l.colour(),
                    l.width(),
                    l.opacity()));
        case Scene.Circle c ->
            sb.append(
                String.format(
                    Locale.ROOT,
                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"%s/>\n",
                    c.x(),
                    c.y(),
                    c.radius(),
                    c.fill(),
                    c.stroke() == null
                        ? ""
                        : " stroke=\"" + c.stroke() + "\" stroke-width=\"1.2\""));
        case Scene.Text t -> {
          sb.append(
              String.format(
                  Locale.ROOT,
                  "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\" fill=\"%s\"",
                  t.x(),
                  t.y(),
                  t.size(),
                  t.colour()));
          if (t.bold()) {
            sb.append(" font-weight=\"bold\"");
          }
          if (t.halo()) {
            sb.append(
                " stroke=\"#FFFFFF\" stroke-width=\"3\" stroke-linejoin=\"round\""
                    + " paint-order=\"stroke\"");
          }
          if (t.anchor() != Scene.Anchor.START) {
            sb.append(" text-anchor=\"")
                .append(t.anchor() == Scene.Anchor.MIDDLE ? "middle" : "end");
            sb.append('"');
          }
          if (t.rotated()) {
            sb.append(
                String.format(Locale.ROOT, " transform=\"rotate(-90 %.1f %.1f)\"", t.x(), t.y()));
          }
          sb.append('>').append(escape(t.text())).append("</text>\n");
        }
      }
    }
    sb.append("</svg>\n");
    return sb.toString();
  }

  /** {@code text} as XML character data or attribute value. */
  static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&apos;");
        default -> {
          boolean xml =
              c == 0x9
                  || c == 0xA
                  || c == 0xD
                  || (c >= 0x20 && c <= 0xD7FF)
                  || (c >= 0xE000 && c <= 0xFFFD)
                  || (c >= 0x10000 && c <= 0x10FFFF);
          sb.appendCodePoint(xml && c != 0xA && c != 0xD && c != 0x9 ? c : 0xFFFD);
        }
      }
    }
    return sb.toString();
  }
}
