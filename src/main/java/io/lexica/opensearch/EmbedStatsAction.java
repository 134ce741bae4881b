package io.lexica.opensearch;

import java.io.IOException;
import java.util.List;
import org.opensearch.action.ActionType;
import org.opensearch.action.FailedNodeException;
import org.opensearch.action.support.ActionFilters;
import org.opensearch.action.support.nodes.BaseNodeResponse;
import org.opensearch.action.support.nodes.BaseNodesRequest;
import org.opensearch.action.support.nodes.BaseNodesResponse;
import org.opensearch.action.support.nodes.TransportNodesAction;
import org.opensearch.cluster.ClusterName;
import org.opensearch.cluster.node.DiscoveryNode;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.common.inject.Inject;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.ToXContentObject;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.rest.BaseRestHandler;
import org.opensearch.rest.RestRequest;
import org.opensearch.rest.action.RestActions;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.TransportRequest;
import org.opensearch.transport.TransportService;
import org.opensearch.transport.client.node.NodeClient;

/**
 * {@code GET /_lexica/stats}: the {@code lexica_embed} counts ({@link EmbedStats}) of every node
 * and their sum, so that documents indexed without a vector are counted across the cluster:
 *
 * <pre>{@code
 * {"_nodes": {...}, "cluster_name": "...",
 *  "embed": {"documents": 1200, "embedded": 1180, "no_vector_no_text": 5,
 *            "no_vector_no_known_word": 15, "failed": 0},
 *  "nodes": {"<node id>": {"name": "...", "embed": {...}}}}
 * }</pre>
 *
 * Counts start at zero when a node starts.
 */
public final class EmbedStatsAction extends ActionType<EmbedStatsAction.NodesResponse> {
  /** The action's one instance, as OpenSearch registers actions. */
  public static final EmbedStatsAction INSTANCE = new EmbedStatsAction();

  /** The action's name; {@code cluster:monitor/...}, so the monitoring privileges cover it. */
  public static final String NAME = "cluster:monitor/lexica/stats";

  private EmbedStatsAction() {
    super(NAME, NodesResponse::new);
  }

  /** Asks every node (or the given ones). */
  public static final class NodesRequest extends BaseNodesRequest<NodesRequest> {
    /**
     * Asks the given nodes, or every node when none is given.
     *
     * @param nodeIds node ids or names, as OpenSearch resolves them
     */
    public NodesRequest(String... nodeIds) {
      super(nodeIds);
    }

    /**
     * Reads a request another node sent.
     *
     * @param in the stream
     * @throws java.io.IOException when the stream fails
     */
    public NodesRequest(StreamInput in) throws IOException {
      super(in);
    }
  }

  /** What one node is asked. */
  public static final class NodeRequest extends TransportRequest {
    /** A request for one node's counts. */
    public NodeRequest() {}

    /**
     * Reads a request another node sent.
     *
     * @param in the stream
     * @throws java.io.IOException when the stream fails
     */
    public NodeRequest(StreamInput in) throws IOException {
      super(in);
    }
  }

  /** One node's counts. */
  public static final class NodeResponse extends BaseNodeResponse {
    private final EmbedStats.Snapshot stats;

    NodeResponse(DiscoveryNode node, EmbedStats.Snapshot stats) {
      super(node);
      this.stats = stats;
    }

    /**
     * Reads a node's counts another node sent.
     *
     * @param in the stream
     * @throws java.io.IOException when the stream fails
     */
    public NodeResponse(StreamInput in) throws IOException {
      super(in);
      stats = new EmbedStats.Snapshot(in);
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
      super.writeTo(out);
      stats.writeTo(out);
    }

    EmbedStats.Snapshot stats() {
      return stats;
    }
  }

  /** Every node's counts and their sum. */
  public static final class NodesResponse extends BaseNodesResponse<NodeResponse>
      implements ToXContentObject {
    NodesResponse(ClusterName cluster, List<NodeResponse> nodes, List<FailedNodeException> failed) {
      super(cluster, nodes, failed);
    }

    /**
     * Reads the nodes' answers another node sent.
     *
     * @param in the stream
     * @throws java.io.IOException when the stream fails
     */
    public NodesResponse(StreamInput in) throws IOException {
      super(in);
    }

    @Override
    protected List<NodeResponse> readNodesFrom(StreamInput in) throws IOException {
      return in.readList(NodeResponse::new);
    }

    @Override
    protected void writeNodesTo(StreamOutput out, List<NodeResponse> nodes) throws IOException {
      out.writeList(nodes);
    }

    /** The sum over the nodes that answered. */
    EmbedStats.Snapshot total() {
      EmbedStats.Snapshot sum = EmbedStats.Snapshot.ZERO;
      for (NodeResponse n : getNodes()) {
        sum = sum.plus(n.stats());
      }
      return sum;
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
      builder.startObject("embed");
      total().toXContent(builder, params);
      builder.endObject();
      builder.startObject("nodes");
      for (NodeResponse n : getNodes()) {
        builder.startObject(n.getNode().getId());
        builder.field("name", n.getNode().getName());
        builder.startObject("embed");
        n.stats().toXContent(builder, params);
        builder.endObject();
        builder.endObject();
      }
      builder.endObject();
      return builder;
    }
  }

  /** Reads the node's {@link EmbedStats}. */
  public static final class Transport
      extends TransportNodesAction<NodesRequest, NodesResponse, NodeRequest, NodeResponse> {
    private final EmbedStats stats;

    /**
     * The transport action, made by OpenSearch's injector.
     *
     * @param threadPool the node's thread pool
     * @param clusterService the node's cluster service
     * @param transportService the node's transport service
     * @param actionFilters the node's action filters
     * @param stats the node's counts, which the plugin made
     */
    @Inject
    public Transport(
        ThreadPool threadPool,
        ClusterService clusterService,
        TransportService transportService,
        ActionFilters actionFilters,
        EmbedStats stats) {
      super(
          NAME,
          threadPool,
          clusterService,
          transportService,
          actionFilters,
          NodesRequest::new,
          NodeRequest::new,
          ThreadPool.Names.MANAGEMENT,
          NodeResponse.class);
      this.stats = stats;
    }

    @Override
    protected NodesResponse newResponse(
        NodesRequest request, List<NodeResponse> responses, List<FailedNodeException> failures) {
      return new NodesResponse(clusterService.getClusterName(), responses, failures);
    }

    @Override
    protected NodeRequest newNodeRequest(NodesRequest request) {
      return new NodeRequest();
    }

    @Override
    protected NodeResponse newNodeResponse(StreamInput in) throws IOException {
      return new NodeResponse(in);
    }

    @Override
    protected NodeResponse nodeOperation(NodeRequest request) {
      return new NodeResponse(clusterService.localNode(), stats.snapshot());
    }
  }

  /** The REST endpoint. */
  static final class Rest extends BaseRestHandler {
    @Override
    public String getName() {
      return "lexica_stats";
    }

    @Override
    public List<Route> routes() {
      return List.of(new Route(RestRequest.Method.GET, "/_lexica/stats"));
    }

    @Override
    protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
      return channel ->
          client.execute(
              INSTANCE, new NodesRequest(), new RestActions.NodesResponseRestListener<>(channel));
    }
  }
}
