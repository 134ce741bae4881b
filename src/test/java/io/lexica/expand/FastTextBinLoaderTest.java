package io.lexica.expand;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.vectors.Embeddings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FastTextBinLoaderTest {
  @TempDir Path dir;

  @Test
  void modelsOpensAFastTextBinWithVectorsForUnknownWords() throws IOException {
    Path bin = dir.resolve("model.bin");
    try (InputStream in = getClass().getResourceAsStream("/io/lexica/vectors/fasttext-tiny.bin")) {
      Files.copy(in, bin);
    }
    Embeddings e = Models.open(bin.toString());
    try {
      assertTrue(e.contains("cat"));
      assertFalse(e.contains("cats"));
      assertNotNull(e.unitVector("cats"), "composed from n-grams");
      assertFalse(e.nearest("北京大学", 2, -1f).isEmpty());
    } finally {
      Models.release(bin.toString());
    }
  }

  @Test
  void leavesOtherFilesToOtherLoaders() throws IOException {
    Path vec = dir.resolve("v.vec");
    Files.writeString(vec, "1 2\ncat 1 0\n");
    assertNull(new FastTextBinLoader().open(vec));
    assertNull(new FastTextBinLoader().open(dir));
  }
}
