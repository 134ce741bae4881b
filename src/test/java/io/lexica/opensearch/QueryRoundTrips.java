package io.lexica.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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
 * The registries OpenSearch builds from the plugin, and the two ways a query builder travels:
 * between nodes (transport) and from REST (JSON).
 */
final class QueryRoundTrips {
  private final NamedWriteableRegistry writeables;
  private final NamedXContentRegistry xContents;

  QueryRoundTrips(Path config) {
    SearchModule search =
        new SearchModule(Settings.EMPTY, List.of(new LexicaPlugin(Settings.EMPTY, config)));
    writeables = new NamedWriteableRegistry(search.getNamedWriteables());
    xContents = new NamedXContentRegistry(search.getNamedXContents());
  }

  /** {@code query} written to a stream and read back, as another node reads it. */
  QueryBuilder overTheWire(QueryBuilder query) throws IOException {
    BytesStreamOutput out = new BytesStreamOutput();
    out.writeNamedWriteable(query);
    return new NamedWriteableAwareStreamInput(out.bytes().streamInput(), writeables)
        .readNamedWriteable(QueryBuilder.class);
  }

  /** Fails unless {@code query} survives both trips equal to itself. */
  void assertRoundTrips(QueryBuilder query) throws IOException {
    QueryBuilder read = overTheWire(query);
    assertEquals(query, read);
    assertEquals(query.hashCode(), read.hashCode());
    String json = json(query);
    assertEquals(query, parse(json), json);
  }

  static String json(QueryBuilder query) throws IOException {
    XContentBuilder builder = MediaTypeRegistry.contentBuilder(MediaTypeRegistry.JSON);
    query.toXContent(builder, ToXContent.EMPTY_PARAMS);
    return BytesReference.bytes(builder).utf8ToString();
  }

  QueryBuilder parse(String json) throws IOException {
    try (XContentParser parser =
        JsonXContent.jsonXContent.createParser(
            xContents, DeprecationHandler.THROW_UNSUPPORTED_OPERATION, json)) {
      return AbstractQueryBuilder.parseInnerQueryBuilder(parser);
    }
  }

  /** Fails unless parsing {@code json} is refused as a bad request (400) giving {@code reason}. */
  void assertReason(String json, String reason) {
    Exception e = assertThrows(Exception.class, () -> parse(json));
    StringBuilder messages = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      messages.append(t.getMessage()).append(" | ");
    }
    assertTrue(messages.toString().contains(reason), messages.toString());
    assertTrue(e instanceof IllegalArgumentException, e.getClass().getName()); // REST answers 400
  }
}
