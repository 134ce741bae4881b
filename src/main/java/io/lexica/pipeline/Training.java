package io.lexica.pipeline;

import io.lexica.corpus.CorpusReading;
import io.lexica.corpus.EncodedCorpus;
import io.lexica.corpus.IndexCorpusReader;
import io.lexica.corpus.TokenSource;
import io.lexica.corpus.Vocabulary;
import io.lexica.docs.SifComponent;
import io.lexica.index.IndexSnapshot;
import io.lexica.phrases.PhraseLearner;
import io.lexica.phrases.PhraseList;
import io.lexica.phrases.PhraseOptions;
import io.lexica.train.word2vec.Continuation;
import io.lexica.vectors.ModelWeights;
import io.lexica.vectors.store.Lineage;
import io.lexica.vectors.store.ModelMetadata;
import io.lexica.vectors.store.ModelWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A training run end to end, from scratch or continuing a model: the source's vocabulary pruned (or
 * grown from the initial model's, {@link Continuation#vocabulary}), checked against the output, the
 * corpus encoded (with its phrases joined when asked), the {@link Trainer} run, and the model
 * written through a {@link ModelWriter} with its record: the settings, the corpus's origin and
 * commit, the lineage, the phrases and, since only the corpus gives it, the SIF component for
 * document vectors. {@code lexica train}, the facade's {@code Lexica.train} and the OpenSearch
 * plugin's training all run here, so a model records the same things however it was made. One run a
 * call; the source is the caller's to close.
 */
public final class Training {
  private Training() {}

  /**
   * Where a corpus's tokens came from, as a model's metadata records it.
   *
   * @param source the index (a folder, or an index of a cluster) or files read
   * @param fields the field(s) read, comma-separated, or null for text files
   * @param analyzer the analyzer spec that made the tokens, or null when unknown
   * @param snapshot the commit of a local index read (what an update compares with), or null: then
   *     a local {@link IndexCorpusReader}'s own commit is recorded
   */
  public record Origin(String source, String fields, String analyzer, IndexSnapshot snapshot) {}

  /**
   * The model a run continues.
   *
   * @param continuation the model's weights and how its rows train
   * @param metadata the model's record (its lineage goes on), empty for a vector file
   * @param location the model's path, as the lineage records it
   */
  public record Initial(Continuation continuation, Map<String, String> metadata, String location) {
    /** Checks that there is a continuation. */
    public Initial {
      Objects.requireNonNull(continuation, "continuation");
      Objects.requireNonNull(metadata, "metadata");
    }
  }

  /**
   * What a run trains and how.
   *
   * @param trainer the trainer and its settings
   * @param minCount words rarer than this in the corpus are left out (new words, when continuing)
   * @param maxVocab at most this many (most frequent) words are kept, 0 for no limit
   * @param phrases phrase detection's settings, or null for none
   * @param initial the model continued, or null to train from scratch
   * @param reading how the encoded corpus is held (memory limit, spill folder)
   */
  public record Settings(
      Trainer trainer,
      long minCount,
      int maxVocab,
      PhraseOptions phrases,
      Initial initial,
      CorpusReading reading) {
    /** Checks the settings. */
    public Settings {
      Objects.requireNonNull(trainer, "trainer");
      Objects.requireNonNull(reading, "reading");
      if (minCount < 0 || maxVocab < 0) {
        throw new IllegalArgumentException("min count and max vocabulary must not be negative");
      }
      if (phrases != null && initial != null) {
        throw new IllegalArgumentException(
            "phrases cannot be learned while continuing a model: its words were learned without"
                + " them");
      }
      if (initial != null && trainer instanceof Trainer.Glove) {
        throw new IllegalArgumentException("GloVe trains from scratch only");
      }
    }
  }

  /**
   * What a run made.
   *
   * @param weights the model's weights, as written
   * @param phrases the phrases the corpus was trained with ({@link PhraseList#EMPTY} for none)
   * @param tokens the tokens of the corpus trained on (one pass)
   */
  public record Result(ModelWeights weights, PhraseList phrases, long tokens) {}

  /**
   * Trains on {@code source} and writes the model with {@code writer}.
   *
   * @param source the tokens; a source may return a corpus that watches its readers from {@link
   *     TokenSource#encode} (progress) and carries a stop signal ({@link
   *     io.lexica.corpus.EncodedCorpus#stopSignal}: cancellation), whose exception ends the
   *     training in any phase
   * @param origin what the model records as its corpus's origin
   * @param settings what and how to train
   * @param writer where the model goes, checked already by the caller that reports what it replaces
   * @param log told a line at a time about the corpus and the training; {@code line -> {}} for
   *     nothing
   * @return what the run made
   */
  public static Result run(
      TokenSource source,
      Origin origin,
      Settings settings,
      ModelWriter writer,
      Consumer<String> log) {
    long start = System.nanoTime();
    Continuation from = settings.initial() == null ? null : settings.initial().continuation();
    Vocabulary full = source.vocabulary();
    Vocabulary vocabulary =
        from == null
            ? full.prune(settings.minCount(), settings.maxVocab())
            : from.vocabulary(full, settings.minCount(), settings.maxVocab());
    if (from == null) {
      log.accept(
          String.format(
              Locale.ROOT,
              "%s%d distinct words, %d with at least %d occurrences (%.1f%% of tokens)",
              source instanceof IndexCorpusReader r
                  ? "method "
                      + r.fields().stream()
                          .map(f -> r.methodFor(f).cliName())
                          .distinct()
                          .collect(Collectors.joining(","))
                      + "; "
                  : "",
              full.size(),
              vocabulary.size(),
              settings.minCount(),
              100.0 * vocabulary.totalCount() / full.totalCount()));
    }
    writer.checkWords(vocabulary.words()); // now, not after training
    long documents = -1;
    IndexSnapshot snapshot = origin.snapshot();
    if (source instanceof IndexCorpusReader r) {
      documents = r.documentCount();
      if (snapshot == null) {
        snapshot = IndexSnapshot.of(r.index());
      }
    }
    int maxSequenceLength = settings.trainer().maxSequenceLength();
    PhraseList phrases = PhraseList.EMPTY;
    EncodedCorpus corpus;
    if (settings.phrases() == null) {
      corpus = source.encode(vocabulary, settings.reading().builder(vocabulary, maxSequenceLength));
    } else {
      PhraseLearner.Result r = withPhrases(source, settings, maxSequenceLength, log);
      phrases = r.phrases();
      corpus = r.corpus();
    }
    try (corpus) {
      vocabulary = corpus.vocabulary();
      String kept =
          from == null
              ? ""
              : String.format(
                  Locale.ROOT,
                  " (%,d new, the others from the initial model)",
                  vocabulary.size() - from.initial().vectors().size());
      log.accept(
          String.format(
              Locale.ROOT,
              "corpus: %d words in the vocabulary%s, %d tokens, %d sequences (read in %.1fs)",
              vocabulary.size(),
              kept,
              corpus.tokenCount(),
              corpus.sequenceCount(),
              (System.nanoTime() - start) / 1e9));
      log.accept(vocabulary.mostFrequent(12));
      long trainStart = System.nanoTime();
      Trainer.Trained trained = settings.trainer().train(corpus, from, log);
      if (trained.report() != null) {
        trained.report().summary().forEach(log);
      }
      if (trained.fastText() != null) {
        writer.writeFastTextBin(trained.fastText());
      }
      if (trained.glove() != null) {
        writer.writeGloveBiases(
            trained.glove().vectors(),
            trained.glove().wordBiases(),
            trained.glove().contextBiases());
      }
      ModelWeights weights = trained.weights();
      double seconds = (System.nanoTime() - trainStart) / 1e9;
      String algorithm = settings.trainer().algorithm().id();
      if (!writer.isDirectory()) { // a vector file keeps no record: nothing to gather
        writer.write(weights, phrases, ModelMetadata.of(algorithm));
        return new Result(weights, phrases, corpus.tokenCount());
      }
      Training.Initial initial = settings.initial();
      int added = weights.vectors().size() - (from == null ? 0 : from.initial().vectors().size());
      Lineage.Step step =
          new Lineage.Step(
              initial == null ? "train" : "continue",
              Instant.now().toString(),
              origin.source(),
              origin.fields(),
              null,
              documents,
              corpus.tokenCount(),
              added,
              seconds,
              initial == null ? null : initial.location());
      Lineage lineage =
          (initial == null ? Lineage.NONE : Lineage.of(initial.metadata())).then(step);
      ModelMetadata metadata =
          ModelMetadata.trained(
                  algorithm,
                  settings.trainer().hyperparameters(),
                  settings.minCount(),
                  new ModelMetadata.Corpus(
                      origin.source(),
                      origin.fields(),
                      origin.analyzer(),
                      corpus.tokenCount(),
                      snapshot))
              .lineage(lineage);
      if (settings.phrases() != null) {
        metadata.phrases(settings.phrases(), phrases);
      }
      metadata.putAll(SifComponent.ofCorpus(weights.vectors(), corpus).toMetadata());
      writer.write(weights, phrases, metadata);
      return new Result(weights, phrases, corpus.tokenCount());
    }
  }

  /**
   * The corpus with its phrases joined: every token is encoded (phrases of rare words count), the
   * phrases are learned pass by pass, and the result is pruned as the settings ask.
   */
  private static PhraseLearner.Result withPhrases(
      TokenSource source, Settings settings, int maxSequenceLength, Consumer<String> log) {
    Vocabulary all = source.vocabulary();
    try (EncodedCorpus every =
        source.encode(all, settings.reading().builder(all, maxSequenceLength))) {
      return PhraseLearner.learn(
          every,
          settings.phrases(),
          settings.minCount(),
          settings.maxVocab(),
          v -> settings.reading().builder(v, maxSequenceLength),
          log);
    }
  }
}
