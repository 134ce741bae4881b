package io.lexica.expand;

import java.util.List;
import java.util.Locale;
import org.apache.lucene.search.Query;

/**
 * The result of expanding one query: the query as given, the expanded query to run, and the terms
 * that were added (best first), so that a user can see and audit the change. Immutable.
 *
 * @param original the query before expansion
 * @param expanded the query to run; equal to {@code original} when nothing was added
 * @param added the added terms, highest weight first
 * @param guard the {@linkplain ExpansionSettings#guard guard}'s check, null when no guard ran; when
 *     it {@linkplain Guard#kept() kept} the query, {@code expanded} is the query and nothing is
 *     added
 */
public record Expansion(Query original, Query expanded, List<AddedTerm> added, Guard guard) {
  /** Copies the added terms, so an expansion is immutable. */
  public Expansion {
    added = List.copyOf(added);
  }

  /**
   * An expansion no guard checked.
   *
   * @param original the query before expansion
   * @param expanded the query to run
   * @param added the added terms, highest weight first
   */
  public Expansion(Query original, Query expanded, List<AddedTerm> added) {
    this(original, expanded, added, null);
  }

  /**
   * What the guard measured for one query.
   *
   * @param overlap the share of the query's top documents that its expansion ranks in its own top
   *     documents, in [0, 1]
   * @param threshold the guard's setting: below it the query is kept
   */
  public record Guard(float overlap, float threshold) {
    /**
     * Whether the guard kept the query as it was.
     *
     * @return true when the overlap is below the threshold
     */
    public boolean kept() {
      return overlap < threshold;
    }
  }

  /**
   * The added terms as an aligned text table (term, source, similarity, weight), one a line.
   *
   * @return the table; a line saying nothing was added when the list is empty
   */
  public String explain() {
    if (guard != null && guard.kept()) {
      return String.format(
          Locale.ROOT,
          "(no terms added: the guard kept the query; its expansion kept %.0f%% of its top %d"
              + " documents, below the guard's %.0f%%)%n",
          100 * guard.overlap(),
          QueryExpander.GUARD_DEPTH,
          100 * guard.threshold());
    }
    if (added.isEmpty()) {
      return "(no terms added)\n";
    }
    int tw = "term".length();
    int sw = "source".length();
    for (AddedTerm a : added) {
      tw = Math.max(tw, a.term().length());
      sw = Math.max(sw, a.source().length());
    }
    String row = "%-" + tw + "s  %-" + sw + "s  %10s  %7s%n";
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, row, "term", "source", "similarity", "weight"));
    for (AddedTerm a : added) {
      sb.append(
          String.format(
              Locale.ROOT,
              row,
              a.term(),
              a.source(),
              String.format(Locale.ROOT, "%.4f", a.similarity()),
              String.format(Locale.ROOT, "%.4f", a.weight())));
    }
    return sb.toString();
  }
}
