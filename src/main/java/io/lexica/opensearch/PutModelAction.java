package io.lexica.opensearch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.opensearch.action.ActionRequest;
import org.opensearch.action.ActionRequestValidationException;
import org.opensearch.action.ActionType;
import org.opensearch.action.support.ActionFilters;
import org.opensearch.common.inject.Inject;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.tasks.Task;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.TransportService;
import org.opensearch.transport.client.Client;

/**
 * Commits an upload ({@code PUT /_lexica/models/<name>}): reads its parts back, checks the size and
 * SHA-256 the client announced and that the archive is a model this node can open, and only then
 * makes it the model's next version, which every node serves from its next request on ({@link
 * ModelChangedAction}). A failed commit changes nothing: the previous version keeps serving.
 */
public final class PutModelAction extends ActionType<ModelsResponse> {
  static final PutModelAction INSTANCE = new PutModelAction();
  static final String NAME = "cluster:admin/lexica/models/put";

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private PutModelAction() {
    super(NAME, ModelsResponse::new);
  }

  /** The commit of upload {@code upload}: its number of parts, size and checksum. */
  static final class Request extends ActionRequest {
    final String name;
    final String upload;
    final int parts;
    final long size;
    final String sha256;

    Request(String name, String upload, int parts, long size, String sha256) {
      this.name = name;
      this.upload = upload;
      this.parts = parts;
      this.size = size;
      this.sha256 = sha256;
    }

    Request(StreamInput in) throws IOException {
      super(in);
      name = in.readString();
      upload = in.readString();
      parts = in.readVInt();
      size = in.readVLong();
      sha256 = in.readString();
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
      super.writeTo(out);
      out.writeString(name);
      out.writeString(upload);
      out.writeVInt(parts);
      out.writeVLong(size);
      out.writeString(sha256);
    }

    @Override
    public ActionRequestValidationException validate() {
      return BlockingTransportAction.validation(this::check);
    }

    private void check() {
      ModelRegistry.checkName(name);
      ModelIndex.checkUploadId(upload);
      if (parts < 1 || parts > ModelIndex.MAX_PARTS) {
        throw new IllegalArgumentException(
            "[parts] is the number of parts sent, 1 to " + ModelIndex.MAX_PARTS + ", got " + parts);
      }
      if (size < 1 || size > (long) parts * ModelIndex.MAX_PART_BYTES) {
        throw new IllegalArgumentException(
            "[size] is the archive's length in bytes, at most "
                + ModelIndex.MAX_PART_BYTES
                + " a part; got "
                + size
                + " for "
                + parts
                + " parts");
      }
      if (sha256 == null || !SHA256.matcher(sha256).matches()) {
        throw new IllegalArgumentException(
            "[sha256] is the archive's SHA-256 as 64 lower-case hex digits, got [" + sha256 + "]");
      }
    }
  }

  /** Checks and publishes the upload. */
  public static final class Transport extends BlockingTransportAction<Request, ModelsResponse> {
    private final ModelIndex index;
    private final ClusterModels cluster;
    private final Client client;

    /**
     * The transport action, made by OpenSearch's injector.
     *
     * @param transportService the node's transport service
     * @param actionFilters the node's action filters
     * @param threadPool the node's thread pool
     * @param index the cluster's models index
     * @param cluster the node's view of the cluster's models
     * @param client the node's client, to tell every node the model changed ({@link
     *     ModelChangedAction})
     */
    @Inject
    public Transport(
        TransportService transportService,
        ActionFilters actionFilters,
        ThreadPool threadPool,
        ModelIndex index,
        ClusterModels cluster,
        Client client) {
      super(
          NAME,
          transportService,
          actionFilters,
          Request::new,
          threadPool,
          ThreadPool.Names.GENERIC,
          true);
      this.index = index;
      this.cluster = cluster;
      this.client = client;
    }

    @Override
    ModelsResponse run(Task task, Request r) throws IOException {
      StoredModel previous = index.get(r.name);
      Path unpacked =
          cluster.unpack(r.name, index.read(r.name, r.upload, r.parts), r.size, r.sha256);
      try {
        Map<String, String> metadata = cluster.check(r.name, unpacked);
        return new ModelsResponse(
            List.of(
                publish(
                    index, client, previous, r.name, r.upload, r.parts, r.size, r.sha256,
                    metadata)));
      } finally {
        ClusterModels.discard(unpacked);
      }
    }
  }

  /**
   * Makes a checked upload the model's next version and tells every node: the one step of a commit
   * after its checks, shared by {@code PUT} and a training in the cluster.
   *
   * @param previous the version served when the checks began (null when none), so that a commit of
   *     the same name that came first is not overwritten
   * @param metadata the model's metadata as {@link ClusterModels#check} answered it
   * @return the version stored
   * @throws IllegalStateException when another upload of the model was committed meanwhile
   */
  static StoredModel publish(
      ModelIndex index,
      Client client,
      StoredModel previous,
      String name,
      String upload,
      int parts,
      long size,
      String sha256,
      Map<String, String> metadata) {
    long version = previous == null ? 1 : previous.version() + 1;
    StoredModel next =
        new StoredModel(
            name, version, upload, size, sha256, parts, System.currentTimeMillis(), metadata);
    index.publish(previous, next);
    ModelChangedAction.notifyNodes(client, name);
    return next;
  }
}
