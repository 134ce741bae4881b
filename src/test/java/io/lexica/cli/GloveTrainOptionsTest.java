package io.lexica.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.LexicaException;
import io.lexica.train.glove.CooccurrenceOptions;
import io.lexica.train.glove.GloveOptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class GloveTrainOptionsTest {
  @Command(name = "t")
  static final class Host {
    @Mixin GloveTrainOptions glove;
  }

  private static GloveTrainOptions parse(String... args) {
    Host host = new Host();
    new CommandLine(host).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
    return host.glove;
  }

  @Test
  void defaultsAreTheReferences() {
    GloveTrainOptions o = parse();
    CooccurrenceOptions c = o.counting(GloveTrainOptions.DEFAULT_WINDOW);
    assertEquals(15, c.window());
    assertTrue(c.symmetric());
    assertEquals(4L << 30, c.memoryBytes());
    GloveOptions g = o.training(100, 2, 1);
    assertEquals(100, g.xMax());
    assertEquals(0.75, g.alpha());
    assertEquals(0.05, g.eta());
    assertEquals(100, g.gradientClip());
    assertEquals(15, g.iterations());
    assertEquals(GloveOptions.Output.SUM, g.output());
  }

  @Test
  void optionsReachTheTrainer() {
    GloveTrainOptions o =
        parse(
            "--x-max",
            "10",
            "--alpha",
            "0.5",
            "--iterations",
            "3",
            "--memory",
            "512m",
            "--left-only",
            "--glove-output",
            "word");
    CooccurrenceOptions c = o.counting(8);
    assertEquals(8, c.window());
    assertFalse(c.symmetric());
    assertEquals(512L << 20, c.memoryBytes());
    GloveOptions g = o.training(50, 1, 3);
    assertEquals(10, g.xMax());
    assertEquals(0.5, g.alpha());
    assertEquals(3, g.iterations());
    assertEquals(GloveOptions.Output.WORD, g.output());
    assertEquals(50, g.dimension());
  }

  @Test
  void badValuesAreUserErrors() {
    assertThrows(LexicaException.class, () -> parse("--symmetric", "--left-only").counting(15));
    assertThrows(LexicaException.class, () -> parse().counting(0));
    // Values of the wrong kind are refused while parsing, before anything runs.
    assertThrows(CommandLine.ParameterException.class, () -> parse("--memory", "lots"));
    assertThrows(CommandLine.ParameterException.class, () -> parse("--x-max", "0"));
    assertThrows(CommandLine.ParameterException.class, () -> parse("--iterations", "-1"));
    assertEquals((long) (1.5 * (1L << 30)), parse("--memory", "1.5G").counting(15).memoryBytes());
  }
}
