package io.lexica.opensearch;

import io.lexica.cli.Main;
import io.lexica.vectors.WordVectors;
import io.lexica.vectors.store.ModelArchive;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.opensearch.client.RestClient;
import org.opensearch.cluster.routing.allocation.AllocationService;
import org.opensearch.common.settings.Settings;
import org.opensearch.index.query.QueryBuilders;
import org.opensearch.plugins.Plugin;
import org.opensearch.test.MockLogAppender;
import org.opensearch.test.OpenSearchIntegTestCase;
import org.opensearch.transport.Netty4ModulePlugin;
import picocli.CommandLine;

/**
 * Models kept in the cluster, in a real multi-node cluster over HTTP: {@code lexica publish} and
 * the {@code /_lexica/models} calls, every node serving the same version, new versions under load,
 * failed uploads, deletion and a node that joins later. Nodes have no model folders here: whatever
 * they serve came from the models index.
 */
@OpenSearchIntegTestCase.ClusterScope(
    scope = OpenSearchIntegTestCase.Scope.TEST,
    numDataNodes = 2,
    numClientNodes = 0,
    supportsDedicatedMasters = false)
public class ClusterModelsTest extends OpenSearchIntegTestCase {
  /** The first six: car, automobile, vehicle, fruit and engine documents, ids 1 to 6. */
  private static final List<String> DOCS = LexicaPluginClusterTest.DOCS.subList(0, 6);

  @Override
  protected Collection<Class<? extends Plugin>> nodePlugins() {
    return List.of(LexicaPlugin.class, Netty4ModulePlugin.class);
  }

  @Override
  protected boolean addMockHttpTransport() {
    return false; // real HTTP: lexica publish talks to it as to any cluster
  }

  @Override
  protected Settings nodeSettings(int nodeOrdinal) {
    return Settings.builder()
        .put(super.nodeSettings(nodeOrdinal))
        .put(LexicaPlugin.MODEL_CHECK_INTERVAL.getKey(), "100ms")
        .build();
  }

  /** A model folder holding {@code vectors}, outside every node. */
  private Path modelFolder(WordVectors vectors) {
    return TestModels.install(createTempDir(), "model", vectors);
  }

  /** {@code lexica publish} against a node's HTTP address; its exit code, output and errors. */
  private record Published(int code, String out, String err) {}

  private Published publish(Path model, String name, String... more) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    List<String> args = new ArrayList<>(List.of("publish", model.toString(), "--url", url(0)));
    args.addAll(List.of("--name", name));
    args.addAll(List.of(more));
    int code = cl.execute(args.toArray(String[]::new));
    return new Published(code, out.toString(), err.toString());
  }

  private Published publishOk(Path model, String name, String... more) {
    Published p = publish(model, name, more);
    assertEquals(p.err(), 0, p.code());
    return p;
  }

  private static String url(int node) {
    return ClusterRest.url(internalCluster().getNodeNames()[node]);
  }

  @SuppressWarnings("unchecked")
  private static String nearest(RestClient client, String model, String word) throws IOException {
    Map<String, Object> r =
        ClusterRest.rest(
            client, "GET", "/_lexica/" + model + "/neighbors?word=" + word + "&k=1", null);
    return (String) ((List<Map<String, Object>>) r.get("neighbors")).get(0).get("word");
  }

  /** {@code car}'s nearest word in {@code model} as every node answers it. */
  private static List<String> nearestOnEveryNode(String model) throws IOException {
    List<String> answers = new ArrayList<>();
    for (String node : internalCluster().getNodeNames()) {
      try (RestClient client = ClusterRest.clientOf(node)) {
        answers.add(nearest(client, model, "car"));
      }
    }
    return answers;
  }

  private static String sha256(Path model) throws IOException {
    return ModelArchive.write(model, new ByteArrayOutputStream());
  }

  @SuppressWarnings("unchecked")
  public void testPublishListGetDelete() throws Exception {
    Path model = modelFolder(TestModels.TINY);
    Published p = publishOk(model, "wiki");
    assertTrue(p.out(), p.out().contains("as [wiki] version 1:"));
    List<Map<String, Object>> models =
        (List<Map<String, Object>>) rest("GET", "/_lexica/models").get("models");
    assertEquals(1, models.size());
    Map<String, Object> wiki = models.get(0);
    assertEquals("wiki", wiki.get("name"));
    assertEquals(1, wiki.get("version"));
    assertEquals(sha256(model), wiki.get("sha256"));
    assertEquals("test", wiki.get("algorithm"));
    assertEquals(4, wiki.get("dimension"));
    assertEquals(8, wiki.get("words"));
    assertEquals(wiki, rest("GET", "/_lexica/models/wiki"));
    // Every node serves it, though none has a folder for it.
    assertEquals(List.of("automobile", "automobile"), nearestOnEveryNode("wiki"));
    // A second upload is version 2.
    p = publishOk(modelFolder(TestModels.TINY_V2), "wiki");
    assertTrue(p.out(), p.out().contains("as [wiki] version 2 (was 1):"));
    assertEquals(2, rest("GET", "/_lexica/models/wiki").get("version"));
    // Only the version before's parts are kept beside the new one's.
    Map<String, Object> deleted = rest("DELETE", "/_lexica/models/wiki");
    assertEquals(2, ((Map<String, Object>) deleted.get("model")).get("version"));
    assertEquals(List.of(), rest("GET", "/_lexica/models").get("models"));
    assertStatus(404, "GET", "/_lexica/models/wiki", "is not kept in the cluster");
    assertStatus(404, "DELETE", "/_lexica/models/wiki", "is not kept in the cluster");
    // Every node stops serving it at once, and no part stays behind.
    for (String node : internalCluster().getNodeNames()) {
      try (RestClient client = ClusterRest.clientOf(node)) {
        ClusterRest.assertBadRequest(
            client,
            "GET",
            "/_lexica/wiki/neighbors?word=car",
            null,
            "lexica model [wiki] not found");
      }
    }
    refresh(ModelIndex.NAME);
    assertEquals(
        0,
        client().prepareSearch(ModelIndex.NAME).setSize(0).get().getHits().getTotalHits().value());
    assertBusy(() -> assertEquals(List.of(), cachedFolders()));
  }

  public void testBadRequestsNameTheProblem() throws Exception {
    assertStatus(400, "GET", "/_lexica/models/.hidden", "invalid lexica model name [.hidden]");
    assertStatus(
        400,
        "PUT",
        "/_lexica/models/m/_parts/0",
        "{\"upload\": \"x\", \"data\": \"AAAA\"}",
        "invalid upload id [x]");
    assertStatus(
        400,
        "PUT",
        "/_lexica/models/m",
        "{\"upload\": \"abcdefgh\", \"parts\": 1, \"size\": 3, \"sha256\": \"nothex\"}",
        "[sha256] is the archive's SHA-256");
    assertStatus(400, "PUT", "/_lexica/models/m", "{\"uplod\": 1}", "unknown field [uplod]");
    Published p = publish(createTempDir(), "m");
    assertEquals(p.err(), 3, p.code());
    assertTrue(
        p.err(), p.err().startsWith("lexica publish: ") && p.err().contains("is not a model"));
    assertStatus(404, "GET", "/_lexica/models/m", "is not kept in the cluster");
  }

  public void testEveryNodeServesTheSameModelToQueriesAndFollowsNewVersionsUnderLoad()
      throws Exception {
    publishOk(modelFolder(TestModels.TINY), "live");
    rest(
        "PUT",
        "/docs",
        """
        {"settings": {"number_of_shards": 2, "number_of_replicas": 1},
         "mappings": {"properties": {"body": {"type": "text"}}}}
        """);
    ensureGreen("docs");
    StringBuilder bulk = new StringBuilder();
    for (int i = 0; i < DOCS.size(); i++) {
      bulk.append("{\"index\":{\"_id\":\"").append(i + 1).append("\"}}\n");
      bulk.append("{\"body\":\"").append(DOCS.get(i)).append("\"}\n");
    }
    assertEquals(
        Boolean.FALSE, rest("POST", "/docs/_bulk?refresh=true", bulk.toString()).get("errors"));
    String expand =
        """
        {"query": {"lexica_expand": {"field": "body", "query": "car", "model": "live",
                                      "k": 1, "min_similarity": 0.5}}}
        """;
    // Each node answers from its own copies of the shards, with the same model.
    for (String node : internalCluster().getNodeNames()) {
      try (RestClient client = ClusterRest.clientOf(node)) {
        Map<String, Object> r =
            ClusterRest.rest(client, "POST", "/docs/_search?preference=_only_local", expand);
        assertEquals(node, Set.of("1", "2"), ClusterRest.ids(r));
      }
    }
    // Queries on every node while a new version is uploaded: none fails.
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger done = new AtomicInteger();
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (String node : internalCluster().getNodeNames()) {
      Thread t =
          new Thread(
              () -> {
                try (RestClient client = ClusterRest.clientOf(node)) {
                  while (!stop.get()) {
                    Map<String, Object> r =
                        ClusterRest.rest(
                            client, "POST", "/docs/_search?preference=_only_local", expand);
                    Set<String> ids = ClusterRest.ids(r);
                    // car plus automobile (version 1) or vehicle (version 2)
                    assertTrue(
                        ids.toString(),
                        ids.equals(Set.of("1", "2")) || ids.equals(Set.of("2", "3")));
                    nearest(client, "live", "car");
                    done.incrementAndGet();
                  }
                } catch (Throwable e) {
                  errors.add(e);
                }
              });
      t.start();
      threads.add(t);
    }
    try {
      assertBusy(() -> assertTrue(done.get() > 10));
      publishOk(modelFolder(TestModels.TINY_V2), "live");
      assertBusy(() -> assertEquals(List.of("vehicle", "vehicle"), nearestOnEveryNode("live")));
      int after = done.get();
      assertBusy(() -> assertTrue(done.get() > after + 10));
    } finally {
      stop.set(true);
      for (Thread t : threads) {
        t.join();
      }
    }
    assertEquals(List.of(), errors);
    for (String node : internalCluster().getNodeNames()) {
      try (RestClient client = ClusterRest.clientOf(node)) {
        Map<String, Object> r =
            ClusterRest.rest(client, "POST", "/docs/_search?preference=_only_local", expand);
        assertEquals(node, Set.of("2", "3"), ClusterRest.ids(r));
      }
    }
    // The first version's copy is removed once no request uses it: one folder a node.
    assertBusy(() -> assertEquals(internalCluster().getNodeNames().length, cachedFolders().size()));
  }

  public void testAFailedUploadLeavesThePreviousVersionServing() throws Exception {
    publishOk(modelFolder(TestModels.TINY), "m");
    assertEquals(List.of("automobile", "automobile"), nearestOnEveryNode("m"));
    ByteArrayOutputStream v2 = new ByteArrayOutputStream();
    String sha = ModelArchive.write(modelFolder(TestModels.TINY_V2), v2);
    byte[] bytes = v2.toByteArray();
    int half = bytes.length / 2;
    putPart("m", "upload-one", 0, java.util.Arrays.copyOf(bytes, half));
    // The second part never came.
    assertStatus(
        400,
        "PUT",
        "/_lexica/models/m",
        commit("upload-one", 2, bytes.length, sha),
        "part 1 of upload [upload-one] of lexica model [m] is missing");
    // A part sent twice, the other never.
    putPart("m", "upload-one", 1, java.util.Arrays.copyOf(bytes, half));
    assertStatus(
        400,
        "PUT",
        "/_lexica/models/m",
        commit("upload-one", 2, bytes.length, sha),
        "the upload of lexica model [m] is not");
    // A wrong checksum.
    putPart("m", "upload-one", 1, java.util.Arrays.copyOfRange(bytes, half, bytes.length));
    assertStatus(
        400,
        "PUT",
        "/_lexica/models/m",
        commit("upload-one", 2, bytes.length, "0".repeat(64)),
        "is not what was announced");
    // An archive of something that is not a model.
    Path notModel = createTempDir();
    Files.writeString(notModel.resolve("notes.txt"), "hello");
    ByteArrayOutputStream other = new ByteArrayOutputStream();
    String otherSha = ModelArchive.write(notModel, other);
    putPart("m", "upload-two", 0, other.toByteArray());
    assertStatus(
        400,
        "PUT",
        "/_lexica/models/m",
        commit("upload-two", 1, other.size(), otherSha),
        "is not a model");
    // Not an archive at all.
    byte[] junk = "just some bytes".getBytes(StandardCharsets.UTF_8);
    putPart("m", "upload-three", 0, junk);
    assertStatus(
        400,
        "PUT",
        "/_lexica/models/m",
        commit("upload-three", 1, junk.length, sha256Of(junk)),
        "the upload of lexica model [m] is not a model archive");
    // Nothing changed: version 1 serves everywhere, and no node kept a half copy.
    assertEquals(1, rest("GET", "/_lexica/models/m").get("version"));
    assertEquals(List.of("automobile", "automobile"), nearestOnEveryNode("m"));
    assertEquals(internalCluster().getNodeNames().length, cachedFolders().size());
    // The complete upload commits.
    rest("PUT", "/_lexica/models/m", commit("upload-one", 2, bytes.length, sha));
    assertBusy(() -> assertEquals(List.of("vehicle", "vehicle"), nearestOnEveryNode("m")));
  }

  public void testANodeStartedAfterTheUploadServesTheModel() throws Exception {
    publishOk(modelFolder(TestModels.TINY), "late");
    String node = internalCluster().startDataOnlyNode();
    ensureStableCluster(3);
    try (RestClient client = ClusterRest.clientOf(node)) {
      assertBusy(() -> assertEquals("automobile", nearest(client, "late", "car")));
    }
  }

  /**
   * After a full restart, an index whose analyzer names a cluster model opens while the models
   * index is still recovering (the node has not read the list yet), and searches with the model.
   */
  public void testAnIndexNamingAClusterModelReopensAfterAFullRestart() throws Exception {
    publishOk(modelFolder(TestModels.TINY), "wiki");
    client()
        .admin()
        .indices()
        .prepareCreate("syn")
        .setSettings(
            Settings.builder()
                .put("index.number_of_shards", 2)
                .put("index.number_of_replicas", 1)
                .put("analysis.filter.related.type", "lexica_synonyms")
                .put("analysis.filter.related.model", "wiki")
                .put("analysis.filter.related.k", 1)
                .put("analysis.analyzer.expanding.tokenizer", "standard")
                .putList("analysis.analyzer.expanding.filter", "lowercase", "related"))
        .setMapping("body", "type=text,search_analyzer=expanding")
        .get();
    ensureGreen("syn");
    client().prepareIndex("syn").setId("1").setSource("body", "the automobile was parked").get();
    client().prepareIndex("syn").setId("2").setSource("body", "fresh fruit salad").get();
    refresh("syn");
    // car finds the automobile through the model (search analyzer)
    assertEquals(1, carHits());
    // No shard of the index fails while it reopens (it would, were the model looked up before the
    // restarted nodes can read the models index).
    try (MockLogAppender failures =
        MockLogAppender.createForLoggers(LogManager.getLogger(AllocationService.class))) {
      failures.addExpectation(
          new MockLogAppender.UnseenEventExpectation(
              "a failed shard", AllocationService.class.getName(), Level.WARN, "*failing shard*"));
      internalCluster().fullRestart();
      ensureGreen("syn");
      failures.assertAllExpectationsMatched();
    }
    assertBusy(() -> assertEquals(1, carHits()));
  }

  /** The hits of {@code car} in the index of the restart test. */
  private static long carHits() {
    return client()
        .prepareSearch("syn")
        .setQuery(QueryBuilders.matchQuery("body", "car"))
        .get()
        .getHits()
        .getTotalHits()
        .value();
  }

  private void putPart(String name, String upload, int part, byte[] data) throws IOException {
    rest(
        "PUT",
        "/_lexica/models/" + name + "/_parts/" + part,
        "{\"upload\": \""
            + upload
            + "\", \"data\": \""
            + Base64.getEncoder().encodeToString(data)
            + "\"}");
  }

  private static String commit(String upload, int parts, long size, String sha) {
    return "{\"upload\": \""
        + upload
        + "\", \"parts\": "
        + parts
        + ", \"size\": "
        + size
        + ", \"sha256\": \""
        + sha
        + "\"}";
  }

  private static String sha256Of(byte[] bytes) {
    return java.util.HexFormat.of().formatHex(ModelArchive.sha256().digest(bytes));
  }

  /** Every node's cached model folders. */
  private static List<Path> cachedFolders() throws IOException {
    List<Path> all = new ArrayList<>();
    for (ClusterModels node : internalCluster().getInstances(ClusterModels.class)) {
      all.addAll(node.cachedFolders());
    }
    return all;
  }

  private Map<String, Object> rest(String method, String path) throws IOException {
    return rest(method, path, null);
  }

  private Map<String, Object> rest(String method, String path, String body) throws IOException {
    return ClusterRest.rest(getRestClient(), method, path, body);
  }

  private void assertStatus(int status, String method, String path, String reason)
      throws IOException {
    assertStatus(status, method, path, null, reason);
  }

  private void assertStatus(int status, String method, String path, String body, String reason)
      throws IOException {
    ClusterRest.assertStatus(getRestClient(), status, method, path, body, reason);
  }
}
