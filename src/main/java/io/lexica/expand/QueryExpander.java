package io.lexica.expand;

import io.lexica.LexicaException;
import io.lexica.analysis.Tokens;
import io.lexica.vectors.Embeddings;
import io.lexica.vectors.Neighbor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.QueryBuilder;

/**
 * Adds words that an embedding model finds near a query's words to the query, as weighted optional
 * clauses, keeping the original query's structure (a required term stays required: it becomes "term
 * or its neighbours"). Two modes:
 *
 * <ul>
 *   <li>{@link Mode#PER_TERM}: each query term gets its own {@code k} nearest words, attached next
 *       to it in the query tree (as a disjunction with it, or as one {@link SynonymQuery}).
 *   <li>{@link Mode#CENTROID}: the {@code k} words nearest to the (count-weighted) centroid of all
 *       query words are added as optional clauses at the top of the query: pre-retrieval kNN
 *       expansion as in Roy et al. 2016 and Kuzi et al. 2016, which favours words related to the
 *       query as a whole over words related to one ambiguous term.
 * </ul>
 *
 * <p>An added term's weight is {@code weight * similarity} (or, with {@link
 * Builder#normalize(boolean)}, the expansion mass {@code weight} per source word shared in
 * proportion to similarity, like the interpolation of an expansion model in RM3), relative to the
 * original terms' weight 1. Neighbours that do not occur in the target field, or whose document
 * frequency is out of bounds, are dropped; terms already in the query are never added. Terms inside
 * phrases and other positional queries are not expanded in place (they still count for the
 * centroid). Terms under {@code MUST_NOT} are ignored.
 *
 * <p>The model's words are the index's terms (a model trained on the field, as Lexica trains them),
 * unless a {@linkplain Builder#modelAnalyzer(Analyzer) model analyzer} says otherwise: then text
 * queries are analysed with it to find model words, and each neighbour is mapped to the index term
 * the field's analyzer makes of it (e.g. a general-purpose unstemmed model used on a stemmed
 * index).
 *
 * <p>Immutable and thread-safe when its {@link Embeddings} and analyzers are (Lucene's analyzers
 * are): build one and share it.
 */
public final class QueryExpander {
  /** Where neighbours come from. */
  public enum Mode {
    /** The nearest words of each query term, attached to that term. */
    PER_TERM,
    /** The nearest words of the centroid of the query's words, added to the whole query. */
    CENTROID
  }

  /** How a term's neighbours join it in {@link Mode#PER_TERM} mode. */
  public enum Form {
    /** {@code term OR neighbour^w ...}: each neighbour scores with its own IDF. */
    CLAUSES,
    /**
     * One {@link SynonymQuery} with boosted neighbours: they count as occurrences of the original
     * term (weights clamped to 1), so rare neighbours do not dominate through their IDF.
     */
    SYNONYMS
  }

  private final Embeddings embeddings;
  private final int k;
  private final float minSimilarity;
  private final float weight;
  private final boolean normalize;
  private final int maxTerms;
  private final int minDocFreq;
  private final double maxDocFreqRatio;
  private final Mode mode;
  private final Form form;
  private final Analyzer modelAnalyzer;

  private QueryExpander(Builder b) {
    this.embeddings = b.embeddings;
    this.k = b.k;
    this.minSimilarity = b.minSimilarity;
    this.weight = b.weight;
    this.normalize = b.normalize;
    this.maxTerms = b.maxTerms;
    this.minDocFreq = b.minDocFreq;
    this.maxDocFreqRatio = b.maxDocFreqRatio;
    this.mode = b.mode;
    this.form = b.form;
    this.modelAnalyzer = b.modelAnalyzer;
  }

  public static Builder builder(Embeddings embeddings) {
    return new Builder(embeddings);
  }

  /** A builder with this expander's settings, to derive a variant. */
  public Builder toBuilder() {
    return toBuilder(embeddings);
  }

  /** A builder with this expander's settings and another model. */
  public Builder toBuilder(Embeddings other) {
    return new Builder(other)
        .k(k)
        .minSimilarity(minSimilarity)
        .weight(weight)
        .normalize(normalize)
        .maxTerms(maxTerms)
        .docFreqBounds(minDocFreq, maxDocFreqRatio)
        .mode(mode)
        .form(form)
        .modelAnalyzer(modelAnalyzer);
  }

  public Mode mode() {
    return mode;
  }

  /** The lowest document frequency a term may have to be expanded or added. */
  public int minDocFreq() {
    return minDocFreq;
  }

  /** The highest share of documents a term may occur in to be expanded or added. */
  public double maxDocFreqRatio() {
    return maxDocFreqRatio;
  }

  public Embeddings embeddings() {
    return embeddings;
  }

  /**
   * Expands a query whose terms are model words (the model was trained on the index's terms).
   *
   * @param reader the target index, for document frequency checks; null to skip them
   */
  public Expansion expand(Query query, IndexReader reader) {
    List<Source> sources = new ArrayList<>();
    for (QueryTerm qt : terms(query)) {
      sources.add(new Source(qt.term, qt.term.text(), qt.inPlace));
    }
    return expand(query, sources, reader, null);
  }

  /**
   * Parses {@code text} into a disjunction of the field's terms (as Lucene's {@link QueryBuilder}
   * does) and expands it. With a model analyzer, the model words are found by analysing the text
   * with it, and neighbours are mapped to index terms with {@code fieldAnalyzer}.
   *
   * @param reader the target index, for document frequency checks; null to skip them
   */
  public Expansion expand(String text, String field, Analyzer fieldAnalyzer, IndexReader reader) {
    Query query = new QueryBuilder(fieldAnalyzer).createBooleanQuery(field, text);
    if (query == null) {
      Query empty = new BooleanQuery.Builder().build();
      return new Expansion(empty, empty, List.of());
    }
    if (modelAnalyzer == null) {
      return expand(query, reader);
    }
    Set<Term> inPlace = new HashSet<>();
    for (QueryTerm qt : terms(query)) {
      if (qt.inPlace) {
        inPlace.add(qt.term);
      }
    }
    List<Source> sources = new ArrayList<>();
    for (String word : tokens(modelAnalyzer, field, text)) {
      String indexTerm = singleToken(fieldAnalyzer, field, word);
      if (indexTerm != null) {
        Term t = new Term(field, indexTerm);
        sources.add(new Source(t, word, inPlace.contains(t)));
      }
    }
    return expand(query, sources, reader, fieldAnalyzer);
  }

  /** A query word: its index term, the model word it comes from, and whether it can grow. */
  private record Source(Term term, String word, boolean inPlace) {}

  /** A neighbour kept for adding, before weighting. */
  private record Candidate(Term term, Source source, float similarity) {}

  private Expansion expand(
      Query query, List<Source> sources, IndexReader reader, Analyzer neighbourAnalyzer) {
    Set<Term> original = new HashSet<>();
    for (QueryTerm qt : terms(query)) {
      original.add(qt.term);
    }
    Map<Term, Candidate> best = new LinkedHashMap<>();
    Stats stats = new Stats(reader);
    if (mode == Mode.PER_TERM) {
      Set<Source> seen = new HashSet<>();
      for (Source s : sources) {
        if (!s.inPlace || !seen.add(s) || !stats.inBounds(s.term)) {
          continue;
        }
        offerNearest(
            best,
            s,
            embeddings.nearest(s.word, fetch(), minSimilarity),
            neighbourAnalyzer,
            original,
            stats);
      }
    } else {
      Map<String, List<Source>> byField = new LinkedHashMap<>();
      for (Source s : sources) {
        byField.computeIfAbsent(s.term.field(), f -> new ArrayList<>()).add(s);
      }
      for (List<Source> group : byField.values()) {
        float[] centroid = centroid(group);
        if (centroid == null) {
          continue;
        }
        Source any = new Source(group.get(0).term, AddedTerm.CENTROID, false);
        Set<String> exclude = new HashSet<>();
        group.forEach(s -> exclude.add(s.word));
        offerNearest(
            best,
            any,
            embeddings.nearest(centroid, fetch(), minSimilarity, exclude),
            neighbourAnalyzer,
            original,
            stats);
      }
    }
    List<Candidate> kept = new ArrayList<>(best.values());
    kept.sort(Comparator.comparingDouble((Candidate c) -> -c.similarity));
    if (kept.size() > maxTerms) {
      kept = kept.subList(0, maxTerms);
    }
    List<AddedTerm> added = weigh(kept, sources);
    if (added.isEmpty()) {
      return new Expansion(query, query, List.of());
    }
    return new Expansion(query, rewrite(query, kept, added), added);
  }

  /**
   * Neighbours looked up per source: more than k, because some are filtered out (absent from the
   * field, out of document frequency bounds, already in the query) and k should count kept ones.
   */
  private int fetch() {
    return 3 * k + 5;
  }

  /** Offers the nearest words of one source until k of them are kept. */
  private void offerNearest(
      Map<Term, Candidate> best,
      Source source,
      List<Neighbor> nearest,
      Analyzer neighbourAnalyzer,
      Set<Term> original,
      Stats stats) {
    int kept = 0;
    for (Neighbor n : nearest) {
      if (kept == k) {
        break;
      }
      if (offer(best, source, n, neighbourAnalyzer, original, stats)) {
        kept++;
      }
    }
  }

  /** Keeps the neighbour as a candidate when it passes the filters; true when it does. */
  private boolean offer(
      Map<Term, Candidate> best,
      Source source,
      Neighbor n,
      Analyzer neighbourAnalyzer,
      Set<Term> original,
      Stats stats) {
    String text =
        neighbourAnalyzer == null
            ? n.word()
            : singleToken(neighbourAnalyzer, source.term.field(), n.word());
    if (text == null) {
      return false;
    }
    Term t = new Term(source.term.field(), text);
    if (original.contains(t) || !stats.inBounds(t)) {
      return false;
    }
    Candidate c = best.get(t);
    if (c == null || c.similarity < n.similarity()) {
      best.put(t, new Candidate(t, source, n.similarity()));
    }
    return true;
  }

  private float[] centroid(List<Source> group) {
    float[] sum = null;
    for (Source s : group) {
      float[] v = embeddings.unitVector(s.word);
      if (v == null) {
        continue;
      }
      if (sum == null) {
        sum = new float[v.length];
      }
      for (int i = 0; i < v.length; i++) {
        sum[i] += v[i];
      }
    }
    if (sum == null) {
      return null;
    }
    double norm = 0;
    for (float x : sum) {
      norm += (double) x * x;
    }
    if (norm == 0) {
      return null;
    }
    float inv = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < sum.length; i++) {
      sum[i] *= inv;
    }
    return sum;
  }

  private List<AddedTerm> weigh(List<Candidate> kept, List<Source> sources) {
    // Normalized: each source word (or, in centroid mode, each query word) contributes expansion
    // mass `weight`, shared among its kept neighbours in proportion to similarity.
    Map<String, Double> simSums = new HashMap<>();
    for (Candidate c : kept) {
      simSums.merge(c.source.word, (double) c.similarity, Double::sum);
    }
    int queryWords = Math.max(1, new HashSet<>(sources).size());
    List<AddedTerm> out = new ArrayList<>(kept.size());
    for (Candidate c : kept) {
      float w = weight * c.similarity;
      if (normalize) {
        double mass = mode == Mode.CENTROID ? (double) weight * queryWords : weight;
        w = (float) (mass * c.similarity / simSums.get(c.source.word));
      }
      if (form == Form.SYNONYMS && mode == Mode.PER_TERM) {
        w = Math.min(w, 1f);
      }
      out.add(new AddedTerm(c.term.field(), c.term.text(), c.source.word, c.similarity, w));
    }
    out.sort(Comparator.comparingDouble((AddedTerm a) -> -a.weight()));
    return out;
  }

  private Query rewrite(Query query, List<Candidate> kept, List<AddedTerm> added) {
    if (mode == Mode.CENTROID) {
      List<Query> extra = new ArrayList<>();
      for (AddedTerm a : added) {
        extra.add(new BoostQuery(new TermQuery(new Term(a.field(), a.term())), a.weight()));
      }
      return addOptional(query, extra);
    }
    Map<Term, List<AddedTerm>> bySource = new HashMap<>();
    Map<String, Term> termOf = new HashMap<>();
    for (Candidate c : kept) {
      termOf.put(c.term.field() + '\u0000' + c.term.text(), c.source.term);
    }
    for (AddedTerm a : added) {
      Term src = termOf.get(a.field() + '\u0000' + a.term());
      bySource.computeIfAbsent(src, t -> new ArrayList<>()).add(a);
    }
    return new Rewriter(bySource).rewrite(query);
  }

  /** Adds optional clauses to a query without changing which documents must match. */
  private static Query addOptional(Query query, List<Query> extra) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    if (query instanceof BooleanQuery bq && bq.getMinimumNumberShouldMatch() == 0) {
      for (BooleanClause c : bq.clauses()) {
        b.add(c);
      }
      if (bq.getClauses(Occur.SHOULD).isEmpty() && bq.getClauses(Occur.MUST).isEmpty()) {
        // Only FILTER/MUST_NOT clauses: there is nothing to score; keep it as is.
        return query;
      }
    } else {
      b.add(query, Occur.SHOULD);
    }
    for (Query q : extra) {
      b.add(q, Occur.SHOULD);
    }
    return b.build();
  }

  /** Rebuilds a query tree with each expanded term replaced by "term or its neighbours". */
  private final class Rewriter {
    private final Map<Term, List<AddedTerm>> bySource;

    Rewriter(Map<Term, List<AddedTerm>> bySource) {
      this.bySource = bySource;
    }

    Query rewrite(Query q) {
      if (q instanceof TermQuery tq) {
        List<AddedTerm> adds = bySource.get(tq.getTerm());
        return adds == null ? q : grow(q, tq.getTerm(), adds);
      }
      if (q instanceof BoostQuery bq) {
        Query inner = rewrite(bq.getQuery());
        return inner == bq.getQuery() ? q : new BoostQuery(inner, bq.getBoost());
      }
      if (q instanceof BooleanQuery bq) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        b.setMinimumNumberShouldMatch(bq.getMinimumNumberShouldMatch());
        boolean changed = false;
        for (BooleanClause c : bq.clauses()) {
          Query r = c.occur() == Occur.MUST_NOT ? c.query() : rewrite(c.query());
          changed |= r != c.query();
          b.add(r, c.occur());
        }
        return changed ? b.build() : q;
      }
      if (q instanceof DisjunctionMaxQuery dq) {
        List<Query> ds = new ArrayList<>();
        boolean changed = false;
        for (Query d : dq.getDisjuncts()) {
          Query r = rewrite(d);
          changed |= r != d;
          ds.add(r);
        }
        return changed ? new DisjunctionMaxQuery(ds, dq.getTieBreakerMultiplier()) : q;
      }
      if (q instanceof SynonymQuery sq) {
        List<AddedTerm> adds = new ArrayList<>();
        for (Term t : sq.getTerms()) {
          adds.addAll(bySource.getOrDefault(t, List.of()));
        }
        return adds.isEmpty() ? q : grow(q, sq.getTerms().get(0), adds);
      }
      return q;
    }

    private Query grow(Query original, Term term, List<AddedTerm> adds) {
      if (form == Form.SYNONYMS && original instanceof TermQuery) {
        SynonymQuery.Builder b = new SynonymQuery.Builder(term.field());
        b.addTerm(term);
        for (AddedTerm a : adds) {
          b.addTerm(new Term(a.field(), a.term()), a.weight());
        }
        return b.build();
      }
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      b.add(original, Occur.SHOULD);
      for (AddedTerm a : adds) {
        b.add(
            new BoostQuery(new TermQuery(new Term(a.field(), a.term())), a.weight()), Occur.SHOULD);
      }
      return b.build();
    }
  }

  /** A term of the query and whether it sits in a term or synonym query (so it can grow). */
  private record QueryTerm(Term term, boolean inPlace) {}

  /** The terms of the query's positive clauses, in order, without repeats. */
  private static List<QueryTerm> terms(Query query) {
    Map<Term, Boolean> found = new LinkedHashMap<>();
    query.visit(
        new QueryVisitor() {
          @Override
          public void consumeTerms(Query q, Term... terms) {
            boolean inPlace = q instanceof TermQuery || q instanceof SynonymQuery;
            for (Term t : terms) {
              found.merge(t, inPlace, Boolean::logicalOr);
            }
          }

          @Override
          public QueryVisitor getSubVisitor(Occur occur, Query parent) {
            return occur == Occur.MUST_NOT ? QueryVisitor.EMPTY_VISITOR : this;
          }
        });
    List<QueryTerm> out = new ArrayList<>();
    found.forEach((t, inPlace) -> out.add(new QueryTerm(t, inPlace)));
    return out;
  }

  /** Document frequency checks against the target index (none when there is no index). */
  private final class Stats {
    private final IndexReader reader;

    Stats(IndexReader reader) {
      this.reader = reader;
    }

    boolean inBounds(Term t) {
      if (reader == null) {
        return true;
      }
      try {
        int df = reader.docFreq(t);
        return df >= minDocFreq && df <= maxDocFreqRatio * reader.numDocs();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static List<String> tokens(Analyzer analyzer, String field, String text) {
    return Tokens.of(analyzer, field, text);
  }

  /** The one token the analyzer makes of a word, or null when it makes none or several. */
  static String singleToken(Analyzer analyzer, String field, String word) {
    List<String> t = tokens(analyzer, field, word);
    return t.size() == 1 ? t.get(0) : null;
  }

  /**
   * Settings of a {@link QueryExpander}. Defaults are the ones tuned on the cran, med, cacm and adi
   * test collections (see README).
   */
  public static final class Builder {
    /** Default neighbours per query term. */
    public static final int DEFAULT_K = 5;

    /** Default lowest cosine of an added term. */
    public static final float DEFAULT_MIN_SIMILARITY = 0.5f;

    /** Default expansion weight per query word. */
    public static final float DEFAULT_WEIGHT = 0.1f;

    /** Default largest number of added terms per query. */
    public static final int DEFAULT_MAX_TERMS = 30;

    /** Default lowest document frequency of a term (1: absent terms are dropped). */
    public static final int DEFAULT_MIN_DOC_FREQ = 1;

    /** Default highest share of the documents a term may occur in. */
    public static final double DEFAULT_MAX_DOC_FREQ_RATIO = 0.5;

    private final Embeddings embeddings;
    private int k = DEFAULT_K;
    private float minSimilarity = DEFAULT_MIN_SIMILARITY;
    private float weight = DEFAULT_WEIGHT;
    private boolean normalize = true;
    private int maxTerms = DEFAULT_MAX_TERMS;
    private int minDocFreq = DEFAULT_MIN_DOC_FREQ;
    private double maxDocFreqRatio = DEFAULT_MAX_DOC_FREQ_RATIO;
    private Mode mode = Mode.PER_TERM;
    private Form form = Form.CLAUSES;
    private Analyzer modelAnalyzer;

    private Builder(Embeddings embeddings) {
      this.embeddings = Objects.requireNonNull(embeddings, "embeddings");
    }

    /** Neighbours looked up per query term (or for the centroid); at least 1. */
    public Builder k(int k) {
      if (k < 1) {
        throw bad("k must be at least 1, not " + k, "pass k >= 1");
      }
      this.k = k;
      return this;
    }

    /** Neighbours less similar (cosine) than this are not added; in [-1, 1]. */
    public Builder minSimilarity(float minSimilarity) {
      if (!(minSimilarity >= -1 && minSimilarity <= 1)) {
        throw bad("min similarity must be in [-1, 1], not " + minSimilarity, "it is a cosine");
      }
      this.minSimilarity = minSimilarity;
      return this;
    }

    /** Weight of the expansion relative to an original term's weight 1; positive. */
    public Builder weight(float weight) {
      if (!(weight > 0) || Float.isInfinite(weight)) {
        throw bad("expansion weight must be positive, not " + weight, "pass e.g. 0.3");
      }
      this.weight = weight;
      return this;
    }

    /**
     * When true (default), the neighbours of one source word share the weight in proportion to
     * their similarity (so the expansion's total mass does not grow with k); when false, each
     * neighbour weighs {@code weight * similarity}.
     */
    public Builder normalize(boolean normalize) {
      this.normalize = normalize;
      return this;
    }

    /** At most this many terms are added to one query (the most similar win); at least 0. */
    public Builder maxTerms(int maxTerms) {
      if (maxTerms < 0) {
        throw bad("max terms must not be negative: " + maxTerms, "pass 0 or more");
      }
      this.maxTerms = maxTerms;
      return this;
    }

    /**
     * Terms whose document frequency in the target field is below {@code minDocFreq} or above
     * {@code maxRatio} of the documents are neither expanded nor added. {@code minDocFreq >= 1}
     * drops neighbours absent from the field.
     */
    public Builder docFreqBounds(int minDocFreq, double maxRatio) {
      if (minDocFreq < 0 || !(maxRatio > 0 && maxRatio <= 1)) {
        throw bad(
            "document frequency bounds must be min >= 0 and 0 < max ratio <= 1, not "
                + minDocFreq
                + " and "
                + maxRatio,
            "pass e.g. 1 and 0.5");
      }
      this.minDocFreq = minDocFreq;
      this.maxDocFreqRatio = maxRatio;
      return this;
    }

    public Builder mode(Mode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    public Builder form(Form form) {
      this.form = Objects.requireNonNull(form, "form");
      return this;
    }

    /**
     * The analyzer that produced the model's words, when they are not the target field's terms
     * (null, the default, means they are).
     */
    public Builder modelAnalyzer(Analyzer modelAnalyzer) {
      this.modelAnalyzer = modelAnalyzer;
      return this;
    }

    public QueryExpander build() {
      return new QueryExpander(this);
    }

    private static LexicaException bad(String problem, String remedy) {
      return new LexicaException(problem, remedy);
    }
  }

  @Override
  public String toString() {
    Set<String> parts = new LinkedHashSet<>();
    parts.add("mode=" + mode);
    parts.add("form=" + form);
    parts.add("k=" + k);
    parts.add("minSim=" + minSimilarity);
    parts.add("weight=" + weight);
    parts.add("normalize=" + normalize);
    parts.add("maxTerms=" + maxTerms);
    parts.add("df=[" + minDocFreq + ", " + maxDocFreqRatio + "]");
    return "QueryExpander" + parts;
  }
}
