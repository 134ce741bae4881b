package io.lexica.opensearch;

import java.io.IOException;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
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
import org.opensearch.common.util.concurrent.ThreadContext;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.TransportRequest;
import org.opensearch.transport.TransportService;
import org.opensearch.transport.client.Client;

/**
 * Tells every node that a model kept in the cluster changed (uploaded or deleted), so that each
 * reads its entry of the {@link ClusterModels} view now rather than at its next poll: a model is
 * served everywhere once its upload has answered. Internal: sent by the upload and delete actions.
 */
public final class ModelChangedAction extends ActionType<ModelChangedAction.NodesResponse> {
  static final ModelChangedAction INSTANCE = new ModelChangedAction();
  static final String NAME = "cluster:admin/lexica/models/changed";

  private static final Logger LOG = LogManager.getLogger(ModelChangedAction.class);

  private ModelChangedAction() {
    super(NAME, NodesResponse::new);
  }

  /**
   * Sends the news of model {@code name} to every node and waits for them; a node that does not
   * answer learns it at its next poll (logged).
   */
  static void notifyNodes(Client client, String name) {
    NodesResponse r = client.execute(INSTANCE, new NodesRequest(name)).actionGet();
    for (FailedNodeException f : r.failures()) {
      LOG.warn("node [{}] will see lexica model [{}] at its next check: {}", f.nodeId(), name, f);
    }
  }

  /** To every node. */
  static final class NodesRequest extends BaseNodesRequest<NodesRequest> {
    final String name;

    NodesRequest(String name) {
      super((String[]) null);
      this.name = name;
    }

    NodesRequest(StreamInput in) throws IOException {
      super(in);
      name = in.readString();
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
      super.writeTo(out);
      out.writeString(name);
    }
  }

  /** To one node. */
  static final class NodeRequest extends TransportRequest {
    final String name;

    NodeRequest(String name) {
      this.name = name;
    }

    NodeRequest(StreamInput in) throws IOException {
      super(in);
      name = in.readString();
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
      super.writeTo(out);
      out.writeString(name);
    }
  }

  /** A node has read the model's entry. */
  static final class NodeResponse extends BaseNodeResponse {
    NodeResponse(DiscoveryNode node) {
      super(node);
    }

    NodeResponse(StreamInput in) throws IOException {
      super(in);
    }
  }

  /** The nodes that have. */
  static final class NodesResponse extends BaseNodesResponse<NodeResponse> {
    NodesResponse(ClusterName cluster, List<NodeResponse> nodes, List<FailedNodeException> failed) {
      super(cluster, nodes, failed);
    }

    NodesResponse(StreamInput in) throws IOException {
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
  }

  /** Refreshes the node's view of the model. */
  public static final class Transport
      extends TransportNodesAction<NodesRequest, NodesResponse, NodeRequest, NodeResponse> {
    private final ClusterModels cluster;

    /**
     * The transport action, made by OpenSearch's injector.
     *
     * @param threadPool the node's thread pool
     * @param clusterService the node's cluster service
     * @param transportService the node's transport service
     * @param actionFilters the node's action filters
     * @param cluster the node's view of the cluster's models, which the plugin made
     */
    @Inject
    public Transport(
        ThreadPool threadPool,
        ClusterService clusterService,
        TransportService transportService,
        ActionFilters actionFilters,
        ClusterModels cluster) {
      super(
          NAME,
          threadPool,
          clusterService,
          transportService,
          actionFilters,
          NodesRequest::new,
          NodeRequest::new,
          ThreadPool.Names.GENERIC,
          NodeResponse.class);
      this.cluster = cluster;
    }

    @Override
    protected NodesResponse newResponse(
        NodesRequest request, List<NodeResponse> responses, List<FailedNodeException> failures) {
      return new NodesResponse(clusterService.getClusterName(), responses, failures);
    }

    @Override
    protected NodeRequest newNodeRequest(NodesRequest request) {
      return new NodeRequest(request.name);
    }

    @Override
    protected NodeResponse newNodeResponse(StreamInput in) throws IOException {
      return new NodeResponse(in);
    }

    @Override
    protected NodeResponse nodeOperation(NodeRequest request) {
      try (ThreadContext.StoredContext ignored = threadPool.getThreadContext().stashContext()) {
        cluster.refresh(request.name);
      }
      return new NodeResponse(clusterService.localNode());
    }
  }
}
