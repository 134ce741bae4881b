package io.lexica.opensearch;

import io.lexica.LexicaException;
import io.lexica.docs.Fusion;
import io.lexica.docs.Hit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.SetOnce;
import org.opensearch.ExceptionsHelper;
import org.opensearch.action.IndicesRequest;
import org.opensearch.action.search.MultiSearchRequest;
import org.opensearch.action.search.MultiSearchResponse;
import org.opensearch.action.search.SearchRequest;
import org.opensearch.action.search.SearchResponse;
import org.opensearch.action.search.ShardSearchFailure;
import org.opensearch.core.ParseField;
import org.opensearch.core.action.ActionListener;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.common.io.stream.Writeable;
import org.opensearch.core.xcontent.ObjectParser;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.index.mapper.IdFieldMapper;
import org.opensearch.index.mapper.Uid;
import org.opensearch.index.query.AbstractQueryBuilder;
import org.opensearch.index.query.BoolQueryBuilder;
import org.opensearch.index.query.MatchQueryBuilder;
import org.opensearch.index.query.QueryBuilder;
import org.opensearch.index.query.QueryCoordinatorContext;
import org.opensearch.index.query.QueryRewriteContext;
import org.opensearch.index.query.QueryShardContext;
import org.opensearch.search.SearchHit;
import org.opensearch.search.builder.SearchSourceBuilder;
import org.opensearch.transport.client.Client;

/**
 * The {@value #NAME} query: BM25 and kNN fused in one search request, as the library's {@code
 * DocumentSearcher.hybrid} fuses them ({@link Fusion}, weighted 70 % BM25 by default, the setting
 * the retrieval evaluation chose):
 *
 * <pre>{@code
 * {"lexica_hybrid": {"query": "jet engine noise", "text_field": "body", "vector_field": "vec",
 *                    "fusion": "weighted:0.7", "depth": 100, "filter": {"term": {"lang": "en"}}}}
 * }</pre>
 *
 * The text part is a {@code match} query on {@code text_field}, the vector part {@code lexica_knn}
 * on {@code vector_field} with the same text; each takes its best {@code depth} documents of the
 * whole index (with {@code filter}, which does not score). Weighted fusion scales BM25 by the best
 * BM25 score of the query, so it needs both rankings of all shards before any document can be
 * scored: when the search request is rewritten on the node that coordinates it, the two rankings
 * are fetched with one multi-search (same indices, search type, routing and preference), fused by
 * {@link Fusion#fuse}, and the query becomes the fused list, which every shard then scores by
 * {@code _id} ({@link FusedHitsQuery}). Aggregations, {@code from}/{@code size}, highlighting and
 * {@code explain} (each hit's text and vector part) work as with any query; only documents in
 * either top {@code depth} match. With {@code "search_type": "dfs_query_then_fetch"} BM25 uses the
 * index's statistics, not each shard's, and scores equal a single Lucene index's.
 *
 * <p>Why not OpenSearch's neural-search {@code hybrid} query and normalization processor: the
 * fusion the evaluation chose (BM25 divided by its best score, plus the raw cosine) is not one of
 * its normalizations, and it needs the neural-search plugin; {@code lexica_knn} can still be a
 * clause of its {@code hybrid} query.
 *
 * <p>A value object: safe to share once built.
 */
public final class LexicaHybridQueryBuilder extends AbstractQueryBuilder<LexicaHybridQueryBuilder> {
  /** The query's name in the search DSL. */
  public static final String NAME = "lexica_hybrid";

  /** The default depth: as {@code lexica search --mode hybrid}'s. */
  public static final int DEFAULT_DEPTH = 100;

  private static final ParseField QUERY = new ParseField("query");
  private static final ParseField TEXT_FIELD = new ParseField("text_field");
  private static final ParseField VECTOR_FIELD = new ParseField("vector_field");
  private static final ParseField FUSION = new ParseField("fusion");
  private static final ParseField DEPTH = new ParseField("depth");
  private static final ParseField FILTER = new ParseField("filter");

  private static final ObjectParser<LexicaHybridQueryBuilder, Void> PARSER =
      new ObjectParser<>(NAME, LexicaHybridQueryBuilder::new);

  static {
    PARSER.declareString((b, v) -> b.text = v, QUERY);
    PARSER.declareString((b, v) -> b.textField = v, TEXT_FIELD);
    PARSER.declareString((b, v) -> b.vectorField = v, VECTOR_FIELD);
    PARSER.declareString(LexicaHybridQueryBuilder::fusion, FUSION);
    PARSER.declareInt(LexicaHybridQueryBuilder::depth, DEPTH);
    PARSER.declareObject(
        LexicaHybridQueryBuilder::filter,
        (p, c) -> AbstractQueryBuilder.parseInnerQueryBuilder(p),
        FILTER);
    declareStandardFields(PARSER);
  }

  /**
   * One document the fusion kept, with what each ranking gave it.
   *
   * @param index the concrete index holding it
   * @param text its text score, when {@code textRank > 0}
   * @param textRank its rank in the text ranking (1 = first), 0 when absent
   * @param cosine its kNN cosine, when {@code vectorRank > 0}
   * @param vectorRank its rank in the kNN ranking, 0 when absent
   */
  record FusedHit(
      String index, String id, float score, float text, int textRank, float cosine, int vectorRank)
      implements Writeable {
    FusedHit(StreamInput in) throws IOException {
      this(
          in.readString(),
          in.readString(),
          in.readFloat(),
          in.readFloat(),
          in.readVInt(),
          in.readFloat(),
          in.readVInt());
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
      out.writeString(index);
      out.writeString(id);
      out.writeFloat(score);
      out.writeFloat(text);
      out.writeVInt(textRank);
      out.writeFloat(cosine);
      out.writeVInt(vectorRank);
    }
  }

  /** The fused list of the whole search, and the text ranking's first score. */
  record Fused(List<FusedHit> hits, float bestText) implements Writeable {
    Fused(StreamInput in) throws IOException {
      this(in.readList(FusedHit::new), in.readFloat());
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
      out.writeList(hits);
      out.writeFloat(bestText);
    }
  }

  private String text;
  private String textField;
  private String vectorField;
  private Fusion fusion = Fusion.DEFAULT;
  private int depth = DEFAULT_DEPTH;
  private QueryBuilder filter;
  private Fused fused;
  private Supplier<Fused> fetching;

  private LexicaHybridQueryBuilder() {}

  /**
   * A hybrid query of {@code text} over the two fields, with the default fusion and depth.
   *
   * @param text the query text, for both parts
   * @param textField the text field BM25 searches
   * @param vectorField the {@value LexicaVectorFieldMapper#CONTENT_TYPE} field kNN searches
   * @throws IllegalArgumentException when a field is empty or the text is null
   */
  public LexicaHybridQueryBuilder(String text, String textField, String vectorField) {
    this.text = Objects.requireNonNull(text, "[" + NAME + "] requires [query]");
    this.textField = require(textField, TEXT_FIELD);
    this.vectorField = require(vectorField, VECTOR_FIELD);
  }

  private LexicaHybridQueryBuilder copy() {
    LexicaHybridQueryBuilder b =
        new LexicaHybridQueryBuilder(text, textField, vectorField).depth(depth).filter(filter);
    b.fusion = fusion;
    b.boost(boost).queryName(queryName);
    return b;
  }

  /**
   * Reads a builder that {@link #doWriteTo} wrote on another node.
   *
   * @param in the stream
   * @throws java.io.IOException when the stream fails
   */
  public LexicaHybridQueryBuilder(StreamInput in) throws IOException {
    super(in);
    text = in.readString();
    textField = in.readString();
    vectorField = in.readString();
    fusion = parseFusion(in.readString());
    depth = in.readVInt();
    filter = in.readOptionalNamedWriteable(QueryBuilder.class);
    fused = in.readOptionalWriteable(Fused::new);
  }

  @Override
  protected void doWriteTo(StreamOutput out) throws IOException {
    if (fetching != null) {
      throw new IllegalStateException("[" + NAME + "] was sent before its rankings were fetched");
    }
    out.writeString(text);
    out.writeString(textField);
    out.writeString(vectorField);
    out.writeString(fusion.spec());
    out.writeVInt(depth);
    out.writeOptionalNamedWriteable(filter);
    out.writeOptionalWriteable(fused);
  }

  /**
   * Parses the body of a {@value #NAME} query.
   *
   * @param parser the parser, positioned inside the query's object
   * @return the builder
   * @throws java.io.IOException when the parser fails
   */
  public static LexicaHybridQueryBuilder fromXContent(XContentParser parser) throws IOException {
    LexicaHybridQueryBuilder b = PARSER.parse(parser, null);
    if (b.text == null) {
      throw new IllegalArgumentException("[" + NAME + "] requires [query]: the text to search for");
    }
    require(b.textField, TEXT_FIELD);
    require(b.vectorField, VECTOR_FIELD);
    return b;
  }

  private static String require(String value, ParseField name) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(
          "[" + NAME + "] requires [" + name.getPreferredName() + "]");
    }
    return value;
  }

  private static Fusion parseFusion(String spec) {
    try {
      return Fusion.parse(spec);
    } catch (LexicaException e) {
      throw new IllegalArgumentException("[" + NAME + "] [fusion]: " + e.describe());
    }
  }

  /**
   * {@code weighted:W} (the BM25 share, default 0.7) or {@code rrf:K}; see {@link Fusion}.
   *
   * @param spec the fusion, as {@link Fusion#parse} reads it ({@code weighted} alone is 0.5, the
   *     query's default {@link Fusion#DEFAULT} is 0.7)
   * @return this builder
   * @throws IllegalArgumentException when the spec is invalid, with the library's message
   */
  public LexicaHybridQueryBuilder fusion(String spec) {
    this.fusion = parseFusion(spec);
    return this;
  }

  /**
   * Documents each part contributes, 1 to {@value LexicaKnnQueryBuilder#MAX_K}; default 100.
   *
   * @param depth the depth
   * @return this builder
   * @throws IllegalArgumentException when it is outside 1 to {@value LexicaKnnQueryBuilder#MAX_K}
   */
  public LexicaHybridQueryBuilder depth(int depth) {
    if (depth < 1 || depth > LexicaKnnQueryBuilder.MAX_K) {
      throw new IllegalArgumentException(
          "["
              + NAME
              + "] [depth] must be between 1 and "
              + LexicaKnnQueryBuilder.MAX_K
              + ", got "
              + depth);
    }
    this.depth = depth;
    return this;
  }

  /** Only documents this query matches take part (it does not score). */
  public LexicaHybridQueryBuilder filter(QueryBuilder filter) {
    this.filter = filter;
    return this;
  }

  /**
   * How the two rankings are fused.
   *
   * @return the fusion
   */
  public Fusion fusion() {
    return fusion;
  }

  @Override
  protected void doXContent(XContentBuilder builder, Params params) throws IOException {
    builder.startObject(NAME);
    builder.field(QUERY.getPreferredName(), text);
    builder.field(TEXT_FIELD.getPreferredName(), textField);
    builder.field(VECTOR_FIELD.getPreferredName(), vectorField);
    builder.field(FUSION.getPreferredName(), fusion.spec());
    builder.field(DEPTH.getPreferredName(), depth);
    if (filter != null) {
      builder.field(FILTER.getPreferredName(), filter);
    }
    printBoostAndQueryName(builder);
    builder.endObject();
  }

  /**
   * On the coordinating node: fetches both rankings of the whole index and fuses them; elsewhere
   * (shards) the query arrives fused.
   */
  @Override
  protected QueryBuilder doRewrite(QueryRewriteContext context) {
    if (fused != null) {
      return this;
    }
    if (fetching != null) {
      Fused got = fetching.get();
      if (got == null) {
        return this;
      }
      LexicaHybridQueryBuilder b = copy();
      b.fused = got;
      return b;
    }
    QueryCoordinatorContext coordinator = context.convertToCoordinatorContext();
    if (coordinator == null || coordinator.getSearchRequest() == null) {
      return this;
    }
    IndicesRequest request = coordinator.getSearchRequest();
    SetOnce<Fused> result = new SetOnce<>();
    coordinator.registerAsyncAction(
        (client, listener) ->
            fetch(
                client,
                request,
                ActionListener.map(
                    listener,
                    f -> {
                      result.set(f);
                      return null;
                    })));
    LexicaHybridQueryBuilder b = copy();
    b.fetching = result::get;
    return b;
  }

  /** Runs the text and the kNN search on the request's indices, both rankings in one round trip. */
  private void fetch(Client client, IndicesRequest request, ActionListener<Fused> listener) {
    QueryBuilder textQuery = new MatchQueryBuilder(textField, text);
    if (filter != null) {
      textQuery = new BoolQueryBuilder().must(textQuery).filter(filter);
    }
    QueryBuilder knnQuery = new LexicaKnnQueryBuilder(vectorField, text).k(depth).filter(filter);
    MultiSearchRequest both = new MultiSearchRequest();
    both.add(ranking(request, textQuery));
    both.add(ranking(request, knnQuery));
    client.multiSearch(
        both, ActionListener.wrap(r -> listener.onResponse(fuse(r)), listener::onFailure));
  }

  private SearchRequest ranking(IndicesRequest request, QueryBuilder query) {
    SearchRequest s =
        new SearchRequest(request.indices())
            .indicesOptions(request.indicesOptions())
            .source(
                new SearchSourceBuilder()
                    .query(query)
                    .size(depth)
                    .fetchSource(false)
                    .trackTotalHits(false));
    if (request instanceof SearchRequest original) {
      s.searchType(original.searchType());
      s.routing(original.routing());
      s.preference(original.preference());
    }
    return s;
  }

  private Fused fuse(MultiSearchResponse response) throws Exception {
    List<Hit> textHits = hits(response.getResponses()[0], false);
    List<Hit> vectorHits = hits(response.getResponses()[1], true);
    Map<String, Integer> textRank = ranks(textHits);
    Map<String, Integer> vectorRank = ranks(vectorHits);
    List<FusedHit> out = new ArrayList<>();
    for (Hit h : fusion.fuse(textHits, vectorHits, Integer.MAX_VALUE)) {
      int slash = h.id().indexOf('/'); // index names hold no '/'
      Integer t = textRank.get(h.id());
      Integer v = vectorRank.get(h.id());
      out.add(
          new FusedHit(
              h.id().substring(0, slash),
              h.id().substring(slash + 1),
              h.score(),
              t == null ? Float.NaN : textHits.get(t - 1).score(),
              t == null ? 0 : t,
              v == null ? Float.NaN : vectorHits.get(v - 1).score(),
              v == null ? 0 : v));
    }
    return new Fused(out, textHits.isEmpty() ? 1 : textHits.get(0).score());
  }

  /** A ranking's hits keyed {@code index/id}; kNN scores turned into cosines. */
  private static List<Hit> hits(MultiSearchResponse.Item item, boolean knn) throws Exception {
    if (item.isFailure()) {
      throw item.getFailure();
    }
    SearchResponse r = item.getResponse();
    for (ShardSearchFailure failure : r.getShardFailures()) {
      // A ranking missing a shard would fuse into a silently different answer.
      Throwable cause = ExceptionsHelper.unwrapCause(failure.getCause());
      throw cause instanceof Exception e ? e : new IllegalStateException(failure.reason());
    }
    List<Hit> hits = new ArrayList<>(r.getHits().getHits().length);
    for (SearchHit h : r.getHits()) {
      float score = knn ? Fusion.cosine(h.getScore()) : h.getScore();
      hits.add(new Hit(h.getIndex() + "/" + h.getId(), score));
    }
    return hits;
  }

  private static Map<String, Integer> ranks(List<Hit> hits) {
    Map<String, Integer> rank = new HashMap<>();
    for (int i = 0; i < hits.size(); i++) {
      rank.putIfAbsent(hits.get(i).id(), i + 1);
    }
    return rank;
  }

  @Override
  protected Query doToQuery(QueryShardContext context) {
    if (fused == null) {
      throw new IllegalArgumentException(
          "["
              + NAME
              + "] fuses the rankings of the whole index, which a search or _explain request"
              + " fetches on its coordinating node before the shards run; it cannot run where no"
              + " such request rewrites it first (e.g. in a percolator or an alias filter)");
    }
    String index = context.index().getName();
    Map<BytesRef, FusedHit> here = new HashMap<>();
    for (FusedHit h : fused.hits()) {
      if (h.index().equals(index)) {
        here.put(Uid.encodeId(h.id()), h);
      }
    }
    if (here.isEmpty()) {
      return new MatchNoDocsQuery("no fused hit in this index");
    }
    return new FusedHitsQuery(IdFieldMapper.NAME, here, fusion, fused.bestText(), depth);
  }

  @Override
  protected boolean doEquals(LexicaHybridQueryBuilder other) {
    return text.equals(other.text)
        && textField.equals(other.textField)
        && vectorField.equals(other.vectorField)
        && fusion.equals(other.fusion)
        && depth == other.depth
        && Objects.equals(filter, other.filter)
        && Objects.equals(fused, other.fused)
        && Objects.equals(fetching, other.fetching);
  }

  @Override
  protected int doHashCode() {
    return Objects.hash(text, textField, vectorField, fusion, depth, filter, fused);
  }

  @Override
  public String getWriteableName() {
    return NAME;
  }
}
