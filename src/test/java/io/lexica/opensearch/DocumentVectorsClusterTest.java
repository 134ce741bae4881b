package io.lexica.opensearch;

import io.lexica.docs.DocumentEmbedder;
import io.lexica.docs.DocumentEmbeddingSpec;
import io.lexica.docs.DocumentSearcher;
import io.lexica.docs.DocumentVector;
import io.lexica.docs.EmbeddingMethod;
import io.lexica.docs.Fusion;
import io.lexica.docs.Hit;
import io.lexica.docs.SifComponent;
import io.lexica.docs.TermWeights;
import io.lexica.vectors.ExactEmbeddings;
import io.lexica.vectors.WordVectors;
import io.lexica.vectors.store.VectorStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.opensearch.action.bulk.BulkItemResponse;
import org.opensearch.action.bulk.BulkResponse;
import org.opensearch.action.support.WriteRequest;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.env.Environment;
import org.opensearch.index.reindex.ReindexModulePlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.test.OpenSearchIntegTestCase;
import org.opensearch.transport.Netty4ModulePlugin;

/**
 * Document vectors in a real two-node cluster (3 shards, 1 replica, over real HTTP): documents
 * indexed in bulk through the {@code lexica_embed} pipeline get exactly the vectors the library's
 * {@link DocumentEmbedder#forModel} gives; {@code lexica_knn} and {@code lexica_hybrid} answer what
 * the library's {@link DocumentSearcher} answers on the same documents (ids, order and scores);
 * documents without a known word are counted and indexed without a vector; a reindex with a new
 * model version re-embeds; a model missing on a node and wrong mappings answer 400 with the fix.
 */
@OpenSearchIntegTestCase.ClusterScope(
    scope = OpenSearchIntegTestCase.Scope.SUITE,
    numDataNodes = 2,
    numClientNodes = 0,
    supportsDedicatedMasters = false)
public class DocumentVectorsClusterTest extends OpenSearchIntegTestCase {
  private static final int DIM = 8;
  private static final List<List<String>> TOPICS =
      List.of(
          List.of("car", "truck", "engine", "wheel", "road", "driver"),
          List.of("apple", "banana", "orange", "juice", "sweet", "tree"),
          List.of("piano", "violin", "song", "concert", "melody", "orchestra"));
  private static final List<String> COMMON = List.of("the", "a", "of", "and", "with", "for");

  /** Document id to text; documents 0-35 on three topics, then the special cases. */
  private static final Map<String, String> DOCS = documents();

  private static final String NO_KNOWN_WORD_1 = "zzz qqq";
  private static final String NO_KNOWN_WORD_2 = "xylophone zither";
  private static final String ONLY_VIOLIN = "violin violin"; // no word of model v2

  /**
   * kNN depth on both sides: more than the documents, so that HNSW visits every document and both
   * answers are exact (with fewer, each side's graph, one index against three shards, may miss a
   * different near neighbour).
   */
  private static final int ALL = 50;

  private static final List<String> QUERIES =
      List.of(
          "car engine road",
          "sweet apple juice",
          "piano concert",
          "the car with a melody",
          "orange tree and the road",
          "zzz");

  @Override
  protected Collection<Class<? extends Plugin>> nodePlugins() {
    return List.of(LexicaPlugin.class, Netty4ModulePlugin.class, ReindexModulePlugin.class);
  }

  @Override
  protected boolean addMockHttpTransport() {
    return false;
  }

  @Override
  protected Path nodeConfigPath(int nodeOrdinal) {
    Path config = createTempDir();
    TestModels.install(config, "docs", model(1, Set.of()), metadata(model(1, Set.of())));
    WordVectors v2 = model(2, Set.of("violin"));
    TestModels.install(config, "docs-v2", v2, metadata(v2));
    if (nodeOrdinal == 0) {
      TestModels.install(config, "partial", model(1, Set.of()), metadata(model(1, Set.of())));
    }
    return config;
  }

  /** Topic words near their topic's axis, common words near a shared one; seeded noise. */
  private static WordVectors model(long seed, Set<String> without) {
    Random r = new Random(seed);
    List<String> words = new ArrayList<>();
    List<Float> data = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    for (String w : COMMON) {
      words.add(w);
      float[] v = noise(r, 0.3f);
      v[DIM - 1] += 1;
      addAll(data, v);
      counts.add(5_000L + r.nextInt(1000));
    }
    for (int t = 0; t < TOPICS.size(); t++) {
      for (String w : TOPICS.get(t)) {
        if (without.contains(w)) {
          continue;
        }
        words.add(w);
        float[] v = noise(r, 0.35f);
        v[t] += 1;
        v[DIM - 1] += 0.3f;
        addAll(data, v);
        counts.add(20L + r.nextInt(200));
      }
    }
    float[] flat = new float[data.size()];
    for (int i = 0; i < flat.length; i++) {
      flat[i] = data.get(i);
    }
    return new WordVectors(words, flat, DIM, counts.stream().mapToLong(Long::longValue).toArray());
  }

  private static float[] noise(Random r, float scale) {
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      v[i] = (float) r.nextGaussian() * scale;
    }
    return v;
  }

  private static void addAll(List<Float> out, float[] v) {
    for (float x : v) {
      out.add(x);
    }
  }

  /**
   * What {@code lexica train} records: the analyzer and the SIF component of the training text
   * (here the documents themselves).
   */
  private static Map<String, String> metadata(WordVectors vectors) {
    Map<String, String> m = new HashMap<>();
    m.put("algorithm", "test");
    m.put(VectorStore.KEY_ANALYZER, "standard");
    List<List<String>> tokens = new ArrayList<>();
    try (Analyzer a = new StandardAnalyzer()) {
      for (String text : DOCS.values()) {
        tokens.add(io.lexica.analysis.Tokens.of(a, "", text));
      }
    }
    m.putAll(
        SifComponent.compute(new ExactEmbeddings(vectors), tokens, TermWeights.DEFAULT_SIF_A)
            .toMetadata());
    return m;
  }

  private static Map<String, String> documents() {
    Random r = new Random(42);
    Map<String, String> docs = new LinkedHashMap<>();
    for (int i = 0; i < 36; i++) {
      List<String> topic = TOPICS.get(i % 3);
      StringBuilder sb = new StringBuilder();
      int n = 4 + r.nextInt(7);
      for (int j = 0; j < n; j++) {
        List<String> from = r.nextInt(3) == 0 ? COMMON : topic;
        sb.append(j == 0 ? "" : " ").append(from.get(r.nextInt(from.size())));
      }
      docs.put("d" + i, sb.toString());
    }
    docs.put("none1", NO_KNOWN_WORD_1);
    docs.put("none2", NO_KNOWN_WORD_2);
    docs.put("violin", ONLY_VIOLIN);
    return docs;
  }

  private static String indexBody(String model, String vectorMapping) {
    return "{\"settings\": {\"number_of_shards\": 3, \"number_of_replicas\": 1},"
        + " \"mappings\": {\"properties\": {\"body\": {\"type\": \"text\"},"
        + " \"tag\": {\"type\": \"keyword\"}, \"vec\": "
        + (vectorMapping != null
            ? vectorMapping
            : "{\"type\": \"lexica_vector\", \"dims\": " + DIM + ", \"model\": \"" + model + "\"}")
        + "}}}";
  }

  private static String pipeline(String model) {
    return "{\"processors\": [{\"lexica_embed\": {\"field\": \"body\", \"target_field\": \"vec\","
        + " \"model\": \""
        + model
        + "\", \"method\": \"sif\"}}]}";
  }

  /**
   * Creates {@code name} (3 shards, 1 replica) and indexes DOCS (plus one without text) in bulk.
   */
  private void indexDocuments(String name, String model) throws IOException {
    rest("PUT", "/_ingest/pipeline/embed-" + model, pipeline(model));
    rest("PUT", "/" + name, indexBody(model, null));
    ensureGreen(name);
    StringBuilder bulk = new StringBuilder();
    int i = 0;
    for (Map.Entry<String, String> d : DOCS.entrySet()) {
      bulk.append("{\"index\":{\"_id\":\"").append(d.getKey()).append("\"}}\n");
      bulk.append("{\"body\":\"")
          .append(d.getValue())
          .append("\",\"tag\":\"")
          .append(i++ % 2 == 0 ? "even" : "odd")
          .append("\"}\n");
    }
    bulk.append("{\"index\":{\"_id\":\"notext\"}}\n{\"tag\":\"even\"}\n");
    Map<String, Object> r =
        rest("POST", "/" + name + "/_bulk?refresh=true&pipeline=embed-" + model, bulk.toString());
    assertEquals(r.toString(), Boolean.FALSE, r.get("errors"));
  }

  /** The library's searcher over the same documents, embedded by the library. */
  private static final class Library implements AutoCloseable {
    final DocumentEmbedder embedder;
    final DocumentSearcher searcher;
    final Map<String, float[]> vectors = new HashMap<>();
    private final DirectoryReader text;
    private final DirectoryReader vectorReader;
    private final VectorStore store;

    Library(Path modelDir) throws IOException {
      store = VectorStore.open(modelDir);
      embedder = DocumentEmbedder.forModel(store, EmbeddingMethod.SIF);
      ByteBuffersDirectory textDir = new ByteBuffersDirectory();
      ByteBuffersDirectory vectorDir = new ByteBuffersDirectory();
      try (IndexWriter tw =
              new IndexWriter(textDir, new IndexWriterConfig(new StandardAnalyzer()));
          IndexWriter vw = new IndexWriter(vectorDir, new IndexWriterConfig())) {
        for (Map.Entry<String, String> d : DOCS.entrySet()) {
          Document t = new Document();
          t.add(new StringField("id", d.getKey(), Field.Store.YES));
          t.add(new TextField("body", d.getValue(), Field.Store.NO));
          tw.addDocument(t);
          DocumentVector v = embedder.embed(d.getValue());
          if (!v.isEmpty()) {
            vectors.put(d.getKey(), v.vector());
            Document doc = new Document();
            doc.add(new StringField("id", d.getKey(), Field.Store.YES));
            doc.add(DocumentEmbedder.vectorField("vec", v.vector()));
            vw.addDocument(doc);
          }
        }
        Document notext = new Document();
        notext.add(new StringField("id", "notext", Field.Store.YES));
        tw.addDocument(notext);
      }
      text = DirectoryReader.open(textDir);
      vectorReader = DirectoryReader.open(vectorDir);
      DocumentEmbeddingSpec spec =
          new DocumentEmbeddingSpec(
              "docs", EmbeddingMethod.SIF, 0.001, "body", List.of("body"), "id", "vec", null);
      searcher =
          new DocumentSearcher(
              new IndexSearcher(text),
              "body",
              new StandardAnalyzer(),
              new IndexSearcher(vectorReader),
              embedder,
              spec);
    }

    @Override
    public void close() throws IOException {
      text.close();
      vectorReader.close();
      store.close();
    }
  }

  private Path modelDir(String model) {
    String node = internalCluster().getNodeNames()[0];
    return internalCluster()
        .getInstance(Environment.class, node)
        .configDir()
        .resolve(ModelRegistry.MODELS_DIR)
        .resolve(model);
  }

  public void testBulkThroughThePipelineGivesTheLibrarysVectorsAndCountsDocumentsWithout()
      throws IOException {
    Map<String, Object> before = embedStats(); // the cluster lives as long as the suite
    indexDocuments("articles", "docs");
    try (Library library = new Library(modelDir("docs"))) {
      for (String id : DOCS.keySet()) {
        Map<String, Object> doc = rest("GET", "/articles/_doc/" + id, null);
        @SuppressWarnings("unchecked")
        Map<String, Object> source = (Map<String, Object>) doc.get("_source");
        float[] expected = library.vectors.get(id);
        if (expected == null) {
          assertFalse(id + " has no known word", source.containsKey("vec"));
          continue;
        }
        @SuppressWarnings("unchecked")
        List<Number> got = (List<Number>) source.get("vec");
        assertEquals(DIM, got.size());
        for (int i = 0; i < DIM; i++) {
          assertEquals(id + "[" + i + "]", expected[i], got.get(i).floatValue(), 0f);
        }
      }
    }
    // Documents without a vector are indexed, and found by their text.
    Map<String, Object> without =
        rest(
            "POST",
            "/articles/_search",
            "{\"size\": 10, \"query\": {\"bool\": {\"must_not\": {\"exists\": {\"field\":"
                + " \"vec\"}}}}}");
    assertEquals(Set.of("none1", "none2", "notext"), ClusterRest.ids(without));
    // Counted over the cluster (the bulk ran on whichever node received it).
    Map<String, Object> after = embedStats();
    assertEquals(DOCS.size() + 1, delta(before, after, "documents"));
    assertEquals(DOCS.size() - 2, delta(before, after, "embedded"));
    assertEquals(2, delta(before, after, "no_vector_no_known_word"));
    assertEquals(1, delta(before, after, "no_vector_no_text"));
    assertEquals(0, delta(before, after, "failed"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> embedStats() throws IOException {
    return (Map<String, Object>) rest("GET", "/_lexica/stats", null).get("embed");
  }

  private static int delta(Map<String, Object> before, Map<String, Object> after, String key) {
    return ((Number) after.get(key)).intValue() - ((Number) before.get(key)).intValue();
  }

  public void testKnnAndHybridAnswerWhatTheLibraryAnswers() throws IOException {
    indexDocuments("articles", "docs");
    try (Library library = new Library(modelDir("docs"))) {
      for (String q : QUERIES) {
        List<Hit> expected = top(library.searcher.knn(q, ALL), 5);
        List<Hit> got =
            search(
                "articles",
                "{\"size\": 5, \"query\": {\"lexica_knn\": {\"field\": \"vec\", \"query\": \""
                    + q
                    + "\", \"k\": "
                    + ALL
                    + "}}}");
        assertSameHits("lexica_knn " + q, expected, got, 1e-6f);
        for (String fusion : List.of("weighted:0.7", "rrf:60")) {
          List<Hit> hybrid = library.searcher.hybrid(q, 20, ALL, Fusion.parse(fusion));
          List<Hit> fused =
              search(
                  "articles/_search?search_type=dfs_query_then_fetch",
                  "{\"size\": 20, \"query\": {\"lexica_hybrid\": {\"query\": \""
                      + q
                      + "\", \"text_field\": \"body\", \"vector_field\": \"vec\", \"depth\": "
                      + ALL
                      + ("weighted:0.7".equals(fusion) ? "" : ", \"fusion\": \"" + fusion + "\"")
                      + "}}}");
          // RRF scores depend on ranks, and documents with equal BM25 scores are ranked in
          // document order, which differs between one index and three shards: a tie moves a
          // document's RRF score by less than 1/60^2.
          assertSameHits(
              "lexica_hybrid " + fusion + " " + q,
              hybrid,
              fused,
              fusion.startsWith("rrf") ? 3e-4f : 1e-5f);
        }
      }
      // The filter applies before the neighbours are taken, on every shard.
      List<Hit> evenOnly =
          search(
              "articles",
              "{\"size\": 5, \"query\": {\"lexica_knn\": {\"field\": \"vec\", \"query\":"
                  + " \"piano concert\", \"k\": 5, \"filter\": {\"term\": {\"tag\":"
                  + " \"even\"}}}}}");
      List<String> even = new ArrayList<>();
      int i = 0;
      for (String id : DOCS.keySet()) {
        if (i++ % 2 == 0) {
          even.add(id);
        }
      }
      float[] query = library.embedder.embed("piano concert").vector();
      List<String> expected =
          even.stream()
              .filter(library.vectors::containsKey)
              .sorted(
                  (a, b) ->
                      Float.compare(
                          dot(query, library.vectors.get(b)), dot(query, library.vectors.get(a))))
              .limit(5)
              .toList();
      assertEquals(expected, evenOnly.stream().map(Hit::id).toList());
    }
  }

  public void testExplainShowsTheTextAndTheVectorPart() throws IOException {
    indexDocuments("articles", "docs");
    String hybrid =
        "{\"lexica_hybrid\": {\"query\": \"car engine road\", \"text_field\": \"body\","
            + " \"vector_field\": \"vec\", \"depth\": 20}}";
    String raw =
        ClusterRest.restRaw(
            getRestClient(),
            "POST",
            "/articles/_search",
            "{\"explain\": true, \"size\": 3, \"query\": " + hybrid + "}");
    assertTrue(raw, raw.contains("fusion weighted:0.7"));
    assertTrue(raw, raw.contains("text part: 0.7 x score"));
    assertTrue(raw, raw.contains("vector part: 0.3") && raw.contains("x cosine"));
    // The _explain API of one document: both parts add up to its score in the search.
    Map<String, Object> top =
        ClusterRest.hits(
                rest("POST", "/articles/_search", "{\"size\": 1, \"query\": " + hybrid + "}"))
            .get(0);
    Map<String, Object> explained =
        rest("POST", "/articles/_explain/" + top.get("_id"), "{\"query\": " + hybrid + "}");
    assertEquals(Boolean.TRUE, explained.get("matched"));
    @SuppressWarnings("unchecked")
    Map<String, Object> explanation = (Map<String, Object>) explained.get("explanation");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> parts = (List<Map<String, Object>>) explanation.get("details");
    assertEquals(2, parts.size());
    double sum = 0;
    for (Map<String, Object> p : parts) {
      sum += ((Number) p.get("value")).doubleValue();
    }
    assertEquals(((Number) explanation.get("value")).doubleValue(), sum, 1e-5);
    assertEquals(((Number) top.get("_score")).doubleValue(), sum, 1e-5);
  }

  public void testReindexWithANewModelVersionReembedsEveryDocument() throws IOException {
    indexDocuments("articles", "docs");
    rest("PUT", "/_ingest/pipeline/embed-docs-v2", pipeline("docs-v2"));
    rest("PUT", "/articles-v2", indexBody("docs-v2", null));
    ensureGreen("articles-v2");
    Map<String, Object> reindexed =
        rest(
            "POST",
            "/_reindex?refresh=true",
            "{\"source\": {\"index\": \"articles\"}, \"dest\": {\"index\": \"articles-v2\","
                + " \"pipeline\": \"embed-docs-v2\"}}");
    assertEquals(List.of(), reindexed.get("failures"));
    assertEquals(DOCS.size() + 1, ((Number) reindexed.get("total")).intValue());
    try (Library v1 = new Library(modelDir("docs"));
        Library v2 = new Library(modelDir("docs-v2"))) {
      // The document whose only word the new model lacks lost its old vector.
      assertTrue(v1.vectors.containsKey("violin"));
      assertFalse(v2.vectors.containsKey("violin"));
      @SuppressWarnings("unchecked")
      Map<String, Object> source =
          (Map<String, Object>) rest("GET", "/articles-v2/_doc/violin", null).get("_source");
      assertFalse(source.toString(), source.containsKey("vec"));
      for (String q : QUERIES) {
        assertSameHits(
            "v2 " + q,
            top(v2.searcher.knn(q, ALL), 5),
            search(
                "articles-v2",
                "{\"size\": 5, \"query\": {\"lexica_knn\": {\"field\": \"vec\", \"query\": \""
                    + q
                    + "\", \"k\": "
                    + ALL
                    + "}}}"),
            1e-6f);
      }
      // Over an alias holding both versions, each index embeds the query with its own model.
      rest(
          "POST",
          "/_aliases",
          "{\"actions\": [{\"add\": {\"index\": \"articles\", \"alias\": \"all\"}},"
              + " {\"add\": {\"index\": \"articles-v2\", \"alias\": \"all\"}}]}");
      Map<String, Object> both =
          rest(
              "POST",
              "/all/_search",
              "{\"size\": 100, \"query\": {\"lexica_knn\": {\"field\": \"vec\", \"query\": \"car"
                  + " engine\", \"k\": 3}}}");
      float[] q1 = v1.embedder.embed("car engine").vector();
      float[] q2 = v2.embedder.embed("car engine").vector();
      List<Map<String, Object>> hits = ClusterRest.hits(both);
      assertEquals(3 * 3 * 2, hits.size()); // k per shard, 3 shards, 2 indices
      for (Map<String, Object> h : hits) {
        Library lib = "articles".equals(h.get("_index")) ? v1 : v2;
        float[] q = lib == v1 ? q1 : q2;
        float cosine = dot(q, lib.vectors.get((String) h.get("_id")));
        assertEquals((1 + cosine) / 2, ((Number) h.get("_score")).floatValue(), 1e-6f);
      }
    }
  }

  public void testModelsMissingOnANodeAndWrongMappingsAnswer400() throws Exception {
    // The pipeline can be stored without the model (cluster-manager nodes need no models) ...
    rest("PUT", "/_ingest/pipeline/embed-partial", pipeline("partial"));
    rest("PUT", "/partial-index", indexBody("partial", null));
    ensureGreen("partial-index");
    // ... but a node without it fails the documents it ingests, naming the model and the folder.
    String without = null;
    for (String node : internalCluster().getNodeNames()) {
      Path models =
          internalCluster()
              .getInstance(Environment.class, node)
              .configDir()
              .resolve(ModelRegistry.MODELS_DIR);
      if (!Files.isDirectory(models.resolve("partial"))) {
        without = node;
      }
    }
    assertNotNull(without);
    BulkResponse bulk =
        internalCluster()
            .client(without)
            .prepareBulk()
            .add(
                internalCluster()
                    .client(without)
                    .prepareIndex("partial-index")
                    .setId("1")
                    .setPipeline("embed-partial")
                    .setSource("body", "car engine"))
            .setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE)
            .get();
    BulkItemResponse.Failure failure = bulk.getItems()[0].getFailure();
    assertNotNull(failure);
    assertEquals(RestStatus.BAD_REQUEST, failure.getStatus());
    assertTrue(
        failure.getMessage(), failure.getMessage().contains("lexica model [partial] not found"));
    // Queries against a field whose model no node has answer 400 too.
    rest("PUT", "/nomodel", indexBody("nope", null));
    ensureGreen("nomodel");
    ClusterRest.assertBadRequest(
        getRestClient(),
        "POST",
        "/nomodel/_search",
        "{\"query\": {\"lexica_knn\": {\"field\": \"vec\", \"query\": \"car\"}}}",
        "lexica model [nope] not found");
    // The target mapped as something else: the documents fail, saying how to map it.
    rest("PUT", "/_ingest/pipeline/embed-docs", pipeline("docs"));
    rest("PUT", "/floats", indexBody(null, "{\"type\": \"float\"}"));
    rest("PUT", "/othermodel", indexBody("docs-v2", null));
    ensureGreen("floats", "othermodel");
    for (String[] c :
        new String[][] {
          {"floats", "maps [vec] as [float]"},
          {"othermodel", "maps [vec] for lexica model [docs-v2]"}
        }) {
      ClusterRest.assertBadRequest(
          getRestClient(),
          "PUT",
          "/" + c[0] + "/_doc/1?pipeline=embed-docs",
          "{\"body\": \"car engine\"}",
          c[1]);
    }
    ClusterRest.assertBadRequest(
        getRestClient(),
        "PUT",
        "/floats/_doc/1?pipeline=embed-docs",
        "{\"body\": \"car engine\"}",
        // the mapping to use, in the JSON answer's escaped quotes
        "{\\\"type\\\": \\\"lexica_vector\\\", \\\"dims\\\": 8, \\\"model\\\": \\\"docs\\\"");
    ClusterRest.assertBadRequest(
        getRestClient(),
        "POST",
        "/floats/_search",
        "{\"query\": {\"lexica_knn\": {\"field\": \"vec\", \"query\": \"car\"}}}",
        "lexica_knn] searches lexica_vector fields, and [vec] is a [float] field");
    // Mappings and values are checked.
    ClusterRest.assertBadRequest(
        getRestClient(),
        "PUT",
        "/nodims",
        "{\"mappings\": {\"properties\": {\"vec\": {\"type\": \"lexica_vector\", \"model\":"
            + " \"docs\"}}}}",
        "[dims] is required");
    ClusterRest.assertBadRequest(
        getRestClient(),
        "PUT",
        "/badmethod",
        "{\"mappings\": {\"properties\": {\"vec\": {\"type\": \"lexica_vector\", \"dims\": 8,"
            + " \"model\": \"docs\", \"method\": \"median\"}}}}",
        "unknown document embedding method 'median'");
    ClusterRest.assertBadRequest(
        getRestClient(),
        "PUT",
        "/nomodel/_doc/2",
        "{\"vec\": [1, 0, 0]}",
        "takes an array of 8 finite numbers of unit length");
    ClusterRest.assertBadRequest(
        getRestClient(),
        "PUT",
        "/_ingest/pipeline/bad",
        "{\"processors\": [{\"lexica_embed\": {\"field\": \"body\", \"target_field\": \"vec\","
            + " \"model\": \"docs\", \"method\": \"median\"}}]}",
        "unknown document embedding method 'median'");
    ClusterRest.assertBadRequest(
        getRestClient(),
        "POST",
        "/nomodel/_search",
        "{\"query\": {\"lexica_hybrid\": {\"query\": \"car\", \"text_field\": \"body\","
            + " \"vector_field\": \"vec\", \"fusion\": \"weighted:2\"}}}",
        "unknown fusion 'weighted:2'");
  }

  private static List<Hit> top(List<Hit> hits, int n) {
    return hits.size() > n ? hits.subList(0, n) : hits;
  }

  private static float dot(float[] a, float[] b) {
    float s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** The same ids with the same scores (within {@code delta}), best first. */
  private static void assertSameHits(String what, List<Hit> expected, List<Hit> got, float delta) {
    Map<String, Float> e = expected.stream().collect(Collectors.toMap(Hit::id, Hit::score));
    Map<String, Float> g = got.stream().collect(Collectors.toMap(Hit::id, Hit::score));
    assertEquals(what + ": " + got + " vs " + expected, e.keySet(), g.keySet());
    for (Map.Entry<String, Float> x : e.entrySet()) {
      assertEquals(what + " " + x.getKey(), x.getValue(), g.get(x.getKey()), delta);
    }
    for (int i = 1; i < got.size(); i++) {
      assertTrue(what + " order", got.get(i - 1).score() >= got.get(i).score());
    }
  }

  private static List<Hit> search(String path, String body) throws IOException {
    List<Hit> out = new ArrayList<>();
    for (Map<String, Object> h :
        ClusterRest.hits(
            rest("POST", "/" + (path.contains("_search") ? path : path + "/_search"), body))) {
      out.add(new Hit((String) h.get("_id"), ((Number) h.get("_score")).floatValue()));
    }
    return out;
  }

  private static Map<String, Object> rest(String method, String path, String body)
      throws IOException {
    try {
      return ClusterRest.rest(getRestClient(), method, path, body);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
