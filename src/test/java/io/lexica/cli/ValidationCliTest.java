package io.lexica.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.LexicaException;
import io.lexica.corpus.IndexCorpusReader;
import io.lexica.corpus.TextCorpusReader;
import io.lexica.corpus.Vocabulary;
import io.lexica.index.Indexer;
import io.lexica.vectors.WordVectors;
import io.lexica.vectors.formats.VectorFiles;
import io.lexica.vectors.formats.VectorFormat;
import io.lexica.vectors.store.StoreOptions;
import io.lexica.vectors.store.VectorStore;
import io.lexica.vectors.store.VectorStoreWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Bad options and inputs are refused before any work, with one line naming the full command, the
 * problem and the fix; the same value kinds follow the same rules in every command, and the
 * library's settings types refuse them too. Each case failed (or passed silently) before.
 */
class ValidationCliTest {
  @TempDir Path tmp;

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      CommandLine cl = Main.commandLine();
      cl.setOut(new PrintWriter(out));
      cl.setErr(new PrintWriter(err));
      int code = cl.execute(args);
      return new Result(code, stdout.toString(StandardCharsets.UTF_8) + out, err.toString());
    } finally {
      System.setOut(old);
    }
  }

  /** A bad-input result: exit 3, the full command as prefix, the problem, a fix. */
  private static void assertRefused(Result r, String command, String problem) {
    assertEquals(LexicaException.EXIT_CODE, r.code(), r.err());
    assertTrue(r.err().startsWith("lexica " + command + ": "), r.err());
    assertTrue(r.err().contains(problem), r.err());
    assertTrue(r.err().contains("\n  fix: "), r.err());
    assertFalse(r.err().contains("Usage:"), "one message, not a usage screen: " + r.err());
  }

  private Path corpus() throws IOException {
    return Files.writeString(
        tmp.resolve("corpus.txt"),
        "the king rode to the city\nthe queen rode to the city\nthe king and the queen\n");
  }

  private Path index() throws IOException {
    Path index = tmp.resolve("index");
    if (!Files.isDirectory(index)) {
      new Indexer(io.lexica.analysis.AnalyzerSpec.builtIn("standard"))
          .index(List.of(corpus()), index);
    }
    return index;
  }

  private Path model() {
    Path model = tmp.resolve("model");
    if (!Files.isDirectory(model)) {
      VectorStoreWriter.write(vectors(4, 8), Map.of(), model, StoreOptions.DEFAULT);
    }
    return model;
  }

  /** Words w0, w1, ... and "king", "queen", "city" with seeded random vectors. */
  private static WordVectors vectors(int dimension, int size) {
    List<String> words = new ArrayList<>(List.of("king", "queen", "city"));
    for (int i = words.size(); i < size; i++) {
      words.add("w" + i);
    }
    float[] data = new float[size * dimension];
    Random random = new Random(7);
    for (int i = 0; i < data.length; i++) {
      data[i] = random.nextFloat() - 0.5f;
    }
    return new WordVectors(words, data, dimension, null);
  }

  private Path wideVectorFile() {
    Path file = tmp.resolve("wide.vec");
    VectorFiles.write(vectors(2000, 3), file, VectorFormat.WORD2VEC_TEXT);
    return file;
  }

  @Test
  void aModelsDimensionLimitIsCheckedBeforeTraining() throws IOException {
    String input = corpus().toString();
    Path model = tmp.resolve("big");
    Result r =
        run("train", "--input", input, "--dim", "2000", "--epochs", "1", "--out", "" + model);
    assertRefused(r, "train", "2000 dimensions do not fit a Lucene vector field");
    assertTrue(r.err().contains("fix: lower --dim to 1024 dimensions or less"), r.err());
    assertFalse(r.err().contains("corpus:"), "refused before the corpus is read: " + r.err());
    assertFalse(Files.exists(model));
    // --dim taken from a model to continue is checked too.
    r = run("train", "--input", input, "--init", "" + wideVectorFile(), "--out", "" + model);
    assertEquals(LexicaException.EXIT_CODE, r.code(), r.err());
    assertTrue(r.err().contains("lexica train: vectors of 2000 dimensions do not fit"), r.err());
    assertTrue(r.err().contains("fix: continue a model of 1024 dimensions or less"), r.err());
    assertFalse(r.err().contains("corpus:"), r.err());
    // A vector file has no such limit.
    Path file = tmp.resolve("big.vec");
    String[] toFile = {"train", "--input", input, "--dim", "2000", "--epochs", "1"};
    r = run(concat(toFile, "--min-count", "1", "--threads", "1", "--quiet", "--out", "" + file));
    assertEquals(0, r.code(), r.err());
    assertEquals(2000, VectorFiles.read(file).dimension());
  }

  @Test
  void everyWriterOfVectorFieldsChecksTheDimensionFirst() throws IOException {
    Path wide = wideVectorFile();
    Path out = tmp.resolve("out");
    assertRefused(
        run("import", "--input", "" + wide, "--model", "" + out),
        "import",
        "2000 dimensions do not fit");
    assertRefused(
        run("embed-docs", "--index", "" + index(), "--model", "" + wide, "--out", "" + out),
        "embed-docs",
        "2000 dimensions do not fit");
    assertRefused(
        run("index", "--input", "" + corpus(), "--index", "" + out, "--embed", "" + wide),
        "index",
        "2000 dimensions do not fit");
    assertFalse(Files.exists(out), "nothing written");
  }

  @Test
  void anUnknownFieldIsAnErrorNamingTheIndexsFields() throws IOException {
    String index = index().toString();
    Result embed =
        run(
            "embed-docs",
            "--index",
            index,
            "--model",
            "" + model(),
            "--out",
            "" + tmp.resolve("v"),
            "--stats-field",
            "bdy");
    assertRefused(embed, "embed-docs", "field 'bdy'");
    for (String command : List.of("expand", "search")) {
      Result r = run(command, "" + model(), "--index", index, "--field", "bdy", "king");
      assertRefused(r, command, "has no field 'bdy'");
      assertTrue(r.err().contains("body, id, title"), r.err());
    }
    assertRefused(
        run("train", "--index", index, "--field", "bdy", "--print"), "train", "no field 'bdy'");
  }

  @Test
  void countsMustBePositiveInEveryCommand() throws IOException {
    String index = index().toString();
    String model = model().toString();
    String rule = "is not a whole number of at least 1";
    assertRefused(
        run("corpus", "stats", "--index", index, "--read-threads", "0"), "corpus stats", rule);
    assertRefused(
        run("train", "--input", "" + corpus(), "--read-threads", "0", "--print"), "train", rule);
    assertRefused(run("neighbors", model, "king", "--candidates", "0"), "neighbors", rule);
    assertRefused(run("neighbors", model, "king", "--candidates", "-5"), "neighbors", rule);
    assertRefused(run("neighbors", model, "king", "-k", "0"), "neighbors", rule);
    assertRefused(run("neighbors", model, "king", "-k", "-1"), "neighbors", rule);
    assertRefused(run("analogy", model, "king", "queen", "city", "-k", "0"), "analogy", rule);
    assertRefused(run("expand", model, "--index", index, "-k", "-1", "king"), "expand", rule);
    assertRefused(run("search", model, "--index", index, "--hits", "0", "king"), "search", rule);
    assertRefused(
        run("index", "--input", "" + corpus(), "--index", "x", "--threads", "0"), "index", rule);
    // 0 means "no limit" or "every word" where it can; below 0 means nothing.
    String zeroOrMore = "is not a whole number of at least 0";
    assertRefused(
        run("corpus", "stats", "--index", index, "--max-vocab", "-1"), "corpus stats", zeroOrMore);
    assertRefused(
        run("corpus", "stats", "--index", index, "--min-count", "-1"), "corpus stats", zeroOrMore);
    assertRefused(
        run("train", "--input", "" + corpus(), "--min-count", "-1", "--print"),
        "train",
        zeroOrMore);
    assertRefused(
        run("export", "--model", model, "--format", "glove", "--out", "x", "--limit", "-1"),
        "export",
        zeroOrMore);
    assertRefused(
        run("neighbors", model, "king", "--min-similarity", "2"), "neighbors", "is not a cosine");
  }

  @Test
  void theLibrarysSettingsRefuseTheSameValues() throws IOException {
    Vocabulary v = Vocabulary.of(List.of("a", "b"), new long[] {3, 1});
    assertThrows(LexicaException.class, () -> v.prune(-1, 0));
    assertThrows(LexicaException.class, () -> v.prune(1, -1));
    assertEquals(2, v.prune(0, 0).size(), "0 keeps every word, as 1 does");
    try (IndexCorpusReader r = IndexCorpusReader.open(index())) {
      assertThrows(LexicaException.class, () -> r.threads(0));
    }
    TextCorpusReader text =
        new TextCorpusReader(
            List.of(corpus()), io.lexica.analysis.AnalyzerSpec.builtIn("standard"), null);
    assertThrows(LexicaException.class, () -> text.threads(-2));
    assertThrows(LexicaException.class, () -> new Indexer(null).threads(0));
    assertThrows(LexicaException.class, () -> VectorStore.open(model(), 0));
    assertThrows(LexicaException.class, () -> new io.lexica.eval.retrieval.Rm3(0, 10, 0.5f));
  }

  @Test
  void optionsTheAlgorithmDoesNotReadAreRefused() throws IOException {
    String input = corpus().toString();
    assertRefused(
        run("train", "--input", input, "--algorithm", "glove", "--epochs", "3", "--print"),
        "train",
        "--epochs does not apply to --algorithm glove");
    assertRefused(
        run("train", "--input", input, "--x-max", "10", "--print"),
        "train",
        "--x-max does not apply to --algorithm word2vec");
    assertRefused(
        run("train", "--input", input, "--save-bin", "x.bin", "--print"),
        "train",
        "--save-bin does not apply");
    assertRefused(
        run("train", "--input", input, "--algorithm", "glove", "--init", "" + model(), "--print"),
        "train",
        "--init does not apply to --algorithm glove");
  }

  @Test
  void outputsThatCannotBeWrittenAreRefusedBeforeTraining() throws IOException {
    String input = corpus().toString();
    Result r = run("train", "--input", input, "--format", "fasttext-bin", "--out", "x.bin");
    assertRefused(r, "train", "fastText .bin");
    assertFalse(r.err().contains("corpus:"), r.err());
    r =
        run(
            "train",
            "--input",
            input,
            "--algorithm",
            "fasttext",
            "--save-bin",
            "" + tmp.resolve("x.vec"),
            "--print");
    assertRefused(r, "train", "does not end in .bin");
    assertFalse(r.err().contains("corpus:"), r.err());
  }

  @Test
  void aTokenLongerThanLucenesLimitGetsTheSameMessageWhenIndexingAndExporting() throws IOException {
    Path input = Files.writeString(tmp.resolve("long.txt"), "short\n" + "x".repeat(40_000) + "\n");
    String keyword = "tokenizer=keyword";
    Result indexing =
        run(
            "index",
            "--input",
            "" + input,
            "--index",
            "" + tmp.resolve("i"),
            "--analyzer",
            keyword);
    assertRefused(indexing, "index", "longer than Lucene's limit of 32766 bytes");
    assertTrue(indexing.err().contains("(document 2)"), indexing.err());
    Result exporting =
        run(
            "corpus",
            "export",
            "--input",
            "" + input,
            "--analyzer",
            keyword,
            "--out",
            "" + tmp.resolve("t.txt"));
    assertRefused(exporting, "corpus export", "longer than Lucene's limit of 32766 bytes");
    String fix = indexing.err().substring(indexing.err().indexOf("fix:"));
    assertEquals(fix, exporting.err().substring(exporting.err().indexOf("fix:")));
  }

  @Test
  void jsonlTextArraysAreJoinedAndObjectsRefused() throws IOException {
    Path input =
        Files.writeString(
            tmp.resolve("docs.jsonl"),
            "{\"id\":\"a\",\"title\":[\"Royal\",\"news\"],\"text\":[\"the queen\",\"went home\"]}\n"
                + "{\"id\":\"b\",\"text\":\"the king\",\"tags\":{\"x\":[1,2]}}\n");
    Path index = tmp.resolve("jsonl-index");
    assertEquals(0, run("index", "--input", "" + input, "--index", "" + index).code());
    try (FSDirectory dir = FSDirectory.open(index);
        DirectoryReader reader = DirectoryReader.open(dir)) {
      List<String> bodies = new ArrayList<>();
      List<String> titles = new ArrayList<>();
      for (int d = 0; d < reader.maxDoc(); d++) {
        bodies.add(reader.storedFields().document(d).get("body"));
        titles.add(reader.storedFields().document(d).get("title"));
      }
      assertTrue(bodies.contains("the queen\nwent home"), bodies.toString());
      assertTrue(titles.contains("Royal news"), titles.toString());
      assertTrue(bodies.contains("the king"), "fields Lexica does not read may hold anything");
    }
    Path bad =
        Files.writeString(
            tmp.resolve("bad.jsonl"), "{\"text\":\"ok\"}\n{\"text\":{\"en\":\"x\"}}\n");
    assertRefused(
        run("index", "--input", "" + bad, "--index", "" + tmp.resolve("bad-index")),
        "index",
        "line 2 of " + bad + ": field 'text' is an object");
  }

  @Test
  void errorsNameTheFullCommand() {
    Result r = run("corpus", "export", "--index", "" + tmp.resolve("none"), "--out", "t.txt");
    assertRefused(r, "corpus export", "does not exist");
    r = run("model", "info", "" + tmp.resolve("none"));
    assertRefused(r, "model info", "no model at");
  }

  @Test
  void aCommandLineOfTheWrongShapeIsAUsageErrorInOneLine() {
    Result r = run("neighbors", "--count", "3", "m", "king");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("lexica neighbors: Unknown option: '--count'"), r.err());
    assertTrue(r.err().contains("fix: see 'lexica neighbors --help'"), r.err());
    assertFalse(r.err().contains("Usage:"), r.err());
  }

  @Test
  void theModelRecordsTheLearningRateUsed() throws IOException {
    String input = corpus().toString();
    String[] base = {"train", "--input", input, "--dim", "4", "--epochs", "1", "--min-count", "1"};
    String[][] cases = {
      {"0.025"},
      {"0.05", "--arch", "cbow"},
      {"0.05", "--algorithm", "fasttext"},
      {"0.1", "--lr", "0.1"}
    };
    for (String[] c : cases) {
      Path model = tmp.resolve("lr-" + c[0] + "-" + c.length);
      String[] args = concat(base, "--threads", "1", "--quiet", "--out", "" + model);
      Result r = run(concat(args, java.util.Arrays.copyOfRange(c, 1, c.length)));
      assertEquals(0, r.code(), r.err());
      try (VectorStore store = VectorStore.open(model)) {
        assertEquals(
            Double.parseDouble(c[0]),
            Double.parseDouble(store.metadata().get(VectorStore.KEY_PARAM_PREFIX + "learningRate")),
            String.join(" ", c));
      }
    }
    assertRefused(run(concat(base, "--lr", "0", "--print")), "train", "is not a number above 0");
  }

  @Test
  void aSettingTheLibraryRefusesIsNamedAsTheUserSpelledIt() throws IOException {
    String[] base = {"train", "--input", corpus().toString(), "--dim", "4", "--print"};
    Result r = run(concat(base, "--lr", "20"));
    assertRefused(r, "train", "bad training option --lr: learning rate out of range: 20.0");
    assertTrue(r.err().contains("fix: change --lr"), r.err());
    r = run(concat(base, "--arch", "cbow", "--shared-negatives"));
    assertRefused(
        r,
        "train",
        "bad training option --shared-negatives: shared negatives need skip-gram with negative"
            + " sampling");
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
