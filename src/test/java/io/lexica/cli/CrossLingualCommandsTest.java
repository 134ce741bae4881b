package io.lexica.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.vectors.WordVectors;
import io.lexica.vectors.store.StoreOptions;
import io.lexica.vectors.store.VectorStore;
import io.lexica.vectors.store.VectorStoreWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The cross-lingual and bias commands end to end on synthetic models: "zh" words z0..z199 are a
 * rotated, slightly noisy copy of "en" words w0..w199, so z_i translates to w_i.
 */
class CrossLingualCommandsTest {
  private static final int WORDS = 200;
  private static final int DIM = 12;

  @TempDir Path dir;
  private Path zh;
  private Path en;

  @BeforeEach
  void models() throws IOException {
    Random rnd = new Random(3);
    float[] target = new float[WORDS * DIM];
    for (int i = 0; i < target.length; i++) {
      target[i] = (float) rnd.nextGaussian();
    }
    // source = target with its coordinates permuted and negated: an orthogonal map
    float[] source = new float[target.length];
    for (int r = 0; r < WORDS; r++) {
      for (int i = 0; i < DIM; i++) {
        source[r * DIM + i] =
            -target[r * DIM + (i + 5) % DIM] + (float) (0.01 * rnd.nextGaussian());
      }
    }
    en = write("en", "w", target);
    zh = write("zh", "z", source);
    List<String> train = new ArrayList<>();
    List<String> test = new ArrayList<>();
    for (int i = 0; i < WORDS; i++) {
      (i < 60 ? train : test).add("z" + i + " w" + i);
    }
    Files.write(dir.resolve("zh-en.train.txt"), train);
    Files.write(dir.resolve("zh-en.test.txt"), test);
  }

  private Path write(String name, String prefix, float[] data) {
    List<String> words = new ArrayList<>();
    long[] counts = new long[WORDS];
    for (int i = 0; i < WORDS; i++) {
      words.add(prefix + i);
      counts[i] = 1000 - i;
    }
    Path p = dir.resolve(name);
    VectorStoreWriter.write(
        new WordVectors(words, data, DIM, counts),
        Map.of(VectorStore.KEY_ANALYZER, "whitespace"),
        p,
        StoreOptions.DEFAULT);
    return p;
  }

  private static int run(StringWriter out, StringWriter err, String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  /** {@code lexica align} of zh onto en with a dictionary file name, into {@code out}. */
  private String[] align(String dictionary, Path out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "align",
                "--source",
                zh.toString(),
                "--target",
                en.toString(),
                "--dictionary",
                dir.resolve(dictionary).toString(),
                "--out",
                out.toString()));
    args.addAll(List.of(more));
    return args.toArray(new String[0]);
  }

  private String ok(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertEquals(0, run(out, err, args), out + "\n" + err);
    return out.toString();
  }

  @Test
  void alignTranslateAndAnswerAcrossLanguages() throws IOException {
    Path aligned = dir.resolve("aligned");
    String msg = ok(align("zh-en.train.txt", aligned, "--refinements", "1", "--threads", "1"));
    assertTrue(msg.startsWith("aligned 200 zh words to 200 en words (60 seed pairs"), msg);
    try (VectorStore store = VectorStore.open(aligned)) {
      assertEquals("zh:200,en:200", store.metadata().get(VectorStore.KEY_LANGUAGES));
      assertEquals("whitespace", store.metadata().get("zh." + VectorStore.KEY_ANALYZER));
      assertEquals("1", store.metadata().get("param.refinements"));
    }

    String report =
        ok(
            "eval",
            "translation",
            aligned.toString(),
            "--dictionary",
            dir.resolve("zh-en.test.txt").toString(),
            "--threads",
            "1");
    assertTrue(report.contains("(zh -> en): 140 source words"), report);
    assertTrue(report.contains("CSLS-10       100.00%"), report);

    // a word list holds one language: export asks which
    Path file = dir.resolve("en.vec");
    StringWriter err = new StringWriter();
    String[] export = {"export", "--model", aligned.toString(), "--format", "fasttext-vec"};
    List<String> args = new ArrayList<>(List.of(export));
    args.addAll(List.of("--out", file.toString()));
    assertEquals(3, run(new StringWriter(), err, args.toArray(new String[0])), err.toString());
    assertTrue(err.toString().contains("export --language"), err.toString());
    args.addAll(List.of("--language", "en"));
    ok(args.toArray(new String[0]));
    List<String> lines = Files.readAllLines(file);
    assertEquals("200 12", lines.get(0));
    assertTrue(lines.get(1).startsWith("w0 "), lines.get(1));

    String n = ok("neighbors", aligned.toString(), "z7", "--target-language", "en", "-k", "1");
    assertTrue(n.matches("(?s)z7\\n  0\\.9\\d+  w7\\n"), n);

    // a Chinese query over an English index: each query word becomes its English translation
    Path docs = Files.write(dir.resolve("docs.txt"), List.of("w7 w100", "w9", "w150 w7"));
    Path index = dir.resolve("idx");
    ok(
        "index",
        "--input",
        docs.toString(),
        "--index",
        index.toString(),
        "--analyzer",
        "whitespace");
    String[] expand = {
      "expand",
      aligned.toString(),
      "--index",
      index.toString(),
      "--target-language",
      "en",
      "--min-similarity",
      "0.5",
      "--max-df",
      "1",
      "z7 z9"
    };
    List<String> perTerm = new ArrayList<>(List.of(expand));
    perTerm.addAll(List.of("--expansion-mode", "per_term", "-k", "1"));
    String x = ok(perTerm.toArray(new String[0]));
    assertTrue(x.contains("w7") && x.contains("w9") && x.contains("2 terms added"), x);
    assertTrue(x.matches("(?s).*w7 +z7 .*") && x.matches("(?s).*w9 +z9 .*"), x);
    // the default (centroid and feedback): the words nearest the query's centroid, the first
    // pass run on them (this index is too small for feedback terms: all are in over 10% of it)
    List<String> defaults = new ArrayList<>(List.of(expand));
    defaults.addAll(List.of("-k", "2"));
    String c = ok(defaults.toArray(new String[0]));
    assertTrue(c.contains("w7") && c.contains("w9") && c.contains("2 terms added"), c);
    assertTrue(c.contains("<query>") && !c.contains("expanded: z7"), c);
  }

  @Test
  void badAlignInputIsAUserErrorBeforeAnyWork() throws IOException {
    Files.write(dir.resolve("pairs.txt"), List.of("z1 w1"));
    StringWriter err = new StringWriter();
    assertEquals(3, run(new StringWriter(), err, align("pairs.txt", dir.resolve("o"))));
    assertTrue(err.toString().contains("does not name the languages"), err.toString());
    // not a model: refused without --overwrite
    Path file = Files.writeString(dir.resolve("notes.txt"), "mine");
    err = new StringWriter();
    assertEquals(3, run(new StringWriter(), err, align("zh-en.train.txt", file)), err.toString());
    assertEquals("mine", Files.readString(file));
  }

  @Test
  void biasTestsAndDebiasing() throws IOException {
    Path tests =
        Files.write(
            dir.resolve("t.txt"),
            List.of("[mine]", "X: w1 w2 w3", "Y: w4 w5 w6", "A: w7 w8", "B: w9 w10 nothere"));
    String bias = ok("eval", "bias", en.toString(), "--tests", tests.toString(), "--show-missing");
    assertTrue(bias.contains("mine") && bias.contains("3/3/2/2"), bias);
    assertTrue(bias.contains("missing: nothere"), bias);

    Path def = Files.write(dir.resolve("def.txt"), List.of("w1 w2", "w3 w4"));
    Path eq = Files.write(dir.resolve("eq.txt"), List.of("w5 w6"));
    Path spec = Files.write(dir.resolve("spec.txt"), List.of("w1", "w2", "w3", "w4"));
    Path out = dir.resolve("debiased");
    String d =
        ok(
            "debias",
            en.toString(),
            "--out",
            out.toString(),
            "--definitional",
            def.toString(),
            "--equalize",
            eq.toString(),
            "--specific",
            spec.toString());
    assertTrue(d.contains("direction from 2 definitional pairs"), d);
    try (VectorStore store = VectorStore.open(out)) {
      Map<String, String> m = store.metadata();
      assertTrue(m.get("debias.method").startsWith("hard debiasing"), m.toString());
      assertEquals(def.toAbsolutePath().toString(), m.get("debias.definitional"));
      assertEquals("whitespace", m.get(VectorStore.KEY_ANALYZER)); // the source's record stays
      assertEquals("196", m.get("debias.neutralized"));
    }
  }
}
