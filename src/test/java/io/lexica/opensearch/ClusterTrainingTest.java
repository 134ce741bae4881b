package io.lexica.opensearch;

import static org.opensearch.test.hamcrest.OpenSearchAssertions.assertAcked;

import io.lexica.corpus.CorpusBuilder;
import io.lexica.corpus.EncodedCorpus;
import io.lexica.corpus.IndexCorpusReader;
import io.lexica.corpus.Vocabulary;
import io.lexica.vectors.store.ModelArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.opensearch.client.RestClient;
import org.opensearch.core.index.shard.ShardId;
import org.opensearch.plugins.Plugin;
import org.opensearch.test.OpenSearchIntegTestCase;
import org.opensearch.transport.Netty4ModulePlugin;
import org.opensearch.transport.client.Client;

/**
 * Training in the cluster ({@code POST /_lexica/models/<name>/_train}) on an index of two shards
 * with a replica each over two nodes: the token count equals the library's reading of the same
 * documents in one local index (so the vocabulary merged from the shards' statistics prunes as the
 * local one does), deleted documents are left out, the planted nearest neighbour is found and every
 * node serves the same model; a cancelled training leaves nothing behind; bad requests are refused
 * before any work.
 */
@OpenSearchIntegTestCase.ClusterScope(
    scope = OpenSearchIntegTestCase.Scope.SUITE,
    numDataNodes = 2,
    numClientNodes = 0,
    supportsDedicatedMasters = false)
public class ClusterTrainingTest extends OpenSearchIntegTestCase {
  /** Two words in the same contexts per group: each one's nearest word is its twin. */
  private static final List<List<String>> GROUPS =
      List.of(
          List.of("alpha", "beta", "red", "round", "sweet", "juicy", "ripe", "orchard"),
          List.of("gamma", "delta", "fast", "loud", "metal", "engine", "wheel", "garage"),
          List.of("omega", "sigma", "cold", "snowy", "winter", "ice", "frost", "glacier"));

  /** Words in exactly two documents each: kept at min_count 2 only if the shards' counts add up. */
  private static final List<String> PAIRED =
      List.of("anvil", "bonsai", "cobalt", "dune", "ember", "fjord", "geyser", "harp", "igloo");

  @Override
  protected Collection<Class<? extends Plugin>> nodePlugins() {
    return List.of(LexicaPlugin.class, Netty4ModulePlugin.class);
  }

  @Override
  protected boolean addMockHttpTransport() {
    return false; // real HTTP: the calls as users make them
  }

  /** The planted corpus: 600 documents of a group's twin and six of its context words. */
  private static List<String> documents() {
    return documents(0);
  }

  /**
   * The planted corpus, each context word drawn from any group with probability {@code noise}.
   * GloVe fits only the pairs that occur, so without words of the other groups nothing places the
   * groups apart; word2vec's negative samples do that.
   */
  private static List<String> documents(double noise) {
    Random random = new Random(42);
    List<String> docs = new ArrayList<>();
    for (int d = 0; d < 600; d++) {
      List<String> group = GROUPS.get(d % GROUPS.size());
      StringBuilder text = new StringBuilder(group.get(random.nextInt(2)));
      for (int k = 0; k < 6; k++) {
        List<String> from =
            noise > 0 && random.nextDouble() < noise
                ? GROUPS.get(random.nextInt(GROUPS.size()))
                : group;
        text.append(' ').append(from.get(2 + random.nextInt(from.size() - 2)));
      }
      if (d < 2 * PAIRED.size()) {
        text.append(' ').append(PAIRED.get(d / 2));
      }
      docs.add(text.toString());
    }
    return docs;
  }

  /** Creates {@code name} (2 shards, 1 replica) with {@code docs} and refreshes it. */
  private void index(String name, List<String> docs) throws IOException {
    rest(
        "PUT",
        "/" + name,
        """
        {"settings": {"number_of_shards": 2, "number_of_replicas": 1},
         "mappings": {"properties": {"body": {"type": "text"}, "tag": {"type": "keyword"}}}}
        """);
    ensureGreen(name);
    StringBuilder bulk = new StringBuilder();
    for (int i = 0; i < docs.size(); i++) {
      bulk.append("{\"index\":{\"_id\":\"").append(i).append("\"}}\n");
      bulk.append("{\"body\":\"").append(docs.get(i)).append("\"}\n");
    }
    assertEquals(
        Boolean.FALSE,
        rest("POST", "/" + name + "/_bulk?refresh=true", bulk.toString()).get("errors"));
  }

  /** The library's token count of {@code docs} in one local index, as lexica train reads it. */
  private long localTokenCount(List<String> docs, long minCount) throws IOException {
    Path dir = createTempDir();
    try (FSDirectory d = FSDirectory.open(dir);
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig(new StandardAnalyzer()))) {
      for (String text : docs) {
        Document doc = new Document();
        doc.add(new TextField("body", text, Field.Store.NO));
        w.addDocument(doc);
      }
    }
    try (IndexCorpusReader reader = IndexCorpusReader.open(dir, List.of("body"))) {
      Vocabulary v = reader.vocabulary().prune(minCount, 0);
      try (EncodedCorpus corpus = reader.encode(v, new CorpusBuilder(v))) {
        return corpus.tokenCount();
      }
    }
  }

  @SuppressWarnings("unchecked")
  public void testTrainsWhereTheShardsAreAndEveryNodeServesTheModel() throws Exception {
    List<String> docs = new ArrayList<>(documents());
    // Documents deleted before the training: their word must not reach the model.
    for (int i = 0; i < 20; i++) {
      docs.add("zebra alpha red round sweet juicy");
    }
    index("planted", docs);
    StringBuilder deletes = new StringBuilder();
    for (int i = docs.size() - 20; i < docs.size(); i++) {
      deletes.append("{\"delete\":{\"_id\":\"").append(i).append("\"}}\n");
    }
    rest("POST", "/planted/_bulk?refresh=true", deletes.toString());
    List<String> live = docs.subList(0, docs.size() - 20);

    Map<String, Object> r =
        rest(
            "POST",
            "/_lexica/models/planted/_train?wait_for_completion=true",
            """
            {"index": "planted", "field": "body", "algorithm": "word2vec", "min_count": 2,
             "dim": 20, "window": 3, "epochs": 40, "sample": 0, "threads": 1, "seed": 7}
            """);
    assertEquals(localTokenCount(live, 2), ((Number) r.get("tokens")).longValue());
    Map<String, Object> model = (Map<String, Object>) r.get("model");
    assertEquals(1, model.get("version"));
    assertEquals("word2vec", model.get("algorithm"));
    // 24 group words and the 9 paired words, each seen twice over the two shards
    assertEquals(GROUPS.size() * 8 + PAIRED.size(), model.get("words"));
    assertEquals(model, rest("GET", "/_lexica/models/planted"));

    StringBuilder expected = new StringBuilder();
    for (String node : internalCluster().getNodeNames()) {
      try (RestClient client = ClusterRest.clientOf(node)) {
        StringBuilder answers = new StringBuilder();
        for (List<String> group : GROUPS) {
          Map<String, Object> n =
              ClusterRest.rest(
                  client, "GET", "/_lexica/planted/neighbors?word=" + group.get(0) + "&k=3", null);
          List<Map<String, Object>> neighbors = (List<Map<String, Object>>) n.get("neighbors");
          assertEquals(node + ": " + n, group.get(1), neighbors.get(0).get("word"));
          answers.append(neighbors).append('\n');
        }
        Map<String, Object> zebra =
            ClusterRest.rest(client, "GET", "/_lexica/planted/neighbors?word=zebra", null);
        assertEquals(Boolean.FALSE, zebra.get("in_vocabulary"));
        // lexica_expand on this node's own shard copies: alpha also finds beta's documents
        Map<String, Object> hits =
            ClusterRest.rest(
                client,
                "POST",
                "/planted/_search?preference=_only_local&size=0&track_total_hits=true",
                """
                {"query": {"lexica_expand": {"field": "body", "query": "alpha",
                                              "model": "planted", "k": 1}}}
                """);
        Object total =
            ((Map<String, Object>) ((Map<String, Object>) hits.get("hits")).get("total"))
                .get("value");
        answers.append(total);
        if (expected.isEmpty()) {
          expected.append(answers);
        } else {
          assertEquals(
              "node " + node + " answers otherwise", expected.toString(), answers.toString());
        }
      }
    }
    // alpha or beta: the first group's 200 documents
    assertTrue(expected.toString(), expected.toString().endsWith("200"));
    assertNoReadsOpen();
  }

  @SuppressWarnings("unchecked")
  public void testTrainsFastTextWithItsNgramsAndServesIt() throws Exception {
    List<String> docs = documents();
    index("subwords", docs);
    Map<String, Object> r =
        rest(
            "POST",
            "/_lexica/models/subwords/_train?wait_for_completion=true",
            """
            {"index": "subwords", "field": "body", "algorithm": "fasttext", "min_count": 2,
             "minn": 3, "maxn": 4, "buckets": 5000,
             "dim": 20, "window": 3, "epochs": 40, "sample": 0, "threads": 1, "seed": 7}
            """);
    assertEquals(localTokenCount(docs, 2), ((Number) r.get("tokens")).longValue());
    Map<String, Object> model = (Map<String, Object>) r.get("model");
    assertEquals("fasttext", model.get("algorithm"));
    assertEquals(GROUPS.size() * 8 + PAIRED.size(), model.get("words"));
    for (String node : internalCluster().getNodeNames()) {
      try (RestClient client = ClusterRest.clientOf(node)) {
        for (List<String> group : GROUPS) {
          Map<String, Object> n =
              ClusterRest.rest(
                  client, "GET", "/_lexica/subwords/neighbors?word=" + group.get(0) + "&k=3", null);
          List<Object> words =
              ((List<Map<String, Object>>) n.get("neighbors"))
                  .stream().map(m -> m.get("word")).toList();
          assertTrue(node + ": " + n, words.contains(group.get(1)));
        }
      }
    }
    assertNoReadsOpen();
  }

  @SuppressWarnings("unchecked")
  public void testTrainsGloveAsTheCommandLineDoesAndServesIt() throws Exception {
    List<String> docs = documents(0.3);
    index("cooccurrences", docs);
    // The word vectors alone: the sum with the context vectors also makes words that co-occur
    // alike, and here twins never co-occur (the CLI on the same text: every seed tried finds
    // each twin among the other's 3 nearest words with these settings).
    Map<String, Object> r =
        rest(
            "POST",
            "/_lexica/models/cooccurrences/_train?wait_for_completion=true",
            """
            {"index": "cooccurrences", "field": "body", "algorithm": "glove", "min_count": 2,
             "dim": 10, "window": 5, "iterations": 25, "x_max": 10, "glove_output": "word",
             "memory": "16m", "threads": 1, "seed": 7}
            """);
    assertEquals(localTokenCount(docs, 2), ((Number) r.get("tokens")).longValue());
    Map<String, Object> model = (Map<String, Object>) r.get("model");
    assertEquals("glove", model.get("algorithm"));
    assertEquals(GROUPS.size() * 8 + PAIRED.size(), model.get("words"));
    for (String node : internalCluster().getNodeNames()) {
      try (RestClient client = ClusterRest.clientOf(node)) {
        for (List<String> group : GROUPS) {
          for (int i = 0; i < 2; i++) {
            String word = group.get(i);
            Map<String, Object> n =
                ClusterRest.rest(
                    client, "GET", "/_lexica/cooccurrences/neighbors?word=" + word + "&k=3", null);
            List<Object> words =
                ((List<Map<String, Object>>) n.get("neighbors"))
                    .stream().map(m -> m.get("word")).toList();
            assertTrue(node + ": " + n, words.contains(group.get(1 - i)));
          }
        }
      }
    }
    assertNoReadsOpen();
  }

  public void testACancelledTrainingLeavesNothingBehind() throws Exception {
    assertCancelledTrainingLeavesNothingBehind(
        """
        {"index": "long", "field": "body", "min_count": 1, "dim": 20, "epochs": 1000000,
         "threads": 1}
        """);
  }

  /**
   * GloVe counts and shuffles this corpus in moments, then would iterate for a long while (a
   * million passes over a few hundred entries of 200 dimensions; with 20 it ends within a minute,
   * and the cancel would seem to work): the cancel lands in its AdaGrad iterations (or its
   * shuffle), which must stop too, its co-occurrence files removed.
   */
  public void testACancelledGloveTrainingLeavesNothingBehind() throws Exception {
    assertCancelledTrainingLeavesNothingBehind(
        """
        {"index": "long", "field": "body", "algorithm": "glove", "min_count": 1, "dim": 200,
         "window": 5, "iterations": 1000000, "memory": "16m", "threads": 1}
        """);
  }

  @SuppressWarnings("unchecked")
  private void assertCancelledTrainingLeavesNothingBehind(String settings) throws Exception {
    List<Path> before = scratch(); // another process's, which this test must not blame
    index("long", documents());
    Map<String, Object> started = rest("POST", "/_lexica/models/never/_train", settings);
    String task = (String) started.get("task");
    assertNotNull(started.toString(), task);
    // GET _tasks shows it with its progress
    assertBusy(
        () -> {
          Map<String, Object> t = rest("GET", "/_tasks/" + task);
          Map<String, Object> status =
              (Map<String, Object>) ((Map<String, Object>) t.get("task")).get("status");
          assertEquals(t.toString(), "training", status.get("phase"));
          assertEquals(2, status.get("shards"));
          assertEquals(2, status.get("shards_read"));
          assertTrue(t.toString(), ((Number) status.get("tokens_read")).longValue() > 0);
          assertTrue(
              t.toString(),
              ((String) ((Map<String, Object>) t.get("task")).get("description"))
                  .startsWith("lexica train [never] on [long][body]"));
        });
    rest("POST", "/_tasks/" + task + "/_cancel");
    Map<String, Object> ended = rest("GET", "/_tasks/" + task + "?wait_for_completion=true");
    assertEquals(Boolean.TRUE, ended.get("completed"));
    assertTrue(
        ended.toString(), String.valueOf(ended.get("error")).contains("lexica training cancelled"));
    assertStatus(404, "GET", "/_lexica/models/never", null, "is not kept in the cluster");
    if (indexExists(ModelIndex.NAME)) {
      refresh(ModelIndex.NAME);
      assertEquals(
          0,
          client()
              .prepareSearch(ModelIndex.NAME)
              .setQuery(org.opensearch.index.query.QueryBuilders.termQuery("name", "never"))
              .get()
              .getHits()
              .getTotalHits()
              .value());
    }
    assertNoReadsOpen();
    List<Path> left = new ArrayList<>(scratch());
    left.removeAll(before);
    assertEquals(List.of(), left);
  }

  /**
   * The scratch folders (and their lock files) in the node's temporary folder of a training: its
   * model's and GloVe's co-occurrence files.
   */
  private static List<Path> scratch() throws IOException {
    try (Stream<Path> temp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return temp.filter(
              p -> {
                String name = p.getFileName().toString();
                name = name.startsWith(".") ? name.substring(1) : name;
                return name.startsWith("lexica-train-") || name.startsWith("lexica-glove-");
              })
          .toList();
    }
  }

  /**
   * The commit of a training's own archive reads the lengths and digests its parts were stored
   * with, never their bytes: it passes only when the index holds every part as it was sent, and
   * names the part that is not as sent, missing, or stored but not sent.
   */
  public void testATrainingsCommitChecksEveryPartItSentWithoutReadingItBack() throws Exception {
    ModelIndex index = internalCluster().getInstance(ModelIndex.class);
    Random random = new Random(3);
    String upload = "upload-checked";
    List<String> sha256s = new ArrayList<>();
    long[] sizes = {1000, 1, 4096};
    for (int i = 0; i < sizes.length; i++) {
      byte[] part = new byte[(int) sizes[i]];
      random.nextBytes(part);
      sha256s.add(index.putPart("checked", upload, i, part));
      assertEquals(HexFormat.of().formatHex(ModelArchive.sha256().digest(part)), sha256s.get(i));
    }
    index.checkParts("checked", upload, sizes, sha256s);

    List<String> other = new ArrayList<>(sha256s);
    other.set(1, sha256s.get(0));
    IllegalStateException e =
        expectThrows(
            IllegalStateException.class, () -> index.checkParts("checked", upload, sizes, other));
    assertTrue(e.getMessage(), e.getMessage().contains("part 1 holds 1 bytes with SHA-256"));
    assertTrue(e.getMessage(), e.getMessage().endsWith("nothing was committed"));
    long[] longer = {1000, 2, 4096};
    e =
        expectThrows(
            IllegalStateException.class,
            () -> index.checkParts("checked", upload, longer, sha256s));
    assertTrue(e.getMessage(), e.getMessage().contains("part 1 holds 1 bytes"));

    e =
        expectThrows(
            IllegalStateException.class,
            () -> index.checkParts("checked", upload, new long[] {1000, 1}, sha256s.subList(0, 2)));
    assertTrue(e.getMessage(), e.getMessage().contains("part 2 was not sent"));

    client().prepareDelete(ModelIndex.NAME, ModelIndex.partId("checked", upload, 2)).get();
    e =
        expectThrows(
            IllegalStateException.class, () -> index.checkParts("checked", upload, sizes, sha256s));
    assertTrue(e.getMessage(), e.getMessage().contains("part 2 is missing"));

    index.discardUpload("checked", upload);
    refresh(ModelIndex.NAME);
    assertEquals(
        0,
        client()
            .prepareSearch(ModelIndex.NAME)
            .setQuery(org.opensearch.index.query.QueryBuilders.termQuery("name", "checked"))
            .get()
            .getHits()
            .getTotalHits()
            .value());
  }

  /**
   * A shard that closes on its node while a training reads it (relocated, failed, its index closed
   * or deleted) ends the read: the next request names the shard and the node, and the searcher is
   * released.
   */
  public void testAShardClosedWhileItIsReadEndsTheReadWithAClearMessage() throws Exception {
    index("moving", documents().subList(0, 50));
    // Two nodes, two shards with a replica each: every node holds a copy of every shard.
    String node = internalCluster().getNodeNames()[0];
    Client onNode = internalCluster().client(node);
    ShardId shard = new ShardId(resolveIndex("moving"), 0);
    ShardVocabularyAction.Response statistics =
        onNode
            .execute(
                ShardVocabularyAction.INSTANCE,
                new ShardVocabularyAction.Request("read-1", shard, "body"))
            .actionGet();
    assertTrue(statistics.vocabulary.size() > 0);
    assertAcked(client().admin().indices().prepareDelete("moving"));
    Exception e =
        expectThrows(
            Exception.class,
            () ->
                onNode
                    .execute(
                        ShardSequencesAction.INSTANCE,
                        new ShardSequencesAction.Request(
                            "read-1", shard, statistics.vocabulary, false))
                    .actionGet());
    assertTrue(
        e.getMessage(),
        e.getMessage().contains("shard " + shard + " on node [" + node + "] closed while lexica"));
    assertNoReadsOpen();
  }

  public void testBadRequestsAreRefusedBeforeAnyWork() throws Exception {
    index("small", documents().subList(0, 10));
    String train = "/_lexica/models/m/_train";
    assertStatus(400, "POST", train, "{\"field\": \"body\"}", "[index] is required");
    assertStatus(
        400,
        "POST",
        train,
        "{\"index\": \"small\", \"field\": \"body\", \"dims\": 5}",
        "unknown training setting [dims]");
    assertStatus(
        400,
        "POST",
        train,
        "{\"index\": \"small\", \"field\": \"body\", \"algorithm\": \"glove\","
            + " \"negative\": 5}",
        "[negative] is a word2vec and fasttext setting, not read by [glove]: leave it out");
    assertStatus(
        400,
        "POST",
        train,
        "{\"index\": \"small\", \"field\": \"body\", \"algorithm\": \"glove\","
            + " \"memory\": \"1t\"}",
        "is more than half of this node's heap");
    assertStatus(
        400,
        "POST",
        train,
        "{\"index\": \"small\", \"field\": \"body\", \"window\": 0}",
        "window must be positive");
    assertStatus(
        400,
        "POST",
        train,
        "{\"index\": \"small\", \"field\": \"body\", \"min_count\": 0}",
        "min count must be at least 1");
    assertStatus(
        400,
        "POST",
        train,
        "{\"index\": \"small\", \"field\": \"body\", \"arch\": \"cbo\"}",
        "[arch] is one of [skipgram, cbow]");
    // Checked by the task before it reads a shard; with wait_for_completion the call answers them.
    String wait = train + "?wait_for_completion=true";
    assertStatus(
        404, "POST", wait, "{\"index\": \"nowhere\", \"field\": \"body\"}", "no such index");
    assertStatus(
        400,
        "POST",
        wait,
        "{\"index\": \"small\", \"field\": \"bdy\"}",
        "index [small] has no field [bdy]; its text fields: [body]");
    assertStatus(
        400, "POST", wait, "{\"index\": \"small\", \"field\": \"tag\"}", "is a [keyword] field");
    assertStatus(404, "GET", "/_lexica/models/m", null, "is not kept in the cluster");
  }

  /** No node keeps a shard read open. */
  private static void assertNoReadsOpen() throws Exception {
    assertBusy(
        () -> {
          for (ShardReadings r : internalCluster().getInstances(ShardReadings.class)) {
            assertEquals(0, r.openSessions());
          }
        });
  }

  private Map<String, Object> rest(String method, String path) throws IOException {
    return rest(method, path, null);
  }

  private Map<String, Object> rest(String method, String path, String body) throws IOException {
    return ClusterRest.rest(getRestClient(), method, path, body);
  }

  private void assertStatus(int status, String method, String path, String body, String reason)
      throws IOException {
    ClusterRest.assertStatus(getRestClient(), status, method, path, body, reason);
  }
}
