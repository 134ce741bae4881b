package io.lexica.vectors.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lexica.LexicaException;
import io.lexica.vectors.WordVectors;
import io.lexica.vectors.formats.VectorFiles;
import io.lexica.vectors.formats.VectorFormat;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {
  @TempDir Path dir;

  /** Three words of two dimensions, counts falling: the fixture of this package's model tests. */
  static final WordVectors THREE_WORDS =
      new WordVectors(
          List.of("the", "of", "and"),
          new float[] {1, 2, 3, -4, 5.5f, 0.25f},
          2,
          new long[] {30, 20, 10});

  private final WordVectors vectors = THREE_WORDS;

  @Test
  void readsFilesAndModelDirectoriesAlike() {
    Path file = dir.resolve("v.bin");
    VectorFiles.write(vectors, file, VectorFormat.WORD2VEC_BINARY);
    Path model = dir.resolve("model");
    VectorStoreWriter.write(vectors, Map.of(), model, StoreOptions.DEFAULT);

    VectorFiles.ReadOptions firstTwo = new VectorFiles.ReadOptions(2, false);
    for (Path p : List.of(file, model)) {
      VectorFiles.Loaded l = ModelFiles.vectors(p, VectorFormat.AUTO, firstTwo);
      assertEquals(List.of("the", "of"), l.vectors().words(), p.toString());
      assertArrayEquals(Arrays.copyOf(vectors.data(), 4), l.vectors().data(), p.toString());
    }
    VectorFiles.Loaded fromModel =
        ModelFiles.vectors(model, VectorFormat.AUTO, VectorFiles.ReadOptions.DEFAULT);
    assertNull(fromModel.format());
    assertEquals(10, fromModel.vectors().count(2));
    assertThrows(
        LexicaException.class,
        () ->
            ModelFiles.vectors(
                dir.resolve("missing"), VectorFormat.AUTO, VectorFiles.ReadOptions.DEFAULT));
  }
}
