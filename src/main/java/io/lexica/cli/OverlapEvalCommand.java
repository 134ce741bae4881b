package io.lexica.cli;

import io.lexica.LexicaException;
import io.lexica.eval.NeighbourOverlap;
import io.lexica.vectors.WordVectors;
import io.lexica.vectors.formats.VectorFiles;
import io.lexica.vectors.formats.VectorFormat;
import io.lexica.vectors.store.ModelFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lexica eval overlap}: how far two models agree on words' nearest neighbours. */
@Command(
    name = "overlap",
    mixinStandardHelpOptions = true,
    description = {
      "Compares two models of mostly the same words: for each word, the share of its k nearest"
          + " words (exact cosine) the two have in common, averaged; 1 = the same neighbours. It"
          + " shows how much an update moved the words a model already had (drift), or how close"
          + " one model comes to another.",
      "Two figures: each model's whole vocabulary searched (new words entering a list count as"
          + " change), and only the words both have searched."
    })
final class OverlapEvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FIRST", description = "Model directory or vector file.")
  Path first;

  @Parameters(index = "1", paramLabel = "SECOND", description = "Model directory or vector file.")
  Path second;

  @Option(
      names = "--top",
      defaultValue = "10000",
      paramLabel = "N",
      converter = OptionTypes.NonNegativeInt.class,
      description = "Compare the first N words of FIRST (frequency order); 0 = all.")
  int top;

  @Option(
      names = "--words",
      paramLabel = "FILE",
      description =
          "Compare the words of this file (one a line) instead of --top (default: none, --top).")
  Path words;

  @Option(
      names = "-k",
      paramLabel = "N",
      defaultValue = "10",
      converter = OptionTypes.PositiveInt.class,
      description = "Neighbours per word.")
  int k;

  @Override
  public Integer call() {
    List<String> asked = words == null ? null : readWords(); // a bad file fails before the loading
    WordVectors a = load(first);
    WordVectors b = load(second);
    NeighbourOverlap.Report r =
        words == null
            ? NeighbourOverlap.topWords(a, b, top, k)
            : NeighbourOverlap.compare(a, b, asked, k);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        Locale.ROOT,
        "words compared: %d (%d missing from a model)%noverlap@%d: %.4f (whole vocabularies)%n"
            + "overlap@%d: %.4f (words both models have)%n",
        r.words(),
        r.missing(),
        r.k(),
        r.overlap(),
        r.k(),
        r.sharedOverlap());
    out.flush();
    return 0;
  }

  private static WordVectors load(Path path) {
    return ModelFiles.vectors(path, VectorFormat.AUTO, VectorFiles.ReadOptions.DEFAULT).vectors();
  }

  private List<String> readWords() {
    try {
      return Files.readAllLines(words).stream()
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .toList();
    } catch (IOException e) {
      throw new LexicaException(
          "cannot read the word list " + words + ": " + e.getMessage(),
          "give a readable UTF-8 file with one word a line");
    }
  }
}
