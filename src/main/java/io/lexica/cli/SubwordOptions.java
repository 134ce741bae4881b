package io.lexica.cli;

import io.lexica.LexicaException;
import io.lexica.corpus.EncodedCorpus;
import io.lexica.train.fasttext.FastTextTrainer;
import io.lexica.train.word2vec.Continuation;
import io.lexica.train.word2vec.Word2VecOptions;
import io.lexica.vectors.Subwords;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options of subword (fastText) training, mixed into {@code lexica train} for {@code
 * --algorithm fasttext}: n-gram lengths, bucket count and where the fastText {@code .bin} export
 * goes. Also runs such a training; the {@code .bin} and the model with its n-gram rows are written
 * by {@link io.lexica.vectors.store.ModelWriter}. Not thread-safe (picocli fills it).
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
    return maxn == 0 ? new Subwords(0, 0, buckets) : new Subwords(minn, maxn, buckets);
  }

  /** Checks the n-gram scheme before any work (the .bin is checked by {@link #checkOutput}). */
  public void check() {
    subwords();
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

  /**
   * Trains a subword model with the word2vec options (a learning rate of 0 means fastText's 0.05),
   * continuing {@code from}'s model unless it is null, and prints the n-gram summary to {@code err}
   * unless quiet.
   */
  public FastTextTrainer.Result train(
      EncodedCorpus corpus,
      Word2VecOptions options,
      Continuation from,
      PrintWriter err,
      boolean quiet) {
    Subwords subwords = subwords();
    FastTextTrainer.Result result = FastTextTrainer.train(corpus, options, subwords, from);
    if (!quiet) {
      err.printf(
          Locale.ROOT,
          "n-grams %d..%d: %d of %d buckets used by the vocabulary%n",
          subwords.minn(),
          subwords.maxn(),
          result.usedBuckets(),
          subwords.buckets());
      err.flush();
    }
    return result;
  }
}
