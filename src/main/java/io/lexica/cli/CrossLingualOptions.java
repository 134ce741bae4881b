package io.lexica.cli;

import io.lexica.LexicaException;
import io.lexica.vectors.store.CrossLingualEmbeddings;
import io.lexica.vectors.store.VectorStore;
import io.lexica.vectors.store.VectorStore.LanguageRows;
import picocli.CommandLine.Option;

/**
 * The options that make a query command answer across the languages of an aligned model ({@code
 * lexica align}): neighbours in {@code --target-language} of words of {@code --source-language} (by
 * default the model's other language). A picocli mixin shared by neighbors, expand and search.
 */
final class CrossLingualOptions {
  @Option(
      names = "--target-language",
      paramLabel = "NAME",
      description =
          "Aligned models: answer with words of this language (e.g. en), ranked by CSLS. Default:"
              + " none, answers come from the shared space (both languages).")
  String target;

  @Option(
      names = "--source-language",
      paramLabel = "NAME",
      description =
          "Aligned models: the language of the query words. Default: the model's other language.")
  String source;

  /** Whether cross-lingual answers were asked for. */
  boolean active() {
    if (target == null && source != null) {
      throw new LexicaException(
          "--source-language needs --target-language",
          "name the language the answers should be in, e.g. --target-language en");
    }
    return target != null;
  }

  /** The query language: the one given, else the model's only language other than the target. */
  String from(VectorStore store) {
    if (source != null) {
      return source;
    }
    store.language(target); // a clear error when the model lacks it
    LanguageRows other = null;
    for (LanguageRows l : store.languages()) {
      if (!l.language().equals(target)) {
        if (other != null) {
          throw new LexicaException(
              "the model holds more than two languages", "give --source-language");
        }
        other = l;
      }
    }
    if (other == null) {
      throw new LexicaException(
          "the model holds no language other than '" + target + "'",
          "give an aligned model with two languages");
    }
    return other.language();
  }

  /** The store answering from the query language into the target language. */
  CrossLingualEmbeddings open(VectorStore store, boolean exact) {
    return store.crossLingual(from(store), target, exact);
  }
}
