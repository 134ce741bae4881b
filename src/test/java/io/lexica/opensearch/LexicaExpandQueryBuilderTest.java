package io.lexica.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensearch.common.io.stream.BytesStreamOutput;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.common.bytes.BytesReference;
import org.opensearch.core.common.io.stream.NamedWriteableAwareStreamInput;
import org.opensearch.core.common.io.stream.NamedWriteableRegistry;
import org.opensearch.core.xcontent.DeprecationHandler;
import org.opensearch.core.xcontent.MediaTypeRegistry;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.core.xcontent.ToXContent;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.index.query.AbstractQueryBuilder;
import org.opensearch.index.query.QueryBuilder;
import org.opensearch.search.SearchModule;

/**
 * The {@code lexica_expand} builder crosses nodes (transport) and REST (JSON) unchanged: random
 * builders survive both round trips through the registries OpenSearch builds from the plugin, and
 * bad input is refused with the reason.
 */
class LexicaExpandQueryBuilderTest {
  @TempDir Path config;

  private SearchModule search() {
    return new SearchModule(Settings.EMPTY, List.of(new LexicaPlugin(Settings.EMPTY, config)));
  }

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
  void wireRoundTrip() throws IOException {
    NamedWriteableRegistry registry = new NamedWriteableRegistry(search().getNamedWriteables());
    Random r = new Random(42);
    for (int i = 0; i < 200; i++) {
      LexicaExpandQueryBuilder original = random(r);
      BytesStreamOutput out = new BytesStreamOutput();
      out.writeNamedWriteable(original);
      QueryBuilder read =
          new NamedWriteableAwareStreamInput(out.bytes().streamInput(), registry)
              .readNamedWriteable(QueryBuilder.class);
      assertEquals(original, read);
      assertEquals(original.hashCode(), read.hashCode());
    }
  }

  @Test
  void xContentRoundTrip() throws IOException {
    NamedXContentRegistry registry = new NamedXContentRegistry(search().getNamedXContents());
    Random r = new Random(7);
    for (int i = 0; i < 200; i++) {
      LexicaExpandQueryBuilder original = random(r);
      String json = json(original);
      assertEquals(original, parse(registry, json), json);
    }
  }

  @Test
  void documentedJsonParses() throws IOException {
    NamedXContentRegistry registry = new NamedXContentRegistry(search().getNamedXContents());
    QueryBuilder parsed =
        parse(
            registry,
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
    NamedXContentRegistry registry = new NamedXContentRegistry(search().getNamedXContents());
    assertReason(registry, "{\"lexica_expand\":{\"query\":\"a\",\"model\":\"m\"}}", "[field]");
    assertReason(registry, "{\"lexica_expand\":{\"field\":\"f\",\"model\":\"m\"}}", "[query]");
    assertReason(registry, "{\"lexica_expand\":{\"field\":\"f\",\"query\":\"a\"}}", "[model]");
    assertReason(registry, body("\"k\": 0"), "[k] must be at least 1, got 0");
    assertReason(registry, body("\"k\": -3"), "[k] must be at least 1, got -3");
    assertReason(registry, body("\"min_similarity\": 1.5"), "[min_similarity]");
    assertReason(registry, body("\"weight\": 0"), "[weight] must be a positive number");
    assertReason(registry, body("\"mode\": \"both\""), "per_term, centroid or joint");
    assertReason(registry, body("\"kk\": 3"), "unknown field [kk]");
  }

  private static String body(String extra) {
    return "{\"lexica_expand\":{\"field\":\"f\",\"query\":\"a\",\"model\":\"m\"," + extra + "}}";
  }

  private static void assertReason(NamedXContentRegistry registry, String json, String reason) {
    Exception e = assertThrows(Exception.class, () -> parse(registry, json));
    StringBuilder messages = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      messages.append(t.getMessage()).append(" | ");
    }
    assertTrue(messages.toString().contains(reason), messages.toString());
    assertTrue(e instanceof IllegalArgumentException, e.getClass().getName()); // REST answers 400
  }

  private static String json(QueryBuilder query) throws IOException {
    XContentBuilder builder = MediaTypeRegistry.contentBuilder(MediaTypeRegistry.JSON);
    query.toXContent(builder, ToXContent.EMPTY_PARAMS);
    return BytesReference.bytes(builder).utf8ToString();
  }

  private static QueryBuilder parse(NamedXContentRegistry registry, String json)
      throws IOException {
    try (XContentParser parser =
        JsonXContent.jsonXContent.createParser(
            registry, DeprecationHandler.THROW_UNSUPPORTED_OPERATION, json)) {
      return AbstractQueryBuilder.parseInnerQueryBuilder(parser);
    }
  }
}
