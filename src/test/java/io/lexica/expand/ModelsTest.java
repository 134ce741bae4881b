package io.lexica.expand;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.vectors.Embeddings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsTest {
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
  void registeredLoadersComeFirstAndTheModelIsShared() throws IOException {
    Path vec = dir.resolve("v.vec");
    Files.writeString(vec, "1 2\ncat 1 0\n");
    Embeddings plain = Models.open(vec.toString());
    try {
      assertTrue(plain.contains("cat"));
      assertSame(plain, Models.open(dir.resolve(".").resolve("v.vec").toString()));
    } finally {
      Models.release(vec.toString());
    }
    Embeddings mine =
        new io.lexica.vectors.ExactEmbeddings(
            new io.lexica.vectors.WordVectors(
                java.util.List.of("dog"), new float[] {0, 1}, 2, new long[] {1}));
    Models.register(p -> p.equals(vec.toAbsolutePath().normalize()) ? mine : null);
    try {
      assertSame(mine, Models.open(vec.toString()));
    } finally {
      Models.release(vec.toString());
    }
  }
}
