// Helper of bench/expand-latency.sh (run as a single-file program on Lexica's class path).
//   ExpandLatency COLLECTION_DIR THREADS ROUNDS NAME=SETTINGS...
// Indexes the collection as `lexica eval retrieval` does (English analyzer, BM25 0.9/0.4), trains
// the collection's word2vec model (the evaluation's settings and seed), then for each NAME=SETTINGS
// (ExpansionSettings keys; model=none: no collection model; start=pre: the defaults without a first
// pass, QueryExpander.withoutFirstPass) expands every query
// of the collection ROUNDS times on a pool of THREADS threads, after as many warm-up rounds (two
// rounds left the JIT cold: the 99th percentile then measured compilation, not the method). Per query
// it times the expansion alone (for feedback and query-local models this includes their first pass
// and training) and the expansion plus the search of the expanded query (top 1000). Prints p50, p99
// and mean in milliseconds. rank=ensemble times the default ranking of lexica search instead: the
// expansion and plain RM3's (the "expansion" column), then RankingEnsemble.DEFAULT's top 10 (the
// expanded query's, BM25's and RM3's rankings, each to depth 100, fused, BM25's top 2 kept); the
// bench has no document vectors, so its kNN part (an HNSW search) is left out. Query-local models are trained afresh for every query, as in serving.
import io.lexica.eval.retrieval.CollectionIndex;
import io.lexica.eval.retrieval.TestCollection;
import io.lexica.eval.retrieval.Word2VecLocalTrainer;
import io.lexica.docs.DocumentSearcher;
import io.lexica.docs.RankingEnsemble;
import io.lexica.expand.ExpansionSettings;
import io.lexica.expand.Expansion;
import io.lexica.expand.QueryExpander;
import io.lexica.expand.TargetIndex;
import io.lexica.vectors.Embeddings;
import io.lexica.vectors.ExactEmbeddings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

public class ExpandLatency {
  public static void main(String[] args) throws Exception {
    TestCollection c = TestCollection.load(Path.of(args[0]));
    int threads = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    try (CollectionIndex index =
        new CollectionIndex(c.docs(), CollectionIndex.TextAnalysis.ENGLISH.create(), 0.9f, 0.4f)) {
      long t0 = System.nanoTime();
      Embeddings model =
          new ExactEmbeddings(
              Word2VecLocalTrainer.defaults()
                  .train(CollectionIndex.analyzedDocuments(c.docs(), index), 42));
      System.out.printf(
          Locale.ROOT,
          "%s: %d documents, %d queries; collection model %d words x %d (trained in %.1f s);"
              + " %d threads, %d rounds after %d warm-up rounds%n",
          c.name(), c.docs().size(), c.queries().size(), model.size(), model.dimension(),
          (System.nanoTime() - t0) / 1e9, threads, rounds, rounds);
      System.out.printf(
          Locale.ROOT, "%-10s %9s %9s %9s %11s %11s %7s  %s%n",
          "method", "p50_ms", "p99_ms", "mean_ms", "p50_search", "p99_search", "added", "settings");
      TargetIndex target = TargetIndex.of(index.searcher()); // no cache: every query trains
      List<String> queries = new ArrayList<>(c.queries().values());
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        for (int a = 3; a < args.length; a++) {
          int eq = args[a].indexOf('=');
          String name = args[a].substring(0, eq);
          String settings = args[a].substring(eq + 1);
          // model=none: no collection model; start=pre: the defaults without a first pass
          Map<String, String> pairs = ExpansionSettings.pairs(settings);
          boolean none = "none".equals(pairs.remove("model"));
          boolean pre = "pre".equals(pairs.remove("start"));
          boolean ensemble = "ensemble".equals(pairs.remove("rank"));
          ExpansionSettings start =
              pre ? ExpansionSettings.WITHOUT_FIRST_PASS : ExpansionSettings.DEFAULTS;
          QueryExpander x = QueryExpander.of(none ? null : model, start.with(pairs, settings));
          DocumentSearcher ranking =
              ensemble
                  ? DocumentSearcher.textOnly(
                      index.searcher(), CollectionIndex.FIELD, index.analyzer())
                  : null;
          for (int w = 0; w < rounds; w++) {
            time(pool, x, ranking, index, target, queries);
          }
          List<long[]> all = new ArrayList<>();
          for (int r = 0; r < rounds; r++) {
            all.addAll(time(pool, x, ranking, index, target, queries));
          }
          long[] expand = all.stream().mapToLong(t -> t[0]).sorted().toArray();
          long[] total = all.stream().mapToLong(t -> t[1]).sorted().toArray();
          double added = all.stream().mapToLong(t -> t[2]).average().orElse(0);
          System.out.printf(
              Locale.ROOT, "%-10s %9.3f %9.3f %9.3f %11.3f %11.3f %7.1f  %s%n",
              name, ms(pct(expand, 0.5)), ms(pct(expand, 0.99)),
              ms((long) Arrays.stream(expand).average().orElse(0)),
              ms(pct(total, 0.5)), ms(pct(total, 0.99)), added, settings);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /** One round over the queries: {expand ns, expand + search ns, terms added} per query. */
  static List<long[]> time(
      ExecutorService pool, QueryExpander x, DocumentSearcher ranking, CollectionIndex index,
      TargetIndex target, List<String> queries) throws Exception {
    QueryExpander rm3 = ranking == null ? null : x.plainFeedback();
    RankingEnsemble ensemble = RankingEnsemble.DEFAULT.runnable(rm3 != null, false);
    List<Future<long[]>> futures = new ArrayList<>();
    for (String q : queries) {
      futures.add(
          pool.submit(
              () -> {
                long start = System.nanoTime();
                Expansion e = x.expand(q, CollectionIndex.FIELD, index.analyzer(), target);
                if (ranking == null) {
                  long expanded = System.nanoTime();
                  index.search(e.expanded(), 1000);
                  long searched = System.nanoTime();
                  return new long[] {expanded - start, searched - start, e.added().size()};
                }
                Expansion f =
                    rm3 == null
                        ? null
                        : rm3.expand(q, CollectionIndex.FIELD, index.analyzer(), target);
                long expanded = System.nanoTime();
                ranking.ranked(
                    ensemble, q, e.original(), e.expanded(), f == null ? null : f.expanded(), 10);
                long searched = System.nanoTime();
                return new long[] {expanded - start, searched - start, e.added().size()};
              }));
    }
    List<long[]> out = new ArrayList<>();
    for (Future<long[]> f : futures) {
      out.add(f.get());
    }
    return out;
  }

  static long pct(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))];
  }

  static double ms(long nanos) {
    return nanos / 1e6;
  }
}
