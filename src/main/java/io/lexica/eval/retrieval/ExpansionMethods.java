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

  /** The methods, by name; {@code general} adds those that need a general-purpose model. */
  public static List<CrossValidation.Method> all(boolean general) {
    List<CrossValidation.Method> out = new ArrayList<>();
    out.add(
        method(
            "rm3",
            grid(
                "model=none",
                axis("fbdocs", "5", "10", "20"),
                axis("fbterms", "10", "20", "50"),
                axis("weight", "0.1", "0.25", "0.5", "1", "2"))));
    out.add(
        method(
            "emb",
            grid(
                "mode=per_term",
                axis("k", "3", "5", "10"),
                axis("weight", "0.05", "0.1", "0.2", "0.4"))));
    out.add(
        method(
            "emb-centroid",
            grid(
                "mode=centroid",
                axis("k", "5", "10", "20"),
                axis("weight", "0.1", "0.25", "0.5", "1"))));
    out.add(
        method(
            "emb-joint",
            grid(
                "mode=joint",
                axis("k", "5", "10", "20"),
                axis("weight", "0.1", "0.25", "0.5", "1"))));
    out.add(
        method(
            "rm3-sim",
            grid(
                "model=collection,fbshare=1",
                axis("fbreweight", "0.5", "1", "2"),
                axis("fbdocs", "5", "10", "20"),
                axis("fbterms", "20", "50"),
                axis("weight", "0.25", "0.5", "1", "2"))));
    out.add(
        method(
            "rm3+emb",
            grid(
                "model=collection,mode=centroid,k=10",
                axis("fbshare", "0.5", "0.75"),
                axis("fbreweight", "0", "1"),
                axis("fbdocs", "5", "10", "20"),
                axis("fbterms", "20", "50"),
                axis("weight", "0.5", "1", "2"))));
    out.add(
        method(
            "local",
            grid(
                "model=none,mode=centroid,localdocs=100,localdim=32",
                axis("localfrom", "10", "50"),
                axis("localtemp", "0.1", "1"),
                axis("k", "10", "20"),
                axis("weight", "0.25", "0.5", "1"))));
    return out;
  }

  /** Only the named methods, in the order given. */
  public static List<CrossValidation.Method> named(List<String> names, boolean general) {
    Map<String, CrossValidation.Method> byName = new LinkedHashMap<>();
    all(general).forEach(m -> byName.put(m.name(), m));
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
