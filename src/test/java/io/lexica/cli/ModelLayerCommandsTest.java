package io.lexica.cli;

import static io.lexica.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.vectors.WordVectors;
import io.lexica.vectors.formats.VectorFiles;
import io.lexica.vectors.formats.VectorFormat;
import io.lexica.vectors.store.ModelFiles;
import io.lexica.vectors.store.ModelMetadata;
import io.lexica.vectors.store.VectorStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands open models through {@link ModelFiles} and write them through {@code ModelWriter}: a
 * command that works on any model takes a vector file as it takes a model directory, one that needs
 * a model directory's own features says so and names {@code lexica import}, and a model's record
 * cannot be given the writer's own keys.
 */
class ModelLayerCommandsTest {
  @TempDir Path dir;

  private Path vectorFile() {
    Path f = dir.resolve("v.vec");
    VectorFiles.write(
        new WordVectors(
            List.of("cat", "dog", "car"),
            new float[] {1, 0, 0.9f, 0.1f, 0, 1},
            2,
            new long[] {3, 2, 1}),
        f,
        VectorFormat.WORD2VEC_TEXT);
    return f;
  }

  @Test
  void aCommandForAnyModelTakesAVectorFileAndAModelDirectoryAlike() {
    Path file = vectorFile();
    Path model = dir.resolve("model");
    CliRun imported = run("import", "--input", file.toString(), "--model", model.toString());
    assertEquals(0, imported.code(), imported.err());
    for (Path p : List.of(file, model)) {
      CliRun r = run("similarity", p.toString(), "cat", "dog");
      assertEquals(0, r.code(), r.err());
      float cosine = Float.parseFloat(r.out().trim());
      assertEquals(0.9f / (float) Math.hypot(0.9, 0.1), cosine, 1e-5f, p.toString());
    }
    CliRun unknown = run("similarity", file.toString(), "cat", "zebra");
    assertEquals(3, unknown.code());
    assertTrue(unknown.err().contains("'zebra' is not in the model"), unknown.err());
  }

  @Test
  void aCommandForAModelDirectoryNamesImportForAVectorFile() {
    Path file = vectorFile();
    for (String[] args :
        new String[][] {
          {"model", "info", file.toString()},
          {"neighbors", file.toString(), "cat"},
          {"analogy", file.toString(), "cat", "dog", "car"},
          {"update", file.toString()},
        }) {
      CliRun r = run(args);
      assertEquals(3, r.code(), String.join(" ", args) + ": " + r.err());
      assertTrue(r.err().contains("is a vector file"), r.err());
      assertTrue(r.err().contains("lexica import --input " + file), r.err());
    }
  }

  @Test
  void importRecordsWhereTheVectorsCameFromAndRefusesTheWritersKeysBeforeReading()
      throws Exception {
    Path file = vectorFile();
    Path model = dir.resolve("model");
    CliRun r =
        run(
            "import",
            "--input",
            file.toString(),
            "--model",
            model.toString(),
            "--meta",
            "param.window=5");
    assertEquals(0, r.code(), r.err());
    Map<String, String> m = ModelFiles.metadata(model);
    assertEquals(ModelMetadata.IMPORTED, m.get(VectorStore.KEY_ALGORITHM));
    assertEquals(file.toAbsolutePath().toString(), m.get(ModelMetadata.KEY_SOURCE_FILE));
    assertEquals("word2vec-text", m.get(ModelMetadata.KEY_SOURCE_FORMAT));
    assertEquals("5", m.get("param.window"));
    assertEquals("3", m.get(VectorStore.KEY_SIZE));

    Path other = dir.resolve("other");
    CliRun refused =
        run(
            "import",
            "--input",
            dir.resolve("missing.vec").toString(),
            "--model",
            other.toString(),
            "--meta",
            "vocabulary.size=9");
    assertEquals(3, refused.code());
    assertTrue(refused.err().contains("'vocabulary.size' is recorded by the model"), refused.err());
    assertFalse(refused.err().contains("missing.vec"), "refused before the input is read");
    assertFalse(Files.exists(other));
  }
}
