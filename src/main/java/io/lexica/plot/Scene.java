package io.lexica.plot;

import java.util.List;

/**
 * A picture as shapes in pixel coordinates, origin at the top left, drawn in list order: what the
 * layout ({@link NeighbourPlot}) decides, and all that a renderer ({@link SvgRenderer}, {@link
 * PngRenderer}) needs, so the SVG and the PNG of one plot are the same picture. Colours are {@code
 * #rrggbb}. Immutable.
 *
 * @param width the picture's width in pixels
 * @param height the picture's height in pixels
 * @param title what the picture shows, for the SVG's {@code <title>} (accessibility)
 * @param shapes the shapes, back to front
 */
public record Scene(int width, int height, String title, List<Scene.Shape> shapes) {
  public Scene {
    shapes = List.copyOf(shapes);
  }

  /** One thing drawn. */
  public sealed interface Shape permits Line, Circle, Text, Box {}

  /** A straight line. */
  public record Line(
      double x1, double y1, double x2, double y2, String colour, double width, double opacity)
      implements Shape {}

  /** A filled circle with an outline ({@code stroke} null: none). */
  public record Circle(double x, double y, double radius, String fill, String stroke)
      implements Shape {}

  /** How a text is placed horizontally relative to its x. */
  public enum Anchor {
    START,
    MIDDLE,
    END
  }

  /**
   * A line of text whose baseline starts ({@link Anchor#START}), is centred ({@link Anchor#MIDDLE})
   * or ends ({@link Anchor#END}) at {@code (x, y)}; {@code rotated}: turned 90 degrees
   * counter-clockwise about that point (a vertical axis caption).
   */
  public record Text(
      String text,
      double x,
      double y,
      double size,
      boolean bold,
      String colour,
      Anchor anchor,
      boolean rotated,
      boolean halo)
      implements Shape {}

  /** A rectangle, filled ({@code fill} null: not) and outlined ({@code stroke} null: not). */
  public record Box(double x, double y, double width, double height, String fill, String stroke)
      implements Shape {}
}
