package io.lexica.cli;

import io.lexica.LexicaException;
import io.lexica.corpus.CorpusBuilder;
import io.lexica.corpus.EncodedCorpus;
import io.lexica.corpus.IndexCorpusReader;
import io.lexica.corpus.Vocabulary;
import io.lexica.index.DocumentSelection;
import io.lexica.index.IndexSnapshot;
import io.lexica.train.EpochRunner;
import io.lexica.train.fasttext.FastTextTrainer;
import io.lexica.train.word2vec.Continuation;
import io.lexica.train.word2vec.Word2VecOptions;
import io.lexica.train.word2vec.Word2VecTrainer;
import io.lexica.util.OutputPolicy;
import io.lexica.vectors.ModelWeights;
import io.lexica.vectors.Subwords;
import io.lexica.vectors.store.Lineage;
import io.lexica.vectors.store.ModelFiles;
import io.lexica.vectors.store.ModelMetadata;
import io.lexica.vectors.store.ModelWriter;
import io.lexica.vectors.store.VectorStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * since it was made, and replaces it (or writes {@code --out}). The model records its index's
 * commit ({@link IndexSnapshot}); {@link DocumentSelection#addedSince} finds the new documents from
 * that record without reading the old ones. The run continues the model ({@link Continuation}) with
 * the hyperparameters it records, so an update needs no options.
 *
 * <p>A word joins when the whole index holds it {@code --min-count} times, counted from the terms
 * dictionaries (no old document is read), and the new documents hold it at least once (they are
 * what it is trained on). Counting the new documents alone, a word rare in each part would never
 * join, though a model trained from scratch on the index has it: on enwiki-17m split 80/20, that
 * was 6,886 of the 9,007 words the appended 20 % brought to the threshold. A field without a terms
 * dictionary (re-analysed from stored values) is counted in the new documents only, since counting
 * the old ones would mean re-analysing them all.
 *
 * <p>{@code --replay} then makes passes over the whole index at a lower rate (see {@link
 * #REPLAY_RATE}), every row moving: the model's words learn from the new documents, which the
 * update cannot do without forgetting (at the full rate on the new documents alone, enwiki-17m's
 * model lost 8 analogy points). The update comes first because a new word needs its full schedule
 * to be placed: after one replay pass alone, new words' neighbours agreed with a retrained model's
 * at 0.02-0.07, after the update at 0.32. The replay subsamples frequent words harder than the
 * model did ({@link #REPLAY_SAMPLE}): they are most of a pass's time, and the model knows them.
 * {@code --replay --epochs 1} (one pass over the new documents, then the replay) is the cheap
 * catch-up: on enwiki-17m 0.9 point below a retraining's analogy accuracy, its WS-353, SimLex and
 * MEN matched, in 23 % of its training time; the new words' neighbours agree with the retrained
 * model's at 0.17 (with {@code --epochs 2}: 0.25, in 31 %; after the five-epoch update: 0.31).
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
  /**
   * {@code --old-rate} unless given: the model's words keep their vectors (see {@link
   * ContinuationOptions}).
   */
  static final double OLD_RATE = 0;

  /**
   * The replay's initial learning rate as a fraction of the model's (decaying linearly to 0 over
   * the passes). On enwiki-17m (a model of the first 80 %, the last 20 % appended), one pass over
   * the whole index with every row at the model's own rate (0.025) gained nothing on analogies (it
   * undoes about as much as the new documents add); at 0.2 or 0.4 of it, 1.1 to 1.2 points
   * (35.3-35.5 % from 34.3 %), and two passes at 0.4 reached the retrained model (38.4 %, retrained
   * 38.5 %).
   */
  static final double REPLAY_RATE = 0.4;

  /**
   * Passes of {@code --replay} unless given: two, the fewest that reached the retrained model's
   * quality on enwiki-17m (two fifths of the work of retraining a model of 5 epochs).
   */
  static final int REPLAY_PASSES = 2;

  /**
   * The replay's subsampling threshold as a fraction of the model's, unless {@code --replay-sample}
   * is given: a tenth (1e-5 for the usual 1e-4). The frequent words' occurrences are most of a
   * pass's tokens and so most of its time, and the model knows those words already; rare and new
   * words are kept either way. On enwiki-17m two passes at 1e-5 took 21 % of the retraining's
   * training time instead of 37 % at the model's 1e-4, and reached 36.5 % analogy accuracy instead
   * of 38.0 % (retrained: 37.5 %), with WS-353, SimLex and MEN at least as high.
   */
  static final double REPLAY_SAMPLE = 0.1;

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
              + REPLAY_RATE
              + " times the model's rate: the words the model had learn from the new documents"
              + " without forgetting the old ones (training them on the new documents alone"
              + " does). Costs --replay-passes epochs over the index, frequent words subsampled"
              + " (--replay-sample); moves the model's words. With --epochs 1 it catches up with a"
              + " retraining in about a quarter of its time.")
  boolean replay;

  @Option(
      names = "--replay-passes",
      paramLabel = "N",
      defaultValue = "" + REPLAY_PASSES,
      converter = OptionTypes.PositiveInt.class,
      description = "Passes of --replay over the whole index.")
  int replayPasses;

  @Option(
      names = "--replay-sample",
      paramLabel = "X",
      converter = OptionTypes.NonNegativeNumber.class,
      description =
          "Subsampling threshold of --replay's passes (default: "
              + REPLAY_SAMPLE
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
    Map<String, String> recorded;
    Path target = out == null ? model : out;
    IndexSnapshot since;
    try (VectorStore store = ModelFiles.store(model)) {
      recorded = store.metadata();
      String algorithm = recorded.getOrDefault(VectorStore.KEY_ALGORITHM, "");
      if (!algorithm.equals("word2vec") && !algorithm.equals("fasttext")) {
        throw new LexicaException(
            "a model made by '" + algorithm + "' cannot be updated; word2vec and fasttext can",
            "retrain it on the whole index");
      }
      since = IndexSnapshot.fromMetadata(recorded);
      if (source.index == null) {
        source.index = Path.of(recorded.get(VectorStore.KEY_SOURCE_INDEX));
      }
      checkOutput(target);
    }
    String algorithm = recorded.get(VectorStore.KEY_ALGORITHM);
    if (!parsed.hasMatchedOption("--field")) {
      source.fields = List.of(recorded.get(VectorStore.KEY_SOURCE_FIELD).split(","));
    }
    if (!parsed.hasMatchedOption("--min-count")) {
      source.minCount =
          Long.parseLong(recorded.getOrDefault(VectorStore.KEY_PARAM_PREFIX + "min_count", "5"));
    }
    if (source.analyzer == null) {
      source.analyzer = recorded.get(VectorStore.KEY_ANALYZER); // for re-analysis only
    }
    Word2VecOptions options = options(recorded);
    long start = System.nanoTime();
    IndexCorpusReader reader = (IndexCorpusReader) source.open();
    try (reader;
        DocumentSelection fresh =
            DocumentSelection.addedSince(reader.index(), since, sequenceField)) {
      IndexSnapshot now = IndexSnapshot.of(reader.index());
      if (fresh.isEmpty()) {
        TrainCommand.log(
            err,
            "nothing to do: no documents were added to "
                + source.index
                + " since the model was made (commit "
                + since.generation()
                + "); "
                + model
                + " is unchanged"
                + (out == null ? "" : " and " + out + " was not written"));
        return 0;
      }
      ModelFiles.Contents current = current(recorded);
      ModelWeights weights = current.weights();
      Continuation from = continuing.continuation(weights, OLD_RATE);
      Vocabulary whole = reader.countsFromTerms() || replay ? reader.vocabulary() : null;
      reader.select(fresh);
      Vocabulary added = reader.vocabulary();
      Vocabulary vocabulary =
          from.vocabulary(added, whole == null ? added : whole, source.minCount, source.maxVocab);
      int newWords = vocabulary.size() - weights.vectors().size();
      Phase update =
          train(algorithm, reader, vocabulary, options, from, fresh.describe(), "update", start);
      Lineage lineage = Lineage.of(recorded).then(update.step(newWords));
      ModelWeights updated = update.weights();
      long tokens = update.tokens();
      if (replay) {
        long replayStart = System.nanoTime();
        try (DocumentSelection replayed =
            replayShare < 1
                ? fresh.withShareOfOthers(reader.index(), replayShare, options.seed())
                : null) {
          if (replayed == null) {
            reader.selectAll();
          } else {
            reader.select(replayed);
          }
          Continuation again = new Continuation(updated, 1, true);
          Vocabulary all =
              again.vocabulary(
                  replayed == null ? whole : reader.vocabulary(),
                  whole,
                  source.minCount,
                  source.maxVocab);
          Phase pass =
              train(
                  algorithm,
                  reader,
                  all,
                  replayOptions(options, replayPasses, replaySample),
                  again,
                  replayed == null
                      ? "all " + reader.documentCount() + " documents"
                      : replayed.describe(),
                  "replay",
                  replayStart);
          lineage = lineage.then(pass.step(all.size() - updated.vectors().size()));
          newWords += all.size() - updated.vectors().size();
          updated = pass.weights();
          tokens = pass.tokens();
        }
      }
      ModelMetadata metadata =
          ModelMetadata.trained(
                  algorithm,
                  options,
                  source.minCount,
                  new ModelMetadata.Corpus(
                      source.index.toAbsolutePath().toString(),
                      String.join(",", source.fields),
                      recorded.get(VectorStore.KEY_ANALYZER),
                      tokens,
                      now))
              .lineage(lineage);
      // The phrases stay: their rows are the model's words, and queries need them joined.
      writer.write(updated, current.phrases(), metadata);
      if (!quiet) {
        TrainCommand.log(
            err,
            String.format(
                Locale.ROOT,
                "model %s: %,d words (%,d new), as of commit %d of the index",
                target,
                updated.vectors().size(),
                newWords,
                now.generation()));
      }
      return 0;
    }
  }

  /**
   * One training run of an update and what its lineage step records.
   *
   * @param weights the model after the run
   * @param tokens the tokens of the corpus trained on
   */
  private record Phase(
      ModelWeights weights,
      long tokens,
      String kind,
      String selection,
      long documents,
      double seconds,
      String index,
      String fields) {
    Lineage.Step step(int wordsAdded) {
      return new Lineage.Step(
          kind,
          Instant.now().toString(),
          index,
          fields,
          selection,
          documents,
          tokens,
          wordsAdded,
          seconds,
          null);
    }
  }

  /**
   * Trains {@code from} on the documents {@code reader} has selected, encoded on {@code
   * vocabulary}.
   */
  private Phase train(
      String algorithm,
      IndexCorpusReader reader,
      Vocabulary vocabulary,
      Word2VecOptions options,
      Continuation from,
      String selection,
      String kind,
      long start) {
    PrintWriter err = spec.commandLine().getErr();
    EncodedCorpus corpus =
        reader.encode(
            vocabulary, source.builder(vocabulary, CorpusBuilder.DEFAULT_MAX_SEQUENCE_LENGTH));
    if (!quiet) {
      TrainCommand.log(
          err,
          String.format(
              Locale.ROOT,
              "%s: %s; %,d tokens, %,d new words (read in %.1fs)",
              kind,
              selection,
              corpus.tokenCount(),
              vocabulary.size() - from.initial().vectors().size(),
              (System.nanoTime() - start) / 1e9));
    }
    long trainStart = System.nanoTime();
    ModelWeights trained;
    EpochRunner.Report report;
    if (algorithm.equals("fasttext")) {
      FastTextTrainer.Result r =
          FastTextTrainer.train(corpus, options, subwords(from.initial()), from);
      trained = r.weights();
      report = r.report();
    } else {
      Word2VecTrainer.Result r = Word2VecTrainer.train(corpus, options, from);
      trained = r.weights();
      report = r.report();
    }
    if (!quiet) {
      TrainCommand.summary(err, report);
    }
    return new Phase(
        trained,
        corpus.tokenCount(),
        kind,
        selection,
        reader.documentCount(),
        (System.nanoTime() - trainStart) / 1e9,
        source.index.toAbsolutePath().toString(),
        String.join(",", source.fields));
  }

  /**
   * All the model's weights and phrases, read only once there is something new (an update run on a
   * schedule mostly finds nothing), and whole before the model is replaced.
   */
  private ModelFiles.Contents current(Map<String, String> recorded) {
    ModelFiles.Contents current = ModelFiles.read(model);
    if (!current.metadata().equals(recorded)) {
      throw new LexicaException(
          model + " was replaced while this update read its index (another update?)",
          "run the update again: it starts from the model as it is now");
    }
    return current;
  }

  /** Writes the updated model; set by {@link #checkOutput}. */
  private ModelWriter writer;

  /**
   * Checks, before any work, that the updated model may be written at {@code target}. Updating in
   * place replaces the model that is read, which is what was asked for: it is read whole before the
   * atomic replacement, so it is not an input the output must keep away from. With another {@code
   * --out}, the model is an input like the index, and what is at {@code --out} is replaced only if
   * it is a model (or with {@code --overwrite}).
   */
  private void checkOutput(Path target) {
    boolean inPlace = out == null || samePlace(out, model);
    OutputPolicy policy = output.policy(source.paths()).reading(inPlace ? null : model);
    writer = ModelWriter.directory(target, policy);
    if (inPlace) {
      VectorStore.KIND.check(model, policy); // no "replacing" line: replacing it is the command
    } else {
      output.check(writer);
    }
  }

  private static boolean samePlace(Path a, Path b) {
    try {
      return Files.exists(a) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  /** The model's recorded options with this command's overrides. */
  private Word2VecOptions options(Map<String, String> recorded) {
    Word2VecOptions.Builder b =
        ModelMetadata.readParams(Word2VecOptions.class, recorded).toBuilder();
    b.threads(threads != null ? threads : Runtime.getRuntime().availableProcessors());
    b.showProgress(!quiet);
    if (epochs != null) {
      b.epochs(epochs);
    }
    if (lr != null) {
      b.learningRate(lr);
    }
    if (seed != null) {
      b.seed(seed);
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new LexicaException(
          "bad training option: " + e.getMessage(), "see lexica update --help");
    }
  }

  /**
   * The options of the replay: the update's, for {@code passes} at {@link #REPLAY_RATE}, with the
   * subsampling threshold {@code sample} (null: {@link #REPLAY_SAMPLE} times the model's).
   */
  private static Word2VecOptions replayOptions(Word2VecOptions update, int passes, Double sample) {
    return update.toBuilder()
        .epochs(passes)
        .learningRate(update.learningRate() * REPLAY_RATE)
        .sample(sample != null ? sample : update.sample() * REPLAY_SAMPLE)
        .build();
  }

  /** The n-gram scheme of a subword model: its n-gram rows', or none. */
  private static Subwords subwords(ModelWeights weights) {
    return weights.ngrams() != null
        ? weights.ngrams().subwords()
        : new Subwords(0, 0, Subwords.DEFAULT_BUCKETS);
  }
}
