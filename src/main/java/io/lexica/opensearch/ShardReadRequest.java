package io.lexica.opensearch;

import java.io.IOException;
import org.opensearch.action.ActionRequest;
import org.opensearch.action.ActionRequestValidationException;
import org.opensearch.action.IndicesRequest;
import org.opensearch.action.support.IndicesOptions;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.index.shard.ShardId;

/**
 * A request of a training node to the node holding a shard, about one read session ({@link
 * ShardReadings}). It names its index, so a security plugin authorises it as a read of that index
 * by the user who started the training.
 */
abstract class ShardReadRequest extends ActionRequest implements IndicesRequest {
  final String session;
  final ShardId shard;

  ShardReadRequest(String session, ShardId shard) {
    this.session = session;
    this.shard = shard;
  }

  ShardReadRequest(StreamInput in) throws IOException {
    super(in);
    session = in.readString();
    shard = new ShardId(in);
  }

  @Override
  public void writeTo(StreamOutput out) throws IOException {
    super.writeTo(out);
    out.writeString(session);
    shard.writeTo(out);
  }

  @Override
  public String[] indices() {
    return new String[] {shard.getIndexName()};
  }

  @Override
  public IndicesOptions indicesOptions() {
    return IndicesOptions.strictSingleIndexNoExpandForbidClosed();
  }

  @Override
  public ActionRequestValidationException validate() {
    return null; // made by the training node, never by a user
  }
}
