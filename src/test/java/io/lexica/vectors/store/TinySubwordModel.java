package io.lexica.vectors.store;

import io.lexica.vectors.FastTextBin;
import io.lexica.vectors.FastTextModel;
import io.lexica.vectors.ModelWeights;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The fastText model of the test resources (22 words, 4 dimensions, n-gram rows; see
 * fasttext-tiny.README) written as a Lexica model, the way 'lexica import' writes it.
 */
public final class TinySubwordModel {
  private TinySubwordModel() {}

  /** Writes the model at {@code dir/name}, with its {@code subwords.bin} or without. */
  public static Path write(Path dir, String name, boolean withSubwords) throws IOException {
    Path bin = dir.resolve("fasttext-tiny.bin");
    if (!Files.exists(bin)) {
      try (InputStream in =
          TinySubwordModel.class.getResourceAsStream("/io/lexica/vectors/fasttext-tiny.bin")) {
        Files.copy(in, bin);
      }
    }
    FastTextModel m = FastTextBin.read(bin, false);
    Path model = dir.resolve(name);
    VectorStoreWriter.write(
        new ModelWeights(m.wordVectors(), null, null, withSubwords ? m.ngrams() : null),
        Map.of("algorithm", "test"),
        model,
        StoreOptions.DEFAULT);
    return model;
  }
}
