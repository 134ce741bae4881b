package io.lexica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.analysis.AnalyzerSpec;
import io.lexica.index.Indexer;
import io.lexica.pipeline.ModelUpdate;
import io.lexica.train.word2vec.Word2VecOptions;
import io.lexica.vectors.store.ModelFiles;
import io.lexica.vectors.store.VectorStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The facade's update: a model trained by {@link Lexica#train} learns the documents added since.
 */
class LexicaUpdateTest {
  @TempDir Path work;

  private Path lines(String name, String extra, int documents) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int d = 0; d < documents; d++) {
      lines.add("the king and the queen rode to the city " + extra);
    }
    return Files.write(work.resolve(name), lines);
  }

  @Test
  void aFacadeModelLearnsTheDocumentsAddedToItsIndex() throws IOException {
    Path index = work.resolve("index");
    Lexica.index(List.of(lines("first.txt", "", 40)), index);
    Path model = work.resolve("model");
    Lexica.TrainOptions small =
        Lexica.TrainOptions.defaults()
            .withMinCount(2)
            .withWord2Vec(
                Word2VecOptions.builder().dimension(8).epochs(1).threads(1).seed(1).build());
    Lexica.train(index, "body", model, small).close();
    List<String> log = new ArrayList<>();
    ModelUpdate.Result unchanged = Lexica.update(model, log::add);
    assertFalse(unchanged.updated(), "no document was added");

    new Indexer(AnalyzerSpec.builtIn("standard"))
        .append(List.of(lines("more.txt", "zebra", 3)), index);
    ModelUpdate.Result r = Lexica.update(model, log::add);
    assertTrue(r.updated());
    assertEquals(1, r.newWords(), "zebra, 3 times in the new documents");
    try (VectorStore store = VectorStore.open(model)) {
      assertTrue(store.contains("zebra"));
      assertEquals(r.words(), store.size());
    }
    Map<String, String> meta = ModelFiles.metadata(model);
    assertEquals("train", meta.get("lineage.0001.kind"));
    assertEquals("update", meta.get("lineage.0002.kind"));
    assertTrue(log.stream().anyMatch(l -> l.startsWith("update: ")), log.toString());
    assertFalse(Lexica.update(model, line -> {}).updated(), "nothing added since the update");
  }
}
