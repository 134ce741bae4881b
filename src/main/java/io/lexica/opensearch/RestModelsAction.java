package io.lexica.opensearch;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.opensearch.action.ActionRequestValidationException;
import org.opensearch.core.common.bytes.BytesArray;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.core.xcontent.ToXContent;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.rest.BaseRestHandler;
import org.opensearch.rest.BytesRestResponse;
import org.opensearch.rest.RestChannel;
import org.opensearch.rest.RestRequest;
import org.opensearch.rest.RestResponse;
import org.opensearch.rest.action.RestBuilderListener;
import org.opensearch.rest.action.RestToXContentListener;
import org.opensearch.tasks.LoggingTaskListener;
import org.opensearch.tasks.Task;
import org.opensearch.transport.client.node.NodeClient;

/**
 * The REST calls of models kept in the cluster; each is a transport action, so a security plugin
 * can authorise it.
 *
 * <ul>
 *   <li>{@code GET /_lexica/models}: {@code {"models": [<model>, ...]}}, by name; {@code GET
 *       /_lexica/models/<name>}: one {@code <model>} (404 when the cluster keeps none), where
 *       {@code <model>} is {@code {"name", "version", "size_in_bytes", "sha256", "parts",
 *       "created", "algorithm", "dimension", "words", "metadata": {...}}}.
 *   <li>{@code PUT /_lexica/models/<name>/_parts/<n>} with {@code {"upload": "<id>", "data":
 *       "<base64>"}}: part n (from 0) of an upload; {@code PUT /_lexica/models/<name>} with {@code
 *       {"upload": "<id>", "parts": N, "size": BYTES, "sha256": "<hex>"}}: commits it (the next
 *       version, served on every node from then on) and answers {@code {"model": <model>}}.
 *   <li>{@code DELETE /_lexica/models/<name>}: {@code {"acknowledged": true, "model": <model>}}.
 *   <li>{@code POST /_lexica/models/<name>/_train} with {@code {"index": "<index>", "field": "<text
 *       field>", "algorithm": "word2vec", ...settings}} ({@link TrainModelAction}): answers {@code
 *       {"task": "<node>:<id>"}} at once, as {@code _reindex} does with {@code
 *       wait_for_completion=false}: a training takes minutes, longer than HTTP clients wait. {@code
 *       GET _tasks/<task>} shows its progress and, once it has ended, its answer or error (kept in
 *       the tasks index); {@code POST _tasks/<task>/_cancel} stops it. With {@code
 *       ?wait_for_completion=true} the call waits and answers {@code {"model": <model>, "tokens":
 *       N, "took_seconds": S}}. Settings are checked before the task starts: a bad one is a 400.
 * </ul>
 *
 * Why parts in JSON: OpenSearch's REST layer answers 406 to a body whose content type is not an
 * x-content type (JSON, YAML, CBOR, SMILE), so an archive cannot be sent as {@code
 * application/zip}; base64 in JSON costs a third more bytes, and parts keep each request well under
 * {@code http.max_content_length}. {@code lexica publish} does all of this.
 */
final class RestModelsAction extends BaseRestHandler {
  private static final String MODELS = "/_lexica/models";

  @Override
  public String getName() {
    return "lexica_models";
  }

  @Override
  public List<Route> routes() {
    return List.of(
        new Route(RestRequest.Method.GET, MODELS),
        new Route(RestRequest.Method.GET, MODELS + "/{name}"),
        new Route(RestRequest.Method.PUT, MODELS + "/{name}"),
        new Route(RestRequest.Method.PUT, MODELS + "/{name}/_parts/{part}"),
        new Route(RestRequest.Method.DELETE, MODELS + "/{name}"),
        new Route(RestRequest.Method.POST, MODELS + "/{name}/_train"));
  }

  @Override
  protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client)
      throws IOException {
    String name = request.param("name");
    return switch (request.method()) {
      case GET -> get(name, client);
      case DELETE -> {
        ModelsRequest delete = new ModelsRequest(name);
        yield channel ->
            client.execute(DeleteModelAction.INSTANCE, delete, modelAnswer(channel, true));
      }
      case PUT ->
          request.hasParam("part") ? putPart(name, request, client) : commit(name, request, client);
      case POST -> train(name, request, client);
      default -> throw new IllegalStateException("no route for " + request.method());
    };
  }

  private static RestChannelConsumer get(String name, NodeClient client) {
    ModelsRequest get = new ModelsRequest(name);
    if (name != null) {
      return channel -> client.execute(GetModelsAction.INSTANCE, get, modelAnswer(channel, false));
    }
    return channel ->
        client.execute(
            GetModelsAction.INSTANCE,
            get,
            new RestBuilderListener<>(channel) {
              @Override
              public RestResponse buildResponse(ModelsResponse r, XContentBuilder out)
                  throws IOException {
                out.startObject().startArray("models");
                for (StoredModel m : r.models()) {
                  m.toXContent(out, ToXContent.EMPTY_PARAMS);
                }
                out.endArray().endObject();
                return new BytesRestResponse(RestStatus.OK, out);
              }
            });
  }

  /** One model: bare (GET) or as {"model": ...} (PUT, DELETE with "acknowledged"). */
  private static RestBuilderListener<ModelsResponse> modelAnswer(
      RestChannel channel, boolean acknowledged) {
    return new RestBuilderListener<>(channel) {
      @Override
      public RestResponse buildResponse(ModelsResponse r, XContentBuilder out) throws IOException {
        StoredModel m = r.models().get(0);
        if (acknowledged) {
          out.startObject().field("acknowledged", true).field("model");
          m.toXContent(out, ToXContent.EMPTY_PARAMS);
          out.endObject();
        } else {
          m.toXContent(out, ToXContent.EMPTY_PARAMS);
        }
        return new BytesRestResponse(RestStatus.OK, out);
      }
    };
  }

  private static RestChannelConsumer putPart(String name, RestRequest request, NodeClient client)
      throws IOException {
    int part = request.paramAsInt("part", -1);
    String[] upload = new String[1];
    byte[][] data = new byte[1][];
    readBody(
        request,
        (field, p) -> {
          switch (field) {
            case "upload" -> upload[0] = p.text();
            case "data" -> data[0] = p.binaryValue();
            default -> throw unknownField(field, Set.of("upload", "data"));
          }
        });
    if (data[0] == null) {
      throw new IllegalArgumentException("[data] is required: the part's bytes in base64");
    }
    PutModelPartAction.Request put =
        new PutModelPartAction.Request(name, upload[0], part, new BytesArray(data[0]));
    return channel ->
        client.execute(PutModelPartAction.INSTANCE, put, new RestToXContentListener<>(channel));
  }

  private static RestChannelConsumer commit(String name, RestRequest request, NodeClient client)
      throws IOException {
    String[] text = new String[2]; // upload, sha256
    long[] numbers = {-1, -1}; // parts, size
    readBody(
        request,
        (field, p) -> {
          switch (field) {
            case "upload" -> text[0] = p.text();
            case "sha256" -> text[1] = p.text().toLowerCase(Locale.ROOT);
            case "parts" -> numbers[0] = p.intValue();
            case "size" -> numbers[1] = p.longValue();
            default -> throw unknownField(field, Set.of("upload", "parts", "size", "sha256"));
          }
        });
    PutModelAction.Request put =
        new PutModelAction.Request(name, text[0], (int) numbers[0], numbers[1], text[1]);
    return channel -> client.execute(PutModelAction.INSTANCE, put, modelAnswer(channel, true));
  }

  private static RestChannelConsumer train(String name, RestRequest request, NodeClient client)
      throws IOException {
    if (!request.hasContent()) {
      throw new IllegalArgumentException(
          "a body is required: {\"index\": \"<index>\", \"field\": \"<text field>\"} and"
              + " any training settings");
    }
    Map<String, Object> body;
    try (XContentParser p = request.contentParser()) {
      body = new HashMap<>(p.map());
    }
    Object index = body.remove("index");
    Object field = body.remove("field");
    boolean wait = request.paramAsBoolean("wait_for_completion", false);
    TrainModelAction.Request train =
        new TrainModelAction.Request(
            name,
            index == null ? null : index.toString(),
            field == null ? null : field.toString(),
            body,
            !wait);
    if (wait) {
      return channel ->
          client.executeLocally(
              TrainModelAction.INSTANCE, train, new RestToXContentListener<>(channel));
    }
    ActionRequestValidationException invalid = train.validate();
    if (invalid != null) {
      throw invalid; // a 400 now, not an error found later in the task's result
    }
    Task task =
        client.executeLocally(TrainModelAction.INSTANCE, train, LoggingTaskListener.instance());
    String id = client.getLocalNodeId() + ":" + task.getId();
    return channel -> {
      try (XContentBuilder out = channel.newBuilder()) {
        out.startObject().field("task", id).endObject();
        channel.sendResponse(new BytesRestResponse(RestStatus.OK, out));
      }
    };
  }

  /** Reads a field of a request body; the parser stands on its value. */
  @FunctionalInterface
  private interface FieldReader {
    void read(String field, XContentParser value) throws IOException;
  }

  /** Hands every top-level field of the request's body to {@code reader}. */
  private static void readBody(RestRequest request, FieldReader reader) throws IOException {
    if (!request.hasContent()) {
      throw new IllegalArgumentException(
          "a body is required; `lexica publish MODEL --url URL --name NAME` sends the right ones");
    }
    try (XContentParser p = request.contentParser()) {
      if (p.nextToken() != XContentParser.Token.START_OBJECT) {
        throw new IllegalArgumentException("the body must be a JSON object");
      }
      for (XContentParser.Token t = p.nextToken();
          t == XContentParser.Token.FIELD_NAME;
          t = p.nextToken()) {
        String field = p.currentName();
        p.nextToken();
        reader.read(field, p);
        p.skipChildren();
      }
    }
  }

  private static IllegalArgumentException unknownField(String field, Set<String> known) {
    return new IllegalArgumentException("unknown field [" + field + "]; known: " + known);
  }
}
