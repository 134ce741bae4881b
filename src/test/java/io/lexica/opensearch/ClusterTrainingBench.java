package io.lexica.opensearch;

import com.carrotsearch.randomizedtesting.annotations.TimeoutSuite;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.opensearch.action.bulk.BulkRequestBuilder;
import org.opensearch.action.bulk.BulkResponse;
import org.opensearch.common.network.NetworkModule;
import org.opensearch.common.settings.Settings;
import org.opensearch.transport.Netty4ModulePlugin;

/**
 * Training in the cluster, measured: enwiki-17m ({@code title<TAB>text} a line, the text indexed as
 * {@code body} with the standard analyzer, as {@code lexica index} does) indexed in an in-process
 * cluster of two data nodes (2 shards, 1 replica), then {@code POST
 * /_lexica/models/enwiki/_train?wait_for_completion=true}, timed on the client. Writes the load
 * average at start, the indexing time, the training's wall time and token count, and copies the
 * stored model out of a node's cache for {@code lexica eval analogy}. Not part of the test suite
 * (the name does not end in Test); bench/opensearch-train.sh runs it with {@code
 * -Dlexica.bench.corpus}, {@code -Dlexica.bench.settings} (the training's JSON settings) and {@code
 * -Dlexica.bench.out} (a folder).
 */
@TimeoutSuite(millis = 7_200_000)
public class ClusterTrainingBench extends TwoNodeBench {
  // The nodes run as the distribution's do: Netty for transport and HTTP, and none of the test
  // framework's mock engine (it wraps readers in asserting ones at random), mock store (it wraps
  // directories and checks every index on close) or mock transport service.

  @Override
  protected Settings nodeSettings(int nodeOrdinal) {
    return Settings.builder()
        .put(super.nodeSettings(nodeOrdinal))
        .put(NetworkModule.TRANSPORT_TYPE_KEY, Netty4ModulePlugin.NETTY_TRANSPORT_NAME)
        .put(NetworkModule.HTTP_TYPE_KEY, Netty4ModulePlugin.NETTY_HTTP_TRANSPORT_NAME)
        .build();
  }

  @Override
  protected boolean addMockInternalEngine() {
    return false;
  }

  @Override
  protected boolean addMockIndexStorePlugin() {
    return false;
  }

  @Override
  protected boolean addMockTransportService() {
    return false;
  }

  /**
   * Skipped: its check of pending shard operations reads what OpenSearch tracks only with Java
   * assertions on (IndexShardOperationPermits), and the bench runs without them.
   */
  @Override
  protected void beforeIndexDeletion() {}

  @SuppressWarnings("unchecked")
  public void testTrainOnEnwiki() throws Exception {
    Path corpus = Path.of(System.getProperty("lexica.bench.corpus"));
    String settings = System.getProperty("lexica.bench.settings");
    Path out = Path.of(System.getProperty("lexica.bench.out"));
    StringBuilder report = new StringBuilder();
    report.append(loadAverageAtStart()).append(System.lineSeparator());
    client()
        .admin()
        .indices()
        .prepareCreate("enwiki")
        .setSettings(
            Settings.builder()
                .put("index.number_of_shards", 2)
                .put("index.number_of_replicas", 1)
                .put("index.refresh_interval", "-1"))
        .setMapping("title", "type=text", "body", "type=text")
        .get();
    ensureGreen("enwiki");
    long t0 = System.nanoTime();
    int docs = 0;
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(corpus), 1 << 16),
                StandardCharsets.UTF_8))) {
      BulkRequestBuilder bulk = client().prepareBulk();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank()) {
          continue; // lexica index skips blank lines too
        }
        int tab = line.indexOf('\t');
        docs++;
        bulk.add(
            client()
                .prepareIndex("enwiki")
                .setId(Integer.toString(docs))
                .setSource(
                    Map.of(
                        "title",
                        tab < 0 ? "" : line.substring(0, tab),
                        "body",
                        tab < 0 ? line : line.substring(tab + 1))));
        if (bulk.numberOfActions() == 500) {
          send(bulk);
          bulk = client().prepareBulk();
        }
      }
      if (bulk.numberOfActions() > 0) {
        send(bulk);
      }
    }
    client().admin().indices().prepareRefresh("enwiki").get();
    ensureGreen("enwiki");
    double indexing = (System.nanoTime() - t0) / 1e9;
    // The CLI reads an index written long before it trains; so does the training here: it starts
    // once the index is flushed and the merges the bulk load started have ended.
    client().admin().indices().prepareFlush("enwiki").setWaitIfOngoing(true).get();
    long quiet = System.nanoTime();
    assertBusy(
        () ->
            assertEquals(
                0,
                client()
                    .admin()
                    .indices()
                    .prepareStats("enwiki")
                    .setMerge(true)
                    .get()
                    .getTotal()
                    .getMerge()
                    .getCurrent()),
        10,
        java.util.concurrent.TimeUnit.MINUTES);
    report.append(
        String.format(
            Locale.ROOT,
            "waited %.1f s for the index's merges to end%n",
            (System.nanoTime() - quiet) / 1e9));
    report.append(
        String.format(
            Locale.ROOT, "indexed %d documents (2 shards, 1 replica) in %.1f s%n", docs, indexing));
    String body = "{\"index\": \"enwiki\", \"field\": \"body\", " + settings + "}";
    // As a user does it: the call answers the task at once; its result is polled (a training
    // takes longer than an HTTP client waits for one answer).
    long t1 = System.nanoTime();
    String task =
        (String)
            ClusterRest.rest(getRestClient(), "POST", "/_lexica/models/enwiki/_train", body)
                .get("task");
    Map<String, Object> ended;
    do {
      Thread.sleep(200);
      ended = ClusterRest.rest(getRestClient(), "GET", "/_tasks/" + task, null);
    } while (!Boolean.TRUE.equals(ended.get("completed")));
    double seconds = (System.nanoTime() - t1) / 1e9;
    assertNull(String.valueOf(ended.get("error")), ended.get("error"));
    Map<String, Object> r = (Map<String, Object>) ended.get("response");
    report.append(
        String.format(
            Locale.ROOT,
            "POST /_lexica/models/enwiki/_train %s%ncluster training: %.1f s wall (client, from the"
                + " call to the task's end), %s tokens, %s s inside the task%n",
            body,
            seconds,
            r.get("tokens"),
            r.get("took_seconds")));
    // Load the model on a node and copy its folder out, for lexica eval analogy.
    ClusterRest.rest(getRestClient(), "GET", "/_lexica/enwiki/neighbors?word=king", null);
    Path folder = null;
    for (ClusterModels node : internalCluster().getInstances(ClusterModels.class)) {
      for (Path p : node.cachedFolders()) {
        folder = p;
      }
    }
    assertNotNull("no node holds the model", folder);
    Path copy = Files.createDirectories(out.resolve("cluster-model"));
    try (var files = Files.list(folder)) {
      for (Path f : files.toList()) {
        Files.copy(
            f,
            copy.resolve(
                f.getFileName()
                    .toString())); // another file system: the nodes see the test framework's
      }
    }
    report.append("cluster model copied to ").append(copy).append('\n');
    Files.writeString(out.resolve("cluster.txt"), report);
  }

  private static void send(BulkRequestBuilder bulk) {
    BulkResponse r = bulk.get();
    assertFalse(r.buildFailureMessage(), r.hasFailures());
  }
}
