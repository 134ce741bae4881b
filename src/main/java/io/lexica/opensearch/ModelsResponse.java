package io.lexica.opensearch;

import java.io.IOException;
import java.util.List;
import org.opensearch.core.action.ActionResponse;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;

/** Models kept in the cluster, as the model actions answer them (the REST layer shapes them). */
final class ModelsResponse extends ActionResponse {
  private final List<StoredModel> models;

  ModelsResponse(List<StoredModel> models) {
    this.models = List.copyOf(models);
  }

  ModelsResponse(StreamInput in) throws IOException {
    super(in);
    this.models = in.readList(StoredModel::readFrom);
  }

  @Override
  public void writeTo(StreamOutput out) throws IOException {
    out.writeList(models);
  }

  List<StoredModel> models() {
    return models;
  }
}
