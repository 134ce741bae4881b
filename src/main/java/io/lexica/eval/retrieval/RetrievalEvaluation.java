package io.lexica.eval.retrieval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.search.Query;

/**
 * Runs a test collection's queries with BM25 and with each expansion (RM3 is one, {@link
 * Rm3#expander()}), and measures every run with {@link TrecMetrics} and a paired {@link
 * RandomizationTest} on average precision against BM25. Run names: {@code bm25}, {@code
 * bm25+<system>}. Thread-safe (no state).
 */
public final class RetrievalEvaluation {
  /**
   * How runs are made and compared.
   *
   * @param depth hits per query (trec_eval's measures here look at most 1000 deep)
   * @param trials randomization test trials
   * @param seed the randomization test's seed
   */
  public record Settings(int depth, int trials, long seed) {
    /**
     * trec_eval's depth, 10,000 trials, seed 42.
     *
     * @return the settings
     */
    public static Settings defaults() {
      return new Settings(1000, 10_000, 42);
    }
  }

  /**
   * One measured run.
   *
   * @param name the run's name
   * @param mean the mean figures
   * @param perQuery the figures of each query
   * @param pVsBm25 the paired randomization test's p-value on AP against BM25 (NaN for BM25)
   * @param run the hits
   */
  public record RunResult(
      String name,
      TrecMetrics.Scores mean,
      Map<String, TrecMetrics.Scores> perQuery,
      double pVsBm25,
      Run run) {}

  /**
   * All runs on one collection.
   *
   * @param collection the collection's name
   * @param queries the queries evaluated: the judged queries BM25 has hits for
   * @param runs BM25's run first, then each system's and extra run, in order
   */
  public record Report(String collection, int queries, List<RunResult> runs) {
    /**
     * The runs as an aligned text table.
     *
     * @return the table, lines ending in newlines
     */
    public String table() {
      int w = "run".length();
      for (RunResult r : runs) {
        w = Math.max(w, r.name().length());
      }
      String head = "%-" + w + "s  %6s  %7s  %6s  %7s  %8s%n";
      String row = "%-" + w + "s  %6.4f  %7.4f  %6.4f  %7.4f  %8s%n";
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "%s: %d queries evaluated%n", collection, queries));
      sb.append(
          String.format(Locale.ROOT, head, "run", "MAP", "nDCG@10", "P@10", "R@1000", "p(MAP)"));
      for (RunResult r : runs) {
        String p = r.name().equals("bm25") ? "-" : String.format(Locale.ROOT, "%.4f", r.pVsBm25());
        sb.append(
            String.format(
                Locale.ROOT,
                row,
                r.name(),
                r.mean().ap(),
                r.mean().ndcg10(),
                r.mean().p10(),
                r.mean().recall1000(),
                p));
      }
      return sb.toString();
    }

    /**
     * {@code {"collection":..., "queries":n, "runs":[{"name","map","ndcg10","p10","recall1000",
     * "p_vs_bm25"}]}}; {@code p_vs_bm25} is null for bm25 itself.
     *
     * @return the JSON text
     */
    public String json() {
      StringWriter out = new StringWriter();
      try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
        g.writeStartObject();
        g.writeStringField("collection", collection);
        g.writeNumberField("queries", queries);
        g.writeArrayFieldStart("runs");
        for (RunResult r : runs) {
          g.writeStartObject();
          g.writeStringField("name", r.name());
          g.writeNumberField("map", round(r.mean().ap()));
          g.writeNumberField("ndcg10", round(r.mean().ndcg10()));
          g.writeNumberField("p10", round(r.mean().p10()));
          g.writeNumberField("recall1000", round(r.mean().recall1000()));
          g.writeFieldName("p_vs_bm25");
          if (r.name().equals("bm25")) {
            g.writeNull();
          } else {
            g.writeNumber(round(r.pVsBm25()));
          }
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toString();
    }

    /**
     * The run named {@code name}.
     *
     * @param name a run's name
     * @return its figures, or null when there is none
     */
    public RunResult run(String name) {
      return runs.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }

    private static double round(double x) {
      return Math.round(x * 1e6) / 1e6;
    }
  }

  private RetrievalEvaluation() {}

  /**
   * Runs computed outside the expansion loop (e.g. document-vector kNN and hybrid runs), from
   * BM25's hits per query; evaluated beside the others.
   */
  @FunctionalInterface
  public interface ExtraRuns {
    /**
     * Run name to hits per query id.
     *
     * @param bm25 BM25's hits per query
     * @return the extra runs
     */
    Map<String, Map<String, List<Run.Hit>>> runs(Map<String, List<Run.Hit>> bm25);
  }

  /**
   * Evaluates BM25 and BM25 + each system.
   *
   * @param collection the collection
   * @param index its BM25 index
   * @param systems the expansions to evaluate
   * @param settings depth, trials and seed
   * @return every run's figures
   */
  public static Report evaluate(
      TestCollection collection,
      CollectionIndex index,
      List<ExpansionSystem> systems,
      Settings settings) {
    return evaluate(collection, index, systems, settings, bm25 -> Map.of());
  }

  /**
   * As {@link #evaluate(TestCollection, CollectionIndex, List, Settings)}, plus extra runs.
   *
   * @param collection the collection
   * @param index its BM25 index
   * @param systems the expansions to evaluate
   * @param settings depth, trials and seed
   * @param extra makes more runs from BM25's (document vectors, fusion)
   * @return every run's figures
   */
  public static Report evaluate(
      TestCollection collection,
      CollectionIndex index,
      List<ExpansionSystem> systems,
      Settings settings,
      ExtraRuns extra) {
    Map<String, Map<String, List<Run.Hit>>> results = new LinkedHashMap<>();
    results.put("bm25", run(collection, index, null, settings.depth()));
    for (ExpansionSystem s : systems) {
      results.put("bm25+" + s.name(), run(collection, index, s, settings.depth()));
    }
    results.putAll(extra.runs(results.get("bm25")));
    List<RunResult> runs = new ArrayList<>();
    Map<String, TrecMetrics.Scores> base = null;
    for (Map.Entry<String, Map<String, List<Run.Hit>>> r : results.entrySet()) {
      Run run = new Run(r.getKey(), r.getValue());
      Map<String, TrecMetrics.Scores> per = TrecMetrics.perQuery(run, collection.qrels());
      if (base == null) {
        base = per;
      }
      double p = pValue(base, per, settings);
      runs.add(new RunResult(r.getKey(), TrecMetrics.mean(per), per, p, run));
    }
    return new Report(collection.name(), base.size(), runs);
  }

  /**
   * The hits of every query with a term, by BM25 ({@code system} null) or as the system ranks them
   * ({@link ExpansionSystem#search}); a query without hits is left out, as trec_eval leaves it out.
   *
   * @param collection the collection's queries
   * @param index its BM25 index
   * @param system the run, or null for BM25
   * @param depth hits per query
   * @return query id to its hits, best first
   */
  public static Map<String, List<Run.Hit>> run(
      TestCollection collection, CollectionIndex index, ExpansionSystem system, int depth) {
    Map<String, List<Run.Hit>> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> q : collection.queries().entrySet()) {
      Map<String, Integer> bag = index.bagOfWords(q.getValue());
      if (bag.isEmpty()) {
        continue; // nothing to search for: the query is absent from every run, as in trec_eval
      }
      Query bow = CollectionIndex.disjunction(bag);
      List<Run.Hit> hits =
          system == null
              ? index.hits(index.search(bow, depth))
              : system.search(index, q.getValue(), bow, depth);
      if (!hits.isEmpty()) {
        out.put(q.getKey(), hits);
      }
    }
    return out;
  }

  /** Randomization test on AP over BM25's evaluated queries (a query missing from a run: 0). */
  private static double pValue(
      Map<String, TrecMetrics.Scores> base, Map<String, TrecMetrics.Scores> other, Settings s) {
    return pValue(base, other, s.trials(), s.seed());
  }

  /**
   * Paired randomization test on AP over {@code base}'s evaluated queries (a query missing from
   * {@code other}: AP 0).
   *
   * @param base the baseline's scores by query
   * @param other the compared run's scores by query
   * @param trials random sign flips
   * @param seed the flips' seed
   * @return the two-sided p-value, with the +1 correction (never 0)
   */
  public static double pValue(
      Map<String, TrecMetrics.Scores> base,
      Map<String, TrecMetrics.Scores> other,
      int trials,
      long seed) {
    return pValue(base, other, TrecMetrics.Measure.MAP, trials, seed);
  }

  /**
   * Paired randomization test on one measure over {@code base}'s evaluated queries (a query missing
   * from {@code other} scores 0).
   *
   * @param base the baseline's scores by query
   * @param other the compared run's scores by query
   * @param measure the measure compared
   * @param trials random sign flips
   * @param seed the flips' seed
   * @return the two-sided p-value, with the +1 correction (never 0)
   */
  public static double pValue(
      Map<String, TrecMetrics.Scores> base,
      Map<String, TrecMetrics.Scores> other,
      TrecMetrics.Measure measure,
      int trials,
      long seed) {
    double[] a = new double[base.size()];
    double[] b = new double[base.size()];
    int i = 0;
    for (Map.Entry<String, TrecMetrics.Scores> e : base.entrySet()) {
      a[i] = measure.of(e.getValue());
      TrecMetrics.Scores o = other.get(e.getKey());
      b[i] = o == null ? 0 : measure.of(o);
      i++;
    }
    return RandomizationTest.pValue(b, a, trials, seed);
  }
}
