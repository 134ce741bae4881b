package io.lexica.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.train.glove.CooccurrenceOptions;
import io.lexica.train.glove.GloveOptions;
import io.lexica.train.glove.GloveSetting;
import io.lexica.vectors.WordVectors;
import io.lexica.vectors.formats.VectorFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GloveTrainCommandTest {
  @TempDir Path dir;

  @Test
  void trainsGloveFromATokenFileAndWritesVectorsAndBiases() throws Exception {
    SplittableRandom random = new SplittableRandom(3);
    List<String> lines = new ArrayList<>();
    for (int d = 0; d < 200; d++) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 15; i++) {
        sb.append(i == 0 ? "" : " ").append("w").append(random.nextInt(30));
      }
      lines.add(sb.toString());
    }
    Path input = Files.write(dir.resolve("tokens.txt"), lines);
    Path out = dir.resolve("vectors.txt");
    Path biases = dir.resolve("biases.txt");
    Path temp = Files.createDirectory(dir.resolve("tmp"));
    String common = "train --algorithm glove --quiet --input " + input + " --out " + out;
    int code =
        run(
            common
                + " --dim 8 --iterations 3 --x-max 10 --threads 1 --memory 1m --biases "
                + biases
                + " --temp-dir "
                + temp);
    assertEquals(0, code);
    WordVectors v = VectorFiles.read(out);
    assertEquals(30, v.size());
    assertEquals(8, v.dimension());
    assertEquals(30, Files.readAllLines(biases).size());
    try (Stream<Path> left = Files.list(temp)) {
      assertTrue(left.findAny().isEmpty(), "temporary files deleted");
    }
    assertEquals(3, run(common + " --memory lots"), "a bad memory size is a user error");
  }

  @Test
  void gloveReadsLongDocumentsUnbroken() throws Exception {
    // One document of 2,500 tokens: word2vec's 1000-token cut would make it three sequences.
    SplittableRandom random = new SplittableRandom(5);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 2500; i++) {
      sb.append(i == 0 ? "" : " ").append("w").append(random.nextInt(20));
    }
    Path input = Files.writeString(dir.resolve("long.txt"), sb + "\n");
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(err));
    String[] args = {
      "train",
      "--algorithm",
      "glove",
      "--input",
      input.toString(),
      "--out",
      dir.resolve("v.txt").toString(),
      "--dim",
      "4",
      "--iterations",
      "1",
      "--threads",
      "1"
    };
    assertEquals(0, cl.execute(args), err.toString());
    assertTrue(err.toString().contains("2500 tokens, 1 sequences"), err.toString());
  }

  /**
   * The plugin's {@code _train} reads GloVe's settings by {@link GloveSetting}'s names and starts
   * from the library's defaults: both must be this command's.
   */
  @Test
  void theLibrarysGloveSettingsAreThisCommandsOptionsAndDefaults() {
    CommandLine cl = Main.commandLine();
    cl.parseArgs("train", "--algorithm", "glove", "--input", "x.txt");
    CommandLine train = cl.getSubcommands().get("train");
    for (GloveSetting s : GloveSetting.values()) {
      assertNotNull(train.getCommandSpec().findOption("--" + s.optionName()), s.optionName());
    }
    GloveTrainOptions glove = ((TrainCommand) train.getCommand()).glove;
    assertEquals(CooccurrenceOptions.defaults(), glove.counting(GloveTrainOptions.DEFAULT_WINDOW));
    GloveOptions d = GloveOptions.defaults();
    assertEquals(d, glove.training(d.dimension(), d.threads(), d.seed()));
  }

  private static int run(String commandLine) {
    return Main.run(commandLine.split(" "));
  }
}
