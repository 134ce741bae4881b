package io.lexica.eval.retrieval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The expansion methods {@code lexica eval retrieval --cross-validate} compares, each with the grid
 * of settings it is tuned over (written as {@link ExpansionSystem#parse} reads them). Grids are
 * products of a few values per setting, the values papers and Anserini use plus one on each side.
 */
public final class ExpansionMethods {
  private ExpansionMethods() {}

  /** The query-local model the local methods train: 100 documents drawn from the top 50. */
  private static final String LOCAL_MODEL =
      "localdocs=100,localfrom=50,localtemp=0.1,localdim=32,localepochs=5";

  /**
   * The document-frequency floor of the methods without a first pass: in a model trained on a small
   * collection, words of one or two documents sit close to everything.
   */
  private static final String MIN_DF = "mindf=1|2|5|10|20";

  /**
   * The methods, in the order the table shows them:
   *
   * <ul>
   *   <li>{@code rm3}: Anserini's RM3 (its 10 documents, 10 terms, weight 1 = original weight 0.5
   *       is a grid point);
   *   <li>{@code emb}, {@code emb-centroid}, {@code emb-joint}: the collection model's neighbours
   *       per query term, of the (optionally idf-weighted) centroid, and scored against every query
   *       word; no first pass, so they run inside OpenSearch;
   *   <li>{@code local}: a query-local model's neighbours of the query (Diaz et al. 2016); {@code
   *       local+emb}: interpolated with the collection model's;
   *   <li>{@code prf-emb}: feedback terms re-weighted by their similarity to the query in the
   *       collection model (Kuzi et al. 2016); {@code prf-emb+centroid}: mixed with the centroid's
   *       neighbours; {@code prf-local}: re-weighted in the query-local model instead.
   * </ul>
   *
   * @param general whether a general-purpose model is given (reserved for methods that use one)
   * @return the methods
   */
  public static List<CrossValidation.Method> all(boolean general) {
    List<CrossValidation.Method> out = new ArrayList<>();
    out.add(
        parse(
            "rm3",
            "model=none,localdocs=0,fbreweight=0,fbdocs=5|10|20,fbterms=10|20|50|100,weight=0.1|0.25|0.5|1|2"));
    out.add(
        parse(
            "emb",
            "fbdocs=0,localdocs=0,idfcentroid=false,mode=per_term,k=3|5|10,weight=0.05|0.1|0.2|0.4,"
                + MIN_DF));
    out.add(
        parse(
            "emb-centroid",
            "fbdocs=0,localdocs=0,mode=centroid,idfcentroid=false|true,k=5|10|20,weight=0.1|0.25|0.5|1,"
                + MIN_DF));
    out.add(
        parse(
            "emb-joint",
            "fbdocs=0,localdocs=0,idfcentroid=false,mode=joint,k=5|10|20,weight=0.1|0.25|0.5|1,"
                + MIN_DF));
    out.add(
        parse(
            "local",
            "model=none,fbdocs=0,mode=centroid,localdocs=100,localdim=32,localepochs=5,localfrom=10|50,"
                + "localtemp=0.1|1,k=10|20,weight=0.1|0.25|0.5"));
    out.add(
        parse(
            "local+emb",
            "fbdocs=0,idfcentroid=false,mode=centroid,k=10,"
                + LOCAL_MODEL
                + ",localshare=0.25|0.5|0.75,weight=0.1|0.25|0.5"));
    out.add(
        parse(
            "prf-emb",
            "localdocs=0,idfcentroid=false,fbshare=1,fbreweight=1|2|4,fbdocs=5|10|20,fbterms=20|50|100,weight=0.25|0.5|1|2"));
    out.add(
        parse(
            "prf-emb+centroid",
            "localdocs=0,idfcentroid=false,mode=centroid,k=10,fbreweight=2,fbdocs=10,fbterms=50|100,fbshare=0.75|0.9,"
                + "weight=0.5|1|2"));
    out.add(
        parse(
            "prf-local",
            "model=none,fbshare=1,fbreweight=1|2,fbdocs=10,fbterms=50|100,"
                + LOCAL_MODEL
                + ",weight=0.5|1|2"));
    return out;
  }

  /** The fusions' weights of BM25 (or of the expanded query's BM25) the grids try. */
  private static final String FUSIONS = "none|weighted:0.8|weighted:0.9|weighted:0.95";

  /**
   * Methods that fuse BM25 with the collection's SIF document vectors (the {@code hybrid-sif} run's
   * ranking; {@link ExpansionSystem}'s {@code fbfusion} and {@code fusion}), left out of {@link
   * #all} so that its table keeps its cost and figures; run them by name ({@code --methods}):
   *
   * <ul>
   *   <li>{@code hybrid}: BM25 fused with the document vectors' ranking, no expansion;
   *   <li>{@code rm3+hybrid}: RM3 whose feedback comes from the fused first pass ({@code none} is a
   *       grid point), its ranking fused again;
   *   <li>{@code prf-emb+centroid+hybrid}: the same for the default expansion.
   * </ul>
   *
   * @return the fused methods with their grids
   */
  public static List<CrossValidation.Method> fused() {
    return List.of(
        parse(
            "hybrid",
            "model=none,fbdocs=0,localdocs=0,fusion=weighted:0.5|weighted:0.6|weighted:0.7|"
                + "weighted:0.8|weighted:0.9|weighted:0.95"),
        parse(
            "rm3+hybrid",
            "model=none,localdocs=0,fbreweight=0,fbdocs=10,fbterms=50|100,weight=0.5|1|2,"
                + "fbfusion=none|weighted:0.7|weighted:0.9,fusion="
                + FUSIONS),
        parse(
            "prf-emb+centroid+hybrid",
            "localdocs=0,idfcentroid=false,mode=centroid,k=10,fbreweight=2,fbdocs=10,fbterms=100,"
                + "fbshare=0.9,weight=0.5|1|2,fbfusion=none|weighted:0.7|weighted:0.9,fusion="
                + FUSIONS));
  }

  /**
   * The default expansion's settings as every fold chose them for {@code prf-emb+centroid} but the
   * number of feedback terms (the adi fold takes 50) and the weight, for the methods built on it.
   */
  private static final String DEFAULT_METHOD =
      "localdocs=0,idfcentroid=false,mode=centroid,k=10,fbreweight=2,fbdocs=10,fbterms=50|100,"
          + "fbshare=0.9";

  /**
   * Ensembles ({@link io.lexica.docs.RankingEnsemble}: risk reduction by fusing runs whose errors
   * differ), left out of {@link #all} for its table's cost; run them by name ({@code --methods}):
   *
   * <ul>
   *   <li>{@code prf-emb+centroid+ens}: the default expansion's ranking fused with the unexpanded
   *       run, RM3 of the same feedback and the document vectors' ranking, each weighing 0 (left
   *       out) to 1 against the expansion's 1, by reciprocal ranks (k 10 or 60, Cormack et al.'s)
   *       or by the sum of scores over each ranking's best;
   *   <li>{@code prf-emb+centroid+ens+keep}: the same with {@code keeptop} 0 to 3 (the unexpanded
   *       run's top documents kept on top of the fused ranking);
   *   <li>{@code prf-emb+centroid+bag}: the default expansion with bagged feedback ({@link
   *       ExpansionSystem}'s {@code fbbags}: 10 or 20 bootstrap samples of the feedback documents,
   *       the added terms' weights averaged; 0 is a grid point), with weight 2 or 3 (averaging
   *       lowers the weight of terms the samples disagree on).
   * </ul>
   *
   * @return the ensemble methods with their grids
   */
  public static List<CrossValidation.Method> ensembles() {
    String ensemble =
        DEFAULT_METHOD
            + ",weight=2,ensemble=rrf:10|rrf:60|sum,ensbm25=0|0.5,ensrm3=0|0.5|1,ensknn=0|0.25|0.5";
    return List.of(
        parse("prf-emb+centroid+ens", ensemble),
        parse("prf-emb+centroid+ens+keep", ensemble + ",keeptop=0|1|2|3"),
        parse("prf-emb+centroid+bag", DEFAULT_METHOD + ",weight=2|3,fbbags=0|10|20"));
  }

  /**
   * Only the named methods (of {@link #all}, {@link #fused} and {@link #ensembles}), in the order
   * given.
   *
   * @param names the methods' names
   * @param general whether a general model is at hand
   * @return the methods
   * @throws io.lexica.LexicaException when a name is unknown, listing the known ones
   */
  public static List<CrossValidation.Method> named(List<String> names, boolean general) {
    Map<String, CrossValidation.Method> byName = new LinkedHashMap<>();
    all(general).forEach(m -> byName.put(m.name(), m));
    fused().forEach(m -> byName.put(m.name(), m));
    ensembles().forEach(m -> byName.put(m.name(), m));
    List<CrossValidation.Method> out = new ArrayList<>();
    for (String n : names) {
      CrossValidation.Method m = byName.get(n);
      if (m == null) {
        throw new io.lexica.LexicaException(
            "no method named '" + n + "'", "use one of " + String.join(", ", byName.keySet()));
      }
      out.add(m);
    }
    return out;
  }

  /**
   * A method from text: settings as {@link ExpansionSystem#parse} reads them, where a value may
   * list alternatives separated by {@code |}; the grid is every combination, e.g. {@code
   * model=none,fbdocs=5|10,weight=0.5|1} is four settings.
   *
   * @param name the method's name
   * @param settings the settings text with alternatives
   * @return the method with its grid
   */
  public static CrossValidation.Method parse(String name, String settings) {
    List<String> fixed = new ArrayList<>();
    List<Axis> axes = new ArrayList<>();
    for (String part : settings.split(",")) {
      String p = part.trim();
      int eq = p.indexOf('=');
      if (p.isEmpty()) {
        continue;
      }
      if (eq > 0 && p.indexOf('|') > eq) {
        axes.add(new Axis(p.substring(0, eq), List.of(p.substring(eq + 1).split("\\|"))));
      } else {
        fixed.add(p);
      }
    }
    return method(name, grid(String.join(",", fixed), axes.toArray(Axis[]::new)));
  }

  private static CrossValidation.Method method(String name, List<String> grid) {
    return new CrossValidation.Method(name, grid);
  }

  /** A setting and its values. */
  private record Axis(String key, List<String> values) {}

  private static Axis axis(String key, String... values) {
    return new Axis(key, List.of(values));
  }

  /**
   * Every combination of the axes' values after the fixed settings; the last axis varies fastest.
   */
  private static List<String> grid(String fixed, Axis... axes) {
    List<String> out = new ArrayList<>();
    out.add(fixed);
    for (Axis a : axes) {
      List<String> next = new ArrayList<>();
      for (String prefix : out) {
        for (String v : a.values()) {
          next.add((prefix.isEmpty() ? "" : prefix + ",") + a.key() + "=" + v);
        }
      }
      out = next;
    }
    return out;
  }
}
