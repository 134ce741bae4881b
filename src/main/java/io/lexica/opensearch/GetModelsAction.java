package io.lexica.opensearch;

import java.util.List;
import org.opensearch.ResourceNotFoundException;
import org.opensearch.action.ActionType;
import org.opensearch.action.support.ActionFilters;
import org.opensearch.common.inject.Inject;
import org.opensearch.tasks.Task;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.TransportService;

/**
 * The models kept in the cluster ({@code GET /_lexica/models}) or one of them ({@code GET
 * /_lexica/models/<name>}, 404 when there is none).
 */
public final class GetModelsAction extends ActionType<ModelsResponse> {
  static final GetModelsAction INSTANCE = new GetModelsAction();
  static final String NAME = "cluster:monitor/lexica/models/get";

  private GetModelsAction() {
    super(NAME, ModelsResponse::new);
  }

  /** Reads the models index. */
  public static final class Transport
      extends BlockingTransportAction<ModelsRequest, ModelsResponse> {
    private final ModelIndex index;

    /**
     * The transport action, made by OpenSearch's injector.
     *
     * @param transportService the node's transport service
     * @param actionFilters the node's action filters
     * @param threadPool the node's thread pool
     * @param index the cluster's models index
     */
    @Inject
    public Transport(
        TransportService transportService,
        ActionFilters actionFilters,
        ThreadPool threadPool,
        ModelIndex index) {
      super(
          NAME,
          transportService,
          actionFilters,
          ModelsRequest::new,
          threadPool,
          ThreadPool.Names.GENERIC,
          true);
      this.index = index;
    }

    @Override
    ModelsResponse run(Task task, ModelsRequest r) {
      if (r.name == null) {
        return new ModelsResponse(index.list());
      }
      StoredModel m = index.get(r.name);
      if (m == null) {
        throw notFound(r.name);
      }
      return new ModelsResponse(List.of(m));
    }
  }

  /** The 404 of a model the cluster does not keep. */
  static ResourceNotFoundException notFound(String name) {
    return new ResourceNotFoundException(
        "lexica model ["
            + name
            + "] is not kept in the cluster: GET /_lexica/models lists those that are");
  }
}
