package io.lexica.plot;

import io.lexica.LexicaException;
import io.lexica.util.AtomicOutput;
import io.lexica.util.OutputPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Writes a {@link Scene} to a file as SVG (text, scales without loss, what documentation should
 * embed) or PNG (twice the scene's size, for places that do not show SVG), by default the format
 * the file's name ends in. Atomic like every output ({@link AtomicOutput}). Stateless.
 */
public final class PlotOutput {
  /** The picture formats, by file name extension. */
  public enum Format {
    /** Scalable vector graphics: text stays text, sharp at any zoom. */
    SVG,
    /** A bitmap, drawn at twice the scene's size for sharp text on high-density screens. */
    PNG
  }

  /** How many times the scene's size a PNG is drawn. */
  static final int PNG_SCALE = 2;

  private PlotOutput() {}

  /**
   * The format {@code file}'s name asks for.
   *
   * @param file the output file
   * @return the format its extension names (any case)
   * @throws LexicaException when it ends in neither .svg nor .png
   */
  public static Format formatOf(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".svg")) {
      return Format.SVG;
    }
    if (name.endsWith(".png")) {
      return Format.PNG;
    }
    throw new LexicaException(
        "cannot tell the picture format of " + file,
        "name the output FILE.svg or FILE.png, or give the format (--format svg|png)");
  }

  /**
   * Writes {@code scene} to {@code file} in {@code format}, replacing what {@code policy} allows (a
   * file).
   *
   * @param scene the picture
   * @param file where to write it; committed atomically
   * @param format SVG or PNG
   * @param policy whether an existing file may be replaced, and the inputs never replaced
   * @throws io.lexica.LexicaException when {@code file} holds something the policy protects, or
   *     cannot be written
   */
  public static void write(Scene scene, Path file, Format format, OutputPolicy policy) {
    try (AtomicOutput out = AtomicOutput.file(file, policy)) {
      if (format == Format.SVG) {
        Files.writeString(out.path(), SvgRenderer.render(scene), StandardCharsets.UTF_8);
      } else if (!ImageIO.write(PngRenderer.render(scene, PNG_SCALE), "png", out.path().toFile())) {
        throw new IOException("no PNG writer in this JVM");
      }
      out.commit();
    } catch (IOException e) {
      throw new LexicaException(
          "cannot write " + file + ": " + e.getMessage(),
          "check that the folder is writable and has free space",
          e);
    }
  }
}
