package io.lexica.opensearch;

import java.io.IOException;
import java.util.List;
import org.opensearch.ResourceNotFoundException;
import org.opensearch.action.ActionRequest;
import org.opensearch.action.ActionRequestValidationException;
import org.opensearch.action.ActionType;
import org.opensearch.action.support.ActionFilters;
import org.opensearch.common.inject.Inject;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
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

  /** One model by name, or all when the name is null. */
  static final class Request extends ActionRequest {
    final String name;

    Request(String name) {
      this.name = name;
    }

    Request(StreamInput in) throws IOException {
      super(in);
      name = in.readOptionalString();
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
      super.writeTo(out);
      out.writeOptionalString(name);
    }

    @Override
    public ActionRequestValidationException validate() {
      return name == null
          ? null
          : BlockingTransportAction.validation(() -> ModelRegistry.checkName(name));
    }
  }

  /** Reads the models index. */
  public static final class Transport extends BlockingTransportAction<Request, ModelsResponse> {
    private final ModelIndex index;

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
          Request::new,
          threadPool,
          ThreadPool.Names.GENERIC,
          true);
      this.index = index;
    }

    @Override
    ModelsResponse run(Request r) {
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
