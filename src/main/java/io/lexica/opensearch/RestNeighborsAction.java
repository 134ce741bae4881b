package io.lexica.opensearch;

import java.util.List;
import org.opensearch.rest.BaseRestHandler;
import org.opensearch.rest.RestRequest;
import org.opensearch.rest.action.RestToXContentListener;
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
 * 400 with the reason. The lookup is the transport action {@link NeighborsAction} (so a security
 * plugin can authorise it), run on the search thread pool.
 *
 * <p>Thread-safe: one instance serves all requests.
 */
final class RestNeighborsAction extends BaseRestHandler {
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
    NeighborsAction.Request lookup =
        new NeighborsAction.Request(
            request.param("model"),
            request.param("word"),
            request.paramAsInt("k", NeighborsAction.DEFAULT_K),
            request.paramAsFloat("min_similarity", -1f));
    lookup.check(); // the reason as a plain 400, before any work
    return channel ->
        client.executeLocally(
            NeighborsAction.INSTANCE, lookup, new RestToXContentListener<>(channel));
  }
}
