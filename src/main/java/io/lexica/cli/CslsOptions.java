package io.lexica.cli;

import io.lexica.align.Csls;
import picocli.CommandLine.Option;

/**
 * The options of the commands that scan the similarities between two languages' words ({@code
 * align}, {@code eval translation}): CSLS's {@code k} and the threads of the scans. A picocli
 * mixin.
 */
final class CslsOptions {
  @Option(
      names = "--csls-k",
      defaultValue = "" + Csls.DEFAULT_K,
      paramLabel = "K",
      converter = OptionTypes.PositiveInt.class,
      description =
          "Neighbours of CSLS's hubness correction: a word's mean cosine to its K nearest words"
              + " of the other language.")
  int k;

  @Option(
      names = "--threads",
      paramLabel = "N",
      converter = OptionTypes.PositiveInt.class,
      description = "Threads of the similarity scans (default: the cores).")
  Integer threads;

  /** The threads given, else the cores. */
  int threads() {
    return threads == null ? Runtime.getRuntime().availableProcessors() : threads;
  }
}
