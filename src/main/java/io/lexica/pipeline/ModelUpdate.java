package io.lexica.pipeline;

import io.lexica.LexicaException;
import io.lexica.analysis.AnalyzerSpec;
import io.lexica.corpus.CorpusReading;
import io.lexica.corpus.IndexCorpusReader;
import io.lexica.corpus.Vocabulary;
import io.lexica.index.DocumentSelection;
import io.lexica.index.IndexSnapshot;
import io.lexica.train.word2vec.Continuation;
import io.lexica.train.word2vec.Word2VecOptions;
import io.lexica.util.OutputPolicy;
import io.lexica.vectors.ModelWeights;
import io.lexica.vectors.store.Lineage;
import io.lexica.vectors.store.ModelFiles;
import io.lexica.vectors.store.ModelMetadata;
import io.lexica.vectors.store.ModelWriter;
import io.lexica.vectors.store.VectorStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An incremental update ({@code lexica update}): trains a word2vec or fastText model on the
 * documents added to its index since it was made, and replaces it (or writes another folder). The
 * model records its index's commit ({@link IndexSnapshot}); {@link DocumentSelection#addedSince}
 * finds the new documents from that record without reading the old ones. The run continues the
 * model ({@link Continuation}) with the hyperparameters it records, so an update needs no settings.
 *
 * <p>A word joins when the whole index holds it {@link Settings#minCount} times, counted from the
 * terms dictionaries (no old document is read), and the new documents hold it at least once (they
 * are what it is trained on). Counting the new documents alone, a word rare in each part would
 * never join, though a model trained from scratch on the index has it: on enwiki-17m split 80/20,
 * that was 6,886 of the 9,007 words the appended 20 % brought to the threshold. A field without a
 * terms dictionary (re-analysed from stored values) is counted in the new documents only, since
 * counting the old ones would mean re-analysing them all.
 *
 * <p>A replay ({@link Settings#replayPasses}) then makes passes over the whole index at a lower
 * rate (see {@link #REPLAY_RATE}), every row moving: the model's words learn from the new
 * documents, which the update cannot do without forgetting (at the full rate on the new documents
 * alone, enwiki-17m's model lost 8 analogy points). The update comes first because a new word needs
 * its full schedule to be placed: after one replay pass alone, new words' neighbours agreed with a
 * retrained model's at 0.02-0.07, after the update at 0.32. The replay subsamples frequent words
 * harder than the model did ({@link #REPLAY_SAMPLE}): they are most of a pass's time, and the model
 * knows them. One epoch over the new documents, then the replay, is the cheap catch-up: on
 * enwiki-17m 0.9 point below a retraining's analogy accuracy, its WS-353, SimLex and MEN matched,
 * in 23 % of its training time; the new words' neighbours agree with the retrained model's at 0.17
 * (two epochs: 0.25, in 31 %; the model's five: 0.31).
 *
 * <p>The updated model records the SIF common component of the corpus its last run trained on (the
 * new documents, or the replay's), computed as a training computes it, so that documents embedded
 * with it lose the direction common to what it learned last; the old model's component is not kept.
 *
 * <p>Use: {@link #prepare} checks everything (the model, its record, the output) before any work;
 * {@link #run} reads the index and trains. Not thread-safe; one update a call.
 */
public final class ModelUpdate {
  /** The old rows' rate unless given: the model's words keep their vectors. */
  public static final double OLD_RATE = 0;

  /**
   * The replay's initial learning rate as a fraction of the model's (decaying linearly to 0 over
   * the passes). On enwiki-17m (a model of the first 80 %, the last 20 % appended), one pass over
   * the whole index with every row at the model's own rate (0.025) gained nothing on analogies (it
   * undoes about as much as the new documents add); at 0.2 or 0.4 of it, 1.1 to 1.2 points
   * (35.3-35.5 % from 34.3 %), and two passes at 0.4 reached the retrained model (38.4 %, retrained
   * 38.5 %).
   */
  public static final double REPLAY_RATE = 0.4;

  /**
   * Passes of a replay unless given: two, the fewest that reached the retrained model's quality on
   * enwiki-17m (two fifths of the work of retraining a model of 5 epochs).
   */
  public static final int REPLAY_PASSES = 2;

  /**
   * The replay's subsampling threshold as a fraction of the model's, unless {@link
   * Settings#replaySample} is given: a tenth (1e-5 for the usual 1e-4). The frequent words'
   * occurrences are most of a pass's tokens and so most of its time, and the model knows those
   * words already; rare and new words are kept either way. On enwiki-17m two passes at 1e-5 took 21
   * % of the retraining's training time instead of 37 % at the model's 1e-4, and reached 36.5 %
   * analogy accuracy instead of 38.0 % (retrained: 37.5 %), with WS-353, SimLex and MEN at least as
   * high.
   */
  public static final double REPLAY_SAMPLE = 0.1;

  /**
   * What an update may change of the model's recorded run; null (or 0 passes) keeps the recorded
   * value or the default.
   *
   * @param out where the updated model goes, or null to replace the model
   * @param index the index to read, or null for the one the model records
   * @param fields the fields to read, or null for those the model records
   * @param minCount the admission count of a new word, or null for the model's
   * @param maxVocab the largest number of new words kept, 0 for no limit
   * @param sequenceField find new documents by this growing numeric field instead of by segment, or
   *     null
   * @param epochs passes over the new documents, or null for the model's
   * @param learningRate the initial rate, or null for the model's
   * @param oldRate the factor on the old rows' rate ({@link Continuation#oldRate}), or null for
   *     {@link #OLD_RATE}
   * @param replayPasses passes of the replay over the whole index after the update, 0 for none
   * @param replayShare the share of the old documents the replay trains on, in (0, 1]
   * @param replaySample the replay's subsampling threshold (0: keep every word), or null for {@link
   *     #REPLAY_SAMPLE} times the model's
   * @param threads training threads, or null for the processors
   * @param seed the random seed, or null for the model's
   * @param reading how the index is read (its analyzer, if any, re-analyses; null: the model's)
   * @param overwrite replace whatever is at {@code out}, not only a model
   * @param showProgress draw a progress line on a terminal while training
   */
  public record Settings(
      Path out,
      Path index,
      List<String> fields,
      Long minCount,
      int maxVocab,
      String sequenceField,
      Integer epochs,
      Double learningRate,
      Double oldRate,
      int replayPasses,
      double replayShare,
      Double replaySample,
      Integer threads,
      Long seed,
      CorpusReading reading,
      boolean overwrite,
      boolean showProgress) {
    /** The defaults: everything as the model records it, in place, no replay. */
    public static final Settings DEFAULTS =
        new Settings(
            null,
            null,
            null,
            null,
            0,
            null,
            null,
            null,
            null,
            0,
            1,
            null,
            null,
            null,
            CorpusReading.DEFAULTS,
            false,
            false);

    /** Checks the settings that are not the trainer's (those are checked with the model's). */
    public Settings {
      Objects.requireNonNull(reading, "reading");
      if (replayPasses < 0) {
        throw new IllegalArgumentException("replay passes must not be negative: " + replayPasses);
      }
      if (oldRate != null && !(oldRate >= 0 && oldRate <= 1)) {
        throw new IllegalArgumentException("the old rows' rate must be in [0, 1]: " + oldRate);
      }
      if (!(replayShare > 0 && replayShare <= 1)) {
        throw new IllegalArgumentException("replay share must be in (0, 1]: " + replayShare);
      }
      if (replaySample != null && !(replaySample >= 0)) {
        throw new IllegalArgumentException(
            "the replay's sample threshold must not be negative: " + replaySample);
      }
    }
  }

  /**
   * What an update did.
   *
   * @param updated whether a model was written (false: no document was added)
   * @param target the model written (or that would have been)
   * @param index the index read
   * @param words the updated model's words (0 when nothing was written)
   * @param newWords the words it gained
   * @param since the commit the model recorded
   * @param now the commit read
   */
  public record Result(
      boolean updated,
      Path target,
      Path index,
      int words,
      int newWords,
      IndexSnapshot since,
      IndexSnapshot now) {}

  private final Path model;
  private final Settings settings;
  private final Consumer<String> log;
  private final Map<String, String> recorded;
  private final Trainer.Algorithm algorithm;
  private final IndexSnapshot since;
  private final Path index;
  private final List<String> fields;
  private final long minCount;
  private final Word2VecOptions options;
  private final ModelWriter writer;
  private final boolean inPlace;

  private ModelUpdate(Path model, Settings settings, Consumer<String> log) {
    this.model = model;
    this.settings = settings;
    this.log = log;
    Path target = settings.out() == null ? model : settings.out();
    try (VectorStore store = ModelFiles.store(model)) {
      recorded = store.metadata();
    }
    String made = recorded.getOrDefault(VectorStore.KEY_ALGORITHM, "");
    algorithm = Trainer.Algorithm.byId(made);
    if (algorithm != Trainer.Algorithm.WORD2VEC && algorithm != Trainer.Algorithm.FASTTEXT) {
      throw new LexicaException(
          "a model made by '" + made + "' cannot be updated; word2vec and fasttext can",
          "retrain it on the whole index");
    }
    since = IndexSnapshot.fromMetadata(recorded);
    index =
        settings.index() != null
            ? settings.index()
            : Path.of(recorded.get(VectorStore.KEY_SOURCE_INDEX));
    inPlace = settings.out() == null || samePlace(settings.out(), model);
    OutputPolicy policy =
        OutputPolicy.overwrite(settings.overwrite()).reading(index).reading(inPlace ? null : model);
    writer = ModelWriter.directory(target, policy);
    if (inPlace) {
      VectorStore.KIND.check(model, policy); // replacing it is the point: no more to say
    } else {
      for (ModelWriter.Output o : writer.outputs()) {
        o.kind().check(o.path(), policy);
      }
    }
    fields =
        settings.fields() != null
            ? settings.fields()
            : List.of(recorded.get(VectorStore.KEY_SOURCE_FIELD).split(","));
    minCount =
        settings.minCount() != null
            ? settings.minCount()
            : Long.parseLong(
                recorded.getOrDefault(VectorStore.KEY_PARAM_PREFIX + "min_count", "5"));
    options = options();
  }

  /**
   * Checks, before any work, that {@code model} can be updated with {@code settings}: that it is a
   * word2vec or fastText model recording its index's commit and its settings, and that the result
   * may be written. Updating in place replaces the model that is read, which is what is asked for:
   * it is read whole before the atomic replacement, so it is not an input the output must keep away
   * from. With another {@code out}, the model is an input like the index, and what is at {@code
   * out} is replaced only if it is a model (or with {@link Settings#overwrite}): see {@link
   * #writer}.
   *
   * @param model the model directory
   * @param settings what the update may change
   * @param log told what the run does, a line at a time; {@code line -> {}} for nothing
   * @return the update, ready to {@link #run}
   * @throws LexicaException when the model cannot be updated so
   * @throws Word2VecOptions.InvalidSetting when an override of its settings is out of range
   */
  public static ModelUpdate prepare(Path model, Settings settings, Consumer<String> log) {
    return new ModelUpdate(model, settings, log);
  }

  /**
   * Where the updated model goes and under which policy, for a caller that reports what it replaces
   * (a model updated in place is checked already).
   *
   * @return the writer
   */
  public ModelWriter writer() {
    return writer;
  }

  /**
   * Whether the model is replaced (not written elsewhere).
   *
   * @return true when updating in place
   */
  public boolean inPlace() {
    return inPlace;
  }

  /**
   * The index read: the one given, or the one the model records.
   *
   * @return the index's folder
   */
  public Path index() {
    return index;
  }

  /**
   * Reads the documents added since the model was made and, when there are any, trains and writes
   * the updated model.
   *
   * @return what was done
   */
  public Result run() {
    long start = System.nanoTime();
    CorpusReading reading = settings.reading();
    if (reading.analyzer() == null && recorded.get(VectorStore.KEY_ANALYZER) != null) {
      // for re-analysis only
      reading = reading.withAnalyzer(AnalyzerSpec.parse(recorded.get(VectorStore.KEY_ANALYZER)));
    }
    try (IndexCorpusReader reader = reading.openIndex(index, fields);
        DocumentSelection fresh =
            DocumentSelection.addedSince(reader.index(), since, settings.sequenceField())) {
      IndexSnapshot now = IndexSnapshot.of(reader.index());
      if (fresh.isEmpty()) {
        return new Result(false, writer.target(), index, 0, 0, since, now);
      }
      ModelFiles.Contents current = current();
      ModelWeights weights = current.weights();
      Continuation from =
          new Continuation(weights, settings.oldRate() == null ? OLD_RATE : settings.oldRate());
      Vocabulary whole =
          reader.countsFromTerms() || settings.replayPasses() > 0 ? reader.vocabulary() : null;
      reader.select(fresh);
      Vocabulary added = reader.vocabulary();
      Vocabulary vocabulary =
          from.vocabulary(added, whole == null ? added : whole, minCount, settings.maxVocab());
      UpdatePhases phases = new UpdatePhases(algorithm, reading, reader, index, fields, log);
      UpdatePhases.Phase last =
          phases.train(
              vocabulary,
              options,
              from,
              fresh.describe(),
              "update",
              start,
              settings.replayPasses() == 0);
      Lineage lineage = Lineage.of(recorded).then(last.step());
      int newWords = last.wordsAdded();
      if (settings.replayPasses() > 0) {
        last = Replay.run(phases, fresh, whole, last.weights(), options, minCount, settings);
        lineage = lineage.then(last.step());
        newWords += last.wordsAdded();
      }
      ModelWeights updated = last.weights();
      ModelMetadata metadata =
          ModelMetadata.trained(
                  algorithm.id(),
                  options,
                  minCount,
                  new ModelMetadata.Corpus(
                      index.toAbsolutePath().toString(),
                      String.join(",", fields),
                      recorded.get(VectorStore.KEY_ANALYZER),
                      last.tokens(),
                      now))
              .lineage(lineage)
              .putAll(last.component().toMetadata());
      // The phrases stay: their rows are the model's words, and queries need them joined.
      writer.write(updated, current.phrases(), metadata);
      return new Result(
          true, writer.target(), index, updated.vectors().size(), newWords, since, now);
    }
  }

  /**
   * All the model's weights and phrases, read only once there is something new (an update run on a
   * schedule mostly finds nothing), and whole before the model is replaced.
   */
  private ModelFiles.Contents current() {
    ModelFiles.Contents current = ModelFiles.read(model);
    if (!current.metadata().equals(recorded)) {
      throw new LexicaException(
          model + " was replaced while this update read its index (another update?)",
          "run the update again: it starts from the model as it is now");
    }
    return current;
  }

  private static boolean samePlace(Path a, Path b) {
    try {
      return Files.exists(a) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The model's recorded options with the settings' overrides.
   *
   * @throws Word2VecOptions.InvalidSetting naming an override out of its range
   */
  private Word2VecOptions options() {
    Word2VecOptions.Builder b =
        ModelMetadata.readParams(Word2VecOptions.class, recorded).toBuilder();
    b.threads(
        settings.threads() != null
            ? settings.threads()
            : Runtime.getRuntime().availableProcessors());
    b.showProgress(settings.showProgress());
    if (settings.epochs() != null) {
      b.epochs(settings.epochs());
    }
    if (settings.learningRate() != null) {
      b.learningRate(settings.learningRate());
    }
    if (settings.seed() != null) {
      b.seed(settings.seed());
    }
    return b.build();
  }
}
