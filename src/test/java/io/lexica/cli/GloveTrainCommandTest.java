package io.lexica.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.vectors.VectorFiles;
import io.lexica.vectors.WordVectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  private static int run(String commandLine) {
    return Main.run(commandLine.split(" "));
  }
}
