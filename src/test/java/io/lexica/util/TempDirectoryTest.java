package io.lexica.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempDirectoryTest {
  @TempDir Path parent;

  private List<String> entries() throws IOException {
    try (Stream<Path> s = Files.list(parent)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /**
   * A child JVM makes a temporary directory with a file in it, says so, then dies without running
   * shutdown hooks or closing anything ({@link Runtime#halt}, as kill -9 would).
   */
  public static void main(String[] args) throws IOException {
    TempDirectory dir = TempDirectory.create(Path.of(args[0]), "lexica-test-", "test files");
    Files.writeString(dir.path().resolve("spill.ints"), "x".repeat(1000));
    System.out.println(dir.path());
    System.out.flush();
    if (args.length > 1) {
      if (args[1].equals("exit")) {
        System.exit(0); // shutdown hooks run, nothing was closed
      }
      Runtime.getRuntime().halt(9);
    }
    while (true) {
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** A child JVM; {@code how}: "die" (halt), "exit" (exit without closing) or null (wait). */
  private Process child(String how) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                getClass().getName(),
                parent.toString()));
    if (how != null) {
      cmd.add(how);
    }
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  private static Path announced(Process p) throws IOException {
    String line = new String(p.getInputStream().readNBytes(4096)).lines().findFirst().orElse("");
    return Path.of(line.strip());
  }

  @Test
  void aKilledRunsDirectoryIsRemovedByTheNextRun() throws Exception {
    Process killed = child("die");
    assertTrue(killed.waitFor(60, TimeUnit.SECONDS));
    Path left = announced(killed);
    assertTrue(Files.isRegularFile(left.resolve("spill.ints")), "the killed run left its files");

    try (TempDirectory next = TempDirectory.create(parent, "lexica-other-", "test files")) {
      assertFalse(Files.exists(left), "the dead run's directory is gone");
      assertEquals(2, entries().size(), "only the new directory and its lock: " + entries());
    }
    assertEquals(List.of(), entries(), "closing removes the directory and its lock");
  }

  @Test
  void aRunThatExitsWithoutClosingLeavesNothing() throws Exception {
    Process exits = child("exit");
    assertTrue(exits.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, exits.exitValue());
    assertEquals(List.of(), entries(), "the shutdown hook removed the directory and its lock");
  }

  @Test
  void aLiveRunsDirectoryIsNeverTouched() throws Exception {
    Process alive = child(null);
    try {
      // the child prints its directory once it exists, then waits
      String line =
          new java.io.BufferedReader(new java.io.InputStreamReader(alive.getInputStream()))
              .readLine();
      Path theirs = Path.of(line.strip());
      try (TempDirectory mine = TempDirectory.create(parent, "lexica-mine-", "test files")) {
        assertTrue(Files.isRegularFile(theirs.resolve("spill.ints")), "a live run keeps its files");
      }
    } finally {
      alive.destroyForcibly().waitFor();
    }
  }

  @Test
  void directoriesWithoutALockAreLeftAlone() throws IOException {
    Path foreign = Files.createDirectory(parent.resolve("lexica-glove-1234"));
    Files.writeString(foreign.resolve("data"), "an older Lexica's, or someone else's");
    try (TempDirectory mine = TempDirectory.create(parent, "lexica-glove-", "test files")) {
      assertTrue(Files.exists(foreign.resolve("data")));
    }
    assertEquals(List.of("lexica-glove-1234"), entries());
  }
}
