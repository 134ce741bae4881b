package io.lexica.eval.retrieval;

import io.lexica.LexicaException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Leave-one-collection-out cross-validation of expansion methods: each method's settings are chosen
 * on all collections but one and measured on that one, for each collection in turn, so no reported
 * figure comes from settings tuned on the collection it is reported on. The settings chosen
 * maximise the mean over the tuning collections of MAP relative to BM25 (so a collection with a
 * high MAP does not weigh more); ties go to the earlier grid point. Each test figure comes with a
 * paired randomization test of AP against BM25 on the held-out collection.
 *
 * <p>Every grid point is run on every collection once; the folds only choose among the results.
 * Thread-safe (no state).
 */
public final class CrossValidation {
  private CrossValidation() {}

  /**
   * A method and the settings it is tuned over.
   *
   * @param name the row's name
   * @param grid the candidate settings, as {@link ExpansionSystem#parse} reads them; one entry for
   *     a method without settings to tune. Grid points sharing query-local model settings should be
   *     consecutive, so that the models are trained once (see {@link CollectionIndex#target()})
   */
  public record Method(String name, List<String> grid) {
    /**
     * Checks that there is at least one setting and copies the grid.
     *
     * @throws IllegalArgumentException when the grid is empty
     */
    public Method {
      if (grid.isEmpty()) {
        throw new IllegalArgumentException("a method needs at least one setting");
      }
      grid = List.copyOf(grid);
    }
  }

  /**
   * A collection ready to search, with the models its systems may use.
   *
   * @param collection the collection's documents, queries and judgments
   * @param index its BM25 index
   * @param models the models the systems may use on it
   */
  public record Collection(
      TestCollection collection, CollectionIndex index, ExpansionSystem.Models models) {
    String name() {
      return collection.name();
    }
  }

  /**
   * A method's figures on one held-out collection.
   *
   * @param collection the held-out collection
   * @param chosen the settings chosen on the other collections (by mean MAP)
   * @param test the chosen settings' mean figures on the held-out collection
   * @param perQuery their per-query figures there
   * @param pVsBm25 per measure, the paired randomization test's p-value against BM25 there
   */
  public record Fold(
      String collection,
      String chosen,
      TrecMetrics.Scores test,
      Map<String, TrecMetrics.Scores> perQuery,
      Map<TrecMetrics.Measure, Double> pVsBm25) {}

  /**
   * A method's four test figures.
   *
   * @param method the method's name
   * @param folds one fold per held-out collection, in collection order
   * @param onAll the settings chosen when tuning on all collections: the method's default
   * @param grid every grid point's MAP per collection (settings to collection to MAP)
   */
  public record Row(
      String method, List<Fold> folds, String onAll, Map<String, Map<String, Double>> grid) {
    /** The mean of a measure over the held-out collections. */
    double mean(java.util.function.ToDoubleFunction<TrecMetrics.Scores> measure) {
      return folds.stream().mapToDouble(f -> measure.applyAsDouble(f.test)).average().orElse(0);
    }
  }

  /**
   * All methods' rows, with BM25's figures per collection.
   *
   * @param collections the collections' names, in the order of the table's columns
   * @param bm25 BM25's mean figures on each collection
   * @param rows one row per method, in the order given
   */
  public record Report(
      List<String> collections, Map<String, TrecMetrics.Scores> bm25, List<Row> rows) {
    /**
     * The table: per measure (MAP, nDCG@10, P@10) a line per method with its test figure on each
     * collection and the p-value of the paired randomization test against BM25 on that measure,
     * their mean and the mean relative change over BM25; then the settings each fold chose.
     *
     * @return the table, lines ending in newlines
     */
    public String table() {
      StringBuilder sb = new StringBuilder();
      int w = "method".length();
      for (Row r : rows) {
        w = Math.max(w, r.method().length());
      }
      for (TrecMetrics.Measure m : TrecMetrics.Measure.values()) {
        block(sb, w, m);
      }
      sb.append("\nsettings chosen on the other collections (held-out: settings):\n");
      for (Row r : rows) {
        sb.append(String.format(Locale.ROOT, "%-" + w + "s%n", r.method()));
        for (Fold f : r.folds()) {
          sb.append(String.format(Locale.ROOT, "  %-5s %s%n", f.collection(), f.chosen()));
        }
        sb.append(String.format(Locale.ROOT, "  %-5s %s%n", "all", r.onAll()));
      }
      return sb.toString();
    }

    /**
     * Every grid point's MAP on each collection and its mean relative change over BM25, one line
     * each (method, settings, MAPs, change): what the folds chose from.
     *
     * @return the table, lines ending in newlines
     */
    public String gridTable() {
      StringBuilder sb = new StringBuilder("method\tsettings");
      collections.forEach(c -> sb.append('\t').append(c));
      sb.append("\trel\n");
      for (Row r : rows) {
        r.grid()
            .forEach(
                (spec, maps) -> {
                  sb.append(r.method()).append('\t').append(spec);
                  double rel = 0;
                  for (String c : collections) {
                    sb.append(String.format(Locale.ROOT, "\t%.4f", maps.get(c)));
                    rel += maps.get(c) / bm25.get(c).ap() - 1;
                  }
                  sb.append(
                      String.format(Locale.ROOT, "\t%+.2f%%%n", 100 * rel / collections.size()));
                });
      }
      return sb.toString();
    }

    private void block(StringBuilder sb, int w, TrecMetrics.Measure m) {
      int cell = 16;
      sb.append(String.format(Locale.ROOT, "%n%s (p vs bm25)%n%-" + w + "s", m.label(), "method"));
      for (String c : collections) {
        sb.append(String.format(Locale.ROOT, "%" + cell + "s", c));
      }
      sb.append(String.format(Locale.ROOT, "%8s%8s%n", "mean", "rel"));
      double base = collections.stream().mapToDouble(c -> m.of(bm25.get(c))).sum();
      sb.append(String.format(Locale.ROOT, "%-" + w + "s", "bm25"));
      for (String c : collections) {
        String v = String.format(Locale.ROOT, "%.4f", m.of(bm25.get(c)));
        sb.append(String.format(Locale.ROOT, "%" + cell + "s", v + "        "));
      }
      sb.append(String.format(Locale.ROOT, "%8.4f%8s%n", base / collections.size(), "-"));
      for (Row r : rows) {
        sb.append(String.format(Locale.ROOT, "%-" + w + "s", r.method()));
        double rel = 0;
        for (Fold f : r.folds()) {
          double v = m.of(f.test());
          double b = m.of(bm25.get(f.collection()));
          rel += b > 0 ? v / b - 1 : 0;
          String s = String.format(Locale.ROOT, "%.4f (%.3f)", v, f.pVsBm25().get(m));
          sb.append(String.format(Locale.ROOT, "%" + cell + "s", s));
        }
        sb.append(
            String.format(
                Locale.ROOT,
                "%8.4f%+7.1f%%%n",
                r.mean(m::of),
                100 * rel / Math.max(1, r.folds().size())));
      }
    }
  }

  /**
   * Runs every method's grid on every collection and cross-validates.
   *
   * @param collections the collections, with their indexes and models
   * @param methods the methods and their grids
   * @param settings the depth and the randomization test's trials and seed
   * @param threads grid points run at once
   * @param progress told each finished grid point (method, settings, collection)
   * @return the report; a method's figures on a collection come only from settings chosen on the
   *     others
   */
  public static Report run(
      List<Collection> collections,
      List<Method> methods,
      RetrievalEvaluation.Settings settings,
      int threads,
      Consumer<String> progress) {
    if (collections.size() < 2) {
      throw new LexicaException(
          "cross-validation needs at least two collections, got " + collections.size(),
          "pass several collection folders");
    }
    Map<String, Map<String, TrecMetrics.Scores>> bm25 = new LinkedHashMap<>();
    for (Collection c : collections) {
      bm25.put(c.name(), measure(c, null, settings.depth()));
    }
    // method -> grid point -> collection -> per-query scores
    Map<Method, List<Map<String, Map<String, TrecMetrics.Scores>>>> scores = new LinkedHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      Map<Method, List<Map<String, Future<Map<String, TrecMetrics.Scores>>>>> pending =
          new LinkedHashMap<>();
      for (Method m : methods) {
        List<Map<String, Future<Map<String, TrecMetrics.Scores>>>> points = new ArrayList<>();
        for (String spec : m.grid()) {
          Map<String, Future<Map<String, TrecMetrics.Scores>>> byCollection = new LinkedHashMap<>();
          for (Collection c : collections) {
            ExpansionSystem system = ExpansionSystem.parse(m.name(), spec, c.models());
            byCollection.put(
                c.name(),
                pool.submit(
                    () -> {
                      Map<String, TrecMetrics.Scores> s = measure(c, system, settings.depth());
                      progress.accept(m.name() + " [" + spec + "] on " + c.name());
                      return s;
                    }));
          }
          points.add(byCollection);
        }
        pending.put(m, points);
      }
      for (Map.Entry<Method, List<Map<String, Future<Map<String, TrecMetrics.Scores>>>>> e :
          pending.entrySet()) {
        List<Map<String, Map<String, TrecMetrics.Scores>>> points = new ArrayList<>();
        for (Map<String, Future<Map<String, TrecMetrics.Scores>>> p : e.getValue()) {
          Map<String, Map<String, TrecMetrics.Scores>> done = new LinkedHashMap<>();
          for (Map.Entry<String, Future<Map<String, TrecMetrics.Scores>>> f : p.entrySet()) {
            done.put(f.getKey(), f.getValue().get());
          }
          points.add(done);
        }
        scores.put(e.getKey(), points);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    List<String> names = collections.stream().map(Collection::name).toList();
    Map<String, TrecMetrics.Scores> bm25Means = new LinkedHashMap<>();
    bm25.forEach((c, per) -> bm25Means.put(c, TrecMetrics.mean(per)));
    List<Row> rows = new ArrayList<>();
    for (Method m : methods) {
      List<Map<String, Map<String, TrecMetrics.Scores>>> points = scores.get(m);
      List<Fold> folds = new ArrayList<>();
      for (String held : names) {
        List<String> tuning = names.stream().filter(c -> !c.equals(held)).toList();
        int best = choose(points, tuning, bm25Means);
        Map<String, TrecMetrics.Scores> per = points.get(best).get(held);
        Map<TrecMetrics.Measure, Double> p = new EnumMap<>(TrecMetrics.Measure.class);
        for (TrecMetrics.Measure measure : TrecMetrics.Measure.values()) {
          p.put(
              measure,
              RetrievalEvaluation.pValue(
                  bm25.get(held), per, measure, settings.trials(), settings.seed()));
        }
        folds.add(new Fold(held, m.grid().get(best), TrecMetrics.mean(per), per, p));
      }
      Map<String, Map<String, Double>> grid = new LinkedHashMap<>();
      for (int i = 0; i < points.size(); i++) {
        Map<String, Double> maps = new LinkedHashMap<>();
        points.get(i).forEach((c, per) -> maps.put(c, TrecMetrics.mean(per).ap()));
        grid.put(m.grid().get(i), maps);
      }
      rows.add(new Row(m.name(), folds, m.grid().get(choose(points, names, bm25Means)), grid));
    }
    return new Report(names, bm25Means, rows);
  }

  /** The grid point with the best mean relative MAP over the tuning collections. */
  static int choose(
      List<Map<String, Map<String, TrecMetrics.Scores>>> points,
      List<String> tuning,
      Map<String, TrecMetrics.Scores> bm25) {
    int best = 0;
    double bestGain = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < points.size(); i++) {
      double gain = 0;
      for (String c : tuning) {
        gain += TrecMetrics.mean(points.get(i).get(c)).ap() / bm25.get(c).ap();
      }
      if (gain > bestGain + 1e-12) {
        best = i;
        bestGain = gain;
      }
    }
    return best;
  }

  private static Map<String, TrecMetrics.Scores> measure(
      Collection c, ExpansionSystem system, int depth) {
    Run run =
        new Run(
            system == null ? "bm25" : system.name(),
            RetrievalEvaluation.run(c.collection(), c.index(), system, depth));
    return TrecMetrics.perQuery(run, c.collection().qrels());
  }
}
