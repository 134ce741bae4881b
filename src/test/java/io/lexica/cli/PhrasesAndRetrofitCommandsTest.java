package io.lexica.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.phrases.PhraseList;
import io.lexica.vectors.WordVectors;
import io.lexica.vectors.store.Lineage;
import io.lexica.vectors.store.ModelCheck;
import io.lexica.vectors.store.StoreOptions;
import io.lexica.vectors.store.VectorStore;
import io.lexica.vectors.store.VectorStoreWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lexica train --phrases} and {@code lexica retrofit} end to end. */
class PhrasesAndRetrofitCommandsTest {
  @TempDir Path dir;

  /** Text where "machine learning" always comes as a pair, among random filler words. */
  private Path plantedText() throws Exception {
    Random r = new Random(7);
    List<String> lines = new ArrayList<>();
    for (int d = 0; d < 200; d++) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 20; i++) {
        sb.append(r.nextInt(8) == 0 ? "Machine Learning " : "w" + r.nextInt(100) + " ");
      }
      lines.add(sb.toString());
    }
    Path text = dir.resolve("text.txt");
    Files.write(text, lines);
    return text;
  }

  @Test
  void trainWithPhrasesKeepsThePhraseListAndLearnsThePhraseAsAWord() throws Exception {
    Path model = dir.resolve("model");
    CliRun run =
        CliRun.run(
            "train",
            "--input",
            plantedText().toString(),
            "--phrases",
            "--phrase-threshold",
            "5",
            "--dim",
            "8",
            "--epochs",
            "1",
            "--threads",
            "1",
            "--min-count",
            "1",
            "--out",
            model.toString());
    assertEquals(0, run.code(), run.err());
    assertTrue(run.err().contains("phrases, pass 1"), run.err());
    assertEquals(List.of("machine_learning"), PhraseList.read(model).tokens());
    try (VectorStore store = VectorStore.open(model)) {
      assertTrue(store.contains("machine_learning"));
      assertFalse(store.contains("learning"), "learning never occurred alone");
      assertEquals("1", store.metadata().get("param.phrases"));
      assertEquals("[5.0]", store.metadata().get("param.phrase_thresholds"));
    }
    assertTrue(ModelCheck.run(model).intact());
  }

  @Test
  void phraseOptionsAreCheckedBeforeTheCorpusIsRead() throws Exception {
    String text = plantedText().toString();
    CliRun alone = CliRun.run("train", "--input", text, "--phrase-threshold", "5", "--print");
    assertEquals(3, alone.code());
    assertTrue(alone.err().contains("--phrase-threshold needs --phrases"), alone.err());
    CliRun file =
        CliRun.run("train", "--input", text, "--phrases", "--out", dir.resolve("v.bin").toString());
    assertEquals(3, file.code());
    assertTrue(file.err().contains("model directory"), file.err());
    CliRun npmi =
        CliRun.run(
            "train",
            "--input",
            text,
            "--phrases",
            "--phrase-scorer",
            "npmi",
            "--phrase-threshold",
            "2",
            "--print");
    assertEquals(3, npmi.code());
    assertTrue(npmi.err().contains("(-1, 1)"), npmi.err());
  }

  @Test
  void retrofitWritesAModelThatRecordsTheLexiconAndKeepsThePhrases() throws Exception {
    Path model = dir.resolve("in");
    float[] data = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    VectorStoreWriter.write(
        new WordVectors(List.of("sofa", "couch", "new_york"), data, 3, new long[] {3, 2, 1}),
        Map.of(VectorStore.KEY_ALGORITHM, "test", VectorStore.KEY_ANALYZER, "standard"),
        model,
        StoreOptions.DEFAULT);
    PhraseList.of(List.of(List.of(new PhraseList.Phrase("new", "york", 1, 1))))
        .write(model.resolve(PhraseList.FILE_NAME));
    Path synonyms = dir.resolve("synonyms.txt");
    Files.writeString(synonyms, "Sofa, Couch\nNew York, NYC\n");
    Path out = dir.resolve("out");
    CliRun run =
        CliRun.run(
            "retrofit",
            model.toString(),
            "--lexicon",
            synonyms.toString(),
            "--alpha-exponent",
            "0",
            "--interpolation",
            "1",
            "--out",
            out.toString());
    assertEquals(0, run.code(), run.err());
    assertTrue(
        run.out().startsWith("retrofit: 3 of the lexicons' 4 words are in the model"), run.out());
    try (VectorStore store = VectorStore.open(out)) {
      Map<String, String> meta = store.metadata();
      assertEquals("retrofit", meta.get("retrofit.method"));
      assertEquals("solr:" + synonyms.toAbsolutePath(), meta.get("retrofit.lexicons"));
      assertEquals("test", meta.get(VectorStore.KEY_ALGORITHM), "the model's own record stays");
      assertEquals("retrofit", Lineage.of(meta).steps().get(0).kind());
      assertEquals("1.0", meta.get("retrofit.interpolation"));
      assertEquals("0.0", meta.get("retrofit.alpha-exponent"));
      // Faruqui's settings: the fixed point of (q̂ + neighbour) / 2: (2ŝ + ĉ) / 3 and (ŝ + 2ĉ) / 3,
      // cosine 4/5
      assertEquals(0.8, store.similarity("sofa", "couch"), 0.01);
      assertEquals(1, store.similarity("new_york", "new_york"), 1e-6);
    }
    assertEquals(List.of("new_york"), PhraseList.read(out).tokens());
    CliRun missing =
        CliRun.run(
            "retrofit",
            model.toString(),
            "--lexicon",
            "wordnet:" + dir.resolve("no"),
            "--out",
            dir.resolve("o2").toString());
    assertEquals(3, missing.code());
    assertTrue(missing.err().contains("wordnet-base"), missing.err());
  }
}
