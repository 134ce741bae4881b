package io.lexica.expand;

import io.lexica.LexicaException;
import java.util.Locale;

/**
 * Expander settings written as text, {@code key=value} pairs separated by commas, e.g. {@code
 * mode=centroid,k=10,weight=0.3}: how the CLI and evaluations take a configuration in one string.
 * Each key sets one {@link QueryExpander.Builder} setting (which checks it):
 *
 * <ul>
 *   <li>model neighbours: {@code mode} (per_term, centroid, joint), {@code form} (clauses,
 *       synonyms), {@code k}, {@code minsim}, {@code normalize} (true, false), {@code maxterms},
 *       {@code idfcentroid}, {@code mindf}, {@code maxdf} (a ratio of documents);
 *   <li>{@code weight}: the expansion's weight relative to the query;
 *   <li>feedback: {@code fbdocs} (0: none), {@code fbterms}, {@code fbshare}, {@code fbreweight},
 *       {@code adapt} (the exponent of the per-query adaptive weight, 0: off);
 *   <li>query-local model: {@code localdocs} (0: none), {@code localfrom}, {@code localtemp},
 *       {@code localdim}, {@code localepochs}, {@code locallr}, {@code localwindow}, {@code
 *       localmincount}, {@code localseed}, {@code localshare}.
 * </ul>
 *
 * Keys not given keep the builder's values. Stateless.
 */
public final class ExpanderSpec {
  private ExpanderSpec() {}

  /** Applies the settings in {@code spec} to {@code b} and returns it. */
  public static QueryExpander.Builder apply(String spec, QueryExpander.Builder b) {
    if (spec == null || spec.isBlank()) {
      return b;
    }
    Integer minDf = null;
    Double maxDf = null;
    for (String part : spec.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw bad(spec, "'" + p + "' is not key=value");
      }
      String key = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String value = p.substring(eq + 1).trim();
      try {
        switch (key) {
          case "mode" -> b.mode(QueryExpander.Mode.valueOf(value.toUpperCase(Locale.ROOT)));
          case "form" -> b.form(QueryExpander.Form.valueOf(value.toUpperCase(Locale.ROOT)));
          case "k" -> b.k(Integer.parseInt(value));
          case "minsim" -> b.minSimilarity(Float.parseFloat(value));
          case "weight" -> b.weight(Float.parseFloat(value));
          case "normalize" -> b.normalize(bool(value));
          case "maxterms" -> b.maxTerms(Integer.parseInt(value));
          case "mindf" -> minDf = Integer.parseInt(value);
          case "maxdf" -> maxDf = Double.parseDouble(value);
          case "fbdocs" -> b.feedbackDocs(Integer.parseInt(value));
          case "fbterms" -> b.feedbackTerms(Integer.parseInt(value));
          case "fbshare" -> b.feedbackShare(Float.parseFloat(value));
          case "fbreweight" -> b.feedbackReweight(Float.parseFloat(value));
          case "adapt" -> b.adaptiveWeight(Float.parseFloat(value));
          case "idfcentroid" -> b.idfCentroid(bool(value));
          case "localdocs" -> b.localDocs(Integer.parseInt(value));
          case "localfrom" -> b.localFrom(Integer.parseInt(value));
          case "localtemp" -> b.localTemperature(Float.parseFloat(value));
          case "localdim" -> b.localDimension(Integer.parseInt(value));
          case "localepochs" -> b.localEpochs(Integer.parseInt(value));
          case "locallr" -> b.localLearningRate(Float.parseFloat(value));
          case "localwindow" -> b.localWindow(Integer.parseInt(value));
          case "localmincount" -> b.localMinCount(Integer.parseInt(value));
          case "localseed" -> b.localSeed(Long.parseLong(value));
          case "localshare" -> b.localShare(Float.parseFloat(value));
          default -> throw bad(spec, "unknown key '" + key + "'");
        }
      } catch (IllegalArgumentException e) {
        // Number and enum parsing; the builder's own range checks throw LexicaException.
        throw bad(spec, "bad value for " + key + ": '" + value + "'");
      }
    }
    if (minDf != null || maxDf != null) {
      QueryExpander current = b.buildUnchecked();
      b.docFreqBounds(
          minDf != null ? minDf : current.minDocFreq(),
          maxDf != null ? maxDf : current.maxDocFreqRatio());
    }
    return b;
  }

  /** true or false, nothing else (Boolean.parseBoolean takes any other word for false). */
  private static boolean bool(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(value);
    };
  }

  private static LexicaException bad(String spec, String why) {
    return new LexicaException(
        "bad expansion settings '" + spec + "': " + why,
        "write key=value pairs separated by commas; keys: mode, form, k, minsim, weight,"
            + " normalize, maxterms, idfcentroid, mindf, maxdf, fbdocs, fbterms, fbshare, fbreweight,"
            + " adapt, localdocs, localfrom, localtemp, localdim, localepochs, locallr, localwindow,"
            + " localmincount, localseed, localshare");
  }
}
