package io.lexica.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.LexicaException;
import io.lexica.docs.DocumentEmbedder;
import io.lexica.docs.EmbeddingMethod;
import io.lexica.docs.SifComponent;
import io.lexica.docs.TermWeights;
import io.lexica.vectors.WordVectors;
import io.lexica.vectors.formats.VectorFiles;
import io.lexica.vectors.store.VectorStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainCommandTest {
  @TempDir Path dir;

  private static int run(StringWriter out, StringWriter err, String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    String[] full = new String[args.length + 1];
    full[0] = "train";
    System.arraycopy(args, 0, full, 1, args.length);
    return cl.execute(full);
  }

  private static final String[] TOY = {
    "--input",
    "examples/toy/royals.txt",
    "--loss",
    "softmax",
    "--window",
    "2",
    "--dim",
    "5",
    "--min-count",
    "1",
    "--sample",
    "0",
    "--epochs",
    "200",
    "--threads",
    "1",
    "--quiet"
  };

  @Test
  void writesAModelDirectoryWithItsHyperparametersByDefault() throws Exception {
    Path text = dir.resolve("toy.txt");
    Path model = dir.resolve("toy-model");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertEquals(0, run(out, err, concat(TOY, "--out", text.toString())), err.toString());
    assertEquals(0, run(out, err, concat(TOY, "--out", model.toString())), err.toString());
    WordVectors fromFile = VectorFiles.read(text);
    try (VectorStore store = VectorStore.open(model)) {
      Map<String, String> meta = store.metadata();
      assertEquals("word2vec", meta.get(VectorStore.KEY_ALGORITHM));
      assertEquals("5", meta.get(VectorStore.KEY_PARAM_PREFIX + "dimension"));
      assertEquals("SOFTMAX", meta.get(VectorStore.KEY_PARAM_PREFIX + "loss"));
      assertEquals("200", meta.get(VectorStore.KEY_PARAM_PREFIX + "epochs"));
      assertEquals("standard", meta.get(VectorStore.KEY_ANALYZER));
      assertTrue(meta.get(VectorStore.KEY_SOURCE_INDEX).endsWith("royals.txt"), meta.toString());
      WordVectors stored = store.exportWordVectors(0);
      assertEquals(fromFile.words(), stored.words());
      assertArrayEquals(fromFile.data(), stored.data(), "same seed, one thread: same raw vectors");
      // The SIF component of the training text, so the model alone embeds documents with SIF.
      SifComponent sif = SifComponent.fromMetadata(meta, 5);
      assertEquals(TermWeights.DEFAULT_SIF_A, sif.a());
      assertTrue(sif.documents() > 0, sif.toString());
      DocumentEmbedder embedder = DocumentEmbedder.forModel(store, EmbeddingMethod.SIF);
      assertEquals(2, embedder.embed("a king").known());
    }
  }

  @Test
  void trainsTheToyExampleAndWritesTextAndBinaryFormats() throws Exception {
    Path text = dir.resolve("toy.txt");
    Path bin = dir.resolve("toy.bin");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertEquals(0, run(out, err, concat(TOY, "--out", text.toString())), err.toString());
    assertEquals(0, run(out, err, concat(TOY, "--out", bin.toString())), err.toString());

    List<String> lines = Files.readAllLines(text);
    assertEquals("15 5", lines.get(0));
    assertEquals(16, lines.size());
    String[] first = lines.get(1).split(" ");
    assertEquals("is", first[0], "rows in frequency order");
    assertEquals(6, first.length);

    byte[] b = Files.readAllBytes(bin);
    String header = "15 5\n";
    assertEquals(header, new String(b, 0, header.length(), StandardCharsets.US_ASCII));
    int at = header.length();
    assertEquals("is ", new String(b, at, 3, StandardCharsets.UTF_8));
    ByteBuffer row = ByteBuffer.wrap(b, at + 3, 20).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 5; i++) {
      assertEquals(Float.parseFloat(first[i + 1]), row.getFloat(), 0f, "same vector, same seed");
    }
    assertEquals('\n', b[at + 3 + 20]);
    assertEquals(header.length() + 15 * (5 * 4 + 2) + wordBytes(lines), b.length);
  }

  private static int wordBytes(List<String> textLines) {
    int n = 0;
    for (String l : textLines.subList(1, textLines.size())) {
      n += l.split(" ")[0].getBytes(StandardCharsets.UTF_8).length;
    }
    return n;
  }

  @Test
  void printsVectors() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertEquals(0, run(out, err, concat(TOY, "--print")), err.toString());
    String[] lines = out.toString().split("\n");
    assertEquals(15, lines.length);
    assertTrue(lines[0].startsWith("is "));
  }

  @Test
  void badInputIsAUserError() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = run(out, err, "--input", dir.resolve("missing.txt").toString(), "--out", "x.txt");
    assertEquals(LexicaException.EXIT_CODE, code);
    assertTrue(err.toString().contains("does not exist"), err.toString());
    assertEquals(
        LexicaException.EXIT_CODE,
        run(out, err, "--input", "examples/toy/royals.txt", "--dim", "0", "--print"));
    assertEquals(
        LexicaException.EXIT_CODE,
        run(out, err, "--input", "examples/toy/royals.txt", "--algorithm", "bert", "--print"));
  }

  @Test
  void initContinuesAModelKeepingItsWordsAndRecordsTheLineage() throws Exception {
    Path model = dir.resolve("royals");
    Path next = dir.resolve("royals-next");
    Path more = dir.resolve("more.txt");
    Files.writeString(more, "he is a prince\nshe is a princess\nhe is a king\n".repeat(3));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertEquals(0, run(out, err, concat(TOY, "--out", model.toString())), err.toString());
    String[] cont = {
      "--input",
      more.toString(),
      "--init",
      model.toString(),
      "--old-rate",
      "0",
      "--loss",
      "softmax",
      "--window",
      "2",
      "--min-count",
      "1",
      "--sample",
      "0",
      "--epochs",
      "20",
      "--threads",
      "1",
      "--out",
      next.toString()
    };
    StringWriter log = new StringWriter();
    assertEquals(0, run(out, log, cont), log.toString());
    assertTrue(log.toString().contains("input and output rows"), log.toString());
    try (VectorStore before = VectorStore.open(model);
        VectorStore after = VectorStore.open(next)) {
      WordVectors old = before.exportWordVectors();
      for (int row = 0; row < old.size(); row++) {
        assertArrayEquals(
            old.vector(row), after.rawVector(old.word(row)), "frozen: " + old.word(row));
      }
      assertTrue(after.contains("prince") && after.contains("princess"));
      assertEquals(old.size() + 2, after.size());
      assertEquals(5, after.dimension(), "--dim defaults to the model's");
      assertEquals(before.count("king") + 3, after.count("king"));
      Map<String, String> meta = after.metadata();
      assertEquals("train", meta.get("lineage.0001.kind"));
      assertEquals("continue", meta.get("lineage.0002.kind"));
      assertEquals("2", meta.get("lineage.0002.words.added"));
      assertEquals(model.toAbsolutePath().toString(), meta.get("lineage.0002.init"));
      assertTrue(meta.get(VectorStore.KEY_SOURCE_INDEX).endsWith("more.txt"));
      assertTrue(
          after.exportModelWeights().hasOutput(), "a continued model keeps its output rows too");
    }
    StringWriter info = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(info));
    assertEquals(0, cl.execute("model", "info", next.toString()));
    assertTrue(
        info.toString().contains("  continue: 36 tokens of " + more.toAbsolutePath()),
        info.toString());
    assertEquals(3, run(out, err, concat(cont, "--dim", "7")), "another dimension");
    assertEquals(3, run(out, err, concat(cont, "--algorithm", "glove")), "GloVe does not continue");
    String[] tooFast = cont.clone();
    tooFast[5] = "2"; // --old-rate 2
    assertEquals(3, run(out, err, tooFast), "a rate above 1");
  }

  private static String[] concat(String[] a, String... b) {
    String[] r = new String[a.length + b.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
