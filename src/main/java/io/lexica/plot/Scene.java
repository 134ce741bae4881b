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
  /** Copies the shapes, so a scene is immutable. */
  public Scene {
    shapes = List.copyOf(shapes);
  }

  /** One thing drawn. */
  public sealed interface Shape permits Line, Circle, Text, Box {}

  /**
   * A straight line.
   *
   * @param x1 the start's x, in pixels
   * @param y1 the start's y, in pixels
   * @param x2 the end's x, in pixels
   * @param y2 the end's y, in pixels
   * @param colour a CSS colour
   * @param width the stroke width, in pixels
   * @param opacity from 0 (invisible) to 1 (opaque)
   */
  public record Line(
      double x1, double y1, double x2, double y2, String colour, double width, double opacity)
      implements Shape {}

  /**
   * A filled circle with an outline ({@code stroke} null: none).
   *
   * @param x the centre's x, in pixels
   * @param y the centre's y, in pixels
   * @param radius the radius, in pixels
   * @param fill a CSS colour
   * @param stroke a CSS colour, or null
   */
  public record Circle(double x, double y, double radius, String fill, String stroke)
      implements Shape {}

  /** How a text is placed horizontally relative to its x. */
  public enum Anchor {
    /** {@code x} is where the text starts. */
    START,
    /** {@code x} is the text's centre. */
    MIDDLE,
    /** {@code x} is where the text ends. */
    END
  }

  /**
   * A line of text whose baseline starts ({@link Anchor#START}), is centred ({@link Anchor#MIDDLE})
   * or ends ({@link Anchor#END}) at {@code (x, y)}; {@code rotated}: turned 90 degrees
   * counter-clockwise about that point (a vertical axis caption).
   *
   * @param text the text, one line
   * @param x the anchor's x, in pixels
   * @param y the baseline's y, in pixels
   * @param size the font size, in pixels
   * @param bold whether the font is bold
   * @param colour a CSS colour
   * @param anchor which point of the text is at {@code x}
   * @param rotated whether the text is turned
   * @param halo whether a white outline keeps the text readable over lines and dots
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

  /**
   * A rectangle, filled ({@code fill} null: not) and outlined ({@code stroke} null: not).
   *
   * @param x the left edge, in pixels
   * @param y the top edge, in pixels (y grows downwards)
   * @param width the width, in pixels
   * @param height the height, in pixels
   * @param fill a CSS colour, or null
   * @param stroke a CSS colour, or null
   */
  public record Box(double x, double y, double width, double height, String fill, String stroke)
      implements Shape {}
}
