package io.lexica.cli;

import io.lexica.LexicaException;
import io.lexica.phrases.PhraseOptions;
import io.lexica.phrases.PhraseScorer;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options of phrase detection, mixed into {@code lexica train}: {@code --phrases} finds the
 * corpus's collocations ({@link io.lexica.phrases.PhraseLearner}) and trains on the corpus with
 * them joined. Not thread-safe (picocli fills it).
 */
final class PhraseDetectionOptions {
  @Option(
      names = "--phrases",
      description =
          "Find phrases first (word2phrase: pairs of words seen together more than chance says,"
              + " over several passes for longer ones) and train on the corpus with them joined"
              + " (\"new_york\"); the model keeps the phrase list (phrases.txt), which the"
              + " phraseJoin token filter, query expansion and document vectors apply.")
  boolean enabled;

  @Option(
      names = "--phrase-scorer",
      paramLabel = "NAME",
      defaultValue = "word2phrase",
      description =
          "word2phrase ((count(ab) - min count) / (count(a) count(b)) x tokens) or npmi"
              + " (normalised pointwise mutual information, in [-1, 1]).")
  String scorer;

  @Option(
      names = "--phrase-threshold",
      paramLabel = "X[,X...]",
      split = ",",
      description =
          "One threshold per pass, at most "
              + PhraseOptions.MAX_PASSES
              + " passes; a pair scoring above it is joined (default: 200,100 for word2phrase, as"
              + " word2vec's demo; 0.5,0.5 for npmi).")
  List<Double> thresholds;

  @Option(
      names = "--phrase-min-count",
      paramLabel = "N",
      defaultValue = "" + PhraseOptions.DEFAULT_MIN_COUNT,
      converter = OptionTypes.PositiveLong.class,
      description = "Words (and npmi pairs) seen fewer times are never joined.")
  long minCount;

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  /** The settings, or null without {@code --phrases}; a phrase option alone is an error. */
  PhraseOptions options() {
    if (!enabled) {
      for (OptionSpec o : command.commandLine().getParseResult().matchedOptions()) {
        if (o.longestName().startsWith("--phrase-")) {
          throw new LexicaException(
              o.longestName() + " needs --phrases", "add --phrases, or leave it out");
        }
      }
      return null;
    }
    PhraseScorer s = PhraseScorer.parse(scorer);
    return new PhraseOptions(
        s, thresholds != null ? thresholds : PhraseOptions.defaults(s).thresholds(), minCount);
  }
}
