package io.lexica.docs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.LexicaException;
import io.lexica.vectors.ExactEmbeddings;
import io.lexica.vectors.WordVectors;
import io.lexica.vectors.store.StoreOptions;
import io.lexica.vectors.store.VectorStore;
import io.lexica.vectors.store.VectorStoreWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Embedding documents from the model alone ({@link DocumentEmbedder#forModel}), as the OpenSearch
 * ingest processor does: weights from the model's counts, the SIF component it records, known
 * answers computed by hand; what a model lacks is refused with the reason; fusion's parts.
 */
class ModelDocumentEmbeddingTest {
  @TempDir Path tmp;

  /** "the" along axis 2 and frequent; cat and dog along axis 0, car along axis 1. */
  private static WordVectors vectors(long[] counts) {
    return new WordVectors(
        List.of("the", "cat", "dog", "car"),
        new float[] {0, 0, 2, 1, 0, 0, 0.8f, 0.6f, 0, 0, 3, 0},
        3,
        counts);
  }

  private static final long[] COUNTS = {900, 40, 50, 10};

  @Test
  void sifWeightsComeFromTheModelsCounts() {
    ExactEmbeddings model = new ExactEmbeddings(vectors(COUNTS));
    assertEquals(1000, model.totalCount());
    TermWeights w = TermWeights.fromModel(EmbeddingMethod.SIF, model, 1e-3);
    assertEquals(1e-3 / (1e-3 + 900 / 1000.0), w.weight("the"), 1e-7);
    assertEquals(1e-3 / (1e-3 + 10 / 1000.0), w.weight("car"), 1e-7);
    // a word without a count weighs as a word seen once
    assertEquals(1e-3 / (1e-3 + 1 / 1000.0), w.weight("zebra"), 1e-7);
    TermWeights idf = TermWeights.fromModel(EmbeddingMethod.IDF, model, 1e-3);
    assertEquals(Math.log(1 + (1000 - 900 + 0.5) / (900 + 0.5)), idf.weight("the"), 1e-6);
    assertTrue(idf.weight("car") > idf.weight("cat") && idf.weight("cat") > idf.weight("the"));
    assertEquals(1f, TermWeights.fromModel(EmbeddingMethod.MEAN, model, 1e-3).weight("the"));
  }

  @Test
  void aModelWithoutCountsOnlyEmbedsTheMean() {
    ExactEmbeddings imported = new ExactEmbeddings(vectors(null));
    for (EmbeddingMethod m : List.of(EmbeddingMethod.IDF, EmbeddingMethod.SIF)) {
      LexicaException e =
          assertThrows(LexicaException.class, () -> TermWeights.fromModel(m, imported, 1e-3));
      assertTrue(e.getMessage().contains("no corpus counts"), e.getMessage());
      assertTrue(e.remedy().contains("method mean"), e.remedy());
    }
    assertThrows(
        LexicaException.class, () -> TermWeights.fromModel(EmbeddingMethod.SIF, imported, 0));
    DocumentEmbedder mean = DocumentEmbedder.forModel(imported, EmbeddingMethod.MEAN);
    // standard analyzer (none recorded): "The CAT" -> the, cat; mean of (0,0,1) and (1,0,0)
    float s = (float) Math.sqrt(0.5);
    assertArrayEquals(new float[] {s, 0, s}, mean.embed("The CAT").vector(), 1e-6f);
  }

  @Test
  void theRecordedComponentRoundTripsAndSifUsesIt() {
    WordVectors v = vectors(COUNTS);
    ExactEmbeddings model = new ExactEmbeddings(v);
    List<List<String>> docs =
        List.of(List.of("the", "cat", "the"), List.of("the", "car"), List.of("dog", "the"));
    SifComponent c = SifComponent.compute(model, docs, 1e-3);
    assertEquals(3, c.documents());
    assertEquals(1, Math.sqrt(dot(c.vector(), c.vector())), 1e-5);
    assertEquals(c, SifComponent.fromMetadata(c.toMetadata(), 3));
    assertNull(SifComponent.fromMetadata(Map.of("algorithm", "x"), 3));
    assertThrows(LexicaException.class, () -> SifComponent.fromMetadata(c.toMetadata(), 4));
    Map<String, String> damaged = new HashMap<>(c.toMetadata());
    damaged.put(SifComponent.KEY_VECTOR, "0.1,zero,0.3");
    assertThrows(LexicaException.class, () -> SifComponent.fromMetadata(damaged, 3));

    // Written into a model: forModel embeds with the model's analyzer, counts and component.
    Path dir = tmp.resolve("m");
    Map<String, String> metadata = new HashMap<>(c.toMetadata());
    metadata.put(VectorStore.KEY_ANALYZER, "whitespace");
    VectorStoreWriter.write(v, metadata, dir, StoreOptions.DEFAULT);
    try (VectorStore store = VectorStore.open(dir)) {
      assertEquals(1000, store.totalCount());
      DocumentEmbedder sif = DocumentEmbedder.forModel(store, EmbeddingMethod.SIF);
      float[] expected = new float[3];
      TermWeights w = TermWeights.fromModel(EmbeddingMethod.SIF, model, 1e-3);
      for (String t : List.of("the", "cat", "Cat")) { // whitespace: "Cat" is unknown
        float[] u = model.unitVector(t);
        if (u != null) {
          for (int i = 0; i < 3; i++) {
            expected[i] += w.weight(t) * u[i];
          }
        }
      }
      CommonComponent.remove(expected, c.vector());
      double n = Math.sqrt(dot(expected, expected));
      for (int i = 0; i < 3; i++) {
        expected[i] /= (float) n;
      }
      DocumentVector got = sif.embed("the cat Cat");
      assertEquals(3, got.tokens());
      assertEquals(2, got.known());
      assertArrayEquals(expected, got.vector(), 1e-6f);
    }
    // A model that records no component cannot embed with SIF, and says why.
    Path bare = tmp.resolve("bare");
    VectorStoreWriter.write(v, Map.of("algorithm", "x"), bare, StoreOptions.DEFAULT);
    try (VectorStore store = VectorStore.open(bare)) {
      LexicaException e =
          assertThrows(
              LexicaException.class, () -> DocumentEmbedder.forModel(store, EmbeddingMethod.SIF));
      assertTrue(e.getMessage().contains("no SIF common component"), e.getMessage());
      assertTrue(e.remedy().contains("lexica train"), e.remedy());
      DocumentEmbedder.forModel(store, EmbeddingMethod.IDF); // counts suffice
    }
  }

  @Test
  void fusionPartsAddUpToTheFusedScoreAndBadSettingsAreRefused() {
    List<Hit> text = List.of(new Hit("a", 8), new Hit("b", 4));
    List<Hit> knn = List.of(new Hit("b", 0.5f), new Hit("c", -0.2f));
    Fusion w = Fusion.DEFAULT;
    Map<String, Float> fused = new HashMap<>();
    for (Hit h : w.fuse(text, knn, 10)) {
      fused.put(h.id(), h.score());
    }
    assertEquals(0.7, fused.get("a"), 1e-6);
    assertEquals(0.7 * 4 / 8 + 0.3 * 0.5, fused.get("b"), 1e-6);
    assertEquals(0.3 * -0.2, fused.get("c"), 1e-6);
    assertEquals(w.textPart(4, 8, 2) + w.vectorPart(0.5f, 1), fused.get("b"), 1e-6);
    Fusion rrf = Fusion.parse("rrf:10");
    assertEquals(1 / 12.0, rrf.textPart(4, 8, 2), 1e-12);
    // a bare "weighted" is the default fusion, as lexica_hybrid and --fusion default to it
    assertEquals(Fusion.DEFAULT, Fusion.parse("weighted"));
    assertEquals(Fusion.parse("rrf:60"), Fusion.parse("RRF"));
    for (String spec : List.of("weighted:0.7", "rrf:60.0", "weighted:0.25")) {
      assertEquals(Fusion.parse(spec), Fusion.parse(Fusion.parse(spec).spec()));
    }
    for (String bad : List.of("weighted:2", "weighted:-0.1", "rrf:0", "rrf:-5", "weighted:x")) {
      LexicaException e = assertThrows(LexicaException.class, () -> Fusion.parse(bad));
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
    assertEquals(0.5f, Fusion.cosine(0.75f), 1e-7f);
  }

  @Test
  void combineWeighsEachRankingsScoresOverItsBestOrItsReciprocalRanks() {
    List<Hit> one = List.of(new Hit("a", 8), new Hit("b", 4), new Hit("c", 2));
    List<Hit> two = List.of(new Hit("c", 0.5f), new Hit("a", 0.25f));
    List<Hit> three = List.of(new Hit("d", 3));
    Fusion sum = new Fusion(Fusion.Kind.WEIGHTED, 60, 1);
    List<Hit> got = sum.combine(List.of(one, two, three), List.of(1.0, 0.5, 0.0), 10);
    // a: 8/8 + 0.5 * 0.25/0.5; c: 2/8 + 0.5 * 1; b: 4/8; d weighs 0
    assertEquals(List.of("a", "c", "b", "d"), got.stream().map(Hit::id).toList());
    assertEquals(List.of(1.25f, 0.75f, 0.5f, 0f), got.stream().map(Hit::score).toList());
    // the weighted fusion's BM25 share plays no part: every ranking is scaled alike
    assertEquals(
        got,
        Fusion.parse("weighted:0.3").combine(List.of(one, two, three), List.of(1.0, 0.5, 0.0), 10));
    Fusion rrf = Fusion.parse("rrf:10");
    got = rrf.combine(List.of(one, two), List.of(1.0, 2.0), 2);
    // c: 1/13 + 2/11 = 0.2587; a: 1/11 + 2/12 = 0.2576; b: 1/12 (cut at 2)
    assertEquals(List.of("c", "a"), got.stream().map(Hit::id).toList());
    assertEquals(1 / 13.0 + 2 / 11.0, got.get(0).score(), 1e-6);
    assertEquals(1 / 11.0 + 2 / 12.0, got.get(1).score(), 1e-6);
    // one ranking weighing 1 is that ranking (RRF keeps its order, ties by id)
    assertEquals(
        List.of("a", "b", "c"),
        rrf.combine(List.of(one), List.of(1.0), 10).stream().map(Hit::id).toList());
    assertThrows(IllegalArgumentException.class, () -> rrf.combine(List.of(one), List.of(), 10));
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
