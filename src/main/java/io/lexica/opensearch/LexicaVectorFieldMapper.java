package io.lexica.opensearch;

import io.lexica.LexicaException;
import io.lexica.docs.DocumentEmbedder;
import io.lexica.docs.EmbeddingMethod;
import io.lexica.vectors.VectorFieldLimits;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.Query;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.index.mapper.FieldMapper;
import org.opensearch.index.mapper.MappedFieldType;
import org.opensearch.index.mapper.ParametrizedFieldMapper;
import org.opensearch.index.mapper.ParseContext;
import org.opensearch.index.mapper.SourceValueFetcher;
import org.opensearch.index.mapper.TextSearchInfo;
import org.opensearch.index.mapper.ValueFetcher;
import org.opensearch.index.query.QueryShardContext;
import org.opensearch.search.lookup.SearchLookup;

/**
 * The {@value #CONTENT_TYPE} field: a document vector made by a Lexica model, indexed as Lucene's
 * {@code KnnFloatVectorField} (dot product on unit vectors, HNSW), exactly the field the library's
 * document-vector indexes hold. Its mapping says how the vectors are made, the way a library vector
 * index records it in its commit data, so that {@code lexica_knn} and {@code lexica_hybrid} embed
 * query text exactly like the documents, per index:
 *
 * <pre>{@code
 * "vec": {"type": "lexica_vector", "dims": 100, "model": "wiki", "method": "sif"}
 * }</pre>
 *
 * {@code dims} (the model's dimension) and {@code model} (a folder under {@code <config>/lexica/})
 * are required, {@code method} is mean, idf or sif (the default); none can be changed later, since
 * vectors of another model or method need a new index (reindex through the pipeline). The {@code
 * lexica_embed} ingest processor writes the values: arrays of {@code dims} finite numbers of unit
 * length (null or absent: no vector). A document without a vector is never found by kNN; {@code
 * exists} finds those with one.
 *
 * <p>Why a field of our own rather than the k-NN plugin's {@code knn_vector}: it needs no other
 * plugin (nor its native libraries and codec), the shards stay plain Lucene indexes, and the field
 * knows its model, so a query cannot be embedded with another model than the documents.
 *
 * <p>Immutable; thread-safe.
 */
final class LexicaVectorFieldMapper extends ParametrizedFieldMapper {
  static final String CONTENT_TYPE = "lexica_vector";

  /**
   * How far from 1 a vector's length may be (float rounding of a normalised vector is far less).
   */
  private static final double UNIT_TOLERANCE = 1e-3;

  static final TypeParser PARSER = new TypeParser((name, context) -> new Builder(name));

  private static LexicaVectorFieldMapper toType(FieldMapper in) {
    return (LexicaVectorFieldMapper) in;
  }

  /** The mapping parameters, each checked once, when the mapping is parsed. */
  static final class Builder extends ParametrizedFieldMapper.Builder {
    private final Parameter<Integer> dims =
        Parameter.intParam("dims", false, m -> toType(m).fieldType().dims, 0)
            .setValidator(Builder::checkDims)
            .alwaysSerialize();
    private final Parameter<String> model =
        Parameter.stringParam("model", false, m -> toType(m).fieldType().model, "")
            .setValidator(Builder::checkModel)
            .alwaysSerialize();
    private final Parameter<String> method =
        Parameter.stringParam("method", false, m -> toType(m).fieldType().method.id(), "sif")
            .setValidator(Builder::parseMethod)
            .alwaysSerialize();
    private final Parameter<Map<String, String>> meta = Parameter.metaParam();

    Builder(String name) {
      super(name);
    }

    private static void checkDims(int dims) {
      if (dims < 1 || dims > VectorFieldLimits.MAX_DIMENSION) {
        throw new IllegalArgumentException(
            "["
                + CONTENT_TYPE
                + "] [dims] is required: the model's dimension, 1 to "
                + VectorFieldLimits.MAX_DIMENSION
                + " (got "
                + dims
                + ")");
      }
    }

    private static void checkModel(String model) {
      if (model == null || model.isEmpty()) {
        throw new IllegalArgumentException(
            "["
                + CONTENT_TYPE
                + "] [model] is required: the name of the Lexica model (a folder under"
                + " <config>/lexica/) whose lexica_embed processor fills the field");
      }
      ModelRegistry.checkName(model);
    }

    private static EmbeddingMethod parseMethod(String method) {
      try {
        return EmbeddingMethod.parse(method);
      } catch (LexicaException e) {
        throw new IllegalArgumentException("[" + CONTENT_TYPE + "] [method]: " + e.describe());
      }
    }

    @Override
    protected List<Parameter<?>> getParameters() {
      return List.of(dims, model, method, meta);
    }

    @Override
    public LexicaVectorFieldMapper build(BuilderContext context) {
      return new LexicaVectorFieldMapper(
          name,
          new VectorFieldType(
              buildFullName(context),
              dims.getValue(),
              model.getValue(),
              parseMethod(method.getValue()),
              meta.getValue()),
          multiFieldsBuilder.build(this, context),
          copyTo.build());
    }
  }

  /** The field as queries see it: its dimension and how its vectors are made. */
  static final class VectorFieldType extends MappedFieldType {
    private final int dims;
    private final String model;
    private final EmbeddingMethod method;

    VectorFieldType(
        String name, int dims, String model, EmbeddingMethod method, Map<String, String> meta) {
      super(name, true, false, false, TextSearchInfo.NONE, meta);
      this.dims = dims;
      this.model = model;
      this.method = method;
    }

    int dims() {
      return dims;
    }

    String model() {
      return model;
    }

    EmbeddingMethod method() {
      return method;
    }

    @Override
    public String typeName() {
      return CONTENT_TYPE;
    }

    @Override
    public ValueFetcher valueFetcher(
        QueryShardContext context, SearchLookup searchLookup, String format) {
      return SourceValueFetcher.identity(name(), context, format);
    }

    @Override
    public Query termQuery(Object value, QueryShardContext context) {
      throw new IllegalArgumentException(
          "["
              + name()
              + "] is a "
              + CONTENT_TYPE
              + " field: search it with lexica_knn or lexica_hybrid, not with term queries");
    }

    @Override
    public Query existsQuery(QueryShardContext context) {
      return new FieldExistsQuery(name());
    }
  }

  private LexicaVectorFieldMapper(
      String simpleName, VectorFieldType fieldType, MultiFields multiFields, CopyTo copyTo) {
    super(simpleName, fieldType, multiFields, copyTo);
  }

  @Override
  public VectorFieldType fieldType() {
    return (VectorFieldType) super.fieldType();
  }

  @Override
  public boolean parsesArrayValue() {
    return true;
  }

  @Override
  protected void parseCreateField(ParseContext context) throws IOException {
    XContentParser parser = context.parser();
    if (parser.currentToken() == XContentParser.Token.VALUE_NULL) {
      return;
    }
    int dims = fieldType().dims;
    if (parser.currentToken() != XContentParser.Token.START_ARRAY) {
      throw new IllegalArgumentException(expected(dims, "got " + parser.currentToken()));
    }
    float[] vector = new float[dims];
    int n = 0;
    double norm = 0;
    for (XContentParser.Token t = parser.nextToken();
        t != XContentParser.Token.END_ARRAY;
        t = parser.nextToken()) {
      if (t != XContentParser.Token.VALUE_NUMBER) {
        throw new IllegalArgumentException(expected(dims, "got " + t + " at position " + n));
      }
      float x = parser.floatValue();
      if (!Float.isFinite(x)) {
        throw new IllegalArgumentException(expected(dims, "got " + x + " at position " + n));
      }
      if (n < dims) {
        vector[n] = x;
      }
      n++;
      norm += (double) x * x;
    }
    if (n != dims) {
      throw new IllegalArgumentException(expected(dims, "got " + n + " numbers"));
    }
    if (Math.abs(Math.sqrt(norm) - 1) > UNIT_TOLERANCE) {
      throw new IllegalArgumentException(
          expected(
              dims,
              String.format(Locale.ROOT, "got a vector of length %.4f, not 1", Math.sqrt(norm))));
    }
    context.doc().add(DocumentEmbedder.vectorField(fieldType().name(), vector));
  }

  private String expected(int dims, String got) {
    return "["
        + name()
        + "] is a "
        + CONTENT_TYPE
        + " field: it takes an array of "
        + dims
        + " finite numbers of unit length, as the lexica_embed processor writes ("
        + got
        + ")";
  }

  @Override
  public ParametrizedFieldMapper.Builder getMergeBuilder() {
    return new Builder(simpleName()).init(this);
  }

  @Override
  protected String contentType() {
    return CONTENT_TYPE;
  }
}
