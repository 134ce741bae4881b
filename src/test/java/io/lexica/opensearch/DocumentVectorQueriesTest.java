package io.lexica.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.docs.Fusion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensearch.index.query.QueryBuilder;
import org.opensearch.index.query.TermQueryBuilder;

/**
 * {@code lexica_knn} and {@code lexica_hybrid} cross nodes and REST unchanged, parse their
 * documented form, and refuse bad input with the reason (400); an unfetched hybrid query is never
 * sent.
 */
class DocumentVectorQueriesTest {
  @TempDir Path config;

  private static QueryBuilder filter(Random r) {
    return r.nextBoolean() ? null : new TermQueryBuilder("tag", "t" + r.nextInt(3));
  }

  @Test
  void wireAndJsonRoundTrips() throws IOException {
    QueryRoundTrips trips = new QueryRoundTrips(config);
    Random r = new Random(3);
    for (int i = 0; i < 100; i++) {
      LexicaKnnQueryBuilder knn =
          new LexicaKnnQueryBuilder("vec" + r.nextInt(2), "jet \"engine\" ü " + r.nextInt(9))
              .k(1 + r.nextInt(LexicaKnnQueryBuilder.MAX_K))
              .filter(filter(r));
      trips.assertRoundTrips(r.nextBoolean() ? knn : knn.boost(2).queryName("n"));
      LexicaHybridQueryBuilder hybrid =
          new LexicaHybridQueryBuilder("text " + r.nextInt(9), "body", "vec")
              .depth(1 + r.nextInt(1000))
              .fusion(r.nextBoolean() ? "rrf:" + (1 + r.nextInt(100)) : "weighted:" + r.nextFloat())
              .filter(filter(r));
      trips.assertRoundTrips(hybrid);
    }
  }

  @Test
  void documentedJsonParsesWithTheDefaults() throws IOException {
    QueryRoundTrips trips = new QueryRoundTrips(config);
    assertEquals(
        new LexicaKnnQueryBuilder("vec", "jet engine noise")
            .k(10)
            .filter(new TermQueryBuilder("lang", "en")),
        trips.parse(
            """
            {"lexica_knn": {"field": "vec", "query": "jet engine noise", "k": 10,
                            "filter": {"term": {"lang": "en"}}}}
            """));
    LexicaHybridQueryBuilder hybrid =
        (LexicaHybridQueryBuilder)
            trips.parse(
                """
                {"lexica_hybrid": {"query": "jet engine noise", "text_field": "body",
                                   "vector_field": "vec"}}
                """);
    assertEquals(Fusion.DEFAULT, hybrid.fusion());
    assertEquals(new LexicaHybridQueryBuilder("jet engine noise", "body", "vec"), hybrid);
    assertTrue(QueryRoundTrips.json(hybrid).contains("\"depth\":100"));
    assertEquals(10, new LexicaKnnQueryBuilder("vec", "x").k());
  }

  @Test
  void badInputIsRefusedWithTheReason() {
    QueryRoundTrips trips = new QueryRoundTrips(config);
    trips.assertReason("{\"lexica_knn\": {\"query\": \"a\"}}", "[lexica_knn] requires [field]");
    trips.assertReason("{\"lexica_knn\": {\"field\": \"v\"}}", "requires [query]");
    trips.assertReason("{\"lexica_knn\": {\"field\": \"v\", \"query\": \"a\", \"k\": 0}}", "[k]");
    trips.assertReason(
        "{\"lexica_knn\": {\"field\": \"v\", \"query\": \"a\", \"k\": 10001}}",
        "between 1 and 10000");
    trips.assertReason(
        "{\"lexica_knn\": {\"field\": \"v\", \"query\": \"a\", \"model\": \"m\"}}",
        "unknown field [model]");
    String hybrid = "{\"lexica_hybrid\": {\"query\": \"a\", \"text_field\": \"b\",";
    trips.assertReason(hybrid + " \"vector_field\": \"v\", \"depth\": 0}}", "[depth]");
    trips.assertReason(
        hybrid + " \"vector_field\": \"v\", \"fusion\": \"max\"}}", "unknown fusion 'max'");
    trips.assertReason(
        hybrid + " \"vector_field\": \"v\", \"fusion\": \"weighted:1.5\"}}", "0 <= W <= 1");
    trips.assertReason(hybrid + " \"depth\": 5}}", "requires [vector_field]");
    trips.assertReason(
        "{\"lexica_hybrid\": {\"text_field\": \"b\", \"vector_field\": \"v\"}}",
        "requires [query]");
  }

  @Test
  void aHybridQueryWithoutItsRankingsRunsNowhere() {
    LexicaHybridQueryBuilder hybrid = new LexicaHybridQueryBuilder("a", "body", "vec");
    // No coordinating node fetched the rankings: a shard refuses it with the reason.
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> hybrid.toQuery(null));
    assertTrue(e.getMessage().contains("fuses the rankings of the whole index"), e.getMessage());
  }
}
