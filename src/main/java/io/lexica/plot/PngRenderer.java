package io.lexica.plot;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/**
 * A {@link Scene} drawn into an image with Java2D (headless: no display needed), at {@code scale}
 * times its size so that text stays sharp on dense screens. The fonts are whatever the JVM finds
 * for {@link SvgRenderer#FONTS}' first family, so text may be a little narrower or wider than the
 * layout's estimate; the layout leaves room for that. Stateless.
 */
final class PngRenderer {
  private PngRenderer() {}

  /** The picture of {@code scene}, {@code scale} (1 to 4) times its size. */
  public static BufferedImage render(Scene scene, int scale) {
    if (scale < 1 || scale > 4) {
      throw new IllegalArgumentException("scale must be in [1, 4], not " + scale);
    }
    BufferedImage image =
        new BufferedImage(
            scene.width() * scale, scene.height() * scale, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.scale(scale, scale);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, scene.width(), scene.height());
      for (Scene.Shape s : scene.shapes()) {
        draw(g, s);
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  private static void draw(Graphics2D g, Scene.Shape s) {
    switch (s) {
      case Scene.Box b -> {
        Rectangle2D r = new Rectangle2D.Double(b.x(), b.y(), b.width(), b.height());
        if (b.fill() != null) {
          g.setColor(Color.decode(b.fill()));
          g.fill(r);
        }
        if (b.stroke() != null) {
          g.setColor(Color.decode(b.stroke()));
          g.setStroke(new BasicStroke(1f));
          g.draw(r);
        }
      }
      case Scene.Line l -> {
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) l.opacity()));
        g.setColor(Color.decode(l.colour()));
        g.setStroke(new BasicStroke((float) l.width()));
        g.draw(new Line2D.Double(l.x1(), l.y1(), l.x2(), l.y2()));
        g.setComposite(AlphaComposite.SrcOver);
      }
      case Scene.Circle c -> {
        Ellipse2D e =
            new Ellipse2D.Double(
                c.x() - c.radius(), c.y() - c.radius(), 2 * c.radius(), 2 * c.radius());
        g.setColor(Color.decode(c.fill()));
        g.fill(e);
        if (c.stroke() != null) {
          g.setColor(Color.decode(c.stroke()));
          g.setStroke(new BasicStroke(1.2f));
          g.draw(e);
        }
      }
      case Scene.Text t -> {
        Font font =
            new Font("DejaVu Sans", t.bold() ? Font.BOLD : Font.PLAIN, 1)
                .deriveFont((float) t.size());
        g.setFont(font);
        g.setColor(Color.decode(t.colour()));
        FontMetrics m = g.getFontMetrics();
        double width = m.getStringBounds(t.text(), g).getWidth();
        double dx =
            switch (t.anchor()) {
              case START -> 0;
              case MIDDLE -> -width / 2;
              case END -> -width;
            };
        AffineTransform saved = g.getTransform();
        g.translate(t.x(), t.y());
        if (t.rotated()) {
          g.rotate(-Math.PI / 2);
        }
        if (t.halo()) {
          java.awt.Shape outline =
              new java.awt.font.TextLayout(t.text(), font, g.getFontRenderContext())
                  .getOutline(AffineTransform.getTranslateInstance(dx, 0));
          g.setColor(Color.WHITE);
          g.setStroke(new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
          g.draw(outline);
          g.setColor(Color.decode(t.colour()));
        }
        g.drawString(t.text(), (float) dx, 0f);
        g.setTransform(saved);
      }
    }
  }
}
