package io.lexica.vectors.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineageTest {
  private static Lineage.Step step(int i) {
    return new Lineage.Step(
        i == 0 ? "train" : "update",
        "2024-01-0" + (1 + i % 9) + "T00:00:00Z",
        "/idx",
        "body",
        i == 0 ? null : "segments _" + i,
        10 + i,
        100 + i,
        i,
        1.5,
        null);
  }

  @Test
  void roundTripsThroughMetadataAndKeepsTheFirstAndTheLatestSteps() {
    Lineage lineage = Lineage.NONE;
    for (int i = 0; i < Lineage.MAX_STEPS + 5; i++) {
      lineage = lineage.then(step(i));
    }
    assertEquals(Lineage.MAX_STEPS, lineage.steps().size());
    assertEquals(5, lineage.omitted());
    assertEquals(step(0), lineage.steps().get(0));
    assertEquals(step(6), lineage.steps().get(1));
    assertEquals(step(Lineage.MAX_STEPS + 4), lineage.steps().get(Lineage.MAX_STEPS - 1));
    Map<String, String> metadata = new HashMap<>();
    lineage.writeTo(metadata);
    assertEquals(lineage, Lineage.of(metadata));
    assertEquals("update", metadata.get("lineage.0100.kind"));
    assertEquals(Lineage.NONE, Lineage.of(Map.of("algorithm", "word2vec")));
  }
}
