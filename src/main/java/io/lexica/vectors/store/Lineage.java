package io.lexica.vectors.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a model came to be: its first training and every continuation or update after it, oldest
 * first, so that {@code lexica model info} can say what text a model has seen. Kept in the model's
 * metadata as {@code lineage.NNNN.<key>} entries (zero-padded, so they sort in order). A model
 * keeps its first step and the latest {@value #MAX_STEPS} - 1; {@value #KEY_OMITTED} counts the
 * steps left out between them, so a model updated every day stays small. Immutable.
 *
 * @param steps oldest first
 * @param omitted steps dropped between the first and the kept ones
 */
public record Lineage(List<Step> steps, long omitted) {
  /** Prefix of the metadata keys. */
  public static final String PREFIX = "lineage.";

  /** The number of steps left out between the first and the kept ones. */
  static final String KEY_OMITTED = "lineage.omitted";

  /** Steps a model keeps. */
  public static final int MAX_STEPS = 100;

  /** No steps: a model trained before lineages were kept, or one about to be trained. */
  public static final Lineage NONE = new Lineage(List.of(), 0);

  /**
   * One training run.
   *
   * @param kind {@code train} (from scratch), {@code continue} ({@code train --init}), {@code
   *     update} (the documents added to its index) or {@code retrofit} (moved towards the lexicons
   *     named as the source; no tokens read)
   * @param time when the run finished (ISO-8601)
   * @param source the index or text files trained on
   * @param field the index field(s), or null for text files
   * @param selection which documents: null for all, else e.g. "3 new segments"
   * @param documents documents trained on, -1 when unknown (text files)
   * @param tokens corpus tokens trained on (one pass)
   * @param wordsAdded words the run added to the vocabulary
   * @param seconds training time
   * @param init the model a continuation started from, or null
   */
  public record Step(
      String kind,
      String time,
      String source,
      String field,
      String selection,
      long documents,
      long tokens,
      int wordsAdded,
      double seconds,
      String init) {
    /** This step's entries under {@code lineage.<index>.}. */
    void writeTo(Map<String, String> metadata, int index) {
      String p = String.format(Locale.ROOT, "%s%04d.", PREFIX, index);
      metadata.put(p + "kind", kind);
      metadata.put(p + "time", time);
      metadata.put(p + "source", source);
      putIfPresent(metadata, p + "field", field);
      putIfPresent(metadata, p + "selection", selection);
      if (documents >= 0) {
        metadata.put(p + "documents", Long.toString(documents));
      }
      metadata.put(p + "tokens", Long.toString(tokens));
      metadata.put(p + "words.added", Integer.toString(wordsAdded));
      metadata.put(p + "seconds", String.format(Locale.ROOT, "%.1f", seconds));
      putIfPresent(metadata, p + "init", init);
    }

    private static Step readFrom(Map<String, String> metadata, String p) {
      return new Step(
          metadata.get(p + "kind"),
          metadata.get(p + "time"),
          metadata.get(p + "source"),
          metadata.get(p + "field"),
          metadata.get(p + "selection"),
          parseLong(metadata.get(p + "documents"), -1),
          parseLong(metadata.get(p + "tokens"), 0),
          (int) parseLong(metadata.get(p + "words.added"), 0),
          parseDouble(metadata.get(p + "seconds")),
          metadata.get(p + "init"));
    }

    /**
     * One line for {@code model info}.
     *
     * @return the steps, oldest first, one phrase each
     */
    public String describe() {
      StringBuilder sb = new StringBuilder();
      sb.append(time).append("  ").append(kind).append(": ");
      if (tokens > 0 || documents >= 0) {
        sb.append(String.format(Locale.ROOT, "%,d tokens", tokens));
        if (documents >= 0) {
          sb.append(String.format(Locale.ROOT, " in %,d documents", documents));
        }
        sb.append(" of ");
      } else {
        sb.append("to "); // no text read: a retrofit to a lexicon
      }
      sb.append(source);
      if (field != null) {
        sb.append(" (").append(field).append(')');
      }
      if (selection != null) {
        sb.append(", ").append(selection);
      }
      if (init != null) {
        sb.append(", from ").append(init);
      }
      sb.append(String.format(Locale.ROOT, "; %,d words added, %.1f s", wordsAdded, seconds));
      return sb.toString();
    }
  }

  /** Copies the steps, so a lineage is immutable. */
  public Lineage {
    steps = List.copyOf(steps);
  }

  /**
   * The lineage recorded in a model's metadata; empty for models that record none.
   *
   * @param metadata the model's metadata
   * @return the lineage
   */
  public static Lineage of(Map<String, String> metadata) {
    List<Step> steps = new ArrayList<>();
    for (int i = 1; metadata.containsKey(key(i, "kind")); i++) {
      steps.add(Step.readFrom(metadata, String.format(Locale.ROOT, "%s%04d.", PREFIX, i)));
    }
    return new Lineage(steps, parseLong(metadata.get(KEY_OMITTED), 0));
  }

  /**
   * This lineage followed by {@code step}, trimmed to {@value #MAX_STEPS} steps.
   *
   * @param step the step that made the new model
   * @return a new lineage; this one is unchanged
   */
  public Lineage then(Step step) {
    List<Step> next = new ArrayList<>(steps);
    next.add(step);
    long dropped = omitted;
    while (next.size() > MAX_STEPS) {
      next.remove(1);
      dropped++;
    }
    return new Lineage(next, dropped);
  }

  /**
   * Puts this lineage's entries into {@code metadata}.
   *
   * @param metadata the metadata to add to; earlier lineage entries are replaced
   */
  public void writeTo(Map<String, String> metadata) {
    for (int i = 0; i < steps.size(); i++) {
      steps.get(i).writeTo(metadata, i + 1);
    }
    if (omitted > 0) {
      metadata.put(KEY_OMITTED, Long.toString(omitted));
    }
  }

  private static String key(int index, String name) {
    return String.format(Locale.ROOT, "%s%04d.%s", PREFIX, index, name);
  }

  private static void putIfPresent(Map<String, String> metadata, String key, String value) {
    if (value != null) {
      metadata.put(key, value);
    }
  }

  private static long parseLong(String s, long absent) {
    try {
      return s == null ? absent : Long.parseLong(s);
    } catch (NumberFormatException e) {
      return absent;
    }
  }

  private static double parseDouble(String s) {
    try {
      return s == null ? 0 : Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
