package io.lexica.cli;

import io.lexica.LexicaException;
import io.lexica.train.word2vec.Continuation;
import io.lexica.vectors.ModelWeights;
import picocli.CommandLine.Option;

/**
 * The options of continued training, mixed into {@code lexica train} (with {@code --init}) and
 * {@code lexica update}: how much the rows the initial model already had may move. Not thread-safe
 * (picocli fills it).
 */
public final class ContinuationOptions {
  @Option(
      names = "--old-rate",
      paramLabel = "FACTOR",
      defaultValue = "1",
      converter = OptionTypes.Fraction.class,
      description =
          "When continuing a model: factor on the learning rate of the rows it already had (its"
              + " words' vectors, its n-grams): 1 trains them like new ones, 0 freezes them, so"
              + " the model's words keep their vectors bit for bit and only new words are placed.")
  double oldRate;

  /** The continuation of {@code initial} these options describe. */
  public Continuation continuation(ModelWeights initial) {
    try {
      return new Continuation(initial, oldRate);
    } catch (IllegalArgumentException e) {
      throw new LexicaException(
          "bad --old-rate " + oldRate + ": " + e.getMessage(),
          "give a factor from 0 (frozen) to 1 (no protection)");
    }
  }
}
