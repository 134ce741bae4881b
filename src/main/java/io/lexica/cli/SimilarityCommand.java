package io.lexica.cli;

import io.lexica.vectors.Analogies;
import io.lexica.vectors.Embeddings;
import io.lexica.vectors.store.ModelFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lexica similarity}: the cosine of two words. */
@Command(
    name = "similarity",
    mixinStandardHelpOptions = true,
    description = "Prints the cosine similarity of two words in a model.")
final class SimilarityCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "MODEL",
      description = "The model: a model directory or a vector file.")
  Path model;

  @Parameters(index = "1", paramLabel = "A", description = "First word.")
  String a;

  @Parameters(index = "2", paramLabel = "B", description = "Second word.")
  String b;

  @Override
  public Integer call() {
    // With the n-gram rows of a subword model, unseen words get vectors too.
    try (Embeddings embeddings = ModelFiles.open(model)) {
      List<String> missing = new ArrayList<>();
      for (String w : List.of(a, b)) {
        if (!embeddings.contains(w) && embeddings.unitVector(w) == null) {
          missing.add(w);
        }
      }
      if (!missing.isEmpty()) {
        throw Analogies.outOfVocabulary(embeddings, missing);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(String.format(Locale.ROOT, "%.6f", embeddings.similarity(a, b)));
      out.flush();
      return 0;
    }
  }
}
