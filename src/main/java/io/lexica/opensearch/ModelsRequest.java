package io.lexica.opensearch;

import java.io.IOException;
import org.opensearch.action.ActionRequest;
import org.opensearch.action.ActionRequestValidationException;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;

/**
 * A request about one model kept in the cluster, by name, or about all of them (name null; only
 * {@link GetModelsAction} takes that).
 */
final class ModelsRequest extends ActionRequest {
  final String name;

  ModelsRequest(String name) {
    this.name = name;
  }

  ModelsRequest(StreamInput in) throws IOException {
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
