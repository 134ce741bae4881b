package io.lexica.opensearch;

import java.io.IOException;
import org.opensearch.action.ActionRequest;
import org.opensearch.action.ActionRequestValidationException;
import org.opensearch.action.ActionType;
import org.opensearch.action.support.ActionFilters;
import org.opensearch.action.support.clustermanager.AcknowledgedResponse;
import org.opensearch.common.inject.Inject;
import org.opensearch.core.common.bytes.BytesReference;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.tasks.Task;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.TransportService;

/**
 * Stores one part of an upload of a model ({@code PUT /_lexica/models/<name>/_parts/<n>}); the
 * model serves it only after {@link PutModelAction} commits the upload.
 */
public final class PutModelPartAction extends ActionType<AcknowledgedResponse> {
  static final PutModelPartAction INSTANCE = new PutModelPartAction();
  static final String NAME = "cluster:admin/lexica/models/put_part";

  private PutModelPartAction() {
    super(NAME, AcknowledgedResponse::new);
  }

  /** Part {@code part} (from 0) of upload {@code upload} of model {@code name}. */
  static final class Request extends ActionRequest {
    final String name;
    final String upload;
    final int part;
    final BytesReference data;

    Request(String name, String upload, int part, BytesReference data) {
      this.name = name;
      this.upload = upload;
      this.part = part;
      this.data = data;
    }

    Request(StreamInput in) throws IOException {
      super(in);
      name = in.readString();
      upload = in.readString();
      part = in.readVInt();
      data = in.readBytesReference();
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
      super.writeTo(out);
      out.writeString(name);
      out.writeString(upload);
      out.writeVInt(part);
      out.writeBytesReference(data);
    }

    @Override
    public ActionRequestValidationException validate() {
      return BlockingTransportAction.validation(this::check);
    }

    private void check() {
      ModelRegistry.checkName(name);
      ModelIndex.checkUploadId(upload);
      if (part < 0 || part >= ModelIndex.MAX_PARTS) {
        throw new IllegalArgumentException(
            "[part] is a number from 0 to " + (ModelIndex.MAX_PARTS - 1) + ", got " + part);
      }
      if (data.length() == 0 || data.length() > ModelIndex.MAX_PART_BYTES) {
        throw new IllegalArgumentException(
            "a part holds 1 to "
                + ModelIndex.MAX_PART_BYTES
                + " bytes, this one "
                + data.length()
                + ": cut the archive into smaller parts");
      }
    }
  }

  /** Writes the part into the models index. */
  public static final class Transport
      extends BlockingTransportAction<Request, AcknowledgedResponse> {
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
          Request::new,
          threadPool,
          ThreadPool.Names.GENERIC,
          true);
      this.index = index;
    }

    @Override
    AcknowledgedResponse run(Task task, Request r) {
      index.putPart(r.name, r.upload, r.part, BytesReference.toBytes(r.data));
      return new AcknowledgedResponse(true);
    }
  }
}
