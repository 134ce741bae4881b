package io.lexica.cli;

import io.lexica.LexicaException;
import io.lexica.vectors.Subwords;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options of subword (fastText) training, mixed into {@code lexica train} for {@code
 * --algorithm fasttext}: n-gram lengths, bucket count and where the fastText {@code .bin} export
 * goes. The training is the library's ({@code Trainer.FastText}); the {@code .bin} and the model
 * with its n-gram rows are written by {@link io.lexica.vectors.store.ModelWriter}. Not thread-safe
 * (picocli fills it).
 */
final class SubwordOptions {
  @Option(
      names = "--minn",
      paramLabel = "N",
      defaultValue = "3",
      converter = OptionTypes.PositiveInt.class,
      description = "fasttext: shortest character n-gram.")
  int minn;

  @Option(
      names = "--maxn",
      paramLabel = "N",
      defaultValue = "6",
      converter = OptionTypes.NonNegativeInt.class,
      description = "fasttext: longest character n-gram, 0 for none (plain word vectors).")
  int maxn;

  @Option(
      names = "--buckets",
      paramLabel = "N",
      defaultValue = "2000000",
      converter = OptionTypes.PositiveInt.class,
      description =
          "fasttext: hash buckets for the n-grams, as fastText's -bucket; only buckets the"
              + " vocabulary uses take memory.")
  int buckets;

  @Option(
      names = "--save-bin",
      paramLabel = "FILE",
      description =
          "fasttext: also write the model in fastText's .bin format, for the fasttext tool and"
              + " gensim's load_facebook_model (default: none).")
  Path bin;

  /** The n-gram scheme the options describe. */
  public Subwords subwords() {
    return Subwords.asked(minn, maxn, buckets);
  }

  /**
   * Takes the n-gram scheme of a model being continued, so that its n-gram rows carry over.
   *
   * @throws LexicaException when the command line asks for another scheme
   */
  void adopt(Subwords model, CommandLine.ParseResult parsed) {
    boolean differs =
        parsed.hasMatchedOption("--minn") && minn != model.minn()
            || parsed.hasMatchedOption("--maxn") && maxn != model.maxn()
            || parsed.hasMatchedOption("--buckets") && buckets != model.buckets();
    if (differs) {
      throw new LexicaException(
          "the n-gram settings differ from the --init model's (" + model + ")",
          "leave --minn, --maxn and --buckets out when continuing a subword model");
    }
    minn = model.minn();
    maxn = model.maxn();
    buckets = model.buckets();
  }
}
