package io.lexica.eval.retrieval;

import io.lexica.LexicaException;
import io.lexica.expand.AddedTerm;
import io.lexica.expand.Expansion;
import io.lexica.expand.ExpansionSettings;
import io.lexica.expand.QueryExpander;
import io.lexica.phrases.PhraseList;
import io.lexica.vectors.Embeddings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * A named expansion to evaluate: one expander, or several combined (a model trained on the
 * collection and a general one, as Diaz et al. 2016 and Kuzi et al. 2016 compare them; feedback and
 * query-local models are parts of one expander). With several, the first expands the query in place
 * and the others' terms that it did not add join as optional clauses with their own weights.
 * Expanders with a model analyzer (global models whose words are not the index's terms) are given
 * the query text; the others the bag-of-words query. Immutable; thread-safe.
 *
 * @param name the run name's suffix, e.g. {@code emb}
 * @param expanders at least one
 * @param textMode per expander, whether it is given the query text (true) or the bag-of-words query
 */
public record ExpansionSystem(String name, List<QueryExpander> expanders, List<Boolean> textMode) {
  /**
   * Checks that there is one text-mode flag per expander and copies the lists.
   *
   * @throws IllegalArgumentException when there is no expander or the flags do not match them
   */
  public ExpansionSystem {
    if (expanders.isEmpty() || expanders.size() != textMode.size()) {
      throw new IllegalArgumentException("one text-mode flag per expander, at least one expander");
    }
    expanders = List.copyOf(expanders);
    textMode = List.copyOf(textMode);
  }

  /**
   * The models a system may use.
   *
   * @param collection the model trained on the collection, or null
   * @param general a general model (words not stemmed), or null
   * @param generalPhrases the phrases the general model was trained with ({@link PhraseList#EMPTY}
   *     for none)
   */
  public record Models(Embeddings collection, Embeddings general, PhraseList generalPhrases) {
    /**
     * Checks that the phrases are given ({@link PhraseList#EMPTY} for none).
     *
     * @throws NullPointerException when {@code generalPhrases} is null
     */
    public Models {
      Objects.requireNonNull(generalPhrases, "generalPhrases");
    }

    /**
     * Models without phrases.
     *
     * <p>Models without phrases.
     *
     * @param collection the collection's model, or null
     * @param general a general model, or null
     */
    public Models(Embeddings collection, Embeddings general) {
      this(collection, general, PhraseList.EMPTY);
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
   * ModelChoice}) and the keys of {@link ExpansionSettings}'s text form, applied over its {@link
   * ExpansionSettings#DEFAULTS}.
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
    return of(name, choice, ExpansionSettings.DEFAULTS.with(pairs, settings), models);
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
   * The expanded query and the terms added.
   *
   * @param query the expanded query
   * @param added every term added, over all expanders
   */
  public record Result(Query query, List<AddedTerm> added) {}

  /**
   * Expands one query.
   *
   * @param index the collection's index (document frequencies, first passes)
   * @param text the query's text, for expanders given text
   * @param bagOfWords the query as BM25 runs it, for the others
   * @return the expanded query and the terms added
   */
  public Result expand(CollectionIndex index, String text, Query bagOfWords) {
    Expansion first = expandOne(0, index, text, bagOfWords);
    if (expanders.size() == 1) {
      return new Result(first.expanded(), first.added());
    }
    List<AddedTerm> all = new ArrayList<>(first.added());
    Set<String> seen = new HashSet<>();
    all.forEach(a -> seen.add(a.term()));
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(first.expanded(), Occur.SHOULD);
    for (int i = 1; i < expanders.size(); i++) {
      for (AddedTerm a : expandOne(i, index, text, bagOfWords).added()) {
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

  private Expansion expandOne(int i, CollectionIndex index, String text, Query bagOfWords) {
    QueryExpander x = expanders.get(i);
    return textMode.get(i)
        ? x.expand(text, CollectionIndex.FIELD, index.analyzer(), index.target())
        : x.expand(bagOfWords, index.target());
  }
}
