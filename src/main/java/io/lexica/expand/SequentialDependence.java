package io.lexica.expand;

import io.lexica.LexicaException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Term proximity as part of a query: the sequential dependence model (Metzler and Croft, SIGIR
 * 2005) over BM25. Beside the bag of words, each pair of adjacent query terms adds two clauses: the
 * pair in order and (nearly) adjacent, and the pair within a window, in either order. Documents
 * where a query's words stand together ("singular value decomposition" as a phrase) rank above
 * those where they are scattered; with feedback, the first pass is ranked this way too, so feedback
 * reads the documents proximity trusts (Metzler and Croft's latent concept expansion, SIGIR 2007,
 * with the dependence model's first pass).
 *
 * <p>Both clauses are {@link PhraseQuery}s, which Lucene scores with the field's similarity (BM25)
 * over the phrase's frequency in the document: an exact phrase counts its occurrences, a sloppy one
 * sums {@code 1 / (1 + distance)} over them, and its idf is the sum of its terms'. (Lucene's
 * interval queries score by a bounded function of their own, with no idf or length norm, so they
 * would not mix with BM25's term scores; span queries are not in Lucene's core.)
 *
 * <ul>
 *   <li>The ordered clause is a phrase with slop {@value #ORDERED_SLOP}: the analyzer dropped the
 *       query's stop words, and the index keeps their positions, so "use of books" is "use" and
 *       "book" two positions apart in the documents; slop 1 finds them, and still only in order (a
 *       swapped pair needs slop 2). Metzler's window #1 on an index without stop words, as
 *       Anserini's dependence model queries it (an ordered span of slop 1).
 *   <li>The unordered clause is a phrase with slop {@link #window()} (Metzler's #uw8 is slop 8 in
 *       Anserini): the two words at most {@code window + 1} positions apart in order, or swapped
 *       within {@code window - 1} (a sloppy phrase counts a swap as two moves).
 * </ul>
 *
 * <p>The model's weights {@code (λT, λO, λU)}, which sum to 1, become boosts relative to the bag of
 * words, whose terms keep theirs: each ordered clause weighs {@code λO / λT} and each unordered
 * clause {@code λU / λT} ({@code λT = 1 - λO - λU}), so an expansion's {@code weight}, relative to
 * the query's term mass, means what it means without proximity. Metzler's values {@code (0.85, 0.1,
 * 0.05)} are {@code ordered = 0.1, unordered = 0.05}.
 *
 * <p>Pairs are read from the query's top-level clauses, in order: term queries (boosted or not),
 * required or optional, of one field; any other clause (a phrase, a synonym query, a nested
 * disjunction) ends a run of adjacent terms, and a term repeated next to itself makes no pair. A
 * query of {@code n} terms gets up to {@code 2 (n - 1)} clauses. Immutable; thread-safe.
 *
 * @param ordered {@code λO}, the weight of the ordered pairs; at least 0
 * @param unordered {@code λU}, the weight of the unordered windows; at least 0, and {@code ordered
 *     + unordered < 1}
 * @param window the unordered clause's slop; at least 1 (Metzler's window of 8 words is 8)
 */
public record SequentialDependence(float ordered, float unordered, int window) {

  /** The ordered clause's slop: one dropped stop word between the two terms, in order. */
  public static final int ORDERED_SLOP = 1;

  /** The unordered window of Metzler and Croft's experiments (and Anserini's). */
  public static final int DEFAULT_WINDOW = 8;

  /** No proximity: the query is its bag of words. */
  public static final SequentialDependence OFF = new SequentialDependence(0, 0, DEFAULT_WINDOW);

  /** Metzler and Croft's weights: 0.85 the terms, 0.1 ordered pairs, 0.05 unordered windows. */
  public static final SequentialDependence METZLER =
      new SequentialDependence(0.1f, 0.05f, DEFAULT_WINDOW);

  /**
   * Checks the weights and the window.
   *
   * @throws LexicaException naming the bad value and a good one
   */
  public SequentialDependence {
    if (!(ordered >= 0) || !(unordered >= 0) || !(ordered + unordered < 1)) {
      throw new LexicaException(
          "proximity weights must be at least 0 and sum to less than 1 (the rest is the terms'),"
              + " not ordered "
              + ordered
              + " and unordered "
              + unordered,
          "pass e.g. sdmordered=0.1,sdmunordered=0.05 (Metzler and Croft's), or 0 for none");
    }
    if (window < 1) {
      throw new LexicaException(
          "the proximity window must be at least 1, not " + window,
          "pass e.g. sdmwindow=" + DEFAULT_WINDOW);
    }
  }

  /**
   * Whether any clause is added.
   *
   * @return false when both weights are 0
   */
  public boolean on() {
    return ordered > 0 || unordered > 0;
  }

  /**
   * The proximity clauses of a query's adjacent term pairs, boosted (see the class comment): for
   * each pair the ordered clause, then the unordered one, each left out when its weight is 0.
   *
   * @param query a query, typically the bag of words the field's analyzer made of a text
   * @return the clauses to add as optional clauses; empty when off or when no two terms are
   *     adjacent
   */
  public List<Query> clauses(Query query) {
    List<Query> out = new ArrayList<>();
    if (!on()) {
      return out;
    }
    float terms = 1 - ordered - unordered;
    Term previous = null;
    for (Term t : runOfTerms(query)) {
      if (t == null || previous == null || !t.field().equals(previous.field())) {
        previous = t;
        continue;
      }
      if (!t.equals(previous)) {
        if (ordered > 0) {
          out.add(new BoostQuery(phrase(previous, t, ORDERED_SLOP), ordered / terms));
        }
        if (unordered > 0) {
          out.add(new BoostQuery(phrase(previous, t, window), unordered / terms));
        }
      }
      previous = t;
    }
    return out;
  }

  /**
   * A query with its proximity clauses added as optional clauses (its required clauses, if any,
   * stay required); the query itself when none are added.
   *
   * @param query a query
   * @return the query with proximity
   */
  public Query apply(Query query) {
    List<Query> extra = clauses(query);
    return extra.isEmpty() ? query : QueryExpander.addOptional(query, extra);
  }

  /** Two terms as a phrase in that order, with {@code slop}. */
  private static PhraseQuery phrase(Term first, Term second, int slop) {
    return new PhraseQuery.Builder().add(first, 0).add(second, 1).setSlop(slop).build();
  }

  /**
   * The query's top-level positive clauses as terms, in order, null for a clause that is not a
   * (boosted) term query; a query that is a term query alone is one term.
   */
  private static List<Term> runOfTerms(Query query) {
    List<Term> out = new ArrayList<>();
    if (query instanceof BooleanQuery bq) {
      for (BooleanClause c : bq.clauses()) {
        boolean positive = c.occur() == Occur.SHOULD || c.occur() == Occur.MUST;
        out.add(positive ? term(c.query()) : null);
      }
    } else {
      out.add(term(query));
    }
    return out;
  }

  private static Term term(Query q) {
    Query inner = q;
    while (inner instanceof BoostQuery bq) {
      inner = bq.getQuery();
    }
    return inner instanceof TermQuery tq ? tq.getTerm() : null;
  }
}
