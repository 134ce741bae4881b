package io.lexica.eval.retrieval;

import io.lexica.LexicaException;
import io.lexica.docs.Fusion;
import io.lexica.docs.Hit;
import io.lexica.docs.RankingEnsemble;
import io.lexica.expand.AddedTerm;
import io.lexica.expand.Expansion;
import io.lexica.expand.ExpansionSettings;
import io.lexica.expand.FirstPass;
import io.lexica.expand.QueryExpander;
import io.lexica.expand.TargetIndex;
import io.lexica.phrases.PhraseList;
import io.lexica.vectors.Embeddings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/**
 * A named expansion to evaluate: one expander, or several combined (a model trained on the
 * collection and a general one, as Diaz et al. 2016 and Kuzi et al. 2016 compare them; feedback and
 * query-local models are parts of one expander), or none (the query as it is). With several, the
 * first expands the query in place and the others' terms that it did not add join as optional
 * clauses with their own weights. Expanders with a model analyzer (global models whose words are
 * not the index's terms) are given the query text; the others the bag-of-words query.
 *
 * <p>Two optional fusions with the collection's document vectors ({@link CollectionVectors}: the
 * hybrid search of {@code lexica search --mode hybrid}) change which documents the expansion and
 * the run see: {@code firstPass} fuses the first pass of feedback and query-local models (so that
 * feedback is read from the documents the hybrid ranking trusts), {@code fusion} fuses the final
 * BM25 ranking of the expanded query. Both fuse the two rankings to the run's depth, as {@link
 * DocumentVectorRuns} fuses its {@code hybrid-} runs, so without expansion either is exactly that
 * run.
 *
 * <p>{@code ranking} is the library's {@link RankingEnsemble}, applied to the run's ranking as
 * {@code lexica search} applies it: the run fused with other runs of the query (the unexpanded run,
 * plain RM3 with the same feedback ({@link QueryExpander#plainFeedback}), the document vectors'
 * ranking), then the top documents of the query as it was (the run without expansion: BM25, fused
 * when {@code fusion} says so) kept on top. The unexpanded and RM3 runs are fused with the document
 * vectors as the run is, when {@code fusion} says so. A run that expands nothing keeps no top.
 *
 * <p>{@code bags} above 1 bags feedback (Collins-Thompson and Callan 2007): the first pass's top
 * documents are resampled with replacement {@code bags} times (a bootstrap sample as large as the
 * first pass, drawn with a seed of the query text and the sample's number, so runs repeat), the
 * query is expanded from each sample, and the added terms' weights are averaged: the query plus
 * each term with its mean weight, so a term that only one sample's documents bring weighs a {@code
 * bags}-th. Of the feedback terms the {@code fbterms} best means are kept, scaled up to the
 * samples' mean feedback weight, so the bagged model has as many feedback terms and as much weight
 * as one sample's. A relevance model of a few documents changes much with which documents it reads;
 * the mean keeps what most samples agree on. Immutable; thread-safe.
 *
 * @param name the run name's suffix, e.g. {@code emb}
 * @param expanders none (the query is searched as it is) or more
 * @param textMode per expander: true when its model's words are not the index's terms
 * @param firstPass how feedback's first pass fuses BM25 with the document vectors; null: BM25 only
 * @param fusion how the final ranking fuses BM25 with the document vectors; null: BM25 only
 * @param vectors the collection's document vectors; needed by either fusion, else null
 * @param ranking the runs the ranking is fused with and the unexpanded top kept on top ({@link
 *     RankingEnsemble#NONE}: the run's own ranking)
 * @param feedback the plain RM3 expander of the ensemble's RM3 run; null exactly when it weighs 0
 * @param bags feedback's bootstrap samples, averaged (0 or 1: none)
 */
public record ExpansionSystem(
    String name,
    List<QueryExpander> expanders,
    List<Boolean> textMode,
    Fusion firstPass,
    Fusion fusion,
    CollectionVectors vectors,
    RankingEnsemble ranking,
    QueryExpander feedback,
    int bags) {
  /**
   * Checks that there is one text-mode flag per expander, that a fusion has document vectors and a
   * fused first pass has an expander that uses one, and copies the lists.
   *
   * @throws IllegalArgumentException when the flags do not match the expanders, or the RM3 expander
   *     its weight
   * @throws LexicaException when a fusion has no document vectors, or {@code fbfusion} has no first
   *     pass to fuse
   */
  public ExpansionSystem {
    if (expanders.size() != textMode.size()) {
      throw new IllegalArgumentException("one text-mode flag per expander");
    }
    Objects.requireNonNull(ranking, "ranking");
    if ((ranking.rm3() > 0) != (feedback != null)) {
      throw new IllegalArgumentException("an RM3 expander exactly when RM3 weighs");
    }
    if ((firstPass != null || fusion != null || ranking.knn() > 0) && vectors == null) {
      throw new LexicaException(
          "the run " + name + " fuses its ranking with document vectors, and there are none",
          "leave fbfusion, fusion and ensknn out, or evaluate with a model for the collection");
    }
    if (firstPass != null && expanders.stream().noneMatch(QueryExpander::needsFirstPass)) {
      throw new LexicaException(
          "the run " + name + " fuses the first pass (fbfusion), and it has no first pass",
          "leave fbfusion out, or set feedback documents (fbdocs) or local documents");
    }
    if (bags < 0) {
      throw new LexicaException(
          "the run " + name + " draws a negative number of feedback samples: " + bags,
          "pass fbbags=0 (none) or more");
    }
    expanders = List.copyOf(expanders);
    textMode = List.copyOf(textMode);
  }

  /**
   * A system without fusion.
   *
   * @param name the run name's suffix
   * @param expanders none or more
   * @param textMode per expander: true when its model's words are not the index's terms
   */
  public ExpansionSystem(String name, List<QueryExpander> expanders, List<Boolean> textMode) {
    this(name, expanders, textMode, null, null, null, RankingEnsemble.NONE, null, 0);
  }

  /**
   * The runs the ranking is fused with.
   *
   * @return {@link #ranking()}, or null when it fuses nothing
   */
  public RankingEnsemble ensemble() {
    return ranking.fuses() ? ranking : null;
  }

  /**
   * The unexpanded ranking's top documents kept on top.
   *
   * @return {@link #ranking()}'s, 0 for none
   */
  public int keepTop() {
    return ranking.keepTop();
  }

  /**
   * The models a system may use.
   *
   * @param collection the model trained on the collection, or null
   * @param general a general model (words not stemmed), or null
   * @param generalPhrases the phrases the general model was trained with ({@link PhraseList#EMPTY}
   *     for none)
   * @param vectors the collection's document vectors by the collection model, for the fusions; null
   *     for none
   */
  public record Models(
      Embeddings collection,
      Embeddings general,
      PhraseList generalPhrases,
      CollectionVectors vectors) {
    /**
     * Checks that the phrases are given ({@link PhraseList#EMPTY} for none).
     *
     * @throws NullPointerException when {@code generalPhrases} is null
     */
    public Models {
      Objects.requireNonNull(generalPhrases, "generalPhrases");
    }

    /**
     * Models without phrases or document vectors.
     *
     * @param collection the collection's model, or null
     * @param general a general model, or null
     */
    public Models(Embeddings collection, Embeddings general) {
      this(collection, general, PhraseList.EMPTY, null);
    }

    /**
     * An expander with the settings of {@code settings} over the general model: its words are
     * unstemmed and lower-cased, so queries are analysed with the standard analyzer (and its
     * phrases) to find them, and its neighbours are mapped to the index's terms.
     *
     * @param settings an expander whose settings are taken; the general model must be at hand
     * @return the expander over the general model
     */
    public QueryExpander generalExpander(QueryExpander settings) {
      return settings.toBuilder(general)
          .modelAnalyzer(new StandardAnalyzer(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET))
          .phrases(generalPhrases)
          .build();
    }
  }

  /** Which model a system's expansion uses. */
  enum ModelChoice {
    /** The model trained on the collection. */
    COLLECTION,
    /** A general-purpose model of unstemmed words, analysed with the standard analyzer. */
    GENERAL,
    /** The collection's expansion plus the general model's terms it did not add. */
    BOTH,
    /** None: feedback or query-local models only. */
    NONE
  }

  /**
   * A system from text: {@code model=collection|general|both|none} (default collection; see {@link
   * ModelChoice}), {@code fbfusion=} and {@code fusion=} (a {@link Fusion#parse} spec such as
   * {@code weighted:0.8}, or {@code none}, the default: see the class comment), {@code keeptop=N}
   * (0, the default: none; see the class comment), {@code fbbags=B} (bagged feedback, 0 the
   * default: none; see the class comment), a {@link RankingEnsemble}'s keys ({@code
   * ensemble=rrf:K|sum|none}, {@code ensbm25}, {@code ensrm3}, {@code ensknn}, {@code keeptop};
   * none by default) and the keys of {@link ExpansionSettings}'s text form, applied over its {@link
   * ExpansionSettings#DEFAULTS}. {@code model=none} without feedback or query-local documents
   * expands nothing: the run is BM25 (fused, with {@code fusion}).
   *
   * @param name the run name's suffix
   * @param settings the settings text
   * @param models the models at hand
   * @return the system
   * @throws io.lexica.LexicaException when a key or value is unknown, or the chosen model is not at
   *     hand
   */
  public static ExpansionSystem parse(String name, String settings, Models models) {
    Map<String, String> pairs = ExpansionSettings.pairs(settings);
    String which = pairs.remove("model");
    ModelChoice choice =
        switch (which == null ? "collection" : which) {
          case "collection" -> ModelChoice.COLLECTION;
          case "general" -> ModelChoice.GENERAL;
          case "both" -> ModelChoice.BOTH;
          case "none" -> ModelChoice.NONE;
          default ->
              throw new LexicaException(
                  "unknown model '" + which + "' in the settings of " + name,
                  "use model=collection, general, both or none");
        };
    Fusion firstPass = fusion(pairs.remove("fbfusion"));
    Fusion fusion = fusion(pairs.remove("fusion"));
    int bags = count(name, pairs, "fbbags", "feedback samples, e.g. fbbags=10");
    Map<String, String> rankingKeys = new LinkedHashMap<>();
    for (String key : RankingEnsemble.KEYS) {
      if (pairs.containsKey(key)) {
        rankingKeys.put(key, pairs.remove(key));
      }
    }
    ExpansionSettings expansion = ExpansionSettings.DEFAULTS.with(pairs, settings);
    RankingEnsemble ranking = ranking(name, rankingKeys);
    if (ranking.rm3() > 0 && expansion.feedbackDocs() == 0) {
      throw new LexicaException(
          "the run " + name + " fuses an RM3 run (ensrm3) and has no feedback documents",
          "set fbdocs, or ensrm3=0");
    }
    if (bags > 1
        && (expansion.feedbackDocs() == 0
            || choice == ModelChoice.GENERAL
            || choice == ModelChoice.BOTH
            || choice == ModelChoice.COLLECTION
                && expansion.mode() == QueryExpander.Mode.PER_TERM)) {
      throw new LexicaException(
          "the run "
              + name
              + " bags feedback (fbbags), which needs feedback documents and adds"
              + " terms beside the query",
          "set fbdocs, with model=collection or none and mode centroid or joint; or fbbags=0");
    }
    ExpansionSystem system =
        choice == ModelChoice.NONE && expansion.feedbackDocs() == 0 && expansion.localDocs() == 0
            ? new ExpansionSystem(name, List.of(), List.of())
            : of(name, choice, expansion, models);
    return firstPass == null
            && fusion == null
            && !ranking.fuses()
            && ranking.keepTop() == 0
            && bags == 0
        ? system
        : new ExpansionSystem(
            name,
            system.expanders,
            system.textMode,
            firstPass,
            fusion,
            models.vectors(),
            ranking.fuses() ? ranking : RankingEnsemble.NONE.withKeepTop(ranking.keepTop()),
            ranking.rm3() > 0 ? QueryExpander.of(null, expansion.plainFeedback()) : null,
            bags);
  }

  /** The ranking ensemble of the run {@code name}'s keys; errors name the run. */
  private static RankingEnsemble ranking(String name, Map<String, String> keys) {
    try {
      return RankingEnsemble.of(keys);
    } catch (LexicaException e) {
      throw new LexicaException("the run " + name + ": " + e.getMessage(), e.remedy(), e);
    }
  }

  /** The whole number at least 0 of {@code key}, taken out of {@code pairs}; 0 when absent. */
  private static int count(String name, Map<String, String> pairs, String key, String example) {
    String v = pairs.remove(key);
    try {
      return v == null ? 0 : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new LexicaException(
          "bad value for " + key + " in the settings of " + name + ": '" + v + "'",
          "pass a number of " + example + ", or 0 for none");
    }
  }

  /** A fusion spec, or null for {@code none} or none given. */
  private static Fusion fusion(String spec) {
    return spec == null || spec.equals("none") ? null : Fusion.parse(spec);
  }

  /**
   * The system {@code name} of {@code settings} over the {@code choice} of {@code models}.
   *
   * @param name the run name's suffix
   * @param choice which model the expansion uses
   * @param settings the expansion's settings
   * @param models the models at hand
   * @return the system
   * @throws LexicaException when the chosen model is not at hand
   */
  static ExpansionSystem of(
      String name, ModelChoice choice, ExpansionSettings settings, Models models) {
    boolean general = choice == ModelChoice.GENERAL || choice == ModelChoice.BOTH;
    if (general && models.general() == null) {
      throw new LexicaException(
          "the run " + name + " uses the general model but none was given",
          "pass --model or use model=collection");
    }
    if (choice == ModelChoice.COLLECTION && models.collection() == null) {
      throw new LexicaException(
          "the run " + name + " uses the collection's model but none was trained",
          "use model=none, or let the evaluation train a model on the collection");
    }
    return switch (choice) {
      case NONE -> of(name, QueryExpander.of(null, settings), false);
      case COLLECTION -> of(name, QueryExpander.of(models.collection(), settings), false);
      case GENERAL -> of(name, generalExpander(settings, models), true);
      case BOTH ->
          new ExpansionSystem(
              name,
              List.of(
                  QueryExpander.of(models.collection(), settings),
                  generalExpander(settings, models)),
              List.of(false, true));
    };
  }

  private static QueryExpander generalExpander(ExpansionSettings settings, Models models) {
    return models.generalExpander(QueryExpander.of(models.general(), settings));
  }

  /**
   * A system of one expander; {@code text} when its model's words are not the index's terms.
   *
   * @param name the run name's suffix
   * @param expander the expander
   * @param text whether it is given the query text
   * @return the system
   */
  public static ExpansionSystem of(String name, QueryExpander expander, boolean text) {
    return new ExpansionSystem(name, List.of(expander), List.of(text));
  }

  /**
   * This system with its ranking made by {@code ranking} (the RM3 member expands with the first
   * expander's {@link QueryExpander#plainFeedback}), as {@code lexica search} ranks.
   *
   * @param ranking the ranking ensemble; its RM3 member needs feedback documents, its kNN member
   *     document vectors
   * @param documentVectors the collection's document vectors, or null (then kNN must weigh 0)
   * @return the system
   * @throws LexicaException when a member cannot run
   */
  public ExpansionSystem ranked(RankingEnsemble ranking, CollectionVectors documentVectors) {
    QueryExpander plain = ranking.rm3() > 0 ? expanders.get(0).plainFeedback() : null;
    if (ranking.rm3() > 0 && plain == null) {
      throw new LexicaException(
          "the run " + name + " fuses an RM3 run (ensrm3) and has no feedback documents",
          "set fbdocs, or ensrm3=0");
    }
    return new ExpansionSystem(
        name,
        expanders,
        textMode,
        firstPass,
        fusion,
        documentVectors == null ? vectors : documentVectors,
        ranking,
        plain,
        bags);
  }

  /**
   * The expanded query and the terms added.
   *
   * @param query the expanded query
   * @param added every term added, over all expanders
   */
  public record Result(Query query, List<AddedTerm> added) {}

  /**
   * The run's ranking of one query: BM25 of its expansion, fused with the document vectors' ranking
   * when the system says so.
   *
   * @param index the collection's index
   * @param text the query's text
   * @param bagOfWords its analysed terms as a disjunction
   * @param depth how many hits at most
   * @return the hits, best first
   */
  public List<Run.Hit> search(CollectionIndex index, String text, Query bagOfWords, int depth) {
    Query query = expanders.isEmpty() ? bagOfWords : expand(index, text, bagOfWords, depth).query();
    List<Run.Hit> hits = ranking(index, text, query, depth);
    RankingEnsemble r = expanders.isEmpty() ? ranking.withKeepTop(0) : ranking;
    if (!r.fuses() && r.keepTop() == 0) {
      return hits;
    }
    List<Hit> bm25 =
        r.bm25() > 0 || r.keepTop() > 0
            ? DocumentVectorRuns.hits(ranking(index, text, bagOfWords, depth))
            : null;
    List<Hit> rm3 = null;
    if (r.rm3() > 0) {
      Query q = feedback.expand(bagOfWords, target(index, text, depth)).expanded();
      rm3 = DocumentVectorRuns.hits(ranking(index, text, q, depth));
    }
    List<Hit> knn = r.knn() > 0 ? vectors.nearest(vectors.index().tokens(text), depth) : null;
    return DocumentVectorRuns.toRun(r.rank(DocumentVectorRuns.hits(hits), bm25, rm3, knn, depth));
  }

  /** BM25's ranking of {@code query}, fused with the document vectors when the system says so. */
  private List<Run.Hit> ranking(CollectionIndex index, String text, Query query, int depth) {
    List<Run.Hit> hits = index.hits(index.search(query, depth));
    return fusion == null ? hits : fused(fusion, hits, text, depth);
  }

  /** BM25's hits fused with the document vectors' ranking of the query text, to {@code depth}. */
  private List<Run.Hit> fused(Fusion how, List<Run.Hit> bm25, String text, int depth) {
    List<Hit> knn = vectors.nearest(vectors.index().tokens(text), depth);
    return DocumentVectorRuns.toRun(how.fuse(DocumentVectorRuns.hits(bm25), knn, depth));
  }

  /**
   * The expansion of one query, its first pass fused (with the run's {@code depth}) when the system
   * says so.
   *
   * @param index the collection's index (document frequencies, first passes)
   * @param text the query's text, for expanders given text
   * @param bagOfWords the query as BM25 runs it, for the others
   * @param depth how deep a fused first pass ranks
   * @return the expanded query and the terms added
   */
  public Result expand(CollectionIndex index, String text, Query bagOfWords, int depth) {
    if (bags > 1) {
      return bagged(index, text, bagOfWords, depth);
    }
    TargetIndex target = target(index, text, depth);
    Expansion first = expandOne(0, index, text, bagOfWords, target);
    if (expanders.size() == 1) {
      return new Result(first.expanded(), first.added());
    }
    List<AddedTerm> all = new ArrayList<>(first.added());
    Set<String> seen = new HashSet<>();
    all.forEach(a -> seen.add(a.term()));
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(first.expanded(), Occur.SHOULD);
    for (int i = 1; i < expanders.size(); i++) {
      for (AddedTerm a : expandOne(i, index, text, bagOfWords, target).added()) {
        if (seen.add(a.term())) {
          all.add(a);
          b.add(
              new BoostQuery(new TermQuery(new Term(a.field(), a.term())), a.weight()),
              Occur.SHOULD);
        }
      }
    }
    return new Result(b.build(), all);
  }

  /** The index the expanders search: its first pass fused when the system says so. */
  private TargetIndex target(CollectionIndex index, String text, int depth) {
    return firstPass == null
        ? index.target()
        : index.target().withFirstPass(pass(index, text, depth));
  }

  /** The first pass of feedback: BM25's, fused when the system says so. */
  private FirstPass pass(CollectionIndex index, String text, int depth) {
    if (firstPass == null) {
      return (q, n) -> index.search(q, n).scoreDocs;
    }
    if (vectors.index() != index) {
      throw new IllegalArgumentException("the document vectors are of another index");
    }
    // per query: the fused ranking needs the query's text, as the final fusion embeds it
    return (q, n) ->
        top(index, fused(firstPass, index.hits(index.search(q, depth)), text, depth), n);
  }

  /**
   * Bagged feedback (see the class comment): the query and the terms the samples' expansions added,
   * each weighing its mean weight over the samples (0 in a sample that did not add it); of the
   * feedback terms, the {@code fbterms} best, scaled to the feedback terms' whole mean weight.
   */
  private Result bagged(CollectionIndex index, String text, Query bagOfWords, int depth) {
    FirstPass pass = pass(index, text, depth);
    Map<Term, AddedTerm> first = new LinkedHashMap<>();
    Map<Term, Double> sum = new HashMap<>();
    for (int b = 0; b < bags; b++) {
      SplittableRandom random = new SplittableRandom(31L * text.hashCode() + b);
      TargetIndex sample =
          index.target().withFirstPass((q, n) -> bootstrap(pass.search(q, n), random));
      for (AddedTerm a : expandOne(0, index, text, bagOfWords, sample).added()) {
        Term t = new Term(a.field(), a.term());
        first.putIfAbsent(t, a);
        sum.merge(t, (double) a.weight(), Double::sum);
      }
    }
    List<Term> feedback = new ArrayList<>();
    double feedbackMass = 0;
    for (Map.Entry<Term, AddedTerm> e : first.entrySet()) {
      if (e.getValue().source().equals(QueryExpander.FEEDBACK)) {
        feedback.add(e.getKey());
        feedbackMass += sum.get(e.getKey());
      }
    }
    feedback.sort(Comparator.comparingDouble((Term t) -> -sum.get(t)).thenComparing(Term::text));
    List<Term> dropped =
        feedback.subList(
            Math.min(feedback.size(), expanders.get(0).settings().feedbackTerms()),
            feedback.size());
    double kept = feedbackMass - dropped.stream().mapToDouble(sum::get).sum();
    double scale = kept > 0 ? feedbackMass / kept : 1;
    dropped.forEach(first::remove);
    BooleanQuery.Builder query = new BooleanQuery.Builder().add(bagOfWords, Occur.SHOULD);
    List<AddedTerm> added = new ArrayList<>();
    first.forEach(
        (t, a) -> {
          boolean fb = a.source().equals(QueryExpander.FEEDBACK);
          float w = (float) (sum.get(t) / bags * (fb ? scale : 1));
          added.add(new AddedTerm(a.field(), a.term(), a.source(), a.similarity(), w));
          query.add(new BoostQuery(new TermQuery(t), w), Occur.SHOULD);
        });
    added.sort(Comparator.comparingDouble((AddedTerm a) -> -a.weight()));
    return new Result(query.build(), added);
  }

  /** As many documents as {@code top} drawn from it with replacement, best first. */
  static ScoreDoc[] bootstrap(ScoreDoc[] top, SplittableRandom random) {
    ScoreDoc[] out = new ScoreDoc[top.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = top[random.nextInt(top.length)];
    }
    Arrays.sort(
        out, Comparator.comparingDouble((ScoreDoc d) -> -d.score).thenComparingInt(d -> d.doc));
    return out;
  }

  /**
   * The first {@code n} hits with a positive score (a relevance model weighs documents by their
   * score; a weighted fusion may score a document the vectors alone found below 0) as Lucene's.
   */
  private static ScoreDoc[] top(CollectionIndex index, List<Run.Hit> hits, int n) {
    return hits.stream()
        .filter(h -> h.score() > 0)
        .limit(n)
        .map(h -> new ScoreDoc(index.doc(h.docId()), h.score()))
        .toArray(ScoreDoc[]::new);
  }

  private Expansion expandOne(
      int i, CollectionIndex index, String text, Query bagOfWords, TargetIndex target) {
    QueryExpander x = expanders.get(i);
    return textMode.get(i)
        ? x.expand(text, CollectionIndex.FIELD, index.analyzer(), target)
        : x.expand(bagOfWords, target);
  }
}
