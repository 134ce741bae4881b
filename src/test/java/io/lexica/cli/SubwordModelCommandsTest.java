package io.lexica.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.expand.Models;
import io.lexica.vectors.Embeddings;
import io.lexica.vectors.SubwordMatrix;
import io.lexica.vectors.store.TinySubwordModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A model directory holding a subword model's n-gram rows ({@code subwords.bin}) answers for words
 * it never saw, in the query commands and through {@link Models} (the expander's door); without the
 * file the same words are out of vocabulary.
 */
class SubwordModelCommandsTest {
  @TempDir Path dir;

  private Path model(boolean withSubwords) throws IOException {
    return TinySubwordModel.write(dir, withSubwords ? "sub" : "plain", withSubwords);
  }

  private static int run(StringWriter out, String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(new StringWriter()));
    return cl.execute(args);
  }

  @Test
  void similarityAndNeighborsAnswerForUnseenWords() throws IOException {
    Path sub = model(true);
    StringWriter out = new StringWriter();
    assertEquals(0, run(out, "similarity", sub.toString(), "cat", "cats"), out.toString());
    float sim = Float.parseFloat(out.toString().trim());
    assertTrue(sim > -1.0001f && sim < 1.0001f);
    out = new StringWriter();
    assertEquals(0, run(out, "neighbors", sub.toString(), "北京大学"), out.toString());
    Path plain = model(false);
    assertNotEquals(0, run(new StringWriter(), "similarity", plain.toString(), "cat", "cats"));
  }

  @Test
  void modelsOpensTheDirectoryWithSubwords() throws IOException {
    Path sub = model(true);
    Embeddings e = Models.open(sub.toString());
    try {
      assertNotNull(e.unitVector("cats"));
    } finally {
      Models.release(sub.toString());
    }
  }

  @Test
  void importingAFastTextBinKeepsItsNgrams() throws IOException {
    model(false); // copies the .bin beside it
    Path imported = dir.resolve("imported");
    StringWriter out = new StringWriter();
    assertEquals(
        0,
        run(
            out,
            "import",
            "--input",
            dir.resolve("fasttext-tiny.bin").toString(),
            "--model",
            imported.toString()),
        out.toString());
    assertTrue(Files.isRegularFile(imported.resolve(SubwordMatrix.FILE_NAME)));
    assertEquals(0, run(new StringWriter(), "similarity", imported.toString(), "cat", "naïveté"));
  }
}
