package io.lexica.vectors.store;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A file a model folder holds beside its Lucene index, such as a subword model's n-gram rows
 * ({@code subwords.bin}). {@link VectorStoreWriter} writes it into the new folder before the folder
 * moves into place, so the model and its files appear together or not at all.
 *
 * @param name the file's name inside the model folder
 * @param writer writes the file at the path it is given
 */
public record ModelFile(String name, Consumer<Path> writer) {
  public ModelFile {
    if (name.isEmpty()
        || name.contains("/")
        || name.contains("\\")
        || name.startsWith("_")
        || name.startsWith("segments")) {
      throw new IllegalArgumentException(
          "'" + name + "' is not a plain file name apart from Lucene's own files");
    }
  }
}
