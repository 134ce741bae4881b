package io.lexica.opensearch;

import com.carrotsearch.randomizedtesting.annotations.TimeoutSuite;
import io.lexica.analysis.Tokens;
import io.lexica.docs.SifComponent;
import io.lexica.docs.TermWeights;
import io.lexica.vectors.ExactEmbeddings;
import io.lexica.vectors.WordVectors;
import io.lexica.vectors.store.StoreOptions;
import io.lexica.vectors.store.VectorStore;
import io.lexica.vectors.store.VectorStoreWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.opensearch.action.admin.cluster.node.stats.NodeStats;
import org.opensearch.action.admin.cluster.node.stats.NodesStatsResponse;
import org.opensearch.action.bulk.BulkRequestBuilder;
import org.opensearch.action.bulk.BulkResponse;
import org.opensearch.action.search.SearchResponse;
import org.opensearch.common.xcontent.XContentType;
import org.opensearch.core.common.bytes.BytesArray;
import org.opensearch.core.index.Index;
import org.opensearch.index.query.QueryBuilder;
import org.opensearch.index.query.QueryBuilders;
import org.opensearch.index.shard.IndexShard;
import org.opensearch.indices.IndicesService;
import org.opensearch.ingest.IngestStats;
import org.opensearch.plugins.Plugin;
import org.opensearch.test.OpenSearchIntegTestCase;

/**
 * What document vectors cost in a two-node cluster (2 shards, 1 replica), on the articles of a
 * {@code title<TAB>text} corpus (enwiki-17m): bulk indexing through the {@code lexica_embed}
 * pipeline against the same bulk without it (documents per second, rounds alternating; and the
 * processor's own time per document from OpenSearch's ingest stats), the size the vectors add
 * (primaries, merged to one segment, by file kind), and per-query latency (median, p99) of {@code
 * lexica_knn} and {@code lexica_hybrid} against {@code match}. Not part of the test suite;
 * bench/opensearch-embed-cost.sh runs it.
 *
 * <p>Model: the corpus's words seen at least 5 times (standard analyzer) with their true counts,
 * seeded random 100-dimensional vectors and the SIF component of 5,000 articles: the neighbours are
 * meaningless, but the work per document and per query (an analyzer pass, a vector and a count
 * lookup per token, HNSW search) is what a trained model of that vocabulary costs.
 */
@OpenSearchIntegTestCase.ClusterScope(
    scope = OpenSearchIntegTestCase.Scope.SUITE,
    numDataNodes = 2,
    numClientNodes = 0,
    supportsDedicatedMasters = false)
@TimeoutSuite(millis = 14_400_000) // a shared, loaded machine can be very slow
public class EmbedCostBench extends OpenSearchIntegTestCase {
  private static final int DIM = 100;
  private static final int BULK = 1000;
  private static List<String[]> docs;
  private static Path model;
  private static int modelWords;

  @Override
  protected Collection<Class<? extends Plugin>> nodePlugins() {
    return List.of(LexicaPlugin.class);
  }

  @Override
  protected Path nodeConfigPath(int nodeOrdinal) {
    Path config = createTempDir();
    try {
      TestModels.copy(model(), config, "bench");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return config;
  }

  /** The corpus's articles as {title, text}, up to {@code lexica.bench.n}. */
  private static synchronized List<String[]> docs() throws IOException {
    if (docs == null) {
      String file = System.getProperty("lexica.bench.corpus");
      assumeTrue("set -Dlexica.bench.corpus (bench/opensearch-embed-cost.sh)", file != null);
      int n = Integer.getInteger("lexica.bench.n", Integer.MAX_VALUE);
      List<String[]> out = new ArrayList<>();
      try (BufferedReader in =
          new BufferedReader(
              new InputStreamReader(
                  new GZIPInputStream(Files.newInputStream(Path.of(file))),
                  StandardCharsets.UTF_8))) {
        for (String line; out.size() < n && (line = in.readLine()) != null; ) {
          int tab = line.indexOf('\t');
          if (tab > 0) {
            out.add(new String[] {line.substring(0, tab), line.substring(tab + 1)});
          }
        }
      }
      docs = out;
    }
    return docs;
  }

  private static synchronized Path model() throws IOException {
    if (model == null) {
      Map<String, Long> counts = new HashMap<>();
      List<List<String>> sample = new ArrayList<>();
      List<String[]> all = docs();
      int step = Math.max(1, all.size() / 5000);
      try (Analyzer a = new StandardAnalyzer()) {
        for (int i = 0; i < all.size(); i++) {
          List<String> tokens = Tokens.of(a, "", all.get(i)[0] + "\n" + all.get(i)[1]);
          for (String t : tokens) {
            counts.merge(t, 1L, Long::sum);
          }
          if (i % step == 0) {
            sample.add(tokens);
          }
        }
      }
      List<String> words =
          counts.entrySet().stream()
              .filter(e -> e.getValue() >= 5)
              .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
              .map(Map.Entry::getKey)
              .toList();
      Random r = new Random(1);
      float[] data = new float[words.size() * DIM];
      for (int i = 0; i < data.length; i++) {
        data[i] = (float) r.nextGaussian();
      }
      long[] c = words.stream().mapToLong(counts::get).toArray();
      WordVectors vectors = new WordVectors(words, data, DIM, c);
      Map<String, String> metadata = new LinkedHashMap<>();
      metadata.put(VectorStore.KEY_ALGORITHM, "random");
      metadata.put(VectorStore.KEY_ANALYZER, "standard");
      metadata.putAll(
          SifComponent.compute(new ExactEmbeddings(vectors), sample, TermWeights.DEFAULT_SIF_A)
              .toMetadata());
      modelWords = words.size();
      model = createTempDir().resolve("bench");
      VectorStoreWriter.write(vectors, metadata, model, StoreOptions.DEFAULT);
    }
    return model;
  }

  private void create(String index, boolean vectors) {
    client()
        .admin()
        .indices()
        .prepareCreate(index)
        .setSettings("{\"number_of_shards\": 2, \"number_of_replicas\": 1}", XContentType.JSON)
        .setMapping(
            "{\"properties\": {\"title\": {\"type\": \"text\"}, \"text\": {\"type\": \"text\"}"
                + (vectors
                    ? ", \"vec\": {\"type\": \"lexica_vector\", \"dims\": "
                        + DIM
                        + ", \"model\": \"bench\", \"method\": \"sif\"}"
                    : "")
                + "}}")
        .get();
    ensureGreen(index);
  }

  /** Seconds to bulk-index every document (and refresh), through the pipeline or not. */
  private double ingest(String index, boolean pipeline) throws IOException {
    List<String[]> all = docs();
    long t0 = System.nanoTime();
    for (int from = 0; from < all.size(); from += BULK) {
      BulkRequestBuilder bulk = client().prepareBulk();
      for (int i = from; i < Math.min(all.size(), from + BULK); i++) {
        var request =
            client()
                .prepareIndex(index)
                .setId(Integer.toString(i))
                .setSource("title", all.get(i)[0], "text", all.get(i)[1]);
        bulk.add(pipeline ? request.setPipeline("embed") : request);
      }
      BulkResponse r = bulk.get();
      assertFalse(r.buildFailureMessage(), r.hasFailures());
    }
    client().admin().indices().prepareRefresh(index).get();
    return (System.nanoTime() - t0) / 1e9;
  }

  /** Processor time (ns) and documents so far, summed over the nodes' ingest stats. */
  private static long[] processorStats() {
    NodesStatsResponse stats =
        client().admin().cluster().prepareNodesStats().clear().addMetric("ingest").get();
    long nanos = 0;
    long count = 0;
    for (NodeStats n : stats.getNodes()) {
      for (IngestStats.ProcessorStat p :
          n.getIngestStats().getProcessorStats().getOrDefault("embed", List.of())) {
        nanos += p.getStats().getTimeUnit().toNanos(p.getStats().getTotalTime());
        count += p.getStats().getCount();
      }
    }
    return new long[] {nanos, count};
  }

  /** Bytes of the index's primary copies by file kind, after a merge to one segment. */
  private Map<String, Long> sizes(String index) throws IOException {
    client().admin().indices().prepareForceMerge(index).setMaxNumSegments(1).get();
    client().admin().indices().prepareRefresh(index).get();
    Index idx = resolveIndex(index);
    Map<String, Long> bytes = new TreeMap<>();
    for (IndicesService node : internalCluster().getInstances(IndicesService.class)) {
      var service = node.indexService(idx);
      if (service == null) {
        continue;
      }
      for (IndexShard shard : service) {
        if (!shard.routingEntry().primary()) {
          continue;
        }
        try (Stream<Path> files =
            Files.list(Path.of(shard.shardPath().resolveIndex().toString()))) {
          for (Path f : files.toList()) {
            String name = f.getFileName().toString();
            String kind = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : name;
            bytes.merge(kind, Files.size(f), Long::sum);
          }
        }
      }
    }
    return bytes;
  }

  public void testCost() throws Exception {
    List<String[]> all = docs();
    model();
    client()
        .admin()
        .cluster()
        .preparePutPipeline(
            "embed",
            new BytesArray(
                "{\"processors\": [{\"lexica_embed\": {\"field\": [\"title\", \"text\"],"
                    + " \"target_field\": \"vec\", \"model\": \"bench\", \"method\": \"sif\"}}]}"),
            XContentType.JSON)
        .get();
    int rounds = Integer.getInteger("lexica.bench.rounds", 2);
    StringBuilder table = new StringBuilder();
    table.append(
        String.format(
            Locale.ROOT,
            "docs=%d, model=%d words x %d dims (vector store, SIF), 2 nodes, 2 shards + 1 replica,"
                + " bulk %d, %d rounds%n",
            all.size(),
            modelWords,
            DIM,
            BULK,
            rounds));
    table.append(String.format(Locale.ROOT, "%-28s %10s %10s%n", "ingest", "seconds", "docs/s"));
    List<Double> plain = new ArrayList<>();
    List<Double> embedded = new ArrayList<>();
    long[] before = processorStats();
    for (int round = 0; round < rounds; round++) {
      for (boolean vectors : new boolean[] {false, true}) {
        String index = vectors ? "embedded" : "plain";
        if (round > 0) {
          client().admin().indices().prepareDelete(index).get();
        }
        create(index, vectors);
        double s = ingest(index, vectors);
        (vectors ? embedded : plain).add(s);
        table.append(
            String.format(
                Locale.ROOT,
                "%-28s %10.1f %10.0f%n",
                "round " + (round + 1) + (vectors ? " lexica_embed" : " no pipeline"),
                s,
                all.size() / s));
      }
    }
    long[] after = processorStats();
    double plainS = median(plain);
    double embeddedS = median(embedded);
    table.append(
        String.format(
            Locale.ROOT,
            "median: %.0f docs/s without, %.0f docs/s with the processor (%.2fx the time);"
                + " processor time %.3f ms per document (ingest stats, %d documents)%n",
            all.size() / plainS,
            all.size() / embeddedS,
            embeddedS / plainS,
            (after[0] - before[0]) / 1e6 / Math.max(1, after[1] - before[1]),
            after[1] - before[1]));
    long withVector =
        client()
            .prepareSearch("embedded")
            .setSize(0)
            .setQuery(QueryBuilders.existsQuery("vec"))
            .setTrackTotalHits(true)
            .get()
            .getHits()
            .getTotalHits()
            .value();
    Map<String, Long> plainSize = sizes("plain");
    Map<String, Long> embeddedSize = sizes("embedded");
    long plainTotal = plainSize.values().stream().mapToLong(Long::longValue).sum();
    long embeddedTotal = embeddedSize.values().stream().mapToLong(Long::longValue).sum();
    table.append(
        String.format(
            Locale.ROOT,
            "size (primaries, 1 segment): %.1f MB without, %.1f MB with vectors (+%.1f MB, %d of"
                + " %d documents have a vector)%n",
            plainTotal / 1e6,
            embeddedTotal / 1e6,
            (embeddedTotal - plainTotal) / 1e6,
            withVector,
            all.size()));
    for (String kind : embeddedSize.keySet()) {
      long d = embeddedSize.get(kind) - plainSize.getOrDefault(kind, 0L);
      if (Math.abs(d) > 100_000) {
        table.append(
            String.format(
                Locale.ROOT,
                "  .%-6s +%7.1f MB  (%.0f bytes per document with a vector)%n",
                kind,
                d / 1e6,
                d / (double) Math.max(1, withVector)));
      }
    }
    queries(table, all);
    String out = System.getProperty("lexica.bench.out");
    if (out != null) {
      Files.writeString(Path.of(out), table);
    }
    logger.info("\n{}", table);
  }

  /** Latency of each kind of query on the embedded index: 2-3 word snippets of the articles. */
  private void queries(StringBuilder table, List<String[]> all) {
    Random r = new Random(7);
    List<String> queries = new ArrayList<>();
    while (queries.size() < Integer.getInteger("lexica.bench.queries", 200)) {
      String[] words = all.get(r.nextInt(all.size()))[1].split(" ");
      int len = 2 + r.nextInt(2);
      if (words.length > len) {
        int at = r.nextInt(words.length - len);
        queries.add(String.join(" ", Arrays.copyOfRange(words, at, at + len)));
      }
    }
    Map<String, Function<String, QueryBuilder>> kinds = new LinkedHashMap<>();
    kinds.put("match", q -> QueryBuilders.matchQuery("text", q));
    kinds.put("lexica_knn k=10", q -> new LexicaKnnQueryBuilder("vec", q).k(10));
    kinds.put("lexica_hybrid depth=100", q -> new LexicaHybridQueryBuilder(q, "text", "vec"));
    kinds.put(
        "lexica_hybrid depth=1000",
        q -> new LexicaHybridQueryBuilder(q, "text", "vec").depth(1000));
    Map<String, List<Long>> times = new LinkedHashMap<>();
    kinds.keySet().forEach(k -> times.put(k, new ArrayList<>()));
    for (int round = 0; round < 3; round++) {
      for (String q : queries) {
        for (var kind : kinds.entrySet()) {
          long t0 = System.nanoTime();
          SearchResponse resp =
              client()
                  .prepareSearch("embedded")
                  .setQuery(kind.getValue().apply(q))
                  .setSize(10)
                  .get();
          long t = System.nanoTime() - t0;
          assertEquals(0, resp.getFailedShards());
          if (round > 0) { // round 0 warms up JIT, caches and the model's pages
            times.get(kind.getKey()).add(t);
          }
        }
      }
    }
    table.append(
        String.format(
            Locale.ROOT,
            "queries=%d x 2 timed rounds, size 10%n%-28s %10s %10s %10s %10s%n",
            queries.size(),
            "query",
            "p50 ms",
            "p99 ms",
            "p50 x match",
            "p99 x match"));
    double base50 = percentile(times.get("match"), 0.5);
    double base99 = percentile(times.get("match"), 0.99);
    for (var e : times.entrySet()) {
      double p50 = percentile(e.getValue(), 0.5);
      double p99 = percentile(e.getValue(), 0.99);
      table.append(
          String.format(
              Locale.ROOT,
              "%-28s %10.2f %10.2f %10.2f %10.2f%n",
              e.getKey(),
              p50 / 1e6,
              p99 / 1e6,
              p50 / base50,
              p99 / base99));
    }
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static double percentile(List<Long> values, double p) {
    long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  }
}
