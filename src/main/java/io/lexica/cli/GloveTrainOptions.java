package io.lexica.cli;

import io.lexica.LexicaException;
import io.lexica.train.glove.CooccurrenceOptions;
import io.lexica.train.glove.GloveOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options {@code lexica train --algorithm glove} adds (a picocli mixin of {@link
 * TrainCommand}); the options every algorithm shares (window, dim, threads, seed) stay there. The
 * biases file {@code --biases} names is written by {@link io.lexica.vectors.store.ModelWriter}.
 */
final class GloveTrainOptions {
  /** The reference's window; word2vec's is smaller. */
  static final int DEFAULT_WINDOW = CooccurrenceOptions.DEFAULT_WINDOW;

  @Option(
      names = "--x-max",
      paramLabel = "X",
      defaultValue = "100",
      converter = OptionTypes.PositiveNumber.class,
      description =
          "GloVe: count at which an entry's weight reaches 1 (the reference uses 10 for small"
              + " corpora).")
  double xMax;

  @Option(
      names = "--alpha",
      paramLabel = "X",
      defaultValue = "0.75",
      converter = OptionTypes.PositiveNumber.class,
      description = "GloVe: exponent of the weight (x/x-max)^alpha.")
  double alpha;

  @Option(
      names = "--iterations",
      paramLabel = "N",
      defaultValue = "15",
      converter = OptionTypes.PositiveInt.class,
      description = "GloVe: passes over the co-occurrence entries.")
  int iterations;

  @Option(
      names = "--eta",
      paramLabel = "RATE",
      defaultValue = "0.05",
      converter = OptionTypes.PositiveNumber.class,
      description = "GloVe: AdaGrad's initial learning rate.")
  double eta;

  @Option(
      names = "--grad-clip",
      paramLabel = "X",
      defaultValue = "100",
      converter = OptionTypes.PositiveNumber.class,
      description = "GloVe: gradient components are clipped to +-this.")
  double gradClip;

  @Option(
      names = "--memory",
      defaultValue = "4g",
      paramLabel = "SIZE",
      converter = OptionTypes.ByteSize.class,
      description =
          "GloVe: memory for co-occurrence counting and shuffling, e.g. 512m, 4g; beyond it sorted"
              + " runs spill to temporary files. The JVM heap (LEXICA_JAVA_OPTS -Xmx) must be"
              + " larger.")
  long memory;

  @Option(
      names = "--symmetric",
      description = "GloVe: count words on both sides of each word (the default).")
  boolean symmetric;

  @Option(
      names = "--left-only",
      description = "GloVe: count only the words on the left (entry i,j: i occurs before j).")
  boolean leftOnly;

  @Option(
      names = "--glove-output",
      paramLabel = "NAME",
      defaultValue = "sum",
      description =
          "GloVe: vectors to write: sum (word + context, the reference's default) or word.")
  GloveOptions.Output output;

  @Option(
      names = "--biases",
      paramLabel = "FILE",
      description =
          "GloVe: also write each word's word and context bias (word b b~ per line; default:"
              + " none).")
  Path biases;

  /**
   * Where temporary co-occurrence files go (null: java.io.tmpdir). Not an option of its own: {@link
   * TrainCommand} passes the corpus options' {@code --temp-dir}, which names the same kind of
   * place.
   */
  Path tempDir;

  /** The counting options for a window (the shared --window, or the GloVe default). */
  CooccurrenceOptions counting(int window) {
    if (symmetric && leftOnly) {
      throw new LexicaException(
          "--symmetric and --left-only contradict each other", "pass one of them");
    }
    return new CooccurrenceOptions(window, !leftOnly, memory, tempDir);
  }

  /** The training options with the settings every algorithm shares. */
  GloveOptions training(int dim, int threads, long seed) {
    return new GloveOptions(dim, iterations, xMax, alpha, eta, gradClip, threads, seed, output);
  }
}
