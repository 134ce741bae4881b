package io.lexica.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensearch.index.query.QueryBuilder;

/**
 * The {@code lexica_expand} builder crosses nodes (transport) and REST (JSON) unchanged: random
 * builders survive both round trips through the registries OpenSearch builds from the plugin, and
 * bad input is refused with the reason.
 */
class LexicaExpandQueryBuilderTest {
  @TempDir Path config;

  static LexicaExpandQueryBuilder random(Random r) {
    LexicaExpandQueryBuilder b =
        new LexicaExpandQueryBuilder(
            "field" + r.nextInt(3), "text \"quoted\" ü " + r.nextInt(100), "model-" + r.nextInt(3));
    if (r.nextBoolean()) {
      b.k(1 + r.nextInt(50));
    }
    if (r.nextBoolean()) {
      b.minSimilarity(r.nextFloat() * 2 - 1);
    }
    if (r.nextBoolean()) {
      b.weight(0.01f + r.nextFloat());
    }
    if (r.nextBoolean()) {
      b.mode(r.nextBoolean() ? "per_term" : "CENTROID");
    }
    if (r.nextBoolean()) {
      b.boost(0.5f + r.nextInt(4));
    }
    if (r.nextBoolean()) {
      b.queryName("q" + r.nextInt(5));
    }
    return b;
  }

  @Test
  void wireAndJsonRoundTrips() throws IOException {
    QueryRoundTrips trips = new QueryRoundTrips(config);
    Random r = new Random(42);
    for (int i = 0; i < 200; i++) {
      trips.assertRoundTrips(random(r));
    }
  }

  @Test
  void documentedJsonParses() throws IOException {
    QueryBuilder parsed =
        new QueryRoundTrips(config)
            .parse(
                """
                {"lexica_expand": {"field": "body", "query": "car engine", "model": "wiki",
                                   "k": 5, "min_similarity": 0.6, "weight": 0.3, "mode": "per_term"}}
                """);
    assertEquals(
        new LexicaExpandQueryBuilder("body", "car engine", "wiki")
            .k(5)
            .minSimilarity(0.6f)
            .weight(0.3f)
            .mode("per_term"),
        parsed);
    assertNotEquals(new LexicaExpandQueryBuilder("body", "car engine", "wiki"), parsed);
  }

  @Test
  void badInputIsRefusedWithTheReason() {
    QueryRoundTrips trips = new QueryRoundTrips(config);
    trips.assertReason("{\"lexica_expand\":{\"query\":\"a\",\"model\":\"m\"}}", "[field]");
    trips.assertReason("{\"lexica_expand\":{\"field\":\"f\",\"model\":\"m\"}}", "[query]");
    trips.assertReason("{\"lexica_expand\":{\"field\":\"f\",\"query\":\"a\"}}", "[model]");
    trips.assertReason(body("\"k\": 0"), "[k] k must be at least 1, not 0");
    trips.assertReason(body("\"k\": -3"), "[k] k must be at least 1, not -3");
    trips.assertReason(body("\"min_similarity\": 1.5"), "[min_similarity]");
    trips.assertReason(body("\"weight\": 0"), "[weight] expansion weight must be positive");
    trips.assertReason(body("\"mode\": \"both\""), "per_term, centroid or joint");
    trips.assertReason(body("\"kk\": 3"), "unknown field [kk]");
  }

  private static String body(String extra) {
    return "{\"lexica_expand\":{\"field\":\"f\",\"query\":\"a\",\"model\":\"m\"," + extra + "}}";
  }
}
