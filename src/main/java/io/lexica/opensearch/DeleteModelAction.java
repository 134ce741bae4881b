package io.lexica.opensearch;

import java.util.List;
import org.opensearch.action.ActionType;
import org.opensearch.action.support.ActionFilters;
import org.opensearch.common.inject.Inject;
import org.opensearch.tasks.Task;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.TransportService;
import org.opensearch.transport.client.Client;

/**
 * Removes a model and all its versions from the cluster ({@code DELETE /_lexica/models/<name>}; 404
 * when there is none). Nodes stop serving it at once; requests running keep their version until
 * they end. A folder model of the same name on a node is not touched.
 */
public final class DeleteModelAction extends ActionType<ModelsResponse> {
  static final DeleteModelAction INSTANCE = new DeleteModelAction();
  static final String NAME = "cluster:admin/lexica/models/delete";

  private DeleteModelAction() {
    super(NAME, ModelsResponse::new);
  }

  /** Deletes the model's documents and tells every node. */
  public static final class Transport
      extends BlockingTransportAction<ModelsRequest, ModelsResponse> {
    private final ModelIndex index;
    private final Client client;

    /**
     * The transport action, made by OpenSearch's injector.
     *
     * @param transportService the node's transport service
     * @param actionFilters the node's action filters
     * @param threadPool the node's thread pool
     * @param index the cluster's models index
     * @param client the node's client, to tell every node the model changed ({@link
     *     ModelChangedAction})
     */
    @Inject
    public Transport(
        TransportService transportService,
        ActionFilters actionFilters,
        ThreadPool threadPool,
        ModelIndex index,
        Client client) {
      super(
          NAME,
          transportService,
          actionFilters,
          ModelsRequest::new,
          threadPool,
          ThreadPool.Names.GENERIC,
          true);
      this.index = index;
      this.client = client;
    }

    @Override
    ModelsResponse run(Task task, ModelsRequest r) {
      if (r.name == null) {
        throw new IllegalArgumentException("name the model to delete");
      }
      StoredModel gone = index.delete(r.name);
      if (gone == null) {
        throw GetModelsAction.notFound(r.name);
      }
      ModelChangedAction.notifyNodes(client, r.name);
      return new ModelsResponse(List.of(gone));
    }
  }
}
