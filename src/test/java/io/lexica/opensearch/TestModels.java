package io.lexica.opensearch;

import io.lexica.expand.FakeEmbeddings;
import io.lexica.vectors.Embeddings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.opensearch.common.settings.Settings;

/**
 * Small models for the plugin's tests, written into a node's config folder and opened through the
 * plugin's loader seam. TODO(store): write them with the vector store's writer and drop the test
 * loader once the store is merged.
 */
final class TestModels {
  private TestModels() {}

  static final String FILE = "vectors.txt";

  /**
   * A 4-dimensional model with planted clusters: vehicles, engines and fruit. {@code car}'s nearest
   * words are automobile, then vehicle; motor is near engine; nothing vehicle-like is near fruit.
   */
  static final Map<String, float[]> TINY =
      Map.of(
          "car", new float[] {1, 0, 0, 0},
          "automobile", new float[] {0.95f, 0.1f, 0, 0},
          "vehicle", new float[] {0.85f, 0.3f, 0, 0},
          "engine", new float[] {0, 1, 0, 0},
          "motor", new float[] {0.1f, 0.95f, 0, 0},
          "banana", new float[] {0, 0, 1, 0},
          "fruit", new float[] {0, 0.05f, 0.9f, 0.1f},
          "recipe", new float[] {0, 0, 0.2f, 1});

  /** Writes {@code vectors} as {@code <configDir>/lexica/<name>/vectors.txt}. */
  static void install(Path configDir, String name, Map<String, float[]> vectors)
      throws IOException {
    Path dir = Files.createDirectories(configDir.resolve(ModelRegistry.MODELS_DIR).resolve(name));
    StringBuilder sb = new StringBuilder();
    vectors.forEach(
        (w, v) -> {
          sb.append(w);
          for (float x : v) {
            sb.append(' ').append(x);
          }
          sb.append('\n');
        });
    Files.writeString(dir.resolve(FILE), sb, StandardCharsets.UTF_8);
  }

  /** A model folder whose file is cut short, as after an interrupted copy. */
  static void installCorrupt(Path configDir, String name) throws IOException {
    Path dir = Files.createDirectories(configDir.resolve(ModelRegistry.MODELS_DIR).resolve(name));
    Files.writeString(dir.resolve(FILE), "car 1.0 0.0\nautomobile 0.9", StandardCharsets.UTF_8);
  }

  /** Opens what {@link #install} wrote; IOException on a malformed file. */
  static Embeddings open(Path dir) throws IOException {
    List<String> lines = Files.readAllLines(dir.resolve(FILE), StandardCharsets.UTF_8);
    FakeEmbeddings model = null;
    for (String line : lines) {
      String[] parts = line.trim().split(" ");
      if (model == null) {
        model = new FakeEmbeddings(parts.length - 1);
      }
      if (parts.length - 1 != model.dimension()) {
        throw new IOException("malformed vector line: " + line);
      }
      float[] v = new float[parts.length - 1];
      for (int i = 0; i < v.length; i++) {
        v[i] = Float.parseFloat(parts[i + 1]);
      }
      model.put(parts[0], v);
    }
    if (model == null) {
      throw new IOException("empty model file in " + dir);
    }
    return model;
  }

  /** The plugin as a node loads it, with the test loader. */
  public static class TestLexicaPlugin extends LexicaPlugin {
    public TestLexicaPlugin(Settings settings, Path configPath) {
      super(configPath, TestModels::open);
    }
  }
}
