package io.lexica.expand;

import io.lexica.LexicaException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The settings of a query expansion, checked once, here: every way of configuring an expansion (the
 * Java API through {@link #builder()}, the command line's options, the retrieval evaluation's
 * settings text, the OpenSearch {@code lexica_expand} query and the {@code embeddingSynonym} token
 * filter) ends in one of these, so a value is refused for the same reason with the same message
 * everywhere. What the settings are applied to (the model, its analyzer and phrases, cross-lingual
 * translation) is {@link QueryExpander.Builder}'s business.
 *
 * <p>{@link #DEFAULTS} are the method and settings chosen by leave-one-collection-out
 * cross-validation on the cran, med, cacm and adi test collections (see README): pseudo-relevance
 * feedback from the top 10 documents, its 50 best terms re-weighted by cos^2 to the query in the
 * model, with a tenth of the expansion going to the 10 words nearest the query's centroid, at twice
 * the query's weight: the query part of {@code prf-emb+centroid+ens+keep} in the evaluation's
 * methods, whose ranking part (the expanded query's ranking fused with plain RM3's ({@link
 * #plainFeedback}) and the document vectors', BM25's top documents kept on top) is {@code
 * io.lexica.docs.RankingEnsemble#DEFAULT}, which the searchers apply. They need a first pass;
 * {@link #WITHOUT_FIRST_PASS} are the best settings without one ({@code emb-centroid}, the method
 * without a first pass with the best leave-one-collection-out mean): the 10 words nearest the
 * query's idf-weighted centroid that occur in at least 2 documents, sharing a quarter of the
 * query's weight, no feedback, no query-local model.
 *
 * <p>The text form ({@link #parse}, {@link #with(String)}, {@link #format}) is {@code key=value}
 * pairs separated by commas, e.g. {@code mode=centroid,k=10,weight=0.3}; the keys are:
 *
 * <ul>
 *   <li>model neighbours: {@code mode} (per_term, centroid, joint), {@code form} (clauses,
 *       synonyms), {@code k}, {@code minsim}, {@code normalize} (true, false), {@code maxterms},
 *       {@code idfcentroid}, {@code mindf}, {@code maxdf} (a ratio of documents);
 *   <li>{@code weight}: the expansion's weight relative to the query;
 *   <li>feedback: {@code fbdocs} (0: none), {@code fbterms}, {@code fbshare}, {@code fbreweight},
 *       {@code adapt} (the exponent of the per-query adaptive weight, 0: off), {@code fbmaxsim}
 *       (feedback documents more alike than this to one taken are skipped; 1: none);
 *   <li>{@code guard}: the least share of the query's top documents its expansion must keep in its
 *       own top documents, else the query is not expanded (0: off);
 *   <li>{@code qreweight}: the exponent that re-weights the query's own terms (0: off);
 *   <li>query-local model: {@code localdocs} (0: none), {@code localfrom}, {@code localtemp},
 *       {@code localdim}, {@code localepochs}, {@code locallr}, {@code localwindow}, {@code
 *       localmincount}, {@code localseed}, {@code localshare}.
 * </ul>
 *
 * Immutable; thread-safe.
 *
 * @param mode which of the model's words are neighbours of the query
 * @param form how a term's neighbours join it in {@link QueryExpander.Mode#PER_TERM} mode
 * @param k neighbours looked up per query term (or for the centroid); at least 1
 * @param minSimilarity neighbours less similar (cosine) than this are not added; in [-1, 1]
 * @param weight the added terms share {@code weight} times the query's mass: {@code (1 - a) / a}
 *     for RM3's original-query weight {@code a}; positive
 * @param normalize whether the model's neighbours share their part of the expansion in proportion
 *     to similarity (so the expansion's mass does not grow with k); when false, each neighbour
 *     weighs {@code weight * similarity}
 * @param maxTerms at most this many model neighbours are added to one query (the most similar win),
 *     and as many from a query-local model; at least 0
 * @param minDocFreq terms whose document frequency in the target field is below this are neither
 *     expanded nor added by a model (1 drops neighbours absent from the field); at least 0
 * @param maxDocFreqRatio nor those in more than this share of the documents; in (0, 1] (feedback
 *     terms have RM3's own bound: at most 10% of the documents)
 * @param idfCentroid whether the query's centroid weighs each word by its inverse document
 *     frequency (true) or all alike (false)
 * @param feedbackDocs pseudo-relevance feedback from the first pass's top documents (0: none)
 * @param feedbackTerms the best terms of the feedback documents' relevance model kept; at least 1
 * @param feedbackShare the feedback terms' share of the expansion when the model's neighbours are
 *     added too; in [0, 1]
 * @param feedbackReweight each feedback term is re-weighted by {@code max(0, cos)^gamma}, its
 *     cosine to the query's centroid in the model (Kuzi et al. 2016); 0 keeps RM3's weights; at
 *     least 0
 * @param adaptiveWeight adapts the expansion's weight to each query's first pass: the weight is
 *     multiplied by {@code r^beta}, where {@code r} in (0, 1] is the mean retrieval score of the
 *     feedback documents over the best document's (1 when they score alike, 1/n when the best
 *     stands alone; a query-performance predictor in the spirit of Shtok et al.'s normalised query
 *     commitment). {@code beta > 0} gives less expansion to a query whose top documents fall away
 *     from the first, {@code beta < 0} to one whose top documents are all alike; 0 gives every
 *     query the same weight. Needs a first pass (feedback or a query-local model); without one it
 *     does nothing. Finite
 * @param queryReweight re-weights the query's own terms before anything else (the first pass
 *     included): each term's weight is multiplied by {@code max(0, cos)^delta}, its cosine to the
 *     query's centroid in the model, the factors scaled to a mean of 1 over the terms the model
 *     knows (so the query's mass is kept; a term it does not know keeps its weight). A word of a
 *     long request that is not about what the rest of it is about ("interested", "articles") loses
 *     weight; the few words of a short query, all near their centroid, keep theirs. Needs a model
 *     whose words are the index's terms (no model analyzer); not applied to a cross-lingual
 *     translation (its words are not the query's); 0 (the default) leaves the query as it is;
 *     finite, at least 0
 * @param feedbackMaxSimilarity feedback skips a top document whose terms are more alike than this
 *     (the cosine of their term-frequency vectors) to those of a document it took already, and
 *     takes the next one instead, from up to three times {@code feedbackDocs}: near-duplicates (the
 *     same abstract twice, a paper and its erratum) would count one document's terms twice and let
 *     it pull the expansion alone. In (0, 1]; 1 (the default) takes the top documents as they come
 * @param guard a per-query guard against drift: the expanded query is searched too, and when fewer
 *     than this share of the first pass's top {@value QueryExpander#GUARD_DEPTH} documents are
 *     among its own top {@value QueryExpander#GUARD_DEPTH}, the expansion is dropped and the query
 *     kept as it is (feedback that pulled the ranking to another topic, as feedback on "singular
 *     value decomposition in image processing" pulls to holography, is a query's largest loss). A
 *     query-performance predictor known at query time (the agreement of the two rankings); it costs
 *     one more search, and needs a searcher (it searches before it decides, like feedback). In [0,
 *     1]; 0 (the default) expands every query, 1 keeps every query whose expansion moves any of its
 *     top documents out
 * @param localDocs a query-local word2vec model trained on this many drawn documents (0: none)
 * @param localFrom the local model's documents are drawn from the first pass's top {@code from}
 * @param localTemperature how flat the draw is: a document scoring a share {@code 1 - t} of the
 *     best has e^-1 of its chance; positive
 * @param localDimension the query-local model's dimension; at least 1
 * @param localEpochs the query-local model's epochs; at least 1
 * @param localLearningRate its initial learning rate, in (0, 1): larger than word2vec's 0.025,
 *     which is for millions of tokens, so that a few epochs over a few thousand move the vectors
 * @param localWindow its skip-gram window; at least 1
 * @param localMinCount words drawn fewer times are left out of it; at least 1
 * @param localSeed seeds the draw and training (the same query gets the same model)
 * @param localShare the query-local model's share of the embedding neighbours when there is also a
 *     model; in [0, 1]
 */
public record ExpansionSettings(
    QueryExpander.Mode mode,
    QueryExpander.Form form,
    int k,
    float minSimilarity,
    float weight,
    boolean normalize,
    int maxTerms,
    int minDocFreq,
    double maxDocFreqRatio,
    boolean idfCentroid,
    int feedbackDocs,
    int feedbackTerms,
    float feedbackShare,
    float feedbackReweight,
    float adaptiveWeight,
    float queryReweight,
    float feedbackMaxSimilarity,
    float guard,
    int localDocs,
    int localFrom,
    float localTemperature,
    int localDimension,
    int localEpochs,
    float localLearningRate,
    int localWindow,
    int localMinCount,
    long localSeed,
    float localShare) {

  /** Default neighbours per query term or centroid. */
  public static final int DEFAULT_K = 10;

  /** Default lowest cosine of an added term. */
  public static final float DEFAULT_MIN_SIMILARITY = 0.5f;

  /** Default weight of the expansion relative to the query. */
  public static final float DEFAULT_WEIGHT = 2f;

  /** Default largest number of added model neighbours per query. */
  public static final int DEFAULT_MAX_TERMS = 30;

  /** Default lowest document frequency of a term (1: absent terms are dropped). */
  public static final int DEFAULT_MIN_DOC_FREQ = 1;

  /** Default highest share of the documents a term may occur in. */
  public static final double DEFAULT_MAX_DOC_FREQ_RATIO = 0.5;

  /** Default way of finding the model's neighbours. */
  public static final QueryExpander.Mode DEFAULT_MODE = QueryExpander.Mode.CENTROID;

  /** Default feedback documents (0: none). */
  public static final int DEFAULT_FEEDBACK_DOCS = 10;

  /** Default feedback terms kept. */
  public static final int DEFAULT_FEEDBACK_TERMS = 50;

  /** Default share of the feedback terms in the expansion when a model adds terms too. */
  public static final float DEFAULT_FEEDBACK_SHARE = 0.9f;

  /** Default exponent of the cosine that re-weights feedback terms (0: RM3's weights). */
  public static final float DEFAULT_FEEDBACK_REWEIGHT = 2f;

  /**
   * Default guard: the least overlap of the expansion's top documents with the query's (0: off).
   */
  public static final float DEFAULT_GUARD = 0f;

  /** Default documents a query-local model is trained on (0: none). */
  public static final int DEFAULT_LOCAL_DOCS = 0;

  /** Mode of {@link #WITHOUT_FIRST_PASS}. */
  public static final QueryExpander.Mode WITHOUT_FIRST_PASS_MODE = QueryExpander.Mode.CENTROID;

  /** Neighbours of {@link #WITHOUT_FIRST_PASS}. */
  public static final int WITHOUT_FIRST_PASS_K = 10;

  /** Weight of {@link #WITHOUT_FIRST_PASS}. */
  public static final float WITHOUT_FIRST_PASS_WEIGHT = 0.25f;

  /**
   * Lowest document frequency of {@link #WITHOUT_FIRST_PASS}: a word in one document only is
   * neither expanded nor added (in a model trained on a small collection such words sit close to
   * everything).
   */
  public static final int WITHOUT_FIRST_PASS_MIN_DOC_FREQ = 2;

  /** The defaults (see the class comment); they need a first pass. */
  public static final ExpansionSettings DEFAULTS =
      new ExpansionSettings(
          DEFAULT_MODE,
          QueryExpander.Form.CLAUSES,
          DEFAULT_K,
          DEFAULT_MIN_SIMILARITY,
          DEFAULT_WEIGHT,
          true,
          DEFAULT_MAX_TERMS,
          DEFAULT_MIN_DOC_FREQ,
          DEFAULT_MAX_DOC_FREQ_RATIO,
          false,
          DEFAULT_FEEDBACK_DOCS,
          DEFAULT_FEEDBACK_TERMS,
          DEFAULT_FEEDBACK_SHARE,
          DEFAULT_FEEDBACK_REWEIGHT,
          0f,
          0f,
          1f,
          DEFAULT_GUARD,
          DEFAULT_LOCAL_DOCS,
          50,
          0.1f,
          32,
          5,
          0.1f,
          5,
          2,
          1,
          0.5f);

  /**
   * The best settings without a first pass (no feedback, no query-local model): for where a query
   * cannot search before it is expanded, e.g. inside OpenSearch's query parsing, or with only an
   * {@code IndexReader}.
   */
  public static final ExpansionSettings WITHOUT_FIRST_PASS =
      DEFAULTS.toBuilder()
          .feedbackDocs(0)
          .localDocs(0)
          .mode(WITHOUT_FIRST_PASS_MODE)
          .k(WITHOUT_FIRST_PASS_K)
          .weight(WITHOUT_FIRST_PASS_WEIGHT)
          .minDocFreq(WITHOUT_FIRST_PASS_MIN_DOC_FREQ)
          .idfCentroid(true)
          .build();

  /** Default synonyms per token of the {@code embeddingSynonym} token filter. */
  public static final int SYNONYM_FILTER_K = 5;

  /** Default lowest cosine of the {@code embeddingSynonym} token filter's synonyms. */
  public static final float SYNONYM_FILTER_MIN_SIMILARITY = 0.7f;

  /**
   * The token filter's defaults: fewer, closer neighbours than a query's expansion, since a synonym
   * token counts (up to its boost) as the word typed. Only {@code k} and {@code minSimilarity}
   * apply to a filter.
   */
  public static final ExpansionSettings SYNONYM_FILTER =
      WITHOUT_FIRST_PASS.toBuilder()
          .mode(QueryExpander.Mode.PER_TERM)
          .k(SYNONYM_FILTER_K)
          .minSimilarity(SYNONYM_FILTER_MIN_SIMILARITY)
          .build();

  /**
   * Checks every setting.
   *
   * @throws LexicaException naming the first bad value and a good one
   */
  public ExpansionSettings {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(form, "form");
    checkK(k);
    checkMinSimilarity(minSimilarity);
    if (!(weight > 0) || Float.isInfinite(weight)) {
      throw bad("expansion weight must be positive, not " + weight, "pass e.g. 0.3");
    }
    if (maxTerms < 0) {
      throw bad("max terms must not be negative: " + maxTerms, "pass 0 or more");
    }
    checkDocFreqBounds(minDocFreq, maxDocFreqRatio);
    atLeast(0, feedbackDocs, "feedback documents", "0 for no feedback");
    atLeast(1, feedbackTerms, "feedback terms", "e.g. 10");
    share(feedbackShare, "feedback share");
    if (!(feedbackReweight >= 0) || Float.isInfinite(feedbackReweight)) {
      throw bad(
          "feedback re-weighting must be a finite number >= 0, not " + feedbackReweight,
          "pass 0-2");
    }
    if (!Float.isFinite(adaptiveWeight)) {
      throw bad(
          "adaptive weight must be a finite exponent, not " + adaptiveWeight, "pass e.g. 1, or 0");
    }
    if (!(queryReweight >= 0) || Float.isInfinite(queryReweight)) {
      throw bad(
          "query re-weighting must be a finite number >= 0, not " + queryReweight,
          "pass 0 (off) to 2");
    }
    if (!(feedbackMaxSimilarity > 0 && feedbackMaxSimilarity <= 1)) {
      throw bad(
          "feedback max similarity must be in (0, 1], not " + feedbackMaxSimilarity,
          "pass e.g. 0.8, or 1 to take the top documents as they come");
    }
    if (!(guard >= 0 && guard <= 1)) {
      throw bad(
          "guard must be in [0, 1] (a share of the first pass's top documents), not " + guard,
          "pass e.g. 0.3, or 0 to expand every query");
    }
    atLeast(0, localDocs, "local documents", "0 for no query-local model");
    atLeast(1, localFrom, "local from", "e.g. 100");
    if (!(localTemperature > 0) || Float.isInfinite(localTemperature)) {
      throw bad("local temperature must be positive, not " + localTemperature, "pass e.g. 0.1");
    }
    atLeast(1, localDimension, "local dimension", "e.g. 50");
    atLeast(1, localEpochs, "local epochs", "e.g. 5");
    if (!(localLearningRate > 0 && localLearningRate < 1)) {
      throw bad("local learning rate must be in (0, 1), not " + localLearningRate, "pass e.g. 0.1");
    }
    atLeast(1, localWindow, "local window", "e.g. 5");
    atLeast(1, localMinCount, "local min count", "e.g. 2");
    share(localShare, "local share");
  }

  /**
   * A builder starting from {@link #DEFAULTS}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return DEFAULTS.toBuilder();
  }

  /**
   * These settings' feedback as plain RM3: the same feedback documents, terms and weight, the terms
   * not re-weighted by a model ({@code fbreweight=0}), no query-local model, no guard. The RM3
   * member of a ranking ensemble ({@code io.lexica.docs.RankingEnsemble}) expands with these and no
   * model, so that its errors are the relevance model's, not the embedding's.
   *
   * @return the settings
   */
  public ExpansionSettings plainFeedback() {
    return toBuilder().feedbackReweight(0).localDocs(0).guard(0).build();
  }

  /**
   * A builder starting from these settings, to derive a variant.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Whether these settings search before they expand.
   *
   * @return true with feedback, a query-local model or a guard
   */
  public boolean needsFirstPass() {
    return feedbackDocs > 0 || localDocs > 0 || guard > 0;
  }

  /** {@code k}, checked: at least 1 (also for {@link SynonymExport}). */
  static int checkK(int k) {
    if (k < 1) {
      throw bad("k must be at least 1, not " + k, "pass k >= 1");
    }
    return k;
  }

  /** A lowest cosine, checked: in [-1, 1] (also for {@link SynonymExport}). */
  static float checkMinSimilarity(float minSimilarity) {
    if (!(minSimilarity >= -1 && minSimilarity <= 1)) {
      throw bad("min similarity must be in [-1, 1], not " + minSimilarity, "it is a cosine");
    }
    return minSimilarity;
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

  private static void atLeast(int min, int value, String what, String example) {
    if (value < min) {
      throw bad(what + " must be at least " + min + ", not " + value, "pass " + example);
    }
  }

  private static void share(float value, String what) {
    if (!(value >= 0 && value <= 1)) {
      throw bad(what + " must be in [0, 1], not " + value, "it is a share of the expansion");
    }
  }

  private static LexicaException bad(String problem, String remedy) {
    return new LexicaException(problem, remedy);
  }

  // ---- the text form ----

  /** One key of the text form: how it sets a builder and reads the settings back. */
  private record Key(
      String name, BiConsumer<Builder, String> set, Function<ExpansionSettings, Object> get) {}

  private static final Map<String, Key> KEYS = keys();

  private static Map<String, Key> keys() {
    List<Key> keys =
        List.of(
            new Key("mode", (b, v) -> b.mode(enumValue(QueryExpander.Mode.class, v)), s -> s.mode),
            new Key("form", (b, v) -> b.form(enumValue(QueryExpander.Form.class, v)), s -> s.form),
            new Key("k", (b, v) -> b.k(Integer.parseInt(v)), s -> s.k),
            new Key("minsim", (b, v) -> b.minSimilarity(Float.parseFloat(v)), s -> s.minSimilarity),
            new Key("weight", (b, v) -> b.weight(Float.parseFloat(v)), s -> s.weight),
            new Key("normalize", (b, v) -> b.normalize(bool(v)), s -> s.normalize),
            new Key("maxterms", (b, v) -> b.maxTerms(Integer.parseInt(v)), s -> s.maxTerms),
            new Key("idfcentroid", (b, v) -> b.idfCentroid(bool(v)), s -> s.idfCentroid),
            new Key("mindf", (b, v) -> b.minDocFreq(Integer.parseInt(v)), s -> s.minDocFreq),
            new Key(
                "maxdf",
                (b, v) -> b.maxDocFreqRatio(Double.parseDouble(v)),
                s -> s.maxDocFreqRatio),
            new Key("fbdocs", (b, v) -> b.feedbackDocs(Integer.parseInt(v)), s -> s.feedbackDocs),
            new Key(
                "fbterms", (b, v) -> b.feedbackTerms(Integer.parseInt(v)), s -> s.feedbackTerms),
            new Key(
                "fbshare", (b, v) -> b.feedbackShare(Float.parseFloat(v)), s -> s.feedbackShare),
            new Key(
                "fbreweight",
                (b, v) -> b.feedbackReweight(Float.parseFloat(v)),
                s -> s.feedbackReweight),
            new Key(
                "adapt", (b, v) -> b.adaptiveWeight(Float.parseFloat(v)), s -> s.adaptiveWeight),
            new Key(
                "qreweight", (b, v) -> b.queryReweight(Float.parseFloat(v)), s -> s.queryReweight),
            new Key(
                "fbmaxsim",
                (b, v) -> b.feedbackMaxSimilarity(Float.parseFloat(v)),
                s -> s.feedbackMaxSimilarity),
            new Key("guard", (b, v) -> b.guard(Float.parseFloat(v)), s -> s.guard),
            new Key("localdocs", (b, v) -> b.localDocs(Integer.parseInt(v)), s -> s.localDocs),
            new Key("localfrom", (b, v) -> b.localFrom(Integer.parseInt(v)), s -> s.localFrom),
            new Key(
                "localtemp",
                (b, v) -> b.localTemperature(Float.parseFloat(v)),
                s -> s.localTemperature),
            new Key(
                "localdim", (b, v) -> b.localDimension(Integer.parseInt(v)), s -> s.localDimension),
            new Key(
                "localepochs", (b, v) -> b.localEpochs(Integer.parseInt(v)), s -> s.localEpochs),
            new Key(
                "locallr",
                (b, v) -> b.localLearningRate(Float.parseFloat(v)),
                s -> s.localLearningRate),
            new Key(
                "localwindow", (b, v) -> b.localWindow(Integer.parseInt(v)), s -> s.localWindow),
            new Key(
                "localmincount",
                (b, v) -> b.localMinCount(Integer.parseInt(v)),
                s -> s.localMinCount),
            new Key("localseed", (b, v) -> b.localSeed(Long.parseLong(v)), s -> s.localSeed),
            new Key("localshare", (b, v) -> b.localShare(Float.parseFloat(v)), s -> s.localShare));
    Map<String, Key> out = new LinkedHashMap<>();
    keys.forEach(key -> out.put(key.name(), key));
    return out;
  }

  /**
   * The settings of {@code text} over {@link #DEFAULTS}; see {@link #with(String)}.
   *
   * @param text {@code key=value} pairs separated by commas
   * @return the checked settings
   * @throws LexicaException naming the text and the bad pair or value
   */
  public static ExpansionSettings parse(String text) {
    return DEFAULTS.with(text);
  }

  /**
   * These settings with those of {@code text} ({@code key=value} pairs separated by commas; see the
   * class comment) applied over them; keys not given keep their values here. Null or blank text
   * changes nothing.
   *
   * @param text {@code key=value} pairs separated by commas
   * @return the checked settings
   * @throws LexicaException naming the text and the bad pair or value
   */
  public ExpansionSettings with(String text) {
    return with(pairs(text), text);
  }

  /**
   * These settings with the given {@code key=value} pairs applied: for texts that carry keys of
   * their own beside the settings' (take them out of {@link #pairs}'s map first).
   *
   * @param pairs keys (lower case) and values, as {@link #pairs} gives them
   * @param text the whole text, named in errors
   * @return the checked settings
   * @throws LexicaException naming the text and the unknown key or bad value
   */
  public ExpansionSettings with(Map<String, String> pairs, String text) {
    if (pairs.isEmpty()) {
      return this;
    }
    Builder b = toBuilder();
    pairs.forEach(
        (name, value) -> {
          Key key = KEYS.get(name);
          if (key == null) {
            throw badText(text, "unknown key '" + name + "'");
          }
          try {
            key.set().accept(b, value);
          } catch (IllegalArgumentException e) {
            throw badText(text, "bad value for " + name + ": '" + value + "'");
          }
        });
    return b.build();
  }

  /**
   * The {@code key=value} pairs of {@code text} in order, keys lower-cased (not checked: a later
   * {@link #with(Map, String)} refuses unknown ones); null or blank text gives none.
   *
   * @param text {@code key=value} pairs separated by commas
   * @return a modifiable map, in the text's order
   * @throws LexicaException when a part is not {@code key=value}
   */
  public static Map<String, String> pairs(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    for (String part : text.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw badText(text, "'" + p + "' is not key=value");
      }
      out.put(p.substring(0, eq).trim().toLowerCase(Locale.ROOT), p.substring(eq + 1).trim());
    }
    return out;
  }

  /**
   * The text form of every setting that differs from {@code base}'s ({@link #with(String)} on
   * {@code base} gives these settings back); empty when none does.
   *
   * @param base the settings the text is to be applied to
   * @return {@code key=value} pairs separated by commas
   */
  public String format(ExpansionSettings base) {
    List<String> parts = new ArrayList<>();
    for (Key key : KEYS.values()) {
      Object mine = key.get().apply(this);
      if (!mine.equals(key.get().apply(base))) {
        String v = mine instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : mine.toString();
        parts.add(key.name() + "=" + v);
      }
    }
    return String.join(",", parts);
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String value) {
    return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
  }

  /** true or false, nothing else (Boolean.parseBoolean takes any other word for false). */
  private static boolean bool(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(value);
    };
  }

  private static LexicaException badText(String text, String why) {
    return new LexicaException(
        "bad expansion settings '" + text + "': " + why,
        "write key=value pairs separated by commas; keys: " + String.join(", ", KEYS.keySet()));
  }

  /**
   * Builds {@link ExpansionSettings}; the values are checked together by {@link #build}. Not
   * thread-safe.
   */
  public static final class Builder {
    private QueryExpander.Mode mode;
    private QueryExpander.Form form;
    private int k;
    private float minSimilarity;
    private float weight;
    private boolean normalize;
    private int maxTerms;
    private int minDocFreq;
    private double maxDocFreqRatio;
    private boolean idfCentroid;
    private int feedbackDocs;
    private int feedbackTerms;
    private float feedbackShare;
    private float feedbackReweight;
    private float adaptiveWeight;
    private float queryReweight;
    private float feedbackMaxSimilarity;
    private float guard;
    private int localDocs;
    private int localFrom;
    private float localTemperature;
    private int localDimension;
    private int localEpochs;
    private float localLearningRate;
    private int localWindow;
    private int localMinCount;
    private long localSeed;
    private float localShare;

    private Builder(ExpansionSettings s) {
      mode = s.mode;
      form = s.form;
      k = s.k;
      minSimilarity = s.minSimilarity;
      weight = s.weight;
      normalize = s.normalize;
      maxTerms = s.maxTerms;
      minDocFreq = s.minDocFreq;
      maxDocFreqRatio = s.maxDocFreqRatio;
      idfCentroid = s.idfCentroid;
      feedbackDocs = s.feedbackDocs;
      feedbackTerms = s.feedbackTerms;
      feedbackShare = s.feedbackShare;
      feedbackReweight = s.feedbackReweight;
      adaptiveWeight = s.adaptiveWeight;
      queryReweight = s.queryReweight;
      feedbackMaxSimilarity = s.feedbackMaxSimilarity;
      guard = s.guard;
      localDocs = s.localDocs;
      localFrom = s.localFrom;
      localTemperature = s.localTemperature;
      localDimension = s.localDimension;
      localEpochs = s.localEpochs;
      localLearningRate = s.localLearningRate;
      localWindow = s.localWindow;
      localMinCount = s.localMinCount;
      localSeed = s.localSeed;
      localShare = s.localShare;
    }

    /**
     * Sets {@link ExpansionSettings#mode()}.
     *
     * @param mode the new value, checked by {@link #build}
     * @return this builder
     */
    public Builder mode(QueryExpander.Mode mode) {
      this.mode = mode;
      return this;
    }

    /**
     * Sets {@link ExpansionSettings#form()}.
     *
     * @param form the new value, checked by {@link #build}
     * @return this builder
     */
    public Builder form(QueryExpander.Form form) {
      this.form = form;
      return this;
    }

    /**
     * Sets {@link ExpansionSettings#k()}.
     *
     * @param k the new value, checked by {@link #build}
     * @return this builder
     */
    public Builder k(int k) {
      this.k = k;
      return this;
    }

    /**
     * Sets {@link ExpansionSettings#minSimilarity()}.
     *
     * @param minSimilarity the new value, checked by {@link #build}
     * @return this builder
     */
    public Builder minSimilarity(float minSimilarity) {
      this.minSimilarity = minSimilarity;
      return this;
    }

    /**
     * Sets {@link ExpansionSettings#weight()}.
     *
     * @param weight the new value, checked by {@link #build}
     * @return this builder
     */
    public Builder weight(float weight) {
      this.weight = weight;
      return this;
    }

    /**
     * Sets {@link ExpansionSettings#normalize()}.
     *
     * @param normalize the new value, checked by {@link #build}
     * @return this builder
     */
    public Builder normalize(boolean normalize) {
      this.normalize = normalize;
      return this;
    }

    /**
     * Sets {@link ExpansionSettings#maxTerms()}.
     *
     * @param maxTerms the new value, checked by {@link #build}
     * @return this builder
     */
    public Builder maxTerms(int maxTerms) {
      this.maxTerms = maxTerms;
      return this;
    }

    /**
     * Sets {@link ExpansionSettings#minDocFreq()}.
     *
     * @param minDocFreq the new value, checked by {@link #build}
     * @return this builder
     */
    public Builder minDocFreq(int minDocFreq) {
      this.minDocFreq = minDocFreq;
      return this;
    }

    /**
     * Sets {@link ExpansionSettings#maxDocFreqRatio()}.
     *
     * @param maxDocFreqRatio the new value, checked by {@link #build}
     * @return this builder
     */
    public Builder maxDocFreqRatio(double maxDocFreqRatio) {
      this.maxDocFreqRatio = maxDocFreqRatio;
      return this;
    }

    /**
     * Sets both document frequency bounds.
     *
     * @param minDocFreq see {@link ExpansionSettings#minDocFreq()}
     * @param maxRatio see {@link ExpansionSettings#maxDocFreqRatio()}
     * @return this builder
     */
    public Builder docFreqBounds(int minDocFreq, double maxRatio) {
      return minDocFreq(minDocFreq).maxDocFreqRatio(maxRatio);
    }

    /**
     * Sets {@link ExpansionSettings#idfCentroid()}.
     *
     * @param idfCentroid the new value, checked by {@link #build}
     * @return this builder
     */
    public Builder idfCentroid(boolean idfCentroid) {
      this.idfCentroid = idfCentroid;
      return this;
    }

    /**
     * Sets feedback from the first pass's top documents.
     *
     * @param documents see {@link ExpansionSettings#feedbackDocs()} (0: no feedback)
     * @param terms see {@link ExpansionSettings#feedbackTerms()}
     * @return this builder
     */
    public Builder feedback(int documents, int terms) {
      return feedbackDocs(documents).feedbackTerms(terms);
    }

    /**
     * Sets {@link ExpansionSettings#feedbackDocs()}.
     *
     * @param feedbackDocs the new value, checked by {@link #build}
     * @return this builder
     */
    public Builder feedbackDocs(int feedbackDocs) {
      this.feedbackDocs = feedbackDocs;
      return this;
    }

    /**
     * Sets {@link ExpansionSettings#feedbackTerms()}.
     *
     * @param feedbackTerms the new value, checked by {@link #build}
     * @return this builder
     */
    public Builder feedbackTerms(int feedbackTerms) {
      this.feedbackTerms = feedbackTerms;
      return this;
    }

    /**
     * Sets {@link ExpansionSettings#feedbackShare()}.
     *
     * @param feedbackShare the new value, checked by {@link #build}
     * @return this builder
     */
    public Builder feedbackShare(float feedbackShare) {
      this.feedbackShare = feedbackShare;
      return this;
    }

    /**
     * Sets {@link ExpansionSettings#feedbackReweight()}.
     *
     * @param feedbackReweight the new value, checked by {@link #build}
     * @return this builder
     */
    public Builder feedbackReweight(float feedbackReweight) {
      this.feedbackReweight = feedbackReweight;
      return this;
    }

    /**
     * Sets {@link ExpansionSettings#adaptiveWeight()}.
     *
     * @param adaptiveWeight the new value, checked by {@link #build}
     * @return this builder
     */
    public Builder adaptiveWeight(float adaptiveWeight) {
      this.adaptiveWeight = adaptiveWeight;
      return this;
    }

    /**
     * Sets {@link ExpansionSettings#queryReweight()}.
     *
     * @param queryReweight the new value, checked by {@link #build}
     * @return this builder
     */
    public Builder queryReweight(float queryReweight) {
      this.queryReweight = queryReweight;
      return this;
    }

    /**
     * Sets {@link ExpansionSettings#feedbackMaxSimilarity()}.
     *
     * @param feedbackMaxSimilarity the new value, checked by {@link #build}
     * @return this builder
     */
    public Builder feedbackMaxSimilarity(float feedbackMaxSimilarity) {
      this.feedbackMaxSimilarity = feedbackMaxSimilarity;
      return this;
    }

    /**
     * Sets {@link ExpansionSettings#guard()}.
     *
     * @param guard the new value, checked by {@link #build}
     * @return this builder
     */
    public Builder guard(float guard) {
      this.guard = guard;
      return this;
    }

    /**
     * Sets {@link ExpansionSettings#localDocs()}.
     *
     * @param localDocs the new value, checked by {@link #build}
     * @return this builder
     */
    public Builder localDocs(int localDocs) {
      this.localDocs = localDocs;
      return this;
    }

    /**
     * Sets {@link ExpansionSettings#localFrom()}.
     *
     * @param localFrom the new value, checked by {@link #build}
     * @return this builder
     */
    public Builder localFrom(int localFrom) {
      this.localFrom = localFrom;
      return this;
    }

    /**
     * Sets {@link ExpansionSettings#localTemperature()}.
     *
     * @param localTemperature the new value, checked by {@link #build}
     * @return this builder
     */
    public Builder localTemperature(float localTemperature) {
      this.localTemperature = localTemperature;
      return this;
    }

    /**
     * Sets {@link ExpansionSettings#localDimension()}.
     *
     * @param localDimension the new value, checked by {@link #build}
     * @return this builder
     */
    public Builder localDimension(int localDimension) {
      this.localDimension = localDimension;
      return this;
    }

    /**
     * Sets {@link ExpansionSettings#localEpochs()}.
     *
     * @param localEpochs the new value, checked by {@link #build}
     * @return this builder
     */
    public Builder localEpochs(int localEpochs) {
      this.localEpochs = localEpochs;
      return this;
    }

    /**
     * Sets {@link ExpansionSettings#localLearningRate()}.
     *
     * @param localLearningRate the new value, checked by {@link #build}
     * @return this builder
     */
    public Builder localLearningRate(float localLearningRate) {
      this.localLearningRate = localLearningRate;
      return this;
    }

    /**
     * Sets {@link ExpansionSettings#localWindow()}.
     *
     * @param localWindow the new value, checked by {@link #build}
     * @return this builder
     */
    public Builder localWindow(int localWindow) {
      this.localWindow = localWindow;
      return this;
    }

    /**
     * Sets {@link ExpansionSettings#localMinCount()}.
     *
     * @param localMinCount the new value, checked by {@link #build}
     * @return this builder
     */
    public Builder localMinCount(int localMinCount) {
      this.localMinCount = localMinCount;
      return this;
    }

    /**
     * Sets {@link ExpansionSettings#localSeed()}.
     *
     * @param localSeed the new value, checked by {@link #build}
     * @return this builder
     */
    public Builder localSeed(long localSeed) {
      this.localSeed = localSeed;
      return this;
    }

    /**
     * Sets {@link ExpansionSettings#localShare()}.
     *
     * @param localShare the new value, checked by {@link #build}
     * @return this builder
     */
    public Builder localShare(float localShare) {
      this.localShare = localShare;
      return this;
    }

    /**
     * The settings, checked.
     *
     * @return the settings
     * @throws LexicaException naming the first bad value and a good one
     */
    public ExpansionSettings build() {
      return new ExpansionSettings(
          mode,
          form,
          k,
          minSimilarity,
          weight,
          normalize,
          maxTerms,
          minDocFreq,
          maxDocFreqRatio,
          idfCentroid,
          feedbackDocs,
          feedbackTerms,
          feedbackShare,
          feedbackReweight,
          adaptiveWeight,
          queryReweight,
          feedbackMaxSimilarity,
          guard,
          localDocs,
          localFrom,
          localTemperature,
          localDimension,
          localEpochs,
          localLearningRate,
          localWindow,
          localMinCount,
          localSeed,
          localShare);
    }
  }
}
