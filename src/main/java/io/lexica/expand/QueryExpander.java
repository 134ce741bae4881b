package io.lexica.expand;

import io.lexica.LexicaException;
import io.lexica.analysis.Tokens;
import io.lexica.phrases.PhraseList;
import io.lexica.vectors.Embeddings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
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
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.QueryBuilder;

/**
 * Expands a query with related terms, keeping its structure (a required term stays required). The
 * expansion is a distribution over index terms mixed from up to three parts, each optional:
 *
 * <ul>
 *   <li><b>the model's neighbours</b> of the query's words (a model trained on the collection, or a
 *       general one): in {@link Mode#PER_TERM} mode each query term's {@code k} nearest words,
 *       attached next to it in the query tree; in {@link Mode#CENTROID} mode the words nearest the
 *       centroid of the query's words (Roy et al. 2016, Kuzi et al. 2016); in {@link Mode#JOINT}
 *       mode words scored by their closeness to every query word (Zamani and Croft 2016);
 *   <li><b>pseudo-relevance feedback</b>: a relevance model of the first pass's top documents, as
 *       Anserini's RM3 estimates it ({@link ExpansionSettings#feedbackDocs}), optionally
 *       re-weighted by each term's similarity to the query's centroid (Kuzi et al. 2016; {@link
 *       ExpansionSettings#feedbackReweight});
 *   <li><b>query-local embeddings</b>: the neighbours of the query in a small model trained on
 *       documents drawn from the first pass (Diaz et al. 2016; {@link
 *       ExpansionSettings#localDocs}).
 * </ul>
 *
 * <p>The parts are mixed by {@link ExpansionSettings#feedbackShare} and {@link
 * ExpansionSettings#localShare}, and the mixture is interpolated with the query: it gets {@code
 * weight} times the query's mass (the sum of its term clauses' boosts), so an added term weighs
 * {@code weight * mass * p(term)} against an original term's 1. With {@code weight = (1 - a) / a}
 * this is RM3's interpolation {@code a * q + (1 - a) * expansion}: Anserini's original-query weight
 * 0.5 is {@code weight} 1. Feedback and local models need a first pass, so they need a {@link
 * TargetIndex} made from a searcher. Neighbours absent from the field or whose document frequency
 * is out of bounds are dropped; embedding neighbours already in the query are never added (feedback
 * may raise a query term's weight, as in RM3). Terms inside phrases and other positional queries
 * are not expanded in place (they still count for the centroid, unless their phrase is one of the
 * model's: see below). Terms under {@code MUST_NOT} are ignored.
 *
 * <p>The model's words are the index's terms (a model trained on the field, as Lexica trains them),
 * unless a {@linkplain Builder#modelAnalyzer(Analyzer) model analyzer} says otherwise: then text
 * queries are analysed with it to find model words, and each neighbour is mapped to the index term
 * the field's analyzer makes of it (e.g. a general-purpose unstemmed model used on a stemmed
 * index). Query-local models are trained on index terms, so they need no mapping.
 *
 * <p>With the {@linkplain Builder#phrases(PhraseList) phrases} of a model trained with them, a text
 * query's words are joined into the model's phrases first: "new york hotels" looks up the
 * neighbours of "new_york" (added beside the query; "new" and "york" are not expanded one by one)
 * and of "hotels", and a neighbour that is a phrase ("los_angeles") is added as a {@link
 * PhraseQuery} over the field's terms. A phrase query of the query whose words are a known phrase
 * grows in place, as one word. Phrases take part in every mode (a phrase's vector counts for the
 * centroid), and in feedback re-weighting; feedback and query-local models add single terms.
 *
 * <p>Across languages ({@link Builder#crossLingual(boolean)}, with a model such as {@code
 * CrossLingualEmbeddings} whose query words are of another language than the index's terms), a text
 * query's words cannot be expanded in place: they are not index terms. Each is instead replaced by
 * its nearest index-language words, which share the weight 1 of the word they stand for (by
 * similarity, or each {@code similarity} without normalisation), grouped per query word (a
 * disjunction, or one {@link SynonymQuery} in {@link Form#SYNONYMS} form); in {@link Mode#CENTROID}
 * and {@link Mode#JOINT} mode the words nearest the query's centroid, or closest to every query
 * word, are the translation instead, each a clause of its own. The query as the field's analyzer
 * parses it is not kept: its terms are another language's text cut by the wrong analyzer (Chinese
 * words become single characters, which match any English page quoting a Chinese name). A query
 * word of the index's own language (a name or a Latin-letter term in Chinese text) is its own best
 * translation, so it still matches, with its neighbours beside it. The translation takes the place
 * of the query, and so of the model's neighbours in the mixture: the expander's {@code weight} does
 * not apply to it. Feedback and query-local models, when set, run their first pass on the
 * translation (the untranslated query would find nothing in the index's language) and are
 * interpolated with it as with any query; feedback terms are re-weighted by their cosine to the
 * query words' centroid in the cross-lingual space when the model's words are the index's terms (no
 * model analyzer), else, as always, in the query-local model. A {@link Query} is made of index
 * terms already, so {@link #expand(Query, TargetIndex)} does not translate.
 *
 * <p>Immutable and thread-safe when its {@link Embeddings} and analyzers are (Lucene's analyzers
 * are): build one and share it.
 */
public final class QueryExpander {
  /** Which of the model's words are neighbours of the query. */
  public enum Mode {
    /** The nearest words of each query term, attached to that term. */
    PER_TERM,
    /** The nearest words of the centroid of the query's words, added to the whole query. */
    CENTROID,
    /**
     * Words near the centroid, scored by their closeness to every query word: the geometric mean
     * over query words of {@code sigmoid(10 (cos - minSimilarity))}, so a word close to one query
     * word only scores low (Zamani and Croft's EQE1).
     */
    JOINT
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

  /** {@link AddedTerm#source} of feedback terms. */
  public static final String FEEDBACK = "<feedback>";

  /**
   * With {@link ExpansionSettings#feedbackMaxSimilarity} below 1, feedback looks this many times
   * {@code feedbackDocs} deep for documents unlike those it took.
   */
  static final int DISTINCT_POOL = 3;

  /**
   * How many top documents the {@linkplain ExpansionSettings#guard guard} compares: those of the
   * query and those of its expansion.
   */
  public static final int GUARD_DEPTH = 10;

  /** Prefix of the {@link AddedTerm#source} of terms from a query-local model. */
  public static final String LOCAL = "local:";

  private final ExpansionSettings settings;
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
  private final int feedbackDocs;
  private final int feedbackTerms;
  private final float feedbackShare;
  private final float feedbackReweight;
  private final float adaptiveWeight;
  private final float queryReweight;
  private final float feedbackMaxSimilarity;
  private final float guard;
  private final boolean idfCentroid;
  private final LocalEmbeddings local;
  private final float localShare;
  private final PhraseClauses phrases;
  private final boolean crossLingual;

  private QueryExpander(Builder b) {
    ExpansionSettings s = b.settings;
    this.settings = s;
    this.embeddings = b.embeddings;
    this.k = s.k();
    this.minSimilarity = s.minSimilarity();
    this.weight = s.weight();
    this.normalize = s.normalize();
    this.maxTerms = s.maxTerms();
    this.minDocFreq = s.minDocFreq();
    this.maxDocFreqRatio = s.maxDocFreqRatio();
    this.mode = s.mode();
    this.form = s.form();
    this.modelAnalyzer = b.modelAnalyzer;
    this.feedbackDocs = s.feedbackDocs();
    this.feedbackTerms = s.feedbackTerms();
    this.feedbackShare = s.feedbackShare();
    this.feedbackReweight = s.feedbackReweight();
    this.adaptiveWeight = s.adaptiveWeight();
    this.queryReweight = s.queryReweight();
    this.feedbackMaxSimilarity = s.feedbackMaxSimilarity();
    this.guard = s.guard();
    this.idfCentroid = s.idfCentroid();
    this.local =
        s.localDocs() == 0
            ? null
            : new LocalEmbeddings(
                s.localDocs(),
                s.localFrom(),
                s.localTemperature(),
                s.localDimension(),
                s.localEpochs(),
                s.localLearningRate(),
                s.localWindow(),
                s.localMinCount(),
                s.localSeed());
    this.localShare = s.localShare();
    this.phrases = b.phrases.isEmpty() ? PhraseClauses.NONE : new PhraseClauses(b.phrases);
    this.crossLingual = b.crossLingual;
  }

  /**
   * A builder with the {@linkplain ExpansionSettings#DEFAULTS default settings} and this model.
   *
   * @param embeddings the model
   * @return a new builder
   */
  public static Builder builder(Embeddings embeddings) {
    return new Builder(Objects.requireNonNull(embeddings, "embeddings"));
  }

  /**
   * The expander of {@code settings} over {@code embeddings} (null: none), with no other option.
   *
   * @param embeddings the model, null for none
   * @param settings the settings
   * @return the expander
   */
  public static QueryExpander of(Embeddings embeddings, ExpansionSettings settings) {
    return new Builder(embeddings).settings(settings).build();
  }

  /**
   * A builder with {@link ExpansionSettings#WITHOUT_FIRST_PASS}, the best settings that need no
   * first pass (no feedback, no query-local model), chosen by the same cross-validation: for where
   * a query cannot search before it is expanded, e.g. inside OpenSearch's query parsing, or with
   * only an {@link IndexReader}.
   *
   * @param embeddings the model
   * @return a new builder
   */
  public static Builder withoutFirstPass(Embeddings embeddings) {
    return builder(embeddings).settings(ExpansionSettings.WITHOUT_FIRST_PASS);
  }

  /**
   * A builder without a model: for feedback and query-local models only (Anserini's RM3 is {@code
   * ExpansionSettings.builder().feedback(10, 10).feedbackReweight(0).weight(1)}).
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder(null);
  }

  /**
   * A builder with this expander's settings and model, to derive a variant.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return toBuilder(embeddings);
  }

  /**
   * A builder with this expander's settings and another model (null for none).
   *
   * @param other the model, null for none
   * @return a new builder
   */
  public Builder toBuilder(Embeddings other) {
    return new Builder(other)
        .settings(settings)
        .modelAnalyzer(modelAnalyzer)
        .phrases(phrases.list())
        .crossLingual(crossLingual);
  }

  /**
   * The expansion's settings.
   *
   * @return the settings
   */
  public ExpansionSettings settings() {
    return settings;
  }

  /**
   * How the model's neighbours are chosen.
   *
   * @return the mode of {@link #settings()}
   */
  public Mode mode() {
    return mode;
  }

  /**
   * The lowest document frequency a term may have to be expanded or added.
   *
   * @return the bound of {@link #settings()}
   */
  public int minDocFreq() {
    return minDocFreq;
  }

  /**
   * The highest share of documents a term may occur in to be expanded or added.
   *
   * @return the bound of {@link #settings()}, from 0 to 1
   */
  public double maxDocFreqRatio() {
    return maxDocFreqRatio;
  }

  /**
   * The model, or null when the expansion uses none.
   *
   * @return the model
   */
  public Embeddings embeddings() {
    return embeddings;
  }

  /**
   * The plain RM3 expander of this one's feedback ({@link ExpansionSettings#plainFeedback}, no
   * model): the RM3 member of a ranking ensemble ({@code io.lexica.docs.RankingEnsemble}).
   *
   * @return the expander, or null when these settings take no feedback documents
   */
  public QueryExpander plainFeedback() {
    return settings.feedbackDocs() == 0 ? null : of(null, settings.plainFeedback());
  }

  /**
   * True when expanding searches the index (feedback, a query-local model or a guard).
   *
   * @return whether {@link #expand(Query, TargetIndex)} needs a searcher
   */
  public boolean needsFirstPass() {
    return settings.needsFirstPass();
  }

  /**
   * Expands a query whose terms are model words (the model was trained on the index's terms).
   *
   * @param query the query; its term queries are expanded
   * @param reader the target index, for document frequency checks; null to skip them
   * @return the original and the expanded query with the added terms
   */
  public Expansion expand(Query query, IndexReader reader) {
    return expand(query, reader == null ? null : TargetIndex.of(reader));
  }

  /**
   * Expands a query whose terms are model words, running its first pass on {@code target} when the
   * settings need one.
   *
   * @param query the query; its term queries are expanded
   * @param target the index searched; null to skip document frequency checks (no feedback then)
   * @return the original and the expanded query with the added terms
   * @throws io.lexica.LexicaException when a first pass is needed and {@code target} has no
   *     searcher
   */
  public Expansion expand(Query query, TargetIndex target) {
    // a phrase query of one of the model's phrases is one query word: its words are not others
    List<Neighbours.Source> phraseSources = phrases.sources(query);
    Set<Term> inPhrases = new HashSet<>();
    phraseSources.forEach(p -> p.phrase().visit(QueryVisitor.termCollector(inPhrases)));
    List<Neighbours.Source> sources = new ArrayList<>();
    for (QueryTerm qt : terms(query)) {
      if (qt.inPlace || !inPhrases.contains(qt.term)) {
        sources.add(new Neighbours.Source(qt.term, qt.term.text(), qt.inPlace));
      }
    }
    sources.addAll(phraseSources);
    return expand(query, sources, target, null, true);
  }

  /**
   * Parses {@code text} into a disjunction of the field's terms (as Lucene's {@link QueryBuilder}
   * does) and expands it. With a model analyzer, the model words are found by analysing the text
   * with it, and neighbours are mapped to index terms with {@code fieldAnalyzer}.
   *
   * @param text the query text
   * @param field the field searched
   * @param fieldAnalyzer the field's analyzer, which makes the query's terms
   * @param reader the target index, for document frequency checks; null to skip them
   * @return the original and the expanded query with the added terms
   */
  public Expansion expand(String text, String field, Analyzer fieldAnalyzer, IndexReader reader) {
    return expand(text, field, fieldAnalyzer, reader == null ? null : TargetIndex.of(reader));
  }

  /**
   * As {@link #expand(String, String, Analyzer, IndexReader)}, with a first pass on target; a
   * cross-lingual expander translates the text (see the class comment).
   *
   * @param text the query text
   * @param field the field searched
   * @param fieldAnalyzer the field's analyzer, which makes the query's terms
   * @param target the index searched, or null
   * @return the original and the expanded query with the added terms
   */
  public Expansion expand(String text, String field, Analyzer fieldAnalyzer, TargetIndex target) {
    if (crossLingual) {
      return translate(text, field, fieldAnalyzer, target);
    }
    Query query = new QueryBuilder(fieldAnalyzer).createBooleanQuery(field, text);
    if (query == null) {
      Query empty = new BooleanQuery.Builder().build();
      return new Expansion(empty, empty, List.of());
    }
    if (modelAnalyzer == null && phrases.isEmpty()) {
      return expand(query, target);
    }
    Set<Term> inPlace = new HashSet<>();
    for (QueryTerm qt : terms(query)) {
      if (qt.inPlace) {
        inPlace.add(qt.term);
      }
    }
    List<Neighbours.Source> sources = new ArrayList<>();
    Analyzer neighbourAnalyzer = modelAnalyzer == null ? null : fieldAnalyzer;
    for (String word : modelWords(field, fieldAnalyzer, text)) {
      if (phrases.isPhrase(word)) {
        // A phrase of the query expands as one word: its own neighbours, added beside the query.
        Query phrase = PhraseClauses.query(neighbourAnalyzer, field, word);
        if (phrase != null) {
          Term named = new Term(field, PhraseClauses.spaced(word));
          sources.add(new Neighbours.Source(named, word, true, phrase));
        }
        continue;
      }
      String indexTerm = modelAnalyzer == null ? word : singleToken(fieldAnalyzer, field, word);
      if (indexTerm != null) {
        Term t = new Term(field, indexTerm);
        sources.add(new Neighbours.Source(t, word, inPlace.contains(t)));
      }
    }
    return expand(query, sources, target, neighbourAnalyzer, true);
  }

  /**
   * The model words of a text: analysed with the model analyzer, else the field's; phrases joined.
   */
  private List<String> modelWords(String field, Analyzer fieldAnalyzer, String text) {
    return tokens(
        phrases.list().wrap(modelAnalyzer != null ? modelAnalyzer : fieldAnalyzer), field, text);
  }

  /**
   * Cross-lingual expansion (see the class comment): the text's model words are replaced by their
   * nearest index-language words, mapped to index terms with the field's analyzer when there is a
   * model analyzer; then feedback and the query-local model, if any, expand the translation.
   */
  private Expansion translate(
      String text, String field, Analyzer fieldAnalyzer, TargetIndex target) {
    Query parsed = new QueryBuilder(fieldAnalyzer).createBooleanQuery(field, text);
    Query given = parsed == null ? new BooleanQuery.Builder().build() : parsed;
    List<Neighbours.Source> sources = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String word : modelWords(field, fieldAnalyzer, text)) {
      if (seen.add(word) && embeddings.unitVector(word) != null) {
        sources.add(new Neighbours.Source(new Term(field, word), word, false));
      }
    }
    IndexReader reader = target == null ? null : target.reader();
    List<Neighbours.Candidate> kept =
        neighbours(embeddings)
            .translations(sources, reader, modelAnalyzer == null ? null : fieldAnalyzer);
    if (kept.isEmpty()) {
      return new Expansion(given, given, List.of());
    }
    // each query word weighs 1: its part of the translation times the number of words
    Map<String, List<Alternative>> bySource = new LinkedHashMap<>();
    List<AddedTerm> added = new ArrayList<>();
    for (Neighbours.Candidate c : kept) {
      float w = normalize ? (float) (c.share() * sources.size()) : c.similarity();
      if (form == Form.SYNONYMS && mode == Mode.PER_TERM) {
        w = Math.min(w, 1f);
      }
      AddedTerm a = new AddedTerm(field, c.term().text(), c.source().word(), c.similarity(), w);
      added.add(a);
      bySource
          .computeIfAbsent(c.source().word(), x -> new ArrayList<>())
          .add(new Alternative(a, c.clause()));
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (List<Alternative> group : bySource.values()) {
      if (mode == Mode.PER_TERM) {
        b.add(anyOf(null, group), Occur.SHOULD);
      } else {
        group.forEach(a -> b.add(a.boosted(), Occur.SHOULD));
      }
    }
    Query translation = b.build();
    if (needsFirstPass()) {
      Expansion more = expand(translation, sources, target, null, false);
      added.addAll(more.added());
      translation = more.expanded();
    }
    added.sort(Comparator.comparingDouble((AddedTerm a) -> -a.weight()));
    return new Expansion(given, translation, added);
  }

  /** One part's contribution to an added term. */
  private record Part(String source, float similarity, double mass) {}

  /**
   * Where an added term's weight comes from.
   *
   * @param clause its term query, or the phrase query of a phrase
   * @param grows the query word it joins in place, or null when it is added beside the query
   */
  private record Contribution(Term term, Query clause, Neighbours.Source grows, List<Part> parts) {
    double mass() {
      return parts.stream().mapToDouble(Part::mass).sum();
    }

    Part main() {
      return parts.stream().max(Comparator.comparingDouble(Part::mass)).orElseThrow();
    }
  }

  /**
   * The mixture: the model's neighbours of {@code sources} (unless {@code modelNeighbours} is
   * false: a translation has used them already), feedback and the query-local model, from {@code
   * query}'s first pass.
   */
  private Expansion expand(
      Query query,
      List<Neighbours.Source> sources,
      TargetIndex target,
      Analyzer neighbourAnalyzer,
      boolean modelNeighbours) {
    IndexReader reader = target == null ? null : target.reader();
    Query given = query;
    if (queryReweight > 0 && modelNeighbours) {
      query = reweighted(query, sources, reader);
    }
    List<QueryTerm> queryTerms = terms(query);
    Set<Term> original = new HashSet<>();
    for (QueryTerm qt : queryTerms) {
      original.add(qt.term);
    }
    double mass = weight * queryMass(query);
    // the shares of the three parts, among those present
    boolean hasModel = embeddings != null && modelNeighbours;
    boolean hasFeedback = feedbackDocs > 0;
    boolean hasLocal = local != null;
    double f = !hasFeedback ? 0 : hasModel || hasLocal ? feedbackShare : 1;
    double l = !hasLocal ? 0 : hasModel ? localShare : 1;
    double modelPart = (1 - f) * (1 - l);
    double localPart = (1 - f) * l;

    Map<Term, Contribution> added = new LinkedHashMap<>();
    double scale = 1; // this query's share of the weight, from its first pass (adaptiveWeight)
    ScoreDoc[] top = null;
    if (hasModel && modelPart > 0) {
      for (Neighbours.Candidate c :
          neighbours(embeddings).find(sources, original, reader, neighbourAnalyzer)) {
        double m = normalize ? modelPart * mass * c.share() : modelPart * weight * c.similarity();
        boolean inPlace = mode == Mode.PER_TERM && c.source().inPlace();
        contribute(added, c, inPlace ? c.source() : null, c.source().word(), m);
      }
    }
    if ((hasFeedback || hasLocal) && !queryTerms.isEmpty()) {
      String field = queryTerms.get(0).term.field();
      top = firstPass(query, target);
      scale = adaptiveScale(top);
      FeedbackDocuments docs = target.documents(field);
      Embeddings localModel = null;
      List<Neighbours.Source> indexSources = new ArrayList<>();
      for (QueryTerm qt : queryTerms) {
        if (qt.term.field().equals(field)) {
          indexSources.add(new Neighbours.Source(qt.term, qt.term.text(), false));
        }
      }
      if (hasLocal) {
        if (!docs.ordered()) {
          throw new LexicaException(
              "query-local models are trained on word order, and field '"
                  + field
                  + "' has term vectors without positions only",
              "index the field with positions or term vectors with positions, or turn the"
                  + " query-local model off (local documents 0)");
        }
        // the guard may have searched deeper than the local model draws from
        ScoreDoc[] drawn = top.length > local.from() ? Arrays.copyOf(top, local.from()) : top;
        localModel = target.localModel(List.of(query, local), () -> local.train(drawn, docs));
      }
      if (localModel != null && localPart > 0) {
        for (Neighbours.Candidate c :
            neighbours(localModel).find(indexSources, original, reader, null)) {
          contribute(added, c, null, LOCAL + c.source().word(), localPart * mass * c.share());
        }
      }
      if (hasFeedback && f > 0) {
        ScoreDoc[] feedback = feedbackMaxSimilarity < 1 ? distinct(top, docs) : top;
        Map<String, Double> rm =
            RelevanceModel.estimate(feedback, feedbackDocs, feedbackTerms, docs, reader, field);
        Map<String, Float> similarity =
            feedbackSimilarities(rm.keySet(), sources, indexSources, localModel, reader);
        if (similarity != null) {
          rm = reweight(rm, similarity);
        }
        for (Map.Entry<String, Double> e : rm.entrySet()) {
          Term t = new Term(field, e.getKey());
          float sim = similarity == null ? Float.NaN : similarity.get(e.getKey());
          added
              .computeIfAbsent(
                  t, x -> new Contribution(t, new TermQuery(t), null, new ArrayList<>()))
              .parts()
              .add(new Part(FEEDBACK, sim, f * mass * e.getValue()));
        }
      }
    }
    if (added.isEmpty()) {
      return new Expansion(given, query, List.of());
    }
    List<AddedTerm> terms = new ArrayList<>();
    Map<Term, List<Alternative>> byTerm = new HashMap<>();
    Map<Query, List<Alternative>> byPhrase = new LinkedHashMap<>();
    List<Query> extra = new ArrayList<>();
    for (Contribution c : added.values()) {
      float w = (float) (scale * c.mass());
      Part main = c.main();
      if (c.grows() != null && form == Form.SYNONYMS) {
        w = Math.min(w, 1f);
      }
      AddedTerm a =
          new AddedTerm(c.term().field(), c.term().text(), main.source(), main.similarity(), w);
      terms.add(a);
      Alternative alt = new Alternative(a, c.clause());
      if (c.grows() == null) {
        extra.add(alt.boosted());
      } else if (c.grows().phrase() != null) {
        byPhrase.computeIfAbsent(c.grows().phrase(), x -> new ArrayList<>()).add(alt);
      } else {
        byTerm.computeIfAbsent(c.grows().term(), x -> new ArrayList<>()).add(alt);
      }
    }
    terms.sort(Comparator.comparingDouble((AddedTerm a) -> -a.weight()));
    Rewriter rewriter = new Rewriter(byTerm, byPhrase);
    Query expanded = byTerm.isEmpty() && byPhrase.isEmpty() ? query : rewriter.rewrite(query);
    // The neighbours of a phrase grow its phrase query where the query has one, else (a phrase of
    // a text query) they join the query beside the phrase's words.
    byPhrase.forEach(
        (phrase, alts) -> {
          if (!rewriter.grown.contains(phrase)) {
            alts.forEach(alt -> extra.add(alt.boosted()));
          }
        });
    if (!extra.isEmpty()) {
      expanded = addOptional(expanded, extra);
    }
    if (guard > 0) {
      Expansion.Guard check = guard(query, expanded, top, target);
      if (check.kept()) {
        return new Expansion(given, query, List.of(), check);
      }
      return new Expansion(given, expanded, terms, check);
    }
    return new Expansion(given, expanded, terms);
  }

  /**
   * The {@linkplain ExpansionSettings#guard guard}'s check: the share of the query's top {@link
   * #GUARD_DEPTH} documents (of the first pass, searched here when feedback did not) that the
   * expanded query ranks in its own top {@link #GUARD_DEPTH}. A query that finds nothing is never
   * kept: there is no ranking to keep.
   */
  private Expansion.Guard guard(Query query, Query expanded, ScoreDoc[] top, TargetIndex target) {
    ScoreDoc[] before =
        top != null && top.length >= GUARD_DEPTH ? top : firstPass(query, target, GUARD_DEPTH);
    int n = Math.min(GUARD_DEPTH, before.length);
    if (n == 0) {
      return new Expansion.Guard(1, guard);
    }
    Set<Integer> after = new HashSet<>();
    for (ScoreDoc d : firstPass(expanded, target, GUARD_DEPTH)) {
      after.add(d.doc);
    }
    int kept = 0;
    for (int i = 0; i < n; i++) {
      kept += after.contains(before[i].doc) ? 1 : 0;
    }
    return new Expansion.Guard((float) kept / n, guard);
  }

  /**
   * The query with each term's weight times {@code max(0, cos)^queryReweight}, its cosine to the
   * query's centroid, the factors scaled to a mean of 1 over the terms the model knows (see {@link
   * ExpansionSettings#queryReweight}); phrases and terms the model does not know keep their weight.
   * Unchanged when no term has a vector or every factor is 0.
   */
  private Query reweighted(Query query, List<Neighbours.Source> sources, IndexReader reader) {
    float[] centroid = neighbours(embeddings).centroid(sources, reader);
    if (centroid == null) {
      return query;
    }
    Map<Term, Double> factor = new HashMap<>();
    double sum = 0;
    for (Neighbours.Source s : sources) {
      float[] v = s.phrase() == null ? embeddings.unitVector(s.word()) : null;
      if (v != null) {
        double f = Math.pow(Math.max(0, cosine(v, centroid)), queryReweight);
        factor.put(s.term(), f);
        sum += f;
      }
    }
    if (!(sum > 0)) {
      return query;
    }
    double mean = sum / factor.size();
    factor.replaceAll((t, f) -> f / mean);
    return scaled(query, factor);
  }

  /** {@code query} with each term query of {@code factor}'s terms boosted by its factor. */
  private static Query scaled(Query q, Map<Term, Double> factor) {
    if (q instanceof TermQuery tq) {
      Double f = factor.get(tq.getTerm());
      return f == null || f == 1 ? q : new BoostQuery(q, f.floatValue());
    }
    if (q instanceof BoostQuery bq) {
      Query inner = scaled(bq.getQuery(), factor);
      return inner == bq.getQuery() ? q : new BoostQuery(inner, bq.getBoost());
    }
    if (q instanceof BooleanQuery bq) {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      b.setMinimumNumberShouldMatch(bq.getMinimumNumberShouldMatch());
      for (BooleanClause c : bq.clauses()) {
        boolean scores = c.occur() == Occur.SHOULD || c.occur() == Occur.MUST;
        b.add(scores ? scaled(c.query(), factor) : c.query(), c.occur());
      }
      return b.build();
    }
    return q;
  }

  /** The dot product of two unit vectors. */
  private static float cosine(float[] v, float[] centroid) {
    float cos = 0;
    for (int i = 0; i < v.length; i++) {
      cos += v[i] * centroid[i];
    }
    return cos;
  }

  private static void contribute(
      Map<Term, Contribution> added,
      Neighbours.Candidate c,
      Neighbours.Source grows,
      String source,
      double mass) {
    Contribution existing = added.get(c.term());
    if (existing == null) {
      existing = new Contribution(c.term(), c.clause(), grows, new ArrayList<>());
      added.put(c.term(), existing);
    }
    existing.parts().add(new Part(source, c.similarity(), mass));
  }

  /** The neighbours in {@code model}; only the expander's own model has its phrases. */
  private Neighbours neighbours(Embeddings model) {
    return new Neighbours(
        model,
        mode,
        k,
        minSimilarity,
        maxTerms,
        minDocFreq,
        maxDocFreqRatio,
        idfCentroid,
        model == embeddings ? phrases : PhraseClauses.NONE);
  }

  /** The top documents of the query, as many as feedback, the local model and the guard need. */
  private ScoreDoc[] firstPass(Query query, TargetIndex target) {
    int forFeedback = feedbackMaxSimilarity < 1 ? DISTINCT_POOL * feedbackDocs : feedbackDocs;
    int forGuard = guard > 0 ? GUARD_DEPTH : 0;
    return firstPass(
        query, target, Math.max(forGuard, Math.max(forFeedback, local == null ? 0 : local.from())));
  }

  private static ScoreDoc[] firstPass(Query query, TargetIndex target, int n) {
    if (target == null) {
      throw new LexicaException(
          "pseudo-relevance feedback, query-local models and the guard need an index to search",
          "pass the index as a TargetIndex.of(IndexSearcher)");
    }
    return target.firstPass(query, n);
  }

  /**
   * The first {@code feedbackDocs} of {@code top}, best first, skipping each whose term-frequency
   * vector's cosine to that of one taken already is above {@code feedbackMaxSimilarity}.
   */
  private ScoreDoc[] distinct(ScoreDoc[] top, FeedbackDocuments docs) {
    List<ScoreDoc> kept = new ArrayList<>();
    List<Map<String, Integer>> keptCounts = new ArrayList<>();
    for (ScoreDoc d : top) {
      if (kept.size() == feedbackDocs) {
        break;
      }
      Map<String, Integer> counts = new HashMap<>();
      for (String t : docs.terms(d.doc)) {
        if (t != null) {
          counts.merge(t, 1, Integer::sum);
        }
      }
      if (keptCounts.stream().allMatch(k -> cosine(counts, k) <= feedbackMaxSimilarity)) {
        kept.add(d);
        keptCounts.add(counts);
      }
    }
    return kept.toArray(ScoreDoc[]::new);
  }

  /** The cosine of two term-frequency vectors (0 when either is empty). */
  private static double cosine(Map<String, Integer> a, Map<String, Integer> b) {
    double dot = 0;
    for (Map.Entry<String, Integer> e : a.entrySet()) {
      dot += (double) e.getValue() * b.getOrDefault(e.getKey(), 0);
    }
    double norms = Math.sqrt(squares(a) * squares(b));
    return norms == 0 ? 0 : dot / norms;
  }

  private static double squares(Map<String, Integer> counts) {
    return counts.values().stream().mapToDouble(c -> (double) c * c).sum();
  }

  /**
   * {@code r^beta} for the first pass's top documents (as many as feedback takes, else all), where
   * {@code r} is their mean score over the best one's, in (0, 1]: 1 when they score alike, 1/n when
   * the best stands alone. 1 when adaptation is off or nothing was found.
   */
  private double adaptiveScale(ScoreDoc[] top) {
    int n = Math.min(feedbackDocs > 0 ? feedbackDocs : top.length, top.length);
    if (adaptiveWeight == 0 || n == 0 || !(top[0].score > 0)) {
      return 1;
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += top[i].score;
    }
    return Math.pow(sum / n / top[0].score, adaptiveWeight);
  }

  /**
   * Each feedback term's cosine to the query's centroid, for re-weighting: in the model when its
   * words are index terms, else in the query-local model; null when re-weighting is off or no model
   * knows the query.
   */
  private Map<String, Float> feedbackSimilarities(
      Set<String> terms,
      List<Neighbours.Source> sources,
      List<Neighbours.Source> indexSources,
      Embeddings localModel,
      IndexReader reader) {
    if (feedbackReweight == 0) {
      return null;
    }
    Embeddings model = embeddings != null && modelAnalyzer == null ? embeddings : localModel;
    if (model == null) {
      return null;
    }
    float[] centroid =
        neighbours(model).centroid(model == embeddings ? sources : indexSources, reader);
    if (centroid == null) {
      return null;
    }
    Map<String, Float> out = new HashMap<>();
    for (String t : terms) {
      float[] v = model.unitVector(t);
      out.put(t, v == null ? 0 : cosine(v, centroid));
    }
    return out;
  }

  /** {@code p(t) * max(0, cos)^gamma}, normalised (unchanged when every term scores 0). */
  private Map<String, Double> reweight(Map<String, Double> rm, Map<String, Float> similarity) {
    Map<String, Double> out = new LinkedHashMap<>();
    rm.forEach(
        (t, p) -> {
          double w = p * Math.pow(Math.max(0, similarity.get(t)), feedbackReweight);
          if (w > 0) {
            out.put(t, w);
          }
        });
    Map<String, Double> normalized = RelevanceModel.normalized(out);
    return normalized.isEmpty() ? rm : normalized;
  }

  /**
   * The L1 norm of the query's term weights: the boosts of its positive term clauses, multiplied
   * down the tree (a synonym query counts once).
   */
  static double queryMass(Query query) {
    double m = mass(query, 1);
    return m > 0 ? m : 1;
  }

  private static double mass(Query q, double boost) {
    if (q instanceof TermQuery || q instanceof SynonymQuery) {
      return boost;
    }
    if (q instanceof BoostQuery bq) {
      return mass(bq.getQuery(), boost * bq.getBoost());
    }
    if (q instanceof BooleanQuery bq) {
      double sum = 0;
      for (BooleanClause c : bq.clauses()) {
        if (c.occur() != Occur.MUST_NOT && c.occur() != Occur.FILTER) {
          sum += mass(c.query(), boost);
        }
      }
      return sum;
    }
    if (q instanceof DisjunctionMaxQuery dq) {
      double max = 0;
      for (Query d : dq.getDisjuncts()) {
        max = Math.max(max, mass(d, boost));
      }
      return max;
    }
    int[] terms = {0};
    q.visit(
        new QueryVisitor() {
          @Override
          public void consumeTerms(Query query, Term... ts) {
            terms[0] += ts.length;
          }
        });
    return boost * terms[0];
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

  /** An added term and the clause that adds it (a term or phrase query). */
  private record Alternative(AddedTerm added, Query clause) {
    Query boosted() {
      return new BoostQuery(clause, added.weight());
    }
  }

  /**
   * {@code first} (none when null) or any of the alternatives: one {@link SynonymQuery} in {@link
   * Form#SYNONYMS} form when all are single terms of one field, else a disjunction of boosted
   * clauses.
   */
  private Query anyOf(Query first, List<Alternative> alternatives) {
    boolean terms =
        (first == null || first instanceof TermQuery)
            && alternatives.stream().allMatch(a -> a.clause() instanceof TermQuery);
    if (form == Form.SYNONYMS && terms) {
      SynonymQuery.Builder b = new SynonymQuery.Builder(alternatives.get(0).added().field());
      if (first != null) {
        b.addTerm(((TermQuery) first).getTerm());
      }
      for (Alternative a : alternatives) {
        b.addTerm(((TermQuery) a.clause()).getTerm(), a.added().weight());
      }
      return b.build();
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    if (first != null) {
      b.add(first, Occur.SHOULD);
    }
    for (Alternative a : alternatives) {
      b.add(a.boosted(), Occur.SHOULD);
    }
    return b.build();
  }

  /**
   * Rebuilds a query tree with each expanded term (or phrase query of a known phrase) replaced by
   * "it or its neighbours".
   */
  private final class Rewriter {
    private final Map<Term, List<Alternative>> bySource;
    private final Map<Query, List<Alternative>> byPhrase;
    private final Set<Query> grown = new HashSet<>();

    Rewriter(Map<Term, List<Alternative>> bySource, Map<Query, List<Alternative>> byPhrase) {
      this.bySource = bySource;
      this.byPhrase = byPhrase;
    }

    Query rewrite(Query q) {
      if (q instanceof PhraseQuery && byPhrase.containsKey(q)) {
        grown.add(q);
        return anyOf(q, byPhrase.get(q));
      }
      if (q instanceof TermQuery tq) {
        List<Alternative> adds = bySource.get(tq.getTerm());
        return adds == null ? q : anyOf(q, adds);
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
        List<Alternative> adds = new ArrayList<>();
        for (Term t : sq.getTerms()) {
          adds.addAll(bySource.getOrDefault(t, List.of()));
        }
        return adds.isEmpty() ? q : anyOf(q, adds);
      }
      return q;
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

  static List<String> tokens(Analyzer analyzer, String field, String text) {
    return Tokens.of(analyzer, field, text);
  }

  /** The one token the analyzer makes of a word, or null when it makes none or several. */
  static String singleToken(Analyzer analyzer, String field, String word) {
    List<String> t = tokens(analyzer, field, word);
    return t.size() == 1 ? t.get(0) : null;
  }

  /**
   * What an expansion is applied to (the model, the analyzer of its words, its phrases, whether it
   * translates) and its {@link ExpansionSettings} ({@link ExpansionSettings#DEFAULTS} unless set).
   * Not thread-safe.
   */
  public static final class Builder {
    private final Embeddings embeddings;
    private ExpansionSettings settings = ExpansionSettings.DEFAULTS;
    private Analyzer modelAnalyzer;
    private PhraseList phrases = PhraseList.EMPTY;
    private boolean crossLingual;

    private Builder(Embeddings embeddings) {
      this.embeddings = embeddings;
    }

    /**
     * The expansion's settings, checked already (they are immutable and valid).
     *
     * @param settings the settings
     * @return this builder
     */
    public Builder settings(ExpansionSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * The settings changed by {@code change}, e.g. {@code settings(s -> s.k(5).weight(0.3f))};
     * checked at once.
     *
     * @param change changes a builder of the current settings
     * @return this builder
     */
    public Builder settings(UnaryOperator<ExpansionSettings.Builder> change) {
      return settings(change.apply(settings.toBuilder()).build());
    }

    /**
     * The settings as they stand, to derive from.
     *
     * @return the settings
     */
    public ExpansionSettings settings() {
      return settings;
    }

    /**
     * The analyzer that produced the model's words, when they are not the target field's terms
     * (null, the default, means they are).
     *
     * @param modelAnalyzer the analyzer, or null
     * @return this builder
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
     *
     * @param phrases the phrase list, or null for none
     * @return this builder
     */
    public Builder phrases(PhraseList phrases) {
      this.phrases = Objects.requireNonNull(phrases, "phrases");
      return this;
    }

    /**
     * Whether the model's query words are of another language than the index (a cross-lingual
     * model): then text queries are translated rather than expanded in place, and feedback and
     * query-local models expand the translation (see the class comment). Needs a model. Default
     * false.
     *
     * @param crossLingual true for a cross-lingual model
     * @return this builder
     */
    public Builder crossLingual(boolean crossLingual) {
      this.crossLingual = crossLingual;
      return this;
    }

    /**
     * Builds the expander.
     *
     * @return the expander, immutable and thread-safe
     * @throws LexicaException when nothing would be added (no model, no feedback, no local model),
     *     when a cross-lingual expansion has no model to translate with, or when the query's terms
     *     are to be re-weighted ({@link ExpansionSettings#queryReweight}) without a model whose
     *     words are the index's terms
     */
    public QueryExpander build() {
      if (embeddings == null && settings.feedbackDocs() == 0 && settings.localDocs() == 0) {
        throw new LexicaException(
            "the expansion has no source of terms: no model, no feedback, no query-local model",
            "give a model, or feedback documents, or local documents");
      }
      if (settings.queryReweight() > 0 && (embeddings == null || modelAnalyzer != null)) {
        throw new LexicaException(
            "re-weighting the query's terms needs a model whose words are the index's terms",
            "leave query re-weighting (qreweight) at 0, or give such a model");
      }
      if (embeddings == null && crossLingual) {
        throw new LexicaException(
            "a cross-lingual expansion translates the query with a model, and none was given",
            "give a cross-lingual model, or leave cross-lingual expansion off");
      }
      return new QueryExpander(this);
    }
  }

  @Override
  public String toString() {
    Set<String> parts = new LinkedHashSet<>();
    if (embeddings != null) {
      parts.add("mode=" + mode);
      parts.add("form=" + form);
      parts.add("k=" + k);
      parts.add("minSim=" + minSimilarity);
      parts.add("normalize=" + normalize);
      parts.add("maxTerms=" + maxTerms);
      parts.add("df=[" + minDocFreq + ", " + maxDocFreqRatio + "]");
      parts.add("idfCentroid=" + idfCentroid);
      if (queryReweight > 0) {
        parts.add("queryReweight=" + queryReweight);
      }
      if (!phrases.isEmpty()) {
        parts.add("phrases=" + phrases.list().size());
      }
      if (crossLingual) {
        parts.add("crossLingual");
      }
    }
    parts.add("weight=" + weight);
    if (feedbackDocs > 0) {
      parts.add("feedback=" + feedbackDocs + "x" + feedbackTerms);
      parts.add("feedbackShare=" + feedbackShare);
      parts.add("feedbackReweight=" + feedbackReweight);
      if (adaptiveWeight != 0) {
        parts.add("adaptiveWeight=" + adaptiveWeight);
      }
    }
    if (local != null) {
      parts.add(String.format(Locale.ROOT, "local=%s", local));
      parts.add("localShare=" + localShare);
    }
    return "QueryExpander" + parts;
  }
}
