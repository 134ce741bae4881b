package io.lexica.opensearch;

import io.lexica.vectors.WordVectors;
import io.lexica.vectors.store.StoreOptions;
import io.lexica.vectors.store.VectorStoreWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Small models for the plugin's tests, written into a node's config folder as vector stores. */
final class TestModels {
  private TestModels() {}

  /**
   * A 4-dimensional model with planted clusters: vehicles, engines and fruit. {@code car}'s nearest
   * words are automobile, then vehicle; motor is near engine; nothing vehicle-like is near fruit.
   */
  static final WordVectors TINY =
      new WordVectors(
          List.of("car", "automobile", "vehicle", "engine", "motor", "banana", "fruit", "recipe"),
          new float[] {
            1, 0, 0, 0, //
            0.95f, 0.1f, 0, 0, 0.85f, 0.3f, 0, 0, 0, 1, 0, 0, 0.1f, 0.95f, 0, 0, 0, 0, 1, 0, 0,
            0.05f, 0.9f, 0.1f, 0, 0, 0.2f, 1
          },
          4,
          new long[] {50, 20, 30, 40, 10, 5, 8, 3});

  /** Writes {@code vectors} as the model {@code <configDir>/lexica/<name>/}. */
  static Path install(Path configDir, String name, WordVectors vectors) {
    return install(configDir, name, vectors, Map.of("algorithm", "test"));
  }

  /**
   * Writes {@code vectors} with {@code metadata} as the model {@code <configDir>/lexica/<name>/}.
   */
  static Path install(
      Path configDir, String name, WordVectors vectors, Map<String, String> metadata) {
    Path dir = configDir.resolve(ModelRegistry.MODELS_DIR).resolve(name);
    VectorStoreWriter.write(vectors, metadata, dir, StoreOptions.DEFAULT);
    return dir;
  }

  /**
   * Copies the model folder {@code model} to {@code <configDir>/lexica/<name>/}, as users install
   * one.
   */
  static void copy(Path model, Path configDir, String name) {
    try {
      Path target =
          Files.createDirectories(configDir.resolve(ModelRegistry.MODELS_DIR).resolve(name));
      try (Stream<Path> files = Files.list(model)) {
        for (Path f : files.toList()) {
          Files.copy(f, target.resolve(f.getFileName()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A model whose files are cut to half their length, as after an interrupted copy. */
  static void installCorrupt(Path configDir, String name) throws IOException {
    Path dir = install(configDir, name, TINY);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length / 2));
      }
    }
  }
}
