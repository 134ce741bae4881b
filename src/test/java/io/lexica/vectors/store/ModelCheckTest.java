package io.lexica.vectors.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.LexicaException;
import io.lexica.util.AtomicOutput;
import io.lexica.vectors.SubwordMatrix;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ModelCheck} finds a flipped byte in any file of a model, naming the file, and passes an
 * intact model: what {@code lexica model check} promises before a model is deployed.
 */
class ModelCheckTest {
  @TempDir Path dir;

  /** A subword model (22 words, 4 dims, n-gram rows), as 'lexica import' writes it. */
  private Path model(String name) throws IOException {
    return TinySubwordModel.write(dir, name, true);
  }

  private static List<String> files(Path model) throws IOException {
    try (Stream<Path> s = Files.list(model)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> !n.equals(IndexWriter.WRITE_LOCK_NAME))
          .sorted()
          .toList();
    }
  }

  private static void flipByte(Path file, int position) throws IOException {
    byte[] b = Files.readAllBytes(file);
    b[position] ^= 0x10;
    Files.write(file, b);
  }

  @Test
  void anIntactModelPassesEveryStep() throws IOException {
    ModelCheck.Report r = ModelCheck.run(model("m"));
    assertTrue(r.intact(), r.problems().toString());
    assertTrue(r.warnings().isEmpty(), r.warnings().toString());
    assertEquals(5, r.passed().size(), r.passed().toString());
    assertTrue(r.passed().get(0).startsWith(files(dir.resolve("m")).size() + " files"));
    assertTrue(r.passed().get(4).startsWith(SubwordMatrix.FILE_NAME), r.passed().toString());
  }

  @Test
  void aByteFlippedAnywhereInAnyFileFailsTheCheckNamingThatFile() throws IOException {
    Path intact = model("intact");
    List<String> names = files(intact);
    assertTrue(names.size() > 20 && names.contains(SubwordMatrix.FILE_NAME), names.toString());
    for (String name : names) {
      // One position per file, anywhere (header, data or checksum), the same run to run.
      int position = new Random(name.hashCode()).nextInt((int) Files.size(intact.resolve(name)));
      Path copy = dir.resolve("flip-" + name);
      copyModel(intact, copy);
      flipByte(copy.resolve(name), position);
      ModelCheck.Report r = ModelCheck.run(copy);
      assertFalse(r.intact(), name + " @" + position);
      assertTrue(r.problems().get(0).contains(name), name + " @" + position + ": " + r.problems());
      AtomicOutput.deleteRecursively(copy);
    }
  }

  @Test
  void readingEveryRowVerifiesTheChecksumsTooAsExportAndEvalDo() throws IOException {
    Path m = model("read");
    String vec = files(m).stream().filter(n -> n.endsWith(".vec")).findFirst().orElseThrow();
    flipByte(m.resolve(vec), (int) Files.size(m.resolve(vec)) / 2);
    try (VectorStore store = VectorStore.open(m)) {
      assertEquals(1, store.read(1).vectors().size(), "a partial read does not pay for it");
      LexicaException e = assertThrows(LexicaException.class, () -> store.read(0));
      assertTrue(e.getMessage().contains("is damaged: checksum failed"), e.getMessage());
      assertTrue(e.getMessage().contains(vec), e.getMessage());
      assertTrue(e.remedy().contains("lexica model check"), e.remedy());
    }
  }

  @Test
  void aMissingFileOrAStrayOneIsNamed() throws IOException {
    Path m = model("missing");
    String vec = files(m).stream().filter(n -> n.endsWith(".vec")).findFirst().orElseThrow();
    Files.delete(m.resolve(vec));
    ModelCheck.Report r = ModelCheck.run(m);
    assertEquals(List.of(vec + ": missing"), r.problems());

    Path stray = model("stray");
    Files.writeString(stray.resolve("notes.txt"), "mine");
    r = ModelCheck.run(stray);
    assertTrue(r.intact(), r.problems().toString());
    assertTrue(
        r.warnings().get(0).startsWith("notes.txt is not part of the model"),
        r.warnings().toString());
  }

  @Test
  void aSubwordFileOfVersionOneWithoutChecksumIsCheckedForStructureAndValues() throws IOException {
    Path m = model("v1");
    Path file = m.resolve(SubwordMatrix.FILE_NAME);
    byte[] v2 = Files.readAllBytes(file);
    byte[] v1 = Arrays.copyOf(v2, v2.length - 16); // without the footer
    ByteBuffer.wrap(v1).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 1);
    Files.write(file, v1);
    ModelCheck.Report r = ModelCheck.run(m);
    assertTrue(r.intact(), r.problems().toString());
    assertTrue(r.warnings().get(0).contains("has no checksum"), r.warnings().toString());
    assertEquals(
        SubwordMatrix.read(model("v2").resolve(SubwordMatrix.FILE_NAME)).storedRows(),
        SubwordMatrix.read(file).storedRows());

    // A NaN in version 1 is still found, by the values check.
    ByteBuffer.wrap(v1).order(ByteOrder.LITTLE_ENDIAN).putFloat(v1.length - 4, Float.NaN);
    Files.write(file, v1);
    r = ModelCheck.run(m);
    assertTrue(r.problems().get(0).contains("n-gram row"), r.problems().toString());
    assertTrue(r.problems().get(0).contains("is NaN"), r.problems().toString());
  }

  @Test
  void somethingThatIsNoModelIsAnErrorNotAReport() throws IOException {
    Path empty = Files.createDirectory(dir.resolve("empty"));
    LexicaException e = assertThrows(LexicaException.class, () -> ModelCheck.run(empty));
    assertTrue(e.getMessage().contains("is not a model"), e.getMessage());
    e = assertThrows(LexicaException.class, () -> ModelCheck.run(dir.resolve("nowhere")));
    assertTrue(e.getMessage().startsWith("no model at"), e.getMessage());
  }

  private static void copyModel(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    for (String name : files(from)) {
      Files.copy(from.resolve(name), to.resolve(name));
    }
  }
}
