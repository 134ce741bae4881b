package io.lexica.expand;

import io.lexica.vectors.Embeddings;
import io.lexica.vectors.ExactEmbeddings;
import io.lexica.vectors.FastTextBin;
import io.lexica.vectors.FastTextModel;
import io.lexica.vectors.SubwordEmbeddings;
import java.nio.file.Path;

/**
 * Opens a fastText binary model ({@code .bin}, recognised by its magic number) as exact in-memory
 * {@link Embeddings} that also give vectors to unknown words from their character n-grams, so a
 * pre-trained fastText model can be used directly by the expander and the token filter. Other paths
 * are left to other loaders. Stateless; thread-safe.
 */
public final class FastTextBinLoader implements EmbeddingsLoader {
  @Override
  public Embeddings open(Path path) {
    if (!FastTextBin.isFastTextBin(path)) {
      return null;
    }
    FastTextModel model = FastTextBin.read(path, false);
    Embeddings words = new ExactEmbeddings(model.wordVectors());
    return model.ngrams() == null ? words : new SubwordEmbeddings(words, model.ngrams());
  }
}
