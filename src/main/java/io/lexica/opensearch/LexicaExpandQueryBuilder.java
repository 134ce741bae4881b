package io.lexica.opensearch;

import io.lexica.LexicaException;
import io.lexica.expand.Expansion;
import io.lexica.expand.ExpansionSettings;
import io.lexica.expand.QueryExpander;
import io.lexica.vectors.Embeddings;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.opensearch.core.ParseField;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.ObjectParser;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.index.mapper.MappedFieldType;
import org.opensearch.index.query.AbstractQueryBuilder;
import org.opensearch.index.query.QueryShardContext;

/**
 * The {@value #NAME} query: analyses {@code query} with the field's search analyzer and adds the
 * words a Lexica model finds near its terms, exactly as the library's {@link QueryExpander} does
 * (the same Lucene query: added terms are boosted optional clauses, so {@code _explain} shows each
 * one with its weight).
 *
 * <pre>{@code
 * {"lexica_expand": {"field": "body", "query": "car engine", "model": "wiki",
 *                    "k": 5, "min_similarity": 0.6, "weight": 0.3, "mode": "per_term"}}
 * }</pre>
 *
 * <p>{@code k}, {@code min_similarity}, {@code weight} and {@code mode} ({@code per_term}, {@code
 * centroid} or {@code joint}) are optional; unset ones take the library's defaults for expansions
 * without a first pass ({@link QueryExpander#withoutFirstPass}): pseudo-relevance feedback and
 * query-local models, which search before they expand, do not run here, because a query is
 * rewritten per shard before anything is searched, and each shard would feed back from its own top
 * documents (a different query per shard, and per-shard training). Bad values are rejected when the
 * query is parsed; a missing model when the query runs. Neighbours absent from a shard's field are
 * dropped per shard, so shards may add slightly different terms.
 *
 * <p>A value object: not thread-safe to mutate, safe to share once built.
 */
public final class LexicaExpandQueryBuilder extends AbstractQueryBuilder<LexicaExpandQueryBuilder> {
  /** The query's name in the search DSL. */
  public static final String NAME = "lexica_expand";

  private static final ParseField FIELD = new ParseField("field");
  private static final ParseField QUERY = new ParseField("query");
  private static final ParseField MODEL = new ParseField("model");
  private static final ParseField K = new ParseField("k");
  private static final ParseField MIN_SIMILARITY = new ParseField("min_similarity");
  private static final ParseField WEIGHT = new ParseField("weight");
  private static final ParseField MODE = new ParseField("mode");

  private static final ObjectParser<LexicaExpandQueryBuilder, Void> PARSER =
      new ObjectParser<>(NAME, LexicaExpandQueryBuilder::new);

  static {
    PARSER.declareString((b, v) -> b.field = v, FIELD);
    PARSER.declareString((b, v) -> b.text = v, QUERY);
    PARSER.declareString((b, v) -> b.model = v, MODEL);
    PARSER.declareInt(LexicaExpandQueryBuilder::k, K);
    PARSER.declareFloat(LexicaExpandQueryBuilder::minSimilarity, MIN_SIMILARITY);
    PARSER.declareFloat(LexicaExpandQueryBuilder::weight, WEIGHT);
    PARSER.declareString(LexicaExpandQueryBuilder::mode, MODE);
    declareStandardFields(PARSER);
  }

  private String field;
  private String text;
  private String model;
  private Integer k;
  private Float minSimilarity;
  private Float weight;
  private QueryExpander.Mode mode;

  private LexicaExpandQueryBuilder() {}

  /**
   * A query that expands {@code text} with model {@code model} and searches {@code field}; the
   * other settings keep their defaults until set.
   *
   * @param field the text field to search
   * @param text the user's query text
   * @param model the model's folder name under {@code <config>/lexica/}
   * @throws IllegalArgumentException when the field or model is empty or the text is null
   *     (OpenSearch answers 400)
   */
  public LexicaExpandQueryBuilder(String field, String text, String model) {
    this.field = requireNonEmpty(field, FIELD);
    this.text = Objects.requireNonNull(text, "[" + NAME + "] requires [query]");
    this.model = requireNonEmpty(model, MODEL);
  }

  /**
   * Reads a builder that {@link #doWriteTo} wrote on another node.
   *
   * @param in the stream
   * @throws java.io.IOException when the stream fails
   */
  public LexicaExpandQueryBuilder(StreamInput in) throws IOException {
    super(in);
    field = in.readString();
    text = in.readString();
    model = in.readString();
    k = in.readOptionalVInt();
    minSimilarity = in.readOptionalFloat();
    weight = in.readOptionalFloat();
    String m = in.readOptionalString();
    mode = m == null ? null : QueryExpander.Mode.valueOf(m);
  }

  @Override
  protected void doWriteTo(StreamOutput out) throws IOException {
    out.writeString(field);
    out.writeString(text);
    out.writeString(model);
    out.writeOptionalVInt(k);
    out.writeOptionalFloat(minSimilarity);
    out.writeOptionalFloat(weight);
    out.writeOptionalString(mode == null ? null : mode.name());
  }

  /**
   * Parses the body of a {@value #NAME} query.
   *
   * @param parser the parser, positioned inside the query's object
   * @return the builder
   * @throws java.io.IOException when the parser fails
   */
  public static LexicaExpandQueryBuilder fromXContent(XContentParser parser) throws IOException {
    LexicaExpandQueryBuilder b = PARSER.parse(parser, null);
    requireNonEmpty(b.field, FIELD);
    if (b.text == null) {
      throw new IllegalArgumentException("[" + NAME + "] requires [query]: the text to expand");
    }
    requireNonEmpty(b.model, MODEL);
    return b;
  }

  private static String requireNonEmpty(String value, ParseField name) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(
          "[" + NAME + "] requires [" + name.getPreferredName() + "]");
    }
    return value;
  }

  /**
   * Nearest words looked up per query term; at least 1.
   *
   * @param k the number of words
   * @return this builder
   * @throws IllegalArgumentException when {@link io.lexica.expand.ExpansionSettings} refuses it,
   *     naming the field
   */
  public LexicaExpandQueryBuilder k(int k) {
    this.k = check(K, k, b -> b.k(k));
    return this;
  }

  /**
   * Words less similar (cosine) than this are not added; in [-1, 1].
   *
   * @param minSimilarity the lowest cosine
   * @return this builder
   * @throws IllegalArgumentException when {@link io.lexica.expand.ExpansionSettings} refuses it,
   *     naming the field
   */
  public LexicaExpandQueryBuilder minSimilarity(float minSimilarity) {
    this.minSimilarity = check(MIN_SIMILARITY, minSimilarity, b -> b.minSimilarity(minSimilarity));
    return this;
  }

  /**
   * Weight of the added words relative to an original term's weight 1; positive.
   *
   * @param weight the weight
   * @return this builder
   * @throws IllegalArgumentException when {@link io.lexica.expand.ExpansionSettings} refuses it,
   *     naming the field
   */
  public LexicaExpandQueryBuilder weight(float weight) {
    this.weight = check(WEIGHT, weight, b -> b.weight(weight));
    return this;
  }

  /**
   * {@code per_term} (each term's neighbours), {@code centroid} (the whole query's) or {@code
   * joint} (words close to every query word).
   *
   * @param mode the mode's name, any case
   * @return this builder
   * @throws IllegalArgumentException when the name is none of the three
   */
  public LexicaExpandQueryBuilder mode(String mode) {
    try {
      this.mode = QueryExpander.Mode.valueOf(mode.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "[" + NAME + "] [mode] must be per_term, centroid or joint, got [" + mode + "]");
    }
    return this;
  }

  /**
   * {@code value}, once {@link ExpansionSettings} accepts it (so the query refuses what the library
   * refuses, for the same reason), as an {@link IllegalArgumentException} naming the field, which
   * OpenSearch answers with 400.
   */
  private static <T> T check(
      ParseField name, T value, UnaryOperator<ExpansionSettings.Builder> setting) {
    try {
      setting.apply(ExpansionSettings.WITHOUT_FIRST_PASS.toBuilder()).build();
      return value;
    } catch (LexicaException e) {
      throw new IllegalArgumentException(
          "[" + NAME + "] [" + name.getPreferredName() + "] " + e.getMessage() + "; " + e.remedy(),
          e);
    }
  }

  /**
   * The settings this query expands with: {@link ExpansionSettings#WITHOUT_FIRST_PASS} with the
   * fields given, and no lower document frequency bound (see {@link #doToQuery}).
   *
   * @return the checked settings
   */
  public ExpansionSettings settings() {
    ExpansionSettings.Builder b = ExpansionSettings.WITHOUT_FIRST_PASS.toBuilder().minDocFreq(0);
    if (k != null) {
      b.k(k);
    }
    if (minSimilarity != null) {
      b.minSimilarity(minSimilarity);
    }
    if (weight != null) {
      b.weight(weight);
    }
    if (mode != null) {
      b.mode(mode);
    }
    return b.build();
  }

  /**
   * The field searched.
   *
   * @return the field's name
   */
  public String field() {
    return field;
  }

  /**
   * The user's query text.
   *
   * @return the text
   */
  public String text() {
    return text;
  }

  /**
   * The model's name.
   *
   * @return the folder name under {@code <config>/lexica/}
   */
  public String model() {
    return model;
  }

  @Override
  protected void doXContent(XContentBuilder builder, Params params) throws IOException {
    builder.startObject(NAME);
    builder.field(FIELD.getPreferredName(), field);
    builder.field(QUERY.getPreferredName(), text);
    builder.field(MODEL.getPreferredName(), model);
    if (k != null) {
      builder.field(K.getPreferredName(), k);
    }
    if (minSimilarity != null) {
      builder.field(MIN_SIMILARITY.getPreferredName(), minSimilarity);
    }
    if (weight != null) {
      builder.field(WEIGHT.getPreferredName(), weight);
    }
    if (mode != null) {
      builder.field(MODE.getPreferredName(), mode.name().toLowerCase(Locale.ROOT));
    }
    printBoostAndQueryName(builder);
    builder.endObject();
  }

  @Override
  protected Query doToQuery(QueryShardContext context) throws IOException {
    MappedFieldType fieldType = context.fieldMapper(field);
    if (fieldType == null) {
      return new MatchNoDocsQuery("unknown field [" + field + "]");
    }
    Embeddings embeddings = NodeModels.of(context).get(model);
    // A shard holds a sample of the index: a query word may be absent from this shard while its
    // neighbours are here, so expand even terms with no documents in the shard (minimum 0) and keep
    // only the library's upper bound (words in more than half the documents are not expanded).
    QueryExpander expander = QueryExpander.of(embeddings, settings());
    IndexReader reader = context.searcher() == null ? null : context.searcher().getIndexReader();
    Expansion expansion =
        expander.expand(text, fieldType.name(), context.getSearchAnalyzer(fieldType), reader);
    return expansion.expanded();
  }

  @Override
  protected boolean doEquals(LexicaExpandQueryBuilder other) {
    return field.equals(other.field)
        && text.equals(other.text)
        && model.equals(other.model)
        && Objects.equals(k, other.k)
        && Objects.equals(minSimilarity, other.minSimilarity)
        && Objects.equals(weight, other.weight)
        && mode == other.mode;
  }

  @Override
  protected int doHashCode() {
    return Objects.hash(field, text, model, k, minSimilarity, weight, mode);
  }

  @Override
  public String getWriteableName() {
    return NAME;
  }
}
