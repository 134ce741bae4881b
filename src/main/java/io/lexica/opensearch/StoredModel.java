package io.lexica.opensearch;

import io.lexica.vectors.store.VectorStore;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.common.io.stream.Writeable;
import org.opensearch.core.xcontent.ToXContentObject;
import org.opensearch.core.xcontent.XContentBuilder;

/**
 * One committed version of a model kept in the cluster ({@link ModelIndex}): its name, version (1,
 * 2, ... per name), the upload its parts belong to, the archive's size and SHA-256 ({@link
 * io.lexica.vectors.store.ModelArchive}), the number of parts, when it was committed and the
 * model's own metadata (algorithm, dimension, vocabulary size and the trainer's settings).
 *
 * @param created commit time, epoch milliseconds
 */
record StoredModel(
    String name,
    long version,
    String upload,
    long size,
    String sha256,
    int parts,
    long created,
    Map<String, String> metadata)
    implements Writeable, ToXContentObject {

  StoredModel {
    metadata = Map.copyOf(metadata);
  }

  /** What identifies this version on every node: a new upload of the same name changes it. */
  String versionId() {
    return "cluster/" + version + "/" + sha256;
  }

  static StoredModel readFrom(StreamInput in) throws IOException {
    return new StoredModel(
        in.readString(),
        in.readVLong(),
        in.readString(),
        in.readVLong(),
        in.readString(),
        in.readVInt(),
        in.readVLong(),
        in.readMap(StreamInput::readString, StreamInput::readString));
  }

  @Override
  public void writeTo(StreamOutput out) throws IOException {
    out.writeString(name);
    out.writeVLong(version);
    out.writeString(upload);
    out.writeVLong(size);
    out.writeString(sha256);
    out.writeVInt(parts);
    out.writeVLong(created);
    out.writeMap(metadata, StreamOutput::writeString, StreamOutput::writeString);
  }

  /**
   * The listing's view: what operators compare across versions first (name, version, size,
   * checksum, algorithm, dimension, vocabulary size), then all metadata.
   */
  @Override
  public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
    builder.startObject();
    builder.field("name", name);
    builder.field("version", version);
    builder.field("size_in_bytes", size);
    builder.field("sha256", sha256);
    builder.field("parts", parts);
    builder.timeField("created", "created_millis", created);
    builder.field("algorithm", metadata.get(VectorStore.KEY_ALGORITHM));
    builder.field("dimension", intOrNull(metadata.get(VectorStore.KEY_DIMENSION)));
    builder.field("words", intOrNull(metadata.get(VectorStore.KEY_SIZE)));
    builder.field("metadata", new TreeMap<>(metadata));
    builder.endObject();
    return builder;
  }

  private static Integer intOrNull(String value) {
    try {
      return value == null ? null : Integer.valueOf(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
