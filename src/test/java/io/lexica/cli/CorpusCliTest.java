package io.lexica.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The commands scripts rely on: index, corpus export/stats, demo; and their exit codes. */
class CorpusCliTest {
  @TempDir Path tmp;

  /** Runs the CLI, returning {exit code, stdout, stderr}. */
  private static String[] run(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      CommandLine cl = Main.commandLine();
      cl.setErr(new PrintWriter(err));
      int code = cl.execute(args);
      return new String[] {
        Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString()
      };
    } finally {
      System.setOut(old);
    }
  }

  @Test
  void indexExportAndStats() throws Exception {
    Path input =
        Files.write(
            tmp.resolve("docs.tsv"),
            List.of("First\tThe quick brown fox.", "Second\tA lazy dog; the quick dog!"));
    Path index = tmp.resolve("index");
    String[] r = run("index", "--input", input.toString(), "--index", index.toString());
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("indexed 2 documents"), r[1]);

    Path out = tmp.resolve("tokens.txt");
    r = run(("corpus export --index " + index + " --field body --out " + out).split(" "));
    assertEquals("0", r[0], r[2]);
    assertEquals(
        List.of("the quick brown fox", "a lazy dog the quick dog"), Files.readAllLines(out));

    r =
        run(
            ("corpus export --index " + index + " --field title,body --min-count 2 --out " + out)
                .split(" "));
    assertEquals("0", r[0], r[2]);
    assertEquals(List.of("the quick", "dog the quick dog"), Files.readAllLines(out));

    r =
        run(
            "corpus",
            "stats",
            "--index",
            index.toString(),
            "--method",
            "reanalyze",
            "--corpus-memory",
            "1k");
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("corpus: 10 tokens in 2 sequences"), r[1]);
    assertTrue(r[1].contains("method: reanalyze"), r[1]);

    r = run("corpus", "stats", "--input", input.toString(), "--analyzer", "english");
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("most frequent: dog (2) quick (2)"), r[1]);
  }

  @Test
  void badInputExitsWithCodeThreeAndARemedy() throws Exception {
    Path input = Files.writeString(tmp.resolve("docs.txt"), "some text\n");
    String[] r =
        run(
            "index",
            "--input",
            input.toString(),
            "--index",
            tmp.resolve("i").toString(),
            "--analyzer",
            "klingon");
    assertEquals("3", r[0]);
    assertTrue(
        r[2].contains("unknown analyzer 'klingon'") && r[2].contains("fix: use one of standard"),
        r[2]);
    r =
        run(
            "corpus",
            "export",
            "--index",
            tmp.resolve("none").toString(),
            "--out",
            tmp.resolve("o").toString());
    assertEquals("3", r[0]);
    assertTrue(r[2].contains("does not exist"), r[2]);
    r = run("corpus", "export", "--out", "x");
    assertEquals("3", r[0]);
    assertTrue(r[2].contains("--index DIR or --input FILE"), r[2]);
    // A value the option's type rejects is bad input too, before the index is opened.
    r = run("corpus", "stats", "--index", "x", "--method", "bogus");
    assertEquals("3", r[0]);
    assertTrue(r[2].startsWith("lexica corpus stats: ") && r[2].contains("'bogus'"), r[2]);
    // An option that does not exist is a usage error.
    r = run("corpus", "stats", "--index", "x", "--metod", "auto");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("Unknown option") && r[2].contains("--method"), r[2]);
  }

  @Test
  void demoIndexesAndReadsBack() throws Exception {
    Path input =
        Files.writeString(tmp.resolve("mini.txt"), "the king and the queen\nthe king rode\n");
    String[] r =
        run(
            "demo",
            "--input",
            input.toString(),
            "--work",
            tmp.resolve("work").toString(),
            "--min-count",
            "1");
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("2 documents"), r[1]);
    assertTrue(r[1].contains("most frequent: the (3) king (2)"), r[1]);
  }
}
