package io.lexica.opensearch;

import com.carrotsearch.randomizedtesting.annotations.TimeoutSuite;
import io.lexica.docs.EmbeddingMethod;
import io.lexica.docs.Fusion;
import io.lexica.docs.SifComponent;
import io.lexica.docs.TermWeights;
import io.lexica.eval.retrieval.CollectionIndex;
import io.lexica.eval.retrieval.DocumentVectorRuns;
import io.lexica.eval.retrieval.RetrievalEvaluation;
import io.lexica.eval.retrieval.Run;
import io.lexica.eval.retrieval.TestCollection;
import io.lexica.eval.retrieval.TrecMetrics;
import io.lexica.eval.retrieval.Word2VecLocalTrainer;
import io.lexica.vectors.ExactEmbeddings;
import io.lexica.vectors.WordVectors;
import io.lexica.vectors.store.VectorStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opensearch.action.bulk.BulkRequestBuilder;
import org.opensearch.action.bulk.BulkResponse;
import org.opensearch.action.search.SearchResponse;
import org.opensearch.action.search.SearchType;
import org.opensearch.analysis.common.CommonAnalysisModulePlugin;
import org.opensearch.common.xcontent.XContentType;
import org.opensearch.index.query.QueryBuilder;
import org.opensearch.index.query.QueryBuilders;
import org.opensearch.plugins.Plugin;
import org.opensearch.search.SearchHit;
import org.opensearch.test.OpenSearchIntegTestCase;

/**
 * The retrieval evaluation's {@code hybrid-sif} run, in a two-node cluster: each dev collection
 * (adi, med, cran, cacm) indexed in bulk through the {@code lexica_embed} pipeline (3 shards, 1
 * replica, Lucene's English analyzer, BM25 k1 0.9 b 0.4 as the evaluation) and searched with {@code
 * lexica_hybrid} (depth 1000, weighted:0.7, dfs_query_then_fetch), against the MAP {@code lexica
 * eval retrieval} reports for {@code hybrid-sif} with the same local model (word2vec trained on the
 * collection with the evaluation's settings and seed). Not part of the test suite;
 * bench/opensearch-hybrid-retrieval.sh runs it with {@code -Dlexica.bench.ir=<ir folder>}.
 *
 * <p>The models are the evaluation's local models written as Lexica models with what {@code lexica
 * train} records: the analyzer and the SIF component of the training text (here, the collection).
 * What differs from the evaluation by design: SIF's word probabilities come from the model's counts
 * (the collection's words seen twice or more) instead of the index's statistics.
 */
@OpenSearchIntegTestCase.ClusterScope(
    scope = OpenSearchIntegTestCase.Scope.SUITE,
    numDataNodes = 2,
    numClientNodes = 0,
    supportsDedicatedMasters = false)
@TimeoutSuite(millis = 7_200_000) // a shared, loaded machine can be very slow
public class HybridRetrievalBench extends OpenSearchIntegTestCase {
  private static final List<String> COLLECTIONS = List.of("adi", "med", "cran", "cacm");
  private static final int DEPTH = 1000;
  private static final long SEED = 42; // lexica eval retrieval's default

  /** Per collection: the collection, its local model and the evaluation's figures. */
  private record Prepared(
      TestCollection collection, Path model, double bm25Map, double hybridMap) {}

  private static Map<String, Prepared> prepared;

  @Override
  protected Collection<Class<? extends Plugin>> nodePlugins() {
    return List.of(LexicaPlugin.class, CommonAnalysisModulePlugin.class);
  }

  @Override
  protected Path nodeConfigPath(int nodeOrdinal) {
    Path config = createTempDir();
    try {
      prepared().forEach((name, p) -> TestModels.copy(p.model(), config, name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return config;
  }

  /**
   * Trains each collection's local model as {@code lexica eval retrieval} does, evaluates it there
   * (its BM25 and hybrid-sif MAP) and writes it as a Lexica model.
   */
  private static synchronized Map<String, Prepared> prepared() throws IOException {
    if (prepared != null) {
      return prepared;
    }
    String ir = System.getProperty("lexica.bench.ir");
    assumeTrue("set -Dlexica.bench.ir (bench/opensearch-hybrid-retrieval.sh)", ir != null);
    Map<String, Prepared> out = new LinkedHashMap<>();
    for (String name : COLLECTIONS) {
      TestCollection c = TestCollection.load(Path.of(ir, name));
      try (CollectionIndex index =
          new CollectionIndex(
              c.docs(), CollectionIndex.TextAnalysis.ENGLISH.create(), 0.9f, 0.4f)) {
        List<List<String>> tokens = CollectionIndex.analyzedDocuments(c.docs(), index);
        WordVectors vectors = Word2VecLocalTrainer.defaults().train(tokens, SEED);
        ExactEmbeddings model = new ExactEmbeddings(vectors);
        RetrievalEvaluation.Report report =
            RetrievalEvaluation.evaluate(
                c,
                index,
                List.of(),
                new RetrievalEvaluation.Settings(DEPTH, 10, SEED),
                bm25 ->
                    DocumentVectorRuns.runs(
                        c,
                        index,
                        model,
                        List.of(EmbeddingMethod.SIF),
                        bm25,
                        Fusion.DEFAULT,
                        DEPTH));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(VectorStore.KEY_ALGORITHM, "word2vec");
        metadata.put(VectorStore.KEY_ANALYZER, "english");
        metadata.putAll(
            SifComponent.compute(model, tokens, TermWeights.DEFAULT_SIF_A).toMetadata());
        Path dir = createTempDir().resolve(name);
        io.lexica.vectors.store.VectorStoreWriter.write(
            vectors, metadata, dir, io.lexica.vectors.store.StoreOptions.DEFAULT);
        out.put(
            name,
            new Prepared(
                c, dir, report.run("bm25").mean().ap(), report.run("hybrid-sif").mean().ap()));
      }
    }
    prepared = out;
    return out;
  }

  public void testHybridMapEqualsTheEvaluations() throws Exception {
    StringBuilder table = new StringBuilder();
    table.append(
        String.format(
            Locale.ROOT,
            "%-6s %6s %10s %12s %14s %14s %8s %10s%n",
            "coll",
            "docs",
            "no vector",
            "queries run",
            "eval hybrid",
            "cluster hybrid",
            "diff",
            "bm25 e/c"));
    for (Map.Entry<String, Prepared> p : prepared().entrySet()) {
      String name = p.getKey();
      TestCollection c = p.getValue().collection();
      index(name, c);
      Map<String, List<Run.Hit>> hybrid = new LinkedHashMap<>();
      Map<String, List<Run.Hit>> bm25 = new LinkedHashMap<>();
      for (Map.Entry<String, String> q : c.queries().entrySet()) {
        put(
            hybrid,
            q.getKey(),
            search(name, new LexicaHybridQueryBuilder(q.getValue(), "body", "vec").depth(DEPTH)));
        put(bm25, q.getKey(), search(name, QueryBuilders.matchQuery("body", q.getValue())));
      }
      double hybridMap = map(new Run("hybrid", hybrid), c);
      double bm25Map = map(new Run("bm25", bm25), c);
      long withVector =
          client()
              .prepareSearch(name)
              .setSize(0)
              .setQuery(QueryBuilders.existsQuery("vec"))
              .setTrackTotalHits(true)
              .get()
              .getHits()
              .getTotalHits()
              .value();
      table.append(
          String.format(
              Locale.ROOT,
              "%-6s %6d %10d %12d %14.4f %14.4f %+8.4f %5.4f/%5.4f%n",
              name,
              c.docs().size(),
              c.docs().size() - withVector,
              hybrid.size(),
              p.getValue().hybridMap(),
              hybridMap,
              hybridMap - p.getValue().hybridMap(),
              p.getValue().bm25Map(),
              bm25Map));
    }
    String out = System.getProperty("lexica.bench.out");
    if (out != null) {
      Files.writeString(Path.of(out), table);
    }
    logger.info("\n{}", table);
  }

  private static void put(Map<String, List<Run.Hit>> run, String qid, List<Run.Hit> hits) {
    if (!hits.isEmpty()) {
      run.put(qid, hits);
    }
  }

  private static double map(Run run, TestCollection c) {
    return TrecMetrics.mean(TrecMetrics.perQuery(run, c.qrels())).ap();
  }

  private static List<Run.Hit> search(String index, QueryBuilder query) {
    SearchResponse r =
        client()
            .prepareSearch(index)
            .setSearchType(SearchType.DFS_QUERY_THEN_FETCH)
            .setQuery(query)
            .setSize(DEPTH)
            .setFetchSource(false)
            .get();
    assertEquals(0, r.getFailedShards());
    List<Run.Hit> hits = new ArrayList<>();
    for (SearchHit h : r.getHits()) {
      hits.add(new Run.Hit(h.getId(), h.getScore()));
    }
    return hits;
  }

  /** Creates the index as the evaluation's and indexes the collection through the pipeline. */
  private void index(String name, TestCollection c) {
    client()
        .admin()
        .cluster()
        .preparePutPipeline(
            "embed-" + name,
            new org.opensearch.core.common.bytes.BytesArray(
                "{\"processors\": [{\"lexica_embed\": {\"field\": [\"title\", \"text\"],"
                    + " \"target_field\": \"vec\", \"model\": \""
                    + name
                    + "\", \"method\": \"sif\"}}]}"),
            XContentType.JSON)
        .get();
    String english = "{\"type\": \"text\", \"analyzer\": \"english\", \"copy_to\": \"body\"}";
    client()
        .admin()
        .indices()
        .prepareCreate(name)
        .setSettings(
            "{\"number_of_shards\": 3, \"number_of_replicas\": 1,"
                + " \"similarity\": {\"default\": {\"type\": \"BM25\", \"k1\": 0.9, \"b\": 0.4}}}",
            XContentType.JSON)
        .setMapping(
            "{\"properties\": {\"title\": "
                + english
                + ", \"text\": "
                + english
                + ", \"body\": {\"type\": \"text\", \"analyzer\": \"english\"},"
                + " \"vec\": {\"type\": \"lexica_vector\", \"dims\": 100, \"model\": \""
                + name
                + "\", \"method\": \"sif\"}}}")
        .get();
    ensureGreen(name);
    List<TestCollection.Doc> docs = c.docs();
    for (int from = 0; from < docs.size(); from += 500) {
      BulkRequestBuilder bulk = client().prepareBulk();
      for (TestCollection.Doc d : docs.subList(from, Math.min(docs.size(), from + 500))) {
        bulk.add(
            client()
                .prepareIndex(name)
                .setId(d.id())
                .setPipeline("embed-" + name)
                .setSource("title", d.title(), "text", d.text()));
      }
      BulkResponse r = bulk.get();
      assertFalse(r.buildFailureMessage(), r.hasFailures());
    }
    client().admin().indices().prepareRefresh(name).get();
  }
}
