package io.lexica.cli;

import io.lexica.LexicaException;
import io.lexica.pipeline.ModelUpdate;
import io.lexica.train.word2vec.Word2VecOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lexica update}: trains a word2vec or fastText model on the documents added to its index
 * since it was made, and replaces it (or writes {@code --out}). The options map onto {@link
 * ModelUpdate.Settings}; the update itself (finding the new documents, admitting words, continuing,
 * replaying, writing) is the library's {@link ModelUpdate}.
 */
@Command(
    name = "update",
    mixinStandardHelpOptions = true,
    description = {
      "Trains a model on the documents added to its index since it was made (or last updated),"
          + " continuing from all its weights, and replaces it atomically (or writes --out).",
      "New documents are those in segments the model has not seen, or with --sequence-field those"
          + " whose value of that numeric field is past the largest the index held. Deleted"
          + " documents are not unlearned; an updated document is new and trained again.",
      "A word joins when the whole index holds it --min-count times (from the terms"
          + " dictionaries) and the new documents hold it.",
      "By default the words the model had keep their vectors (--old-rate 0): the update only"
          + " places new words. With --replay they learn from the new documents too."
    },
    sortOptions = false)
final class UpdateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL", description = "The model directory to update.")
  Path model;

  @Mixin CorpusSourceOptions source;

  @Option(
      names = "--sequence-field",
      paramLabel = "FIELD",
      description =
          "Find new documents by this numeric point field, which must grow as documents are added"
              + " (an ingest time, a sequence number), instead of by segment: needed once segments"
              + " the model saw have been merged (default: none, by segment; OpenSearch's _seq_no"
              + " is used by itself then).")
  String sequenceField;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Write the updated model here and leave MODEL as it is (default: none, MODEL is"
              + " replaced).")
  Path out;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      converter = OptionTypes.PositiveInt.class,
      description = "Passes over the new documents (default: the model's).")
  Integer epochs;

  @Option(
      names = "--lr",
      paramLabel = "RATE",
      converter = OptionTypes.PositiveNumber.class,
      description =
          "Initial learning rate, decaying linearly to 0 over the update (default: the rate the"
              + " model was trained with).")
  Double lr;

  @Option(
      names = "--replay",
      description =
          "After the update, passes over the whole index (old and new documents) with every row"
              + " at "
              + ModelUpdate.REPLAY_RATE
              + " times the model's rate: the words the model had learn from the new documents"
              + " without forgetting the old ones (training them on the new documents alone"
              + " does). Costs --replay-passes epochs over the index, frequent words subsampled"
              + " (--replay-sample); moves the model's words. With --epochs 1 it catches up with a"
              + " retraining in about a quarter of its time.")
  boolean replay;

  @Option(
      names = "--replay-passes",
      paramLabel = "N",
      defaultValue = "" + ModelUpdate.REPLAY_PASSES,
      converter = OptionTypes.PositiveInt.class,
      description = "Passes of --replay over the whole index.")
  int replayPasses;

  @Option(
      names = "--replay-sample",
      paramLabel = "X",
      converter = OptionTypes.NonNegativeNumber.class,
      description =
          "Subsampling threshold of --replay's passes (default: "
              + ModelUpdate.REPLAY_SAMPLE
              + " times the model's): frequent words, which the model knows already, are most of"
              + " the time of a pass; 0 keeps every word.")
  Double replaySample;

  @Option(
      names = "--replay-share",
      paramLabel = "FRACTION",
      defaultValue = "1",
      converter = OptionTypes.Fraction.class,
      description =
          "The share of the old documents --replay trains on (drawn at random, by --seed), with"
              + " all the new ones: less work, less catching up; 1 = all.")
  double replayShare;

  @Mixin ContinuationOptions continuing;

  @Option(
      names = "--threads",
      paramLabel = "N",
      converter = OptionTypes.PositiveInt.class,
      description = "Training threads (default: the processors).")
  Integer threads;

  @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: the model's).")
  Long seed;

  @Mixin OutputOptions output;

  @Option(names = "--quiet", description = "No progress line and no summary.")
  boolean quiet;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
    if (source.inputs != null) {
      throw new LexicaException(
          "update reads the model's index, not --input files",
          "use 'lexica train --init MODEL --input FILE' to continue a model on text files");
    }
    ModelUpdate.Settings settings =
        new ModelUpdate.Settings(
            out,
            source.index,
            parsed.hasMatchedOption("--field") ? source.fields : null,
            parsed.hasMatchedOption("--min-count") ? source.minCount : null,
            source.maxVocab,
            sequenceField,
            epochs,
            lr,
            continuing.oldRate,
            replay ? replayPasses : 0,
            replayShare,
            replaySample,
            threads,
            seed,
            source.reading(),
            output.overwrite,
            !quiet);
    ModelUpdate update;
    try {
      update =
          ModelUpdate.prepare(
              model, settings, quiet ? line -> {} : line -> TrainCommand.log(err, line));
    } catch (Word2VecOptions.InvalidSetting e) {
      throw OptionTypes.invalid(e, "update");
    }
    if (!update.inPlace()) {
      output.check(update.writer()); // says what it replaces
    }
    ModelUpdate.Result result = update.run();
    if (!result.updated()) {
      TrainCommand.log(
          err,
          "nothing to do: no documents were added to "
              + result.index()
              + " since the model was made (commit "
              + result.since().generation()
              + "); "
              + model
              + " is unchanged"
              + (out == null ? "" : " and " + out + " was not written"));
    } else if (!quiet) {
      TrainCommand.log(
          err,
          String.format(
              Locale.ROOT,
              "model %s: %,d words (%,d new), as of commit %d of the index",
              result.target(),
              result.words(),
              result.newWords(),
              result.now().generation()));
    }
    return 0;
  }
}
