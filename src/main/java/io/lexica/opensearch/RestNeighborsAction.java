package io.lexica.opensearch;

import io.lexica.vectors.Embeddings;
import io.lexica.vectors.Neighbor;
import java.util.List;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.rest.BaseRestHandler;
import org.opensearch.rest.BytesRestResponse;
import org.opensearch.rest.RestChannel;
import org.opensearch.rest.RestRequest;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.client.node.NodeClient;

/**
 * {@code GET /_lexica/{model}/neighbors?word=car&k=10&min_similarity=0.5}: the nearest words of a
 * word in a model of the node that receives the request, for the "similar words" lookups of a
 * search UI. Answers
 *
 * <pre>{@code
 * {"model": "wiki", "word": "car", "in_vocabulary": true,
 *  "neighbors": [{"word": "automobile", "similarity": 0.83}, ...]}
 * }</pre>
 *
 * A word without a vector answers an empty list; a missing model, a missing word or k &lt; 1 answer
 * 400 with the reason. The lookup runs on the search thread pool, not the network thread.
 *
 * <p>Thread-safe: one instance serves all requests.
 */
final class RestNeighborsAction extends BaseRestHandler {
  static final int DEFAULT_K = 10;
  static final int MAX_K = 1000;

  private final ModelRegistry models;

  RestNeighborsAction(ModelRegistry models) {
    this.models = models;
  }

  @Override
  public String getName() {
    return "lexica_neighbors";
  }

  @Override
  public List<Route> routes() {
    return List.of(new Route(RestRequest.Method.GET, "/_lexica/{model}/neighbors"));
  }

  @Override
  protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
    String modelName = request.param("model");
    String word = request.param("word");
    int k = request.paramAsInt("k", DEFAULT_K);
    float minSimilarity = request.paramAsFloat("min_similarity", -1f);
    if (word == null || word.isEmpty()) {
      throw new IllegalArgumentException(
          "[word] is required: /_lexica/" + modelName + "/neighbors?word=...");
    }
    if (k < 1 || k > MAX_K) {
      throw new IllegalArgumentException("[k] must be between 1 and " + MAX_K + ", got " + k);
    }
    if (!(minSimilarity >= -1 && minSimilarity <= 1)) {
      throw new IllegalArgumentException(
          "[min_similarity] is a cosine in [-1, 1], got " + minSimilarity);
    }
    ThreadPool threadPool = client.threadPool();
    return channel ->
        threadPool
            .executor(ThreadPool.Names.SEARCH)
            .execute(
                threadPool
                    .getThreadContext()
                    .preserveContext(() -> respond(channel, modelName, word, k, minSimilarity)));
  }

  private void respond(RestChannel channel, String modelName, String word, int k, float minSim) {
    try {
      Embeddings model = models.get(modelName);
      List<Neighbor> neighbors = model.nearest(word, k, minSim);
      XContentBuilder out = channel.newBuilder();
      out.startObject();
      out.field("model", modelName);
      out.field("word", word);
      out.field("in_vocabulary", model.contains(word));
      out.startArray("neighbors");
      for (Neighbor n : neighbors) {
        out.startObject().field("word", n.word()).field("similarity", n.similarity()).endObject();
      }
      out.endArray();
      out.endObject();
      channel.sendResponse(new BytesRestResponse(RestStatus.OK, out));
    } catch (Exception e) {
      try {
        channel.sendResponse(new BytesRestResponse(channel, e));
      } catch (Exception inner) {
        e.addSuppressed(inner);
        logger.warn("cannot answer a lexica neighbors request", e);
      }
    }
  }
}
