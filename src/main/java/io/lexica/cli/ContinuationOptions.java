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
final class ContinuationOptions {
  @Option(
      names = "--old-rate",
      paramLabel = "FACTOR",
      converter = OptionTypes.Fraction.class,
      description =
          "When continuing a model: factor on the learning rate of the rows it already had (its"
              + " words' vectors, its n-grams): 1 trains them like new ones, 0 freezes them, so"
              + " the model's words keep their vectors bit for bit and only new words are placed."
              + " Default: 1 for train --init (adapting a model to new text is the point), 0 for"
              + " update (the old words' neighbours stay as they were served).")
  Double oldRate;

  /**
   * The continuation of {@code initial} these options describe.
   *
   * @param unsetRate the command's default for {@code --old-rate}: the commands differ in purpose
   *     ({@code train --init} adapts the old words to a new text; {@code update} adds new documents
   *     to a served model, whose old words would drift at the full rate: on enwiki-17m an update at
   *     rate 1 lost 8 analogy points and kept 39 % of the top-10 neighbours, frozen it lost none)
   */
  public Continuation continuation(ModelWeights initial, double unsetRate) {
    double rate = oldRate == null ? unsetRate : oldRate;
    try {
      return new Continuation(initial, rate);
    } catch (IllegalArgumentException e) {
      throw new LexicaException(
          "bad --old-rate " + rate + ": " + e.getMessage(),
          "give a factor from 0 (frozen) to 1 (no protection)");
    }
  }
}
