package io.lexica.opensearch;

import org.opensearch.action.ActionRequest;
import org.opensearch.action.ActionRequestValidationException;
import org.opensearch.action.support.ActionFilters;
import org.opensearch.action.support.HandledTransportAction;
import org.opensearch.common.util.concurrent.ThreadContext;
import org.opensearch.core.action.ActionListener;
import org.opensearch.core.action.ActionResponse;
import org.opensearch.core.common.io.stream.Writeable;
import org.opensearch.tasks.Task;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.TransportService;

/**
 * A transport action whose work blocks (reads a model, calls the cluster and waits): it runs on a
 * thread pool of its choice, never on the network thread that received the request. Actions on the
 * plugin's own system index run in a stashed thread context, as the plugin and not as the user (the
 * security plugin has already authorised the action itself by its name); the answer is sent in the
 * caller's context.
 */
abstract class BlockingTransportAction<Q extends ActionRequest, R extends ActionResponse>
    extends HandledTransportAction<Q, R> {
  private final ThreadPool threadPool;
  private final String executor;
  private final boolean asPlugin;

  /**
   * @param executor the thread pool the work runs on, e.g. {@link ThreadPool.Names#GENERIC}
   * @param asPlugin whether the work runs as the plugin (stashed context): for the models index
   */
  BlockingTransportAction(
      String name,
      TransportService transportService,
      ActionFilters actionFilters,
      Writeable.Reader<Q> reader,
      ThreadPool threadPool,
      String executor,
      boolean asPlugin) {
    super(name, transportService, actionFilters, reader);
    this.threadPool = threadPool;
    this.executor = executor;
    this.asPlugin = asPlugin;
  }

  /**
   * Runs a request's checks, which throw {@link IllegalArgumentException}s naming the problem, as
   * {@link ActionRequest#validate} answers them: null when they pass.
   */
  static ActionRequestValidationException validation(Runnable checks) {
    try {
      checks.run();
      return null;
    } catch (IllegalArgumentException e) {
      ActionRequestValidationException invalid = new ActionRequestValidationException();
      invalid.addValidationError(e.getMessage());
      return invalid;
    }
  }

  /**
   * The action's work; its exceptions answer the request (IllegalArgumentException: 400).
   *
   * @param task the request's task: a long action reports progress through it and checks whether it
   *     was cancelled
   */
  abstract R run(Task task, Q request) throws Exception;

  @Override
  protected final void doExecute(Task task, Q request, ActionListener<R> listener) {
    threadPool
        .executor(executor)
        .execute(
            () -> {
              R response;
              try {
                if (asPlugin) {
                  try (ThreadContext.StoredContext ignored =
                      threadPool.getThreadContext().stashContext()) {
                    response = run(task, request);
                  }
                } else {
                  response = run(task, request);
                }
              } catch (Exception e) {
                listener.onFailure(e);
                return;
              }
              listener.onResponse(response);
            });
  }
}
