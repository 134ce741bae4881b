package io.lexica.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.LexicaException;
import io.lexica.vectors.VectorFiles;
import io.lexica.vectors.WordVectors;
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

  private static String[] concat(String[] a, String... b) {
    String[] r = new String[a.length + b.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
