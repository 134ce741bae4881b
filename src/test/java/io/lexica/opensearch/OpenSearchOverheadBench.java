package io.lexica.opensearch;

import com.carrotsearch.randomizedtesting.annotations.TimeoutSuite;
import io.lexica.vectors.WordVectors;
import io.lexica.vectors.store.StoreOptions;
import io.lexica.vectors.store.VectorStoreWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.opensearch.action.bulk.BulkRequestBuilder;
import org.opensearch.action.search.SearchResponse;
import org.opensearch.common.settings.Settings;
import org.opensearch.index.query.QueryBuilder;
import org.opensearch.index.query.QueryBuilders;
import org.opensearch.plugins.Plugin;
import org.opensearch.test.OpenSearchIntegTestCase;

/**
 * Per-query cost of {@code lexica_expand} against a plain {@code match} query in an in-process
 * two-node cluster (2 shards, 1 replica). Not part of the test suite (the name does not end in
 * Test); bench/opensearch-overhead.sh runs it with {@code -Dlexica.bench.docs=<tokens file>}.
 *
 * <p>Documents: the first {@code lexica.bench.n} lines of a tokens file (one document a line).
 * Model: every word seen at least 3 times, with seeded random 100-dimensional vectors, stored as a
 * Lucene vector store: the neighbours are meaningless, but the work per query (HNSW search and
 * exact rescoring over the whole vocabulary for each query word, then k more clauses per word) is
 * what a trained model of that size costs. Queries: 2-3 words drawn from the documents.
 */
@OpenSearchIntegTestCase.ClusterScope(
    scope = OpenSearchIntegTestCase.Scope.SUITE,
    numDataNodes = 2,
    numClientNodes = 0,
    supportsDedicatedMasters = false)
@TimeoutSuite(millis = 3_600_000) // a shared, loaded machine can be very slow
public class OpenSearchOverheadBench extends OpenSearchIntegTestCase {
  private static final int DIM = 100;
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

  private static List<String> docs() throws IOException {
    String file = System.getProperty("lexica.bench.docs");
    assumeTrue(
        "set -Dlexica.bench.docs to a tokens file (bench/opensearch-overhead.sh)", file != null);
    int n = Integer.getInteger("lexica.bench.n", 10_000);
    List<String> docs = new ArrayList<>(n);
    try (BufferedReader in = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
      for (String line; docs.size() < n && (line = in.readLine()) != null; ) {
        if (!line.isBlank()) {
          docs.add(line);
        }
      }
    }
    return docs;
  }

  private static synchronized Path model() throws IOException {
    if (model == null) {
      Map<String, Integer> counts = new HashMap<>();
      for (String doc : docs()) {
        for (String w : doc.split(" ")) {
          counts.merge(w, 1, Integer::sum);
        }
      }
      List<String> words =
          counts.entrySet().stream()
              .filter(e -> e.getValue() >= 3 && !e.getKey().isEmpty())
              .map(Map.Entry::getKey)
              .sorted()
              .toList();
      Random r = new Random(1);
      float[] data = new float[words.size() * DIM];
      for (int i = 0; i < data.length; i++) {
        data[i] = (float) r.nextGaussian();
      }
      modelWords = words.size();
      model = createTempDir().resolve("bench");
      VectorStoreWriter.write(
          new WordVectors(words, data, DIM, null),
          Map.of("algorithm", "random"),
          model,
          StoreOptions.DEFAULT);
    }
    return model;
  }

  public void testOverhead() throws Exception {
    List<String> docs = docs();
    createIndex(
        "docs",
        Settings.builder()
            .put("index.number_of_shards", 2)
            .put("index.number_of_replicas", 1)
            .build());
    ensureGreen("docs");
    for (int from = 0; from < docs.size(); from += 2000) {
      BulkRequestBuilder bulk = client().prepareBulk();
      for (int i = from; i < Math.min(docs.size(), from + 2000); i++) {
        bulk.add(
            client()
                .prepareIndex("docs")
                .setId(Integer.toString(i))
                .setSource("body", docs.get(i)));
      }
      assertFalse(bulk.get().hasFailures());
    }
    client().admin().indices().prepareRefresh("docs").get();
    client().admin().indices().prepareForceMerge("docs").setMaxNumSegments(1).get();
    client().admin().indices().prepareRefresh("docs").get();

    Random r = new Random(7);
    List<String> queries = new ArrayList<>();
    while (queries.size() < Integer.getInteger("lexica.bench.queries", 200)) {
      String[] words = docs.get(r.nextInt(docs.size())).split(" ");
      int len = 2 + r.nextInt(2);
      if (words.length > len) {
        int at = r.nextInt(words.length - len);
        queries.add(String.join(" ", Arrays.copyOfRange(words, at, at + len)));
      }
    }
    Map<String, java.util.function.Function<String, QueryBuilder>> kinds =
        new java.util.LinkedHashMap<>();
    kinds.put("match", q -> QueryBuilders.matchQuery("body", q));
    kinds.put("lexica_expand k=5", q -> expand(q, 5));
    kinds.put("lexica_expand k=10", q -> expand(q, 10));
    kinds.put("lexica_expand k=10 centroid", q -> expand(q, 10).mode("centroid"));
    Map<String, List<Long>> times = new java.util.LinkedHashMap<>();
    kinds.keySet().forEach(k -> times.put(k, new ArrayList<>()));
    for (int round = 0; round < 3; round++) {
      for (String q : queries) {
        for (var kind : kinds.entrySet()) {
          long t0 = System.nanoTime();
          SearchResponse resp =
              client().prepareSearch("docs").setQuery(kind.getValue().apply(q)).setSize(10).get();
          long t = System.nanoTime() - t0;
          assertEquals(0, resp.getFailedShards());
          if (round > 0) { // round 0 warms up JIT, caches and the model's pages
            times.get(kind.getKey()).add(t);
          }
        }
      }
    }
    StringBuilder table = new StringBuilder();
    table.append(
        String.format(
            Locale.ROOT,
            "docs=%d, queries=%d x 2 timed rounds, model=%d words x %d dims (vector store), 2 nodes, 2 shards + 1 replica%n",
            docs.size(),
            queries.size(),
            modelWords,
            DIM));
    table.append(
        String.format(
            Locale.ROOT, "%-28s %12s %12s %10s%n", "query", "median ms", "p90 ms", "x match"));
    double base = percentile(times.get("match"), 0.5);
    for (var e : times.entrySet()) {
      double med = percentile(e.getValue(), 0.5);
      table.append(
          String.format(
              Locale.ROOT,
              "%-28s %12.3f %12.3f %10.2f%n",
              e.getKey(),
              med / 1e6,
              percentile(e.getValue(), 0.9) / 1e6,
              med / base));
    }
    String out = System.getProperty("lexica.bench.out");
    if (out != null) {
      Files.writeString(Path.of(out), table);
    }
    logger.info("\n{}", table);
  }

  private static LexicaExpandQueryBuilder expand(String q, int k) {
    return new LexicaExpandQueryBuilder("body", q, "bench").k(k).minSimilarity(0f);
  }

  private static double percentile(List<Long> values, double p) {
    long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  }
}
