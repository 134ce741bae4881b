package io.lexica.opensearch;

import io.lexica.Lexica;
import io.lexica.util.TempDirectory;
import io.lexica.vectors.store.ModelArchive;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opensearch.action.ActionRequest;
import org.opensearch.action.ActionRequestValidationException;
import org.opensearch.action.ActionType;
import org.opensearch.action.support.ActionFilters;
import org.opensearch.action.support.IndicesOptions;
import org.opensearch.cluster.ClusterState;
import org.opensearch.cluster.metadata.IndexMetadata;
import org.opensearch.cluster.metadata.IndexNameExpressionResolver;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.common.inject.Inject;
import org.opensearch.common.util.concurrent.ThreadContext;
import org.opensearch.core.action.ActionResponse;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.tasks.TaskId;
import org.opensearch.core.xcontent.ToXContentObject;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.tasks.Task;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.TransportService;
import org.opensearch.transport.client.Client;

/**
 * Trains a model on a field of an index of the cluster and stores it as the next version of a model
 * kept in the cluster ({@code POST /_lexica/models/<name>/_train}), as a cancellable {@link
 * TrainTask}.
 *
 * <p>The node that runs the action trains; the documents are read where their shards are ({@link
 * ClusterTokenSource}), through the library's corpus reader, and the training is the library's own
 * ({@link Lexica#train(io.lexica.corpus.TokenSource, Lexica.CorpusOrigin, Path,
 * Lexica.TrainOptions)}), so a model trained here equals, up to the order of documents, the one
 * {@code lexica train} makes from the same documents in one local index. The model is written to a
 * scratch folder ({@link TempDirectory}: removed when the training ends, fails or is cancelled, and
 * by the next training after a kill), then packed straight into the models index and committed as
 * {@code PUT} commits an upload ({@link PutModelAction#publish}), served by every node at once; the
 * commit checks what this node sent instead of reading it back (see {@code store}). A training that
 * fails or is cancelled stores nothing: parts sent before the failure are removed.
 *
 * <p>Everything the request says is checked before the first shard is read: the settings ({@link
 * TrainSettings}, by the library's own setting types), the index, that the field is a text field
 * with positions ({@link TrainingFieldCheck}), and that every shard has an active copy ({@link
 * ClusterTokenSource#oneCopyOfEachShard}).
 */
public final class TrainModelAction extends ActionType<TrainModelAction.Response> {
  static final TrainModelAction INSTANCE = new TrainModelAction();
  static final String NAME = "cluster:admin/lexica/models/train";

  private static final Logger LOG = LogManager.getLogger(TrainModelAction.class);

  private TrainModelAction() {
    super(NAME, Response::new);
  }

  /** Train model {@code name} on {@code field} of {@code index} with {@code settings}. */
  static final class Request extends ActionRequest {
    final String name;
    final String index;
    final String field;
    final Map<String, Object> settings;
    private final boolean storeResult;

    /**
     * @param storeResult keep the answer in the tasks index, for {@code GET _tasks/<id>} once the
     *     training has ended (when the caller does not wait for it)
     */
    Request(
        String name,
        String index,
        String field,
        Map<String, Object> settings,
        boolean storeResult) {
      this.name = name;
      this.index = index;
      this.field = field;
      this.settings = new LinkedHashMap<>(settings);
      this.storeResult = storeResult;
    }

    Request(StreamInput in) throws IOException {
      super(in);
      name = in.readString();
      index = in.readString();
      field = in.readString();
      settings = in.readMap();
      storeResult = in.readBoolean();
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
      super.writeTo(out);
      out.writeString(name);
      out.writeString(index);
      out.writeString(field);
      out.writeMap(settings);
      out.writeBoolean(storeResult);
    }

    @Override
    public boolean getShouldStoreResult() {
      return storeResult;
    }

    @Override
    public ActionRequestValidationException validate() {
      return BlockingTransportAction.validation(
          () -> {
            ModelRegistry.checkName(name);
            if (index == null || index.isEmpty()) {
              throw new IllegalArgumentException("[index] is required: the index to train on");
            }
            if (field == null || field.isEmpty()) {
              throw new IllegalArgumentException(
                  "[field] is required: the text field whose words are learned");
            }
            new TrainSettings(settings).options(line -> {});
          });
    }

    @Override
    public Task createTask(
        long id, String type, String action, TaskId parentTaskId, Map<String, String> headers) {
      return new TrainTask(
          id,
          type,
          action,
          "lexica train [" + name + "] on [" + index + "][" + field + "] " + settings,
          parentTaskId,
          headers);
    }
  }

  /**
   * {@code {"model": <model>, "tokens": 17005207, "took_seconds": 95.2}}: the version stored, the
   * tokens trained on (the corpus's count, as {@code lexica train} reports it) and the wall time.
   */
  static final class Response extends ActionResponse implements ToXContentObject {
    final StoredModel model;
    final long tokens;
    final double seconds;

    Response(StoredModel model, long tokens, double seconds) {
      this.model = model;
      this.tokens = tokens;
      this.seconds = seconds;
    }

    Response(StreamInput in) throws IOException {
      super(in);
      model = StoredModel.readFrom(in);
      tokens = in.readVLong();
      seconds = in.readDouble();
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
      model.writeTo(out);
      out.writeVLong(tokens);
      out.writeDouble(seconds);
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder b, Params params) throws IOException {
      b.startObject().field("model");
      model.toXContent(b, params);
      return b.field("tokens", tokens).field("took_seconds", seconds).endObject();
    }
  }

  /** Runs the training on this node (a generic thread: it takes minutes). */
  public static final class Transport extends BlockingTransportAction<Request, Response> {
    private final TransportService transportService;
    private final ClusterService clusterService;
    private final IndexNameExpressionResolver resolver;
    private final ThreadPool threadPool;
    private final Client client;
    private final ModelIndex modelIndex;
    private final ClusterModels cluster;

    /**
     * The transport action, made by OpenSearch's injector.
     *
     * @param transportService the node's transport service
     * @param actionFilters the node's action filters
     * @param threadPool the node's thread pool
     * @param clusterService the node's cluster service
     * @param resolver resolves the index names of a request
     * @param client the node's client, to tell every node the model changed ({@link
     *     ModelChangedAction})
     * @param modelIndex the cluster's models index
     * @param cluster the node's view of the cluster's models, to check the trained model opens
     */
    @Inject
    public Transport(
        TransportService transportService,
        ActionFilters actionFilters,
        ThreadPool threadPool,
        ClusterService clusterService,
        IndexNameExpressionResolver resolver,
        Client client,
        ModelIndex modelIndex,
        ClusterModels cluster) {
      super(
          NAME,
          transportService,
          actionFilters,
          Request::new,
          threadPool,
          ThreadPool.Names.GENERIC,
          false);
      this.transportService = transportService;
      this.clusterService = clusterService;
      this.resolver = resolver;
      this.threadPool = threadPool;
      this.client = client;
      this.modelIndex = modelIndex;
      this.cluster = cluster;
    }

    @Override
    Response run(Task task, Request r) throws IOException {
      long start = System.nanoTime();
      TrainTask train = (TrainTask) task;
      Lexica.TrainOptions options =
          new TrainSettings(r.settings)
              .options(line -> LOG.info("lexica training [{}]: {}", r.name, line));
      ClusterState state = clusterService.state();
      IndexMetadata index = index(state, r.index);
      TrainingFieldCheck.check(index, r.field);
      List<ClusterTokenSource.ShardCopy> copies =
          ClusterTokenSource.oneCopyOfEachShard(state, index);
      try (TempDirectory work =
              TempDirectory.create(null, "lexica-train-", "a model trained in the cluster");
          ClusterTokenSource source =
              new ClusterTokenSource(
                  transportService,
                  copies,
                  r.field,
                  train,
                  // GloVe reads the corpus once, to count; its iterations read the counts
                  options.glove() == null ? options.word2vec().epochs() : 1,
                  vocabulary -> {
                    if (options.glove() != null) {
                      TrainSettings.checkHeap(
                          options.glove(), vocabulary.size(), Runtime.getRuntime().maxMemory());
                    }
                  })) {
        Path model = work.path().resolve("model");
        long tokens =
            Lexica.train(
                source,
                new Lexica.CorpusOrigin(index.getIndex().getName(), r.field, null, null),
                model,
                options);
        train.phase(TrainTask.Phase.STORING);
        long storing = System.nanoTime();
        StoredModel stored = store(r.name, model, train);
        options
            .report()
            .accept(
                String.format(
                    Locale.ROOT,
                    "stored as version %d (%d bytes in %d parts) in %.1f s",
                    stored.version(),
                    stored.size(),
                    stored.parts(),
                    (System.nanoTime() - storing) / 1e9));
        return new Response(stored, tokens, (System.nanoTime() - start) / 1e9);
      }
    }

    /** The index {@code name} names (an alias must name one index), open. */
    private IndexMetadata index(ClusterState state, String name) {
      String[] concrete =
          resolver.concreteIndexNames(
              state, IndicesOptions.strictSingleIndexNoExpandForbidClosed(), name);
      return state.metadata().index(concrete[0]);
    }

    /**
     * Stores the trained model as the next version of model {@code name}. The archive is packed
     * straight into parts of the models index ({@link PartSender}), with no archive file and no
     * read-back: this node wrote the folder a moment ago, so the commit's checks are made here on
     * what is sent. The folder must open as a model on this node ({@link ClusterModels#check}, as a
     * {@code PUT}'s commit checks its upload), the SHA-256 and size are those of the bytes sent,
     * and the index must hold every part with the length and SHA-256 it was sent with ({@link
     * ModelIndex#checkParts}, which reads the parts' digests, not their bytes). Every node that
     * serves the version still checks the whole archive's SHA-256 when it copies it ({@link
     * ClusterModels#materialize}). Anything that fails or a cancellation before the commit removes
     * the parts sent; nothing is served until {@link PutModelAction#publish}.
     *
     * <p>It runs as the plugin (the models index is a system index): the user's right to train
     * model {@code name} is the right to store it.
     */
    private StoredModel store(String name, Path folder, TrainTask task) throws IOException {
      try (ThreadContext.StoredContext ignored = threadPool.getThreadContext().stashContext()) {
        StoredModel previous = modelIndex.get(name);
        Map<String, String> metadata = cluster.check(name, folder);
        PartSender parts = new PartSender(modelIndex, name, UUID.randomUUID().toString(), task);
        boolean committed = false;
        try {
          String sha256 = ModelArchive.write(folder, parts);
          parts.finish();
          modelIndex.checkParts(name, parts.upload(), parts.sizes(), parts.sha256s());
          task.ensureNotCancelled();
          StoredModel stored =
              PutModelAction.publish(
                  modelIndex,
                  client,
                  previous,
                  name,
                  parts.upload(),
                  parts.sha256s().size(),
                  parts.bytes(),
                  sha256,
                  metadata);
          committed = true;
          return stored;
        } finally {
          if (!committed && !parts.sha256s().isEmpty()) {
            try {
              modelIndex.discardUpload(name, parts.upload());
            } catch (RuntimeException e) {
              LOG.warn(
                  "cannot remove the parts of the failed lexica training of [" + name + "]", e);
            }
          }
        }
      }
    }
  }
}
