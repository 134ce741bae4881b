package io.lexica.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.Lexica;
import io.lexica.analysis.AnalyzerSpec;
import io.lexica.corpus.CorpusReading;
import io.lexica.docs.SifComponent;
import io.lexica.docs.TermWeights;
import io.lexica.index.Indexer;
import io.lexica.train.word2vec.Word2VecOptions;
import io.lexica.vectors.ExactEmbeddings;
import io.lexica.vectors.store.ModelFiles;
import io.lexica.vectors.store.VectorStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an update records besides its weights: the SIF common component of the text it trained on,
 * computed as a training computes it ({@link SifComponent#ofCorpus}), not the old model's.
 */
class ModelUpdateTest {
  private static final int DIMENSION = 8;

  @TempDir Path work;

  private static final List<String> OLD =
      List.of(
          "the king and the queen rode to the city",
          "the queen and the king spoke to the court",
          "a king rode to a city with the queen");

  /** New documents whose frequent words are not the old ones'. */
  private static final List<String> NEW =
      List.of(
          "zebra lion tiger graze near the river zebra",
          "lion and tiger hunt zebra at the river",
          "tiger lion zebra river river grass");

  private Path lines(String name, List<String> text, int copies) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int c = 0; c < copies; c++) {
      lines.addAll(text);
    }
    return Files.write(work.resolve(name), lines);
  }

  /** An index of the old text and a model trained on it; the model's path. */
  private Path trainedModel(Path index) throws IOException {
    Lexica.index(List.of(lines("old.txt", OLD, 20)), index);
    Path model = work.resolve("model");
    Lexica.TrainOptions small =
        Lexica.TrainOptions.defaults()
            .withMinCount(2)
            .withWord2Vec(
                Word2VecOptions.builder()
                    .dimension(DIMENSION)
                    .epochs(1)
                    .threads(1)
                    .seed(1)
                    .build());
    Lexica.train(index, "body", model, small).close();
    return model;
  }

  private static ModelUpdate.Settings settings(int replayPasses) {
    ModelUpdate.Settings d = ModelUpdate.Settings.DEFAULTS;
    return new ModelUpdate.Settings(
        d.out(),
        d.index(),
        d.fields(),
        d.minCount(),
        d.maxVocab(),
        d.sequenceField(),
        d.epochs(),
        d.learningRate(),
        d.oldRate(),
        replayPasses,
        d.replayShare(),
        d.replaySample(),
        1,
        d.seed(),
        CorpusReading.DEFAULTS,
        false,
        false);
  }

  /**
   * The component SIF computes over {@code documents} (each a sequence of the corpus, in order)
   * with the model's vectors and counts: what the model must record.
   */
  private static SifComponent expected(Path model, List<String> documents) {
    List<List<String>> tokens = new ArrayList<>();
    for (String d : documents) {
      tokens.add(Arrays.asList(d.split(" ")));
    }
    try (VectorStore store = VectorStore.open(model)) {
      return SifComponent.compute(
          new ExactEmbeddings(store.exportWordVectors()), tokens, TermWeights.DEFAULT_SIF_A);
    }
  }

  private static SifComponent recorded(Path model) {
    SifComponent c = SifComponent.fromMetadata(ModelFiles.metadata(model), DIMENSION);
    assertNotNull(c, "the model records a SIF component");
    return c;
  }

  private static void assertSameComponent(SifComponent expected, SifComponent actual) {
    assertEquals(expected.documents(), actual.documents());
    assertEquals(expected.a(), actual.a());
    assertArrayEquals(expected.vector(), actual.vector(), 1e-6f);
  }

  @Test
  void anUpdateRecordsTheSifComponentOfTheDocumentsItTrainedOn() throws IOException {
    Path index = work.resolve("index");
    Path model = trainedModel(index);
    SifComponent old = recorded(model);
    assertSameComponent(expected(model, lines(OLD, 20)), old); // training's own, as a check

    Path added = lines("new.txt", NEW, 10);
    new Indexer(AnalyzerSpec.builtIn("standard")).append(List.of(added), index);
    ModelUpdate.Result r = ModelUpdate.prepare(model, settings(0), line -> {}).run();
    assertTrue(r.updated());
    assertTrue(r.newWords() > 0, "zebra, lion, tiger ... joined");

    SifComponent updated = recorded(model);
    assertSameComponent(expected(model, lines(NEW, 10)), updated);
    assertFalse(
        Arrays.equals(old.vector(), updated.vector()), "the old text's component is not kept");
  }

  @Test
  void aReplayOverTheWholeIndexRecordsTheWholeIndexsComponent() throws IOException {
    Path index = work.resolve("index");
    Path model = trainedModel(index);
    SifComponent old = recorded(model);

    new Indexer(AnalyzerSpec.builtIn("standard")).append(List.of(lines("new.txt", NEW, 10)), index);
    assertTrue(ModelUpdate.prepare(model, settings(1), line -> {}).run().updated());

    List<String> all = new ArrayList<>(lines(OLD, 20));
    all.addAll(lines(NEW, 10));
    SifComponent updated = recorded(model);
    assertSameComponent(expected(model, all), updated);
    assertFalse(Arrays.equals(old.vector(), updated.vector()));
  }

  private static List<String> lines(List<String> text, int copies) {
    List<String> out = new ArrayList<>();
    for (int c = 0; c < copies; c++) {
      out.addAll(text);
    }
    return out;
  }
}
