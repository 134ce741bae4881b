package io.lexica.pipeline;

import io.lexica.corpus.CorpusBuilder;
import io.lexica.corpus.CorpusReading;
import io.lexica.corpus.EncodedCorpus;
import io.lexica.corpus.IndexCorpusReader;
import io.lexica.corpus.Vocabulary;
import io.lexica.docs.SifComponent;
import io.lexica.train.word2vec.Continuation;
import io.lexica.train.word2vec.Word2VecOptions;
import io.lexica.vectors.ModelWeights;
import io.lexica.vectors.store.Lineage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The training runs of one {@link ModelUpdate}: the update on the new documents, then the {@link
 * Replay}, if any. Each run continues a model on the documents the index reader has selected, with
 * the model's own algorithm, and says what the model's lineage records of it. One per update; not
 * thread-safe (the reader's selection is shared).
 */
final class UpdatePhases {
  /**
   * One training run of an update and what its lineage step records.
   *
   * @param weights the model after the run
   * @param tokens the tokens of the corpus trained on
   * @param component the SIF component of that corpus under {@code weights}, or null when the run
   *     is not the update's last
   * @param wordsAdded the words the run added to the model
   */
  record Phase(
      ModelWeights weights,
      long tokens,
      SifComponent component,
      int wordsAdded,
      String kind,
      String selection,
      long documents,
      double seconds,
      String index,
      String fields) {
    Lineage.Step step() {
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

  private final Trainer.Algorithm algorithm;
  private final CorpusReading reading;
  private final IndexCorpusReader reader;
  private final Path index;
  private final List<String> fields;
  private final Consumer<String> log;

  /**
   * @param algorithm the model's algorithm
   * @param reading how the corpus is held
   * @param reader the index's reader, whose selected documents each run reads
   * @param index the index's folder, as the lineage records it
   * @param fields the fields read
   * @param log told what each run does, a line at a time
   */
  UpdatePhases(
      Trainer.Algorithm algorithm,
      CorpusReading reading,
      IndexCorpusReader reader,
      Path index,
      List<String> fields,
      Consumer<String> log) {
    this.algorithm = algorithm;
    this.reading = reading;
    this.reader = reader;
    this.index = index;
    this.fields = fields;
    this.log = log;
  }

  /** The index's reader, whose selection the runs read. */
  IndexCorpusReader reader() {
    return reader;
  }

  /**
   * Trains {@code from} on the documents the reader has selected, encoded on {@code vocabulary}.
   * The update's {@code last} run also computes the SIF component the model records, as a training
   * does ({@link SifComponent#ofCorpus}): that of the corpus it was trained on, with its new
   * weights and counts. The old model's component belongs to the old text and the old weights, and
   * document vectors embedded with the updated model must lose the direction common to what it
   * learned last.
   */
  Phase train(
      Vocabulary vocabulary,
      Word2VecOptions options,
      Continuation from,
      String selection,
      String kind,
      long start,
      boolean last) {
    try (EncodedCorpus corpus =
        reader.encode(
            vocabulary, reading.builder(vocabulary, CorpusBuilder.DEFAULT_MAX_SEQUENCE_LENGTH))) {
      int wordsAdded = vocabulary.size() - from.initial().vectors().size();
      log.accept(
          String.format(
              Locale.ROOT,
              "%s: %s; %,d tokens, %,d new words (read in %.1fs)",
              kind,
              selection,
              corpus.tokenCount(),
              wordsAdded,
              (System.nanoTime() - start) / 1e9));
      long trainStart = System.nanoTime();
      Trainer.Trained trained =
          Trainer.continuing(algorithm, options, from.initial()).train(corpus, from, log);
      trained.report().summary().forEach(log);
      double seconds = (System.nanoTime() - trainStart) / 1e9;
      return new Phase(
          trained.weights(),
          corpus.tokenCount(),
          last ? SifComponent.ofCorpus(trained.weights().vectors(), corpus) : null,
          wordsAdded,
          kind,
          selection,
          reader.documentCount(),
          seconds,
          index.toAbsolutePath().toString(),
          String.join(",", fields));
    }
  }
}
