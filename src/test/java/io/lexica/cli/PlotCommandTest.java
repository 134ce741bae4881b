package io.lexica.cli;

import static io.lexica.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.vectors.WordVectors;
import io.lexica.vectors.formats.VectorFiles;
import io.lexica.vectors.formats.VectorFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotCommandTest {
  @TempDir Path tmp;

  private Path vectors() {
    Path m = tmp.resolve("model.txt");
    WordVectors v =
        new WordVectors(
            List.of("car", "automobile", "truck", "banana", "apple", "pear"),
            new float[] {
              1, 0, 0.1f, 0.95f, 0.3f, 0, 0.9f, 0, 0.3f, 0, 1, 0, 0.1f, 0.9f, 0.2f, 0, 0.8f, 0.4f
            },
            3,
            null);
    VectorFiles.write(v, m, VectorFormat.WORD2VEC_TEXT);
    return m;
  }

  @Test
  void plotWritesAnSvgOrAPngByItsName() throws IOException {
    Path svg = tmp.resolve("p.svg");
    CliRun r =
        run("plot", vectors().toString(), "car", "banana", "-k", "2", "--out", svg.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("6 words in 2 groups"), r.out());
    assertTrue(Files.readString(svg).contains(">automobile</text>"));
    Path png = tmp.resolve("p.png");
    assertEquals(0, run("plot", vectors().toString(), "car", "--out", png.toString()).code());
    byte[] magic = Files.readAllBytes(png);
    assertEquals((byte) 0x89, magic[0]);
    assertEquals('P', magic[1]);
  }

  @Test
  void badInputsAreRefusedBeforeAnythingIsWritten() {
    Path out = tmp.resolve("p.jpg");
    CliRun format = run("plot", vectors().toString(), "car", "--out", out.toString());
    assertEquals(3, format.code());
    assertTrue(format.err().contains("--format svg|png"), format.err());
    CliRun missing =
        run("plot", vectors().toString(), "car", "kar", "--out", tmp.resolve("q.svg").toString());
    assertEquals(3, missing.code());
    assertTrue(missing.err().contains("not in the model: kar"), missing.err());
    assertFalse(Files.exists(tmp.resolve("q.svg")));
  }
}
