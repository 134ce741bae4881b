package io.lexica.opensearch;

import io.lexica.docs.DocumentEmbedder;
import io.lexica.docs.DocumentVector;
import java.io.IOException;
import java.util.Objects;
import org.apache.lucene.search.KnnFloatVectorQuery;
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
import org.opensearch.index.query.QueryBuilder;
import org.opensearch.index.query.QueryRewriteContext;
import org.opensearch.index.query.QueryShardContext;

/**
 * The {@value #NAME} query: embeds {@code query} with the model and method the {@value
 * LexicaVectorFieldMapper#CONTENT_TYPE} field's mapping names (the library's {@link
 * DocumentEmbedder}, as the {@code lexica_embed} processor embedded the documents) and finds on
 * every shard the {@code k} documents whose vectors are nearest, among those {@code filter} matches
 * (Lucene's {@link KnnFloatVectorQuery}: HNSW, exact when the filter leaves few documents). Scores
 * are Lucene's for unit vectors, {@code (1 + cosine) / 2}. As with OpenSearch's other kNN queries,
 * {@code k} is per shard; {@code size} cuts the merged list.
 *
 * <pre>{@code
 * {"lexica_knn": {"field": "vec", "query": "jet engine noise", "k": 10,
 *                 "filter": {"term": {"lang": "en"}}}}
 * }</pre>
 *
 * A query with no word the model knows matches nothing. Because each index's mapping names its
 * model, a search over several indices (an alias during a reindex with a new model) embeds the text
 * once per index, each time like that index's documents.
 *
 * <p>A value object: safe to share once built.
 */
public final class LexicaKnnQueryBuilder extends AbstractQueryBuilder<LexicaKnnQueryBuilder> {
  /** The query's name in the search DSL. */
  public static final String NAME = "lexica_knn";

  /** The most neighbours a shard returns (OpenSearch's default result window). */
  public static final int MAX_K = 10_000;

  private static final ParseField FIELD = new ParseField("field");
  private static final ParseField QUERY = new ParseField("query");
  private static final ParseField K = new ParseField("k");
  private static final ParseField FILTER = new ParseField("filter");

  private static final ObjectParser<LexicaKnnQueryBuilder, Void> PARSER =
      new ObjectParser<>(NAME, LexicaKnnQueryBuilder::new);

  static {
    PARSER.declareString((b, v) -> b.field = v, FIELD);
    PARSER.declareString((b, v) -> b.text = v, QUERY);
    PARSER.declareInt(LexicaKnnQueryBuilder::k, K);
    PARSER.declareObject(
        LexicaKnnQueryBuilder::filter,
        (p, c) -> AbstractQueryBuilder.parseInnerQueryBuilder(p),
        FILTER);
    declareStandardFields(PARSER);
  }

  private String field;
  private String text;
  private int k = 10;
  private QueryBuilder filter;

  private LexicaKnnQueryBuilder() {}

  /**
   * A kNN query of {@code text}'s vector over {@code field}, 10 neighbours a shard, no filter.
   *
   * @param field a {@value LexicaVectorFieldMapper#CONTENT_TYPE} field
   * @param text the query text
   * @throws IllegalArgumentException when the field is empty or the text is null
   */
  public LexicaKnnQueryBuilder(String field, String text) {
    this.field = requireField(field);
    this.text = requireText(text);
  }

  /**
   * Reads a builder that {@link #doWriteTo} wrote on another node.
   *
   * @param in the stream
   * @throws java.io.IOException when the stream fails
   */
  public LexicaKnnQueryBuilder(StreamInput in) throws IOException {
    super(in);
    field = in.readString();
    text = in.readString();
    k = in.readVInt();
    filter = in.readOptionalNamedWriteable(QueryBuilder.class);
  }

  @Override
  protected void doWriteTo(StreamOutput out) throws IOException {
    out.writeString(field);
    out.writeString(text);
    out.writeVInt(k);
    out.writeOptionalNamedWriteable(filter);
  }

  /**
   * Parses the body of a {@value #NAME} query.
   *
   * @param parser the parser, positioned inside the query's object
   * @return the builder
   * @throws java.io.IOException when the parser fails
   */
  public static LexicaKnnQueryBuilder fromXContent(XContentParser parser) throws IOException {
    LexicaKnnQueryBuilder b = PARSER.parse(parser, null);
    requireField(b.field);
    requireText(b.text);
    return b;
  }

  private static String requireField(String field) {
    if (field == null || field.isEmpty()) {
      throw new IllegalArgumentException(
          "[" + NAME + "] requires [field]: a " + LexicaVectorFieldMapper.CONTENT_TYPE + " field");
    }
    return field;
  }

  private static String requireText(String text) {
    if (text == null) {
      throw new IllegalArgumentException("[" + NAME + "] requires [query]: the text to embed");
    }
    return text;
  }

  /**
   * Neighbours per shard, 1 to {@value #MAX_K}; 10 when not set.
   *
   * @param k the neighbours
   * @return this builder
   * @throws IllegalArgumentException when it is outside 1 to {@value #MAX_K}
   */
  public LexicaKnnQueryBuilder k(int k) {
    if (k < 1 || k > MAX_K) {
      throw new IllegalArgumentException(
          "[" + NAME + "] [k] must be between 1 and " + MAX_K + ", got " + k);
    }
    this.k = k;
    return this;
  }

  /** Only documents this query matches are candidates (it does not score). */
  public LexicaKnnQueryBuilder filter(QueryBuilder filter) {
    this.filter = filter;
    return this;
  }

  /**
   * The vector field searched.
   *
   * @return the field's name
   */
  public String field() {
    return field;
  }

  /**
   * The query text, embedded as the field's documents were.
   *
   * @return the text
   */
  public String text() {
    return text;
  }

  /**
   * Neighbours per shard.
   *
   * @return k
   */
  public int k() {
    return k;
  }

  /**
   * The filter candidates must match.
   *
   * @return the filter, or null for none
   */
  public QueryBuilder filter() {
    return filter;
  }

  @Override
  protected void doXContent(XContentBuilder builder, Params params) throws IOException {
    builder.startObject(NAME);
    builder.field(FIELD.getPreferredName(), field);
    builder.field(QUERY.getPreferredName(), text);
    builder.field(K.getPreferredName(), k);
    if (filter != null) {
      builder.field(FILTER.getPreferredName(), filter);
    }
    printBoostAndQueryName(builder);
    builder.endObject();
  }

  @Override
  protected QueryBuilder doRewrite(QueryRewriteContext context) throws IOException {
    QueryBuilder rewritten = filter == null ? null : filter.rewrite(context);
    if (rewritten == filter) {
      return this;
    }
    LexicaKnnQueryBuilder b =
        new LexicaKnnQueryBuilder(field, text).k(k).filter(rewritten).boost(boost);
    return b.queryName(queryName);
  }

  @Override
  protected Query doToQuery(QueryShardContext context) throws IOException {
    MappedFieldType fieldType = context.fieldMapper(field);
    if (fieldType == null) {
      return new MatchNoDocsQuery("no field [" + field + "] in this index");
    }
    if (!(fieldType instanceof LexicaVectorFieldMapper.VectorFieldType vectors)) {
      throw new IllegalArgumentException(
          "["
              + NAME
              + "] searches "
              + LexicaVectorFieldMapper.CONTENT_TYPE
              + " fields, and ["
              + field
              + "] is a ["
              + fieldType.typeName()
              + "] field"
              + ("knn_vector".equals(fieldType.typeName())
                  ? " (the k-NN plugin's, searched with its knn query and a vector)"
                  : "")
              + ": map the lexica_embed processor's target as {\"type\": \""
              + LexicaVectorFieldMapper.CONTENT_TYPE
              + "\", \"dims\": ..., \"model\": ..., \"method\": ...}");
    }
    DocumentEmbedder embedder =
        NodeModels.embedders(context).get(vectors.model(), vectors.method());
    if (embedder.dimension() != vectors.dims()) {
      throw new IllegalArgumentException(
          "["
              + field
              + "] holds vectors of "
              + vectors.dims()
              + " dimensions, but lexica model ["
              + vectors.model()
              + "] on this node has "
              + embedder.dimension()
              + ": install the model the index was made with");
    }
    DocumentVector query = embedder.embed(text);
    if (query.isEmpty()) {
      return new MatchNoDocsQuery(
          "no word of the query is in lexica model [" + vectors.model() + "]");
    }
    Query only = filter == null ? null : filter.toQuery(context);
    return new KnnFloatVectorQuery(fieldType.name(), query.vector(), k, only);
  }

  @Override
  protected boolean doEquals(LexicaKnnQueryBuilder other) {
    return field.equals(other.field)
        && text.equals(other.text)
        && k == other.k
        && Objects.equals(filter, other.filter);
  }

  @Override
  protected int doHashCode() {
    return Objects.hash(field, text, k, filter);
  }

  @Override
  public String getWriteableName() {
    return NAME;
  }
}
