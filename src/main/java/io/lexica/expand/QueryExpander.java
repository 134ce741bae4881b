package io.lexica.expand;

import io.lexica.LexicaException;
import io.lexica.analysis.Tokens;
import io.lexica.phrases.PhraseList;
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
import org.apache.lucene.search.PhraseQuery;
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
 * <p>With the {@linkplain Builder#phrases(PhraseList) phrases} of a model trained with them, a text
 * query's words are joined into the model's phrases first: "new york hotels" looks up the
 * neighbours of "new_york" (added beside the query; "new" and "york" are not expanded one by one)
 * and of "hotels", and a neighbour that is a phrase ("los_angeles") is added as a {@link
 * PhraseQuery} over the field's terms.
 *
 * <p>Across languages ({@link Builder#crossLingual(boolean)}, with a model such as {@code
 * CrossLingualEmbeddings} whose query words are of another language than the index's terms), the
 * query's words cannot be expanded in place: they are not index terms. Each is instead replaced by
 * its nearest index-language words, which share the weight 1 of the word they stand for (by
 * similarity, or each {@code similarity} without normalisation), grouped per query word (a
 * disjunction, or one {@link SynonymQuery} in {@link Form#SYNONYMS} form); in {@link Mode#CENTROID}
 * mode the neighbours of the query's centroid are added instead. The query as the field's analyzer
 * parses it is not kept: its terms are another language's text cut by the wrong analyzer (Chinese
 * words become single characters, which match any English page quoting a Chinese name). A query
 * word of the index's own language (a name or a Latin-letter term in Chinese text) is its own best
 * translation, so it still matches, with its neighbours beside it.
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
  private final PhraseList phrases;
  private final Set<String> phraseTokens;
  private final boolean crossLingual;

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
    this.phrases = b.phrases;
    this.phraseTokens = Set.copyOf(b.phrases.tokens());
    this.crossLingual = b.crossLingual;
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
        .modelAnalyzer(modelAnalyzer)
        .phrases(phrases)
        .crossLingual(crossLingual);
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
    sources.addAll(phraseSources(query));
    return expand(query, sources, reader, null);
  }

  /**
   * The phrase queries of {@code query} (exact, consecutive positions) whose words are one of the
   * model's phrases: they expand in place, as one word.
   */
  private List<Source> phraseSources(Query query) {
    List<Source> out = new ArrayList<>();
    if (phrases.isEmpty()) {
      return out;
    }
    query.visit(
        new QueryVisitor() {
          @Override
          public void consumeTerms(Query q, Term... terms) {
            if (q instanceof PhraseQuery pq && pq.getSlop() == 0 && consecutive(pq)) {
              List<String> words = new ArrayList<>();
              for (Term t : terms) {
                words.add(t.text());
              }
              List<String> joined = phrases.join(words);
              if (joined.size() == 1 && phraseTokens.contains(joined.get(0))) {
                String field = terms[0].field();
                out.add(
                    new Source(new Term(field, spaced(joined.get(0))), joined.get(0), true, pq));
              }
            }
          }

          @Override
          public QueryVisitor getSubVisitor(Occur occur, Query parent) {
            return occur == Occur.MUST_NOT ? QueryVisitor.EMPTY_VISITOR : this;
          }
        });
    return out;
  }

  private static boolean consecutive(PhraseQuery pq) {
    int[] positions = pq.getPositions();
    for (int i = 1; i < positions.length; i++) {
      if (positions[i] != positions[i - 1] + 1) {
        return false;
      }
    }
    return positions.length > 1;
  }

  /**
   * Parses {@code text} into a disjunction of the field's terms (as Lucene's {@link QueryBuilder}
   * does) and expands it. With a model analyzer, the model words are found by analysing the text
   * with it, and neighbours are mapped to index terms with {@code fieldAnalyzer}.
   *
   * @param reader the target index, for document frequency checks; null to skip them
   */
  public Expansion expand(String text, String field, Analyzer fieldAnalyzer, IndexReader reader) {
    if (crossLingual) {
      return translate(text, field, fieldAnalyzer, reader);
    }
    Query query = new QueryBuilder(fieldAnalyzer).createBooleanQuery(field, text);
    if (query == null) {
      Query empty = new BooleanQuery.Builder().build();
      return new Expansion(empty, empty, List.of());
    }
    if (modelAnalyzer == null && phrases.isEmpty()) {
      return expand(query, reader);
    }
    Set<Term> inPlace = new HashSet<>();
    for (QueryTerm qt : terms(query)) {
      if (qt.inPlace) {
        inPlace.add(qt.term);
      }
    }
    List<Source> sources = new ArrayList<>();
    Analyzer words = phrases.wrap(modelAnalyzer != null ? modelAnalyzer : fieldAnalyzer);
    for (String word : tokens(words, field, text)) {
      if (phraseTokens.contains(word)) {
        // A phrase of the query expands as one word: its own neighbours, added beside the query.
        Query phrase = phraseQuery(modelAnalyzer == null ? null : fieldAnalyzer, field, word);
        if (phrase != null) {
          sources.add(new Source(new Term(field, spaced(word)), word, true, phrase));
        }
        continue;
      }
      String indexTerm = modelAnalyzer == null ? word : singleToken(fieldAnalyzer, field, word);
      if (indexTerm != null) {
        Term t = new Term(field, indexTerm);
        sources.add(new Source(t, word, inPlace.contains(t), null));
      }
    }
    return expand(query, sources, reader, modelAnalyzer == null ? null : fieldAnalyzer);
  }

  /**
   * A query word: its index term, the model word it comes from, and whether it can grow; for a
   * phrase, its phrase query over the field (and a term made of its words, naming it).
   */
  private record Source(Term term, String word, boolean inPlace, Query phrase) {
    Source(Term term, String word, boolean inPlace) {
      this(term, word, inPlace, null);
    }
  }

  /**
   * Cross-lingual expansion (see the class comment): the text's words, analysed with the model
   * analyzer (the query language's), are replaced by their nearest words, mapped to index terms
   * with the field's analyzer.
   */
  private Expansion translate(
      String text, String field, Analyzer fieldAnalyzer, IndexReader reader) {
    Query query = new QueryBuilder(fieldAnalyzer).createBooleanQuery(field, text);
    Set<Term> original = Set.of(); // the query is not kept: no term of it to leave out
    List<Source> sources = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String word : tokens(modelAnalyzer == null ? fieldAnalyzer : modelAnalyzer, field, text)) {
      if (seen.add(word) && embeddings.unitVector(word) != null) {
        sources.add(new Source(new Term(field, word), word, false));
      }
    }
    Map<Term, Candidate> best = new LinkedHashMap<>();
    Stats stats = new Stats(reader);
    Analyzer neighbourAnalyzer = modelAnalyzer == null ? null : fieldAnalyzer;
    if (mode == Mode.PER_TERM) {
      for (Source s : sources) {
        List<Neighbor> nearest = embeddings.nearest(s.word, fetch(), minSimilarity);
        offerNearest(best, s, nearest, neighbourAnalyzer, original, stats);
      }
    } else {
      float[] centroid = centroid(sources);
      if (centroid != null) {
        Source all = new Source(new Term(field, AddedTerm.CENTROID), AddedTerm.CENTROID, false);
        offerNearest(
            best,
            all,
            embeddings.nearest(centroid, fetch(), minSimilarity, Set.of()),
            neighbourAnalyzer,
            original,
            stats);
      }
    }
    List<Candidate> kept = mostSimilar(best);
    Query given = query == null ? new BooleanQuery.Builder().build() : query;
    List<AddedTerm> added = weigh(kept, sources, 1f);
    if (added.isEmpty()) {
      return new Expansion(given, given, List.of());
    }
    Map<String, List<AddedTerm>> bySource = new LinkedHashMap<>();
    for (AddedTerm a : added) {
      bySource.computeIfAbsent(a.source(), w -> new ArrayList<>()).add(a);
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (List<AddedTerm> group : bySource.values()) {
      if (mode == Mode.CENTROID) {
        group.forEach(a -> b.add(boosted(a), Occur.SHOULD));
      } else if (form == Form.SYNONYMS) {
        SynonymQuery.Builder syn = new SynonymQuery.Builder(field);
        group.forEach(a -> syn.addTerm(new Term(field, a.term()), a.weight()));
        b.add(syn.build(), Occur.SHOULD);
      } else {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        group.forEach(a -> any.add(boosted(a), Occur.SHOULD));
        b.add(any.build(), Occur.SHOULD);
      }
    }
    return new Expansion(given, b.build(), added);
  }

  private static Query boosted(AddedTerm a) {
    return new BoostQuery(new TermQuery(new Term(a.field(), a.term())), a.weight());
  }

  /** A neighbour kept for adding, before weighting; a phrase neighbour has its phrase query. */
  private record Candidate(Term term, Source source, float similarity, Query phrase) {}

  /** A phrase token with spaces for its separators: how an added phrase is named. */
  private static String spaced(String phrase) {
    return phrase.replace(PhraseList.SEPARATOR, " ");
  }

  /**
   * The phrase query that finds a phrase token's words in the field: its words analysed with {@code
   * fieldAnalyzer} (positions kept, so a removed stop word leaves its gap), or taken as the field's
   * terms when null. Null when nothing of it is left.
   */
  private static Query phraseQuery(Analyzer fieldAnalyzer, String field, String phrase) {
    if (fieldAnalyzer != null) {
      Query q = new QueryBuilder(fieldAnalyzer).createPhraseQuery(field, spaced(phrase));
      return q instanceof PhraseQuery || q instanceof TermQuery ? q : null;
    }
    return new PhraseQuery(
        field, phrase.split(java.util.regex.Pattern.quote(PhraseList.SEPARATOR)));
  }

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
        if (!s.inPlace || !seen.add(s) || !stats.inBounds(s)) {
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
        Source any = new Source(group.get(0).term, AddedTerm.CENTROID, false, null);
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
    List<Candidate> kept = mostSimilar(best);
    List<AddedTerm> added = weigh(kept, sources, weight);
    if (added.isEmpty()) {
      return new Expansion(query, query, List.of());
    }
    return new Expansion(query, rewrite(query, kept, added), added);
  }

  /** The candidates, most similar first, at most {@code maxTerms}. */
  private List<Candidate> mostSimilar(Map<Term, Candidate> best) {
    List<Candidate> kept = new ArrayList<>(best.values());
    kept.sort(Comparator.comparingDouble((Candidate c) -> -c.similarity));
    return kept.size() > maxTerms ? kept.subList(0, maxTerms) : kept;
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
    String field = source.term.field();
    Query phrase = null;
    String text;
    if (phraseTokens.contains(n.word())) {
      phrase = phraseQuery(neighbourAnalyzer, field, n.word());
      text = phrase == null ? null : spaced(n.word());
    } else {
      text = neighbourAnalyzer == null ? n.word() : singleToken(neighbourAnalyzer, field, n.word());
    }
    if (text == null) {
      return false;
    }
    Term t = new Term(field, text);
    if (original.contains(t) || !(phrase == null ? stats.inBounds(t) : stats.inBounds(phrase))) {
      return false;
    }
    Candidate c = best.get(t);
    if (c == null || c.similarity < n.similarity()) {
      best.put(t, new Candidate(t, source, n.similarity(), phrase));
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

  private List<AddedTerm> weigh(List<Candidate> kept, List<Source> sources, float weight) {
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
    Map<Term, Query> phraseClauses = new HashMap<>();
    for (Candidate c : kept) {
      if (c.phrase != null) {
        phraseClauses.put(c.term, c.phrase);
      }
    }
    if (mode == Mode.CENTROID) {
      List<Query> extra = new ArrayList<>();
      for (AddedTerm a : added) {
        extra.add(new BoostQuery(clause(a, phraseClauses), a.weight()));
      }
      return addOptional(query, extra);
    }
    Map<Term, List<AddedTerm>> bySource = new HashMap<>();
    Map<String, Source> sourceOf = new HashMap<>();
    for (Candidate c : kept) {
      sourceOf.put(c.term.field() + '\u0000' + c.term.text(), c.source);
    }
    // The neighbours of a phrase grow its phrase query where the query has one, else they join
    // the query beside the phrase's words.
    Map<Query, List<AddedTerm>> byPhrase = new LinkedHashMap<>();
    for (AddedTerm a : added) {
      Source src = sourceOf.get(a.field() + '\u0000' + a.term());
      if (src.phrase != null) {
        byPhrase.computeIfAbsent(src.phrase, p -> new ArrayList<>()).add(a);
      } else {
        bySource.computeIfAbsent(src.term, t -> new ArrayList<>()).add(a);
      }
    }
    Rewriter rewriter = new Rewriter(bySource, byPhrase, phraseClauses);
    Query rewritten = rewriter.rewrite(query);
    List<Query> beside = new ArrayList<>();
    byPhrase.forEach(
        (phrase, adds) -> {
          if (!rewriter.grown.contains(phrase)) {
            adds.forEach(a -> beside.add(new BoostQuery(clause(a, phraseClauses), a.weight())));
          }
        });
    return beside.isEmpty() ? rewritten : addOptional(rewritten, beside);
  }

  /** The clause of an added term: its term query, or the phrase query of an added phrase. */
  private static Query clause(AddedTerm a, Map<Term, Query> phraseClauses) {
    Term t = new Term(a.field(), a.term());
    Query phrase = phraseClauses.get(t);
    return phrase != null ? phrase : new TermQuery(t);
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
    private final Map<Query, List<AddedTerm>> byPhrase;
    private final Map<Term, Query> phraseClauses;
    private final Set<Query> grown = new HashSet<>();

    Rewriter(
        Map<Term, List<AddedTerm>> bySource,
        Map<Query, List<AddedTerm>> byPhrase,
        Map<Term, Query> phraseClauses) {
      this.bySource = bySource;
      this.byPhrase = byPhrase;
      this.phraseClauses = phraseClauses;
    }

    Query rewrite(Query q) {
      if (q instanceof PhraseQuery && byPhrase.containsKey(q)) {
        grown.add(q);
        return grow(q, null, byPhrase.get(q));
      }
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
      boolean phrases = adds.stream().anyMatch(a -> phraseClauses.containsKey(asTerm(a)));
      if (form == Form.SYNONYMS && original instanceof TermQuery && !phrases) {
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
        b.add(new BoostQuery(clause(a, phraseClauses), a.weight()), Occur.SHOULD);
      }
      return b.build();
    }

    private static Term asTerm(AddedTerm a) {
      return new Term(a.field(), a.term());
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

    /** A query word's bounds: its term's, or for a phrase, each of its words'. */
    boolean inBounds(Source s) {
      return s.phrase == null ? inBounds(s.term) : inBounds(s.phrase);
    }

    /**
     * A phrase's bounds: each of its words occurs in at least the minimum number of documents (a
     * phrase is rarer than its words, so the upper bound does not apply).
     */
    boolean inBounds(Query phrase) {
      if (reader == null) {
        return true;
      }
      Set<Term> words = new HashSet<>();
      phrase.visit(QueryVisitor.termCollector(words));
      try {
        for (Term t : words) {
          if (reader.docFreq(t) < Math.max(1, minDocFreq)) {
            return false;
          }
        }
        return true;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
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
    private PhraseList phrases = PhraseList.EMPTY;
    private boolean crossLingual;

    private Builder(Embeddings embeddings) {
      this.embeddings = Objects.requireNonNull(embeddings, "embeddings");
    }

    /** Neighbours looked up per query term (or for the centroid); at least 1. */
    public Builder k(int k) {
      this.k = checkK(k);
      return this;
    }

    /** {@code k}, checked: at least 1 (also for {@link SynonymExport}). */
    static int checkK(int k) {
      if (k < 1) {
        throw bad("k must be at least 1, not " + k, "pass k >= 1");
      }
      return k;
    }

    /** Neighbours less similar (cosine) than this are not added; in [-1, 1]. */
    public Builder minSimilarity(float minSimilarity) {
      this.minSimilarity = checkMinSimilarity(minSimilarity);
      return this;
    }

    /** A lowest cosine, checked: in [-1, 1] (also for {@link SynonymExport}). */
    static float checkMinSimilarity(float minSimilarity) {
      if (!(minSimilarity >= -1 && minSimilarity <= 1)) {
        throw bad("min similarity must be in [-1, 1], not " + minSimilarity, "it is a cosine");
      }
      return minSimilarity;
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
      checkDocFreqBounds(minDocFreq, maxRatio);
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

    /**
     * The phrases the model was trained with ({@link PhraseList}; none by default): text queries
     * get the model's phrase tokens, a phrase of the query finds its own neighbours (added beside
     * the query, its words are not expanded one by one), and a neighbour that is a phrase is added
     * as a phrase query over the field.
     */
    public Builder phrases(PhraseList phrases) {
      this.phrases = Objects.requireNonNull(phrases, "phrases");
      return this;
    }

    /**
     * Whether the model's query words are of another language than the index (a cross-lingual
     * model): then text queries are translated rather than expanded in place (see the class
     * comment). Default false.
     */
    public Builder crossLingual(boolean crossLingual) {
      this.crossLingual = crossLingual;
      return this;
    }

    /** Document frequency bounds, checked (also for {@link SynonymExport}). */
    static void checkDocFreqBounds(int minDocFreq, double maxRatio) {
      if (minDocFreq < 0 || !(maxRatio > 0 && maxRatio <= 1)) {
        throw bad(
            "document frequency bounds must be min >= 0 and 0 < max ratio <= 1, not "
                + minDocFreq
                + " and "
                + maxRatio,
            "pass e.g. 1 and 0.5");
      }
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
    if (!phrases.isEmpty()) {
      parts.add("phrases=" + phrases.size());
    }
    if (crossLingual) {
      parts.add("crossLingual");
    }
    return "QueryExpander" + parts;
  }
}
