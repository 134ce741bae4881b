package io.lexica.opensearch;

import static org.opensearch.test.hamcrest.OpenSearchAssertions.assertNoFailures;

import io.lexica.corpus.IndexCorpusReader;
import io.lexica.corpus.Vocabulary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.search.Explanation;
import org.opensearch.action.search.SearchResponse;
import org.opensearch.common.settings.Settings;
import org.opensearch.core.index.Index;
import org.opensearch.env.Environment;
import org.opensearch.index.shard.IndexShard;
import org.opensearch.indices.IndicesService;
import org.opensearch.plugins.Plugin;
import org.opensearch.search.SearchHit;
import org.opensearch.test.OpenSearchIntegTestCase;
import org.opensearch.transport.Netty4ModulePlugin;

/**
 * The plugin in a real two-node cluster (in this JVM, over real transport and HTTP): an index with
 * two shards and a replica, a small model in every node's config folder, and the query, the token
 * filter, the neighbours endpoint and their errors as REST clients see them.
 */
@OpenSearchIntegTestCase.ClusterScope(
    scope = OpenSearchIntegTestCase.Scope.SUITE,
    numDataNodes = 2,
    numClientNodes = 0,
    supportsDedicatedMasters = false)
public class LexicaPluginClusterTest extends OpenSearchIntegTestCase {
  /** Documents about {@link TestModels#TINY}'s clusters (vehicles, engines, fruit) and others. */
  static final List<String> DOCS =
      List.of(
          "the automobile was parked outside the station",
          "a red car drove past the station",
          "every vehicle must stop at the crossing",
          "banana bread recipe with walnuts",
          "fresh fruit salad for the summer",
          "the old engine needs a new motor",
          "weather report for monday morning",
          "the library opens at nine",
          "a quiet walk along the river",
          "notes from the committee meeting",
          "how to plant tomatoes in spring",
          "the orchestra played until midnight");

  @Override
  protected Collection<Class<? extends Plugin>> nodePlugins() {
    return List.of(LexicaPlugin.class, Netty4ModulePlugin.class);
  }

  @Override
  protected boolean addMockHttpTransport() {
    return false; // real HTTP through Netty: status codes and bodies as users get them
  }

  @Override
  protected Path nodeConfigPath(int nodeOrdinal) {
    Path config = createTempDir();
    try {
      TestModels.install(config, "tiny", TestModels.TINY);
      TestModels.install(config, "live", TestModels.TINY);
      TestModels.installCorrupt(config, "broken");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return config;
  }

  @Override
  protected Settings nodeSettings(int nodeOrdinal) {
    return Settings.builder()
        .put(super.nodeSettings(nodeOrdinal))
        .put(LexicaPlugin.MODEL_CHECK_INTERVAL.getKey(), "100ms")
        .build();
  }

  /**
   * Creates {@code docs} (2 shards, 1 replica; search analyzer with the filter) and indexes DOCS.
   */
  private void indexDocs() throws IOException {
    rest(
        "PUT",
        "/docs",
        """
        {"settings": {"number_of_shards": 2, "number_of_replicas": 1,
           "analysis": {
             "filter": {"related": {"type": "lexica_synonyms", "model": "tiny", "k": 2,
                                     "min_similarity": 0.5}},
             "analyzer": {"expanding": {"tokenizer": "standard",
                                         "filter": ["lowercase", "related"]}}}},
         "mappings": {"properties": {
           "body": {"type": "text"},
           "body_expanded": {"type": "text", "search_analyzer": "expanding"}}}}
        """);
    ensureGreen("docs");
    StringBuilder bulk = new StringBuilder();
    for (int i = 0; i < DOCS.size(); i++) {
      bulk.append("{\"index\":{\"_id\":\"").append(i + 1).append("\"}}\n");
      bulk.append("{\"body\":\"")
          .append(DOCS.get(i))
          .append("\",\"body_expanded\":\"")
          .append(DOCS.get(i))
          .append("\"}\n");
    }
    Map<String, Object> r = rest("POST", "/docs/_bulk?refresh=true", bulk.toString());
    assertEquals(Boolean.FALSE, r.get("errors"));
  }

  public void testExpandQueryFindsRelatedWordsOnEveryShard() throws IOException {
    indexDocs();
    // Plain match: only the literal word.
    assertEquals(Set.of("2"), ids(rest("POST", "/docs/_search", matchBody("car"))));
    // Expanded over REST: car's neighbours automobile and vehicle are added.
    String expand =
        """
        {"query": {"lexica_expand": {"field": "body", "query": "car", "model": "tiny",
                                      "k": 2, "min_similarity": 0.5, "weight": 0.5}}}
        """;
    assertEquals(Set.of("1", "2", "3"), ids(rest("POST", "/docs/_search", expand)));
    // The same through the Java client (a builder that may run locally, never serialized).
    SearchResponse viaClient =
        client()
            .prepareSearch("docs")
            .setQuery(
                new LexicaExpandQueryBuilder("body", "car", "tiny")
                    .k(2)
                    .minSimilarity(0.5f)
                    .weight(0.5f))
            .get();
    assertNoFailures(viaClient);
    Set<String> clientIds = new HashSet<>();
    for (SearchHit hit : viaClient.getHits()) {
      clientIds.add(hit.getId());
    }
    assertEquals(Set.of("1", "2", "3"), clientIds);
    // The literal match ranks first: added words weigh weight * similarity < 1.
    assertEquals("2", viaClient.getHits().getAt(0).getId());
    // A fruit query gains no vehicle.
    String fruit =
        """
        {"query": {"lexica_expand": {"field": "body", "query": "banana", "model": "tiny",
                                      "k": 2, "min_similarity": 0.5}}}
        """;
    assertEquals(Set.of("4", "5"), ids(rest("POST", "/docs/_search", fruit)));
  }

  public void testExplainShowsTheAddedTerms() throws IOException {
    indexDocs();
    Explanation explanation =
        client()
            .prepareExplain("docs", "1")
            .setQuery(new LexicaExpandQueryBuilder("body", "car", "tiny").k(2).weight(0.5f))
            .get()
            .getExplanation();
    assertTrue(explanation.isMatch());
    assertTrue(explanation.toString(), explanation.toString().contains("body:automobile"));
    // Over REST as well, in the hits' _explanation.
    String body =
        """
        {"explain": true, "query": {"lexica_expand": {"field": "body", "query": "car",
                                                      "model": "tiny", "k": 2}}}
        """;
    String raw = restRaw("POST", "/docs/_search", body);
    assertTrue(raw, raw.contains("body:automobile") && raw.contains("body:vehicle"));
  }

  public void testSynonymFilterInAnalyzeAndInASearchAnalyzer() throws IOException {
    indexDocs();
    Map<String, Object> analyzed =
        rest(
            "POST",
            "/docs/_analyze",
            """
            {"tokenizer": "standard", "text": "Car",
             "filter": ["lowercase", {"type": "lexica_synonyms", "model": "tiny", "k": 2,
                                      "min_similarity": 0.5}]}
            """);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> tokens = (List<Map<String, Object>>) analyzed.get("tokens");
    assertEquals(
        List.of("car", "automobile", "vehicle"), tokens.stream().map(t -> t.get("token")).toList());
    for (Map<String, Object> t : tokens) {
      assertEquals(0, t.get("position"));
    }
    assertEquals("SYNONYM", tokens.get(1).get("type"));
    // The index's search analyzer uses the same filter: a match query on that field expands.
    assertEquals(
        Set.of("1", "2", "3"),
        ids(rest("POST", "/docs/_search", "{\"query\":{\"match\":{\"body_expanded\":\"car\"}}}")));
  }

  /**
   * "Training for cluster users": Lexica's corpus reader reads an OpenSearch shard's Lucene folder
   * ({@code <data>/nodes/0/indices/<uuid>/<shard>/index}) directly and rebuilds its documents.
   */
  public void testCorpusReaderReadsAnOpenSearchShard() throws IOException {
    indexDocs();
    rest("POST", "/docs/_flush", null);
    Index index = resolveIndex("docs");
    Map<String, Long> counts = new HashMap<>();
    int docs = 0;
    for (int shard = 0; shard < 2; shard++) {
      Path dir = null;
      for (IndicesService node : internalCluster().getInstances(IndicesService.class)) {
        IndexShard copy = node.indexServiceSafe(index).getShardOrNull(shard);
        if (copy != null && copy.routingEntry().primary()) {
          // as a plain path, the way the CLI gets it (the test cluster's is on a mock file system)
          dir = Path.of(copy.shardPath().resolveIndex().toString());
        }
      }
      assertNotNull(dir);
      assertTrue(
          dir.toString(),
          dir.endsWith(
              Path.of("nodes", "0", "indices", index.getUUID(), Integer.toString(shard), "index")));
      try (IndexCorpusReader reader = IndexCorpusReader.open(dir, List.of("body"))) {
        Vocabulary vocabulary = reader.vocabulary();
        int[] seen = {0};
        reader.forEachDocument(
            vocabulary,
            (doc, field, ids, offset, length) -> {
              seen[0]++;
              for (int i = offset; i < offset + length; i++) {
                if (ids[i] >= 0) {
                  counts.merge(vocabulary.word(ids[i]), 1L, Long::sum);
                }
              }
            });
        assertEquals(reader.documentCount(), seen[0]);
        docs += seen[0];
      }
    }
    assertEquals(DOCS.size(), docs);
    assertEquals(Long.valueOf(2), counts.get("station")); // docs 1 and 2, wherever they live
    assertEquals(Long.valueOf(1), counts.get("automobile"));
  }

  public void testNeighborsEndpoint() throws IOException {
    Map<String, Object> r = rest("GET", "/_lexica/tiny/neighbors?word=car&k=2", null);
    assertEquals(Boolean.TRUE, r.get("in_vocabulary"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> neighbors = (List<Map<String, Object>>) r.get("neighbors");
    assertEquals(
        List.of("automobile", "vehicle"), neighbors.stream().map(n -> n.get("word")).toList());
    Map<String, Object> unknown = rest("GET", "/_lexica/tiny/neighbors?word=zebra", null);
    assertEquals(Boolean.FALSE, unknown.get("in_vocabulary"));
    assertEquals(List.of(), unknown.get("neighbors"));
  }

  @SuppressWarnings("unchecked")
  private static String nearestTo(String model, String word) throws IOException {
    Map<String, Object> r =
        rest("GET", "/_lexica/" + model + "/neighbors?word=" + word + "&k=1", null);
    return (String) ((List<Map<String, Object>>) r.get("neighbors")).get(0).get("word");
  }

  public void testAModelReplacedOnEveryNodeIsServedWithoutARestart() throws Exception {
    for (int i = 0; i < 4; i++) { // requests go round the nodes: each has opened its copy
      assertEquals("automobile", nearestTo("live", "car"));
    }
    for (String node : internalCluster().getNodeNames()) {
      Path config = internalCluster().getInstance(Environment.class, node).configDir();
      TestModels.install(config, "live", TestModels.TINY_V2); // as 'lexica update' replaces it
    }
    assertBusy(
        () -> {
          for (int i = 0; i < 6; i++) {
            assertEquals("vehicle", nearestTo("live", "car"));
          }
        });
  }

  public void testBadSettingsAnswer400WithTheReason() throws IOException {
    indexDocs();
    Set<String> allocations = allocationIds();
    assertBadRequest(
        "PUT", "/bad_model", filterIndex("\"model\": \"nope\""), "lexica model [nope] not found");
    assertBadRequest(
        "PUT",
        "/no_model",
        filterIndex("\"k\": 2"),
        "[model] is required: the name of a model kept in the cluster (GET /_lexica/models) or of"
            + " a folder under");
    assertBadRequest(
        "PUT", "/bad_k", filterIndex("\"model\": \"tiny\", \"k\": 0"), "[k] k must be at least 1");
    assertBadRequest(
        "PUT",
        "/bad_key",
        filterIndex("\"model\": \"tiny\", \"min_similarty\": 0.3"),
        "unknown setting [min_similarty]");
    assertBadRequest(
        "PUT", "/corrupt", filterIndex("\"model\": \"broken\""), "lexica model [broken]");
    assertBadRequest("POST", "/docs/_search", expandBody("\"k\": 0"), "[k] k must be at least 1");
    assertBadRequest(
        "POST",
        "/docs/_search",
        expandBody("\"mode\": \"sideways\""),
        "per_term, centroid or joint");
    assertBadRequest(
        "POST",
        "/docs/_search",
        """
        {"query": {"lexica_expand": {"field": "body", "query": "car", "model": "nope"}}}
        """,
        "lexica model [nope] not found");
    assertBadRequest(
        "POST",
        "/docs/_search",
        """
        {"query": {"lexica_expand": {"field": "body", "query": "car", "model": "broken"}}}
        """,
        "cannot be opened");
    assertBadRequest(
        "POST",
        "/docs/_search",
        """
        {"query": {"lexica_expand": {"field": "body", "query": "car", "model": "../tiny"}}}
        """,
        "invalid lexica model name");
    assertBadRequest("GET", "/_lexica/nope/neighbors?word=car", null, "lexica model [nope]");
    assertBadRequest(
        "GET", "/_lexica/tiny/neighbors?word=car&k=0", null, "[k] k must be at least 1");
    assertBadRequest(
        "GET", "/_lexica/tiny/neighbors?word=car&k=1001", null, "[k] must be between 1 and 1000");
    assertBadRequest(
        "GET",
        "/_lexica/tiny/neighbors?word=car&min_similarity=1.5",
        null,
        "[min_similarity] min similarity must be in [-1, 1]");
    assertBadRequest("GET", "/_lexica/tiny/neighbors", null, "[word] is required");
    // No shard was failed (a broken model must not look like a broken index) and the good model
    // still answers.
    assertEquals(allocations, allocationIds());
    ensureGreen("docs");
    assertEquals(Set.of("2"), ids(rest("POST", "/docs/_search", matchBody("car"))));
  }

  /** The allocation ids of the docs index's shard copies: they change when a copy is failed. */
  @SuppressWarnings("unchecked")
  private static Set<String> allocationIds() throws IOException {
    Map<String, Object> state = rest("GET", "/_cluster/state/routing_table/docs", null);
    Map<String, Object> shards =
        (Map<String, Object>)
            ((Map<String, Object>)
                    ((Map<String, Object>)
                            ((Map<String, Object>) state.get("routing_table")).get("indices"))
                        .get("docs"))
                .get("shards");
    Set<String> ids = new HashSet<>();
    for (Object copies : shards.values()) {
      for (Map<String, Object> copy : (List<Map<String, Object>>) copies) {
        assertEquals("STARTED", copy.get("state"));
        ids.add((String) ((Map<String, Object>) copy.get("allocation_id")).get("id"));
      }
    }
    assertEquals(4, ids.size());
    return ids;
  }

  private static String matchBody(String text) {
    return "{\"query\":{\"match\":{\"body\":\"" + text + "\"}}}";
  }

  private static String expandBody(String extra) {
    return "{\"query\":{\"lexica_expand\":{\"field\":\"body\",\"query\":\"car\",\"model\":\"tiny\","
        + extra
        + "}}}";
  }

  private static String filterIndex(String filterSettings) {
    return "{\"settings\":{\"analysis\":{\"filter\":{\"f\":{\"type\":\"lexica_synonyms\","
        + filterSettings
        + "}},\"analyzer\":{\"a\":{\"tokenizer\":\"standard\",\"filter\":[\"f\"]}}}}}";
  }

  private static void assertBadRequest(String method, String path, String body, String reason)
      throws IOException {
    ClusterRest.assertBadRequest(getRestClient(), method, path, body, reason);
  }

  private static Map<String, Object> rest(String method, String path, String body)
      throws IOException {
    return ClusterRest.rest(getRestClient(), method, path, body);
  }

  private static String restRaw(String method, String path, String body) throws IOException {
    return ClusterRest.restRaw(getRestClient(), method, path, body);
  }

  private static Set<String> ids(Map<String, Object> searchResponse) {
    return ClusterRest.ids(searchResponse);
  }
}
