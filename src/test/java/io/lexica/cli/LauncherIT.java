package io.lexica.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./lexica} launcher on the built jar (after {@code mvn package}): it keeps the Vector
 * API but not the JVM's "Using incubator modules" line, passes everything else on standard error
 * through, complete when the process has ended, and keeps the exit code.
 */
class LauncherIT {
  @TempDir Path tmp;

  private record Run(int code, String out, String err) {}

  private Run lexica(String... args) throws IOException, InterruptedException {
    Path launcher = Path.of("lexica").toAbsolutePath();
    assumeTrue(Files.isExecutable(launcher) && Files.isExecutable(Path.of("/bin/bash")));
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile());
    pb.redirectError(err.toFile());
    pb.environment().remove("LEXICA_JAVA_OPTS"); // the launcher's own options, with the module
    Process p = pb.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "lexica " + String.join(" ", args));
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void noIncubatorWarningAndTheErrorIsAllThereIs() throws Exception {
    Run version = lexica("--version");
    assertEquals(0, version.code(), version.err());
    assertTrue(version.out().startsWith("lexica "), version.out());
    assertTrue(version.out().contains("Vector API on"), "the module is still added");
    assertEquals("", version.err());

    Run bad = lexica("corpus", "export", "--index", tmp.resolve("none").toString(), "--out", "x");
    assertEquals(3, bad.code());
    assertEquals("", bad.out(), "errors stay on standard error");
    assertTrue(bad.err().startsWith("lexica corpus export: index directory "), bad.err());
    assertTrue(bad.err().endsWith("'\n") && bad.err().contains("\n  fix: "), bad.err());
  }

  @Test
  void aCommandThatWorksSaysNothingOnStandardError() throws Exception {
    Path vectors = tmp.resolve("v.txt");
    Files.writeString(vectors, "2 2\nking 1 0\nqueen 0.8 0.6\n");
    Path model = tmp.resolve("m");
    Run imported = lexica("import", "--input", vectors.toString(), "--model", model.toString());
    assertEquals(0, imported.code(), imported.err());
    assertEquals("", imported.err(), "no warning, no progress: standard error is a file");
    Run similarity = lexica("similarity", model.toString(), "king", "queen");
    assertEquals("0.800000\n", similarity.out());
  }
}
