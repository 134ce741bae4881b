package io.lexica.pipeline;

import io.lexica.corpus.IndexCorpusReader;
import io.lexica.corpus.Vocabulary;
import io.lexica.index.DocumentSelection;
import io.lexica.train.word2vec.Continuation;
import io.lexica.train.word2vec.Word2VecOptions;
import io.lexica.vectors.ModelWeights;

/**
 * An update's replay ({@link ModelUpdate.Settings#replayPasses}): after the update on the new
 * documents, passes over the whole index, or over the new documents and a share of the others
 * ({@link ModelUpdate.Settings#replayShare}), at {@link ModelUpdate#REPLAY_RATE} of the model's
 * learning rate and with frequent words subsampled harder ({@link ModelUpdate#REPLAY_SAMPLE}),
 * every row moving, so that the model's words learn from the new documents; {@link ModelUpdate}
 * says why and what it gained. Words the whole index now holds often enough join as in the update.
 */
final class Replay {
  private Replay() {}

  /**
   * Runs the replay of {@code settings} on the updated model.
   *
   * @param phases the update's runs, whose reader is selected anew here
   * @param fresh the new documents (the update's selection)
   * @param whole the whole index's vocabulary
   * @param updated the model after the update on the new documents
   * @param options the update's options
   * @param minCount the admission count of a new word
   * @param settings the update's settings: passes, share, sample threshold, largest vocabulary
   * @return the replay's run
   */
  static UpdatePhases.Phase run(
      UpdatePhases phases,
      DocumentSelection fresh,
      Vocabulary whole,
      ModelWeights updated,
      Word2VecOptions options,
      long minCount,
      ModelUpdate.Settings settings) {
    long start = System.nanoTime();
    IndexCorpusReader reader = phases.reader();
    try (DocumentSelection replayed =
        settings.replayShare() < 1
            ? fresh.withShareOfOthers(reader.index(), settings.replayShare(), options.seed())
            : null) {
      if (replayed == null) {
        reader.selectAll();
      } else {
        reader.select(replayed);
      }
      Continuation again = new Continuation(updated, 1, true);
      Vocabulary all =
          again.vocabulary(
              replayed == null ? whole : reader.vocabulary(), whole, minCount, settings.maxVocab());
      return phases.train(
          all,
          options(options, settings.replayPasses(), settings.replaySample()),
          again,
          replayed == null ? "all " + reader.documentCount() + " documents" : replayed.describe(),
          "replay",
          start,
          true);
    }
  }

  /**
   * The options of the replay: the update's, for {@code passes} at {@link ModelUpdate#REPLAY_RATE},
   * with the subsampling threshold {@code sample} (null: {@link ModelUpdate#REPLAY_SAMPLE} times
   * the model's).
   */
  static Word2VecOptions options(Word2VecOptions update, int passes, Double sample) {
    return update.toBuilder()
        .epochs(passes)
        .learningRate(update.learningRate() * ModelUpdate.REPLAY_RATE)
        .sample(sample != null ? sample : update.sample() * ModelUpdate.REPLAY_SAMPLE)
        .build();
  }
}
