package io.lexica.opensearch;

import io.lexica.vectors.store.ModelArchive;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.opensearch.ExceptionsHelper;
import org.opensearch.ResourceAlreadyExistsException;
import org.opensearch.action.bulk.BulkRequestBuilder;
import org.opensearch.action.get.GetResponse;
import org.opensearch.action.index.IndexRequestBuilder;
import org.opensearch.action.search.SearchResponse;
import org.opensearch.action.support.WriteRequest;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.xcontent.XContentType;
import org.opensearch.index.IndexNotFoundException;
import org.opensearch.index.engine.VersionConflictEngineException;
import org.opensearch.index.query.BoolQueryBuilder;
import org.opensearch.index.query.QueryBuilders;
import org.opensearch.indices.SystemIndexDescriptor;
import org.opensearch.search.SearchHit;
import org.opensearch.search.sort.SortOrder;
import org.opensearch.transport.client.Client;

/**
 * The cluster's models: the hidden system index {@value #NAME}. A model version is an archive
 * ({@link io.lexica.vectors.store.ModelArchive}) cut into parts, one document each ({@code
 * part:<name>:<upload>:<n>}, the bytes in a {@code binary} field, neither indexed nor in doc
 * values), and one document per model ({@code model:<name>}) that names the upload it serves: its
 * {@link StoredModel}.
 *
 * <p>Uploads are all-or-nothing: parts are written under an upload id of the client's choosing, and
 * only {@link #publish} (after the caller has checked size and checksum: by reading every part back
 * for an upload from a client, by {@link #checkParts} for an archive the node sent itself) points
 * the model document at them, with optimistic concurrency, so readers see the old version or the
 * new one, never a mix. Parts of the version before stay until the next commit (nodes may still be
 * copying them); older ones and never-committed uploads are removed then.
 *
 * <p>Every method blocks: call them from a generic or management thread, in a stashed thread
 * context (the index is the plugin's, not the user's). Thread-safe.
 */
final class ModelIndex {
  /** The system index's name. */
  static final String NAME = ".lexica-models";

  /**
   * The largest part a client may send, in bytes (HTTP bodies are limited to 100 MB by default).
   */
  static final int MAX_PART_BYTES = 32 << 20;

  /** The most parts an upload may have. */
  static final int MAX_PARTS = 100_000;

  /**
   * The most parts {@link #checkParts} checks in one search (the index's default result window).
   */
  private static final int MAX_CHECKED_PARTS = 10_000;

  /** An upload id: chosen by the client, e.g. a random UUID. */
  private static final Pattern UPLOAD_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

  private static final String TYPE = "type";
  private static final String MAPPING =
      """
      {"dynamic": "strict", "properties": {
        "type": {"type": "keyword"}, "name": {"type": "keyword"}, "upload": {"type": "keyword"},
        "part": {"type": "integer"}, "data": {"type": "binary"},
        "version": {"type": "long"}, "size": {"type": "long"}, "sha256": {"type": "keyword"},
        "parts": {"type": "integer"}, "created": {"type": "date", "format": "epoch_millis"},
        "metadata": {"type": "object", "enabled": false}}}
      """;

  private final Client client;

  ModelIndex(Client client) {
    this.client = client;
  }

  /** The descriptor {@code SystemIndexPlugin} declares. */
  static SystemIndexDescriptor descriptor() {
    return new SystemIndexDescriptor(NAME, "Lexica models: versions, checksums, archive parts");
  }

  /**
   * Fails unless {@code upload} can be an upload id: 8 to 64 letters, digits, '_' or '-'.
   *
   * @throws IllegalArgumentException naming the rule
   */
  static void checkUploadId(String upload) {
    if (upload == null || !UPLOAD_ID.matcher(upload).matches()) {
      throw new IllegalArgumentException(
          "invalid upload id ["
              + upload
              + "]: 8 to 64 letters, digits, '_' or '-' (e.g. a random UUID), the same for every"
              + " part of one upload and its commit");
    }
  }

  /**
   * Stores part {@code part} (from 0) of an upload of model {@code name}, with its length and
   * SHA-256 beside the bytes (in {@code size} and {@code sha256}, which have doc values), so that
   * {@link #checkParts} can tell what the index holds without reading the bytes back.
   *
   * @return the part's SHA-256 (hex)
   */
  String putPart(String name, String upload, int part, byte[] data) {
    ensureIndex();
    String sha256 = HexFormat.of().formatHex(ModelArchive.sha256().digest(data));
    Map<String, Object> source = new HashMap<>();
    source.put(TYPE, "part");
    source.put("name", name);
    source.put("upload", upload);
    source.put("part", part);
    source.put("size", data.length);
    source.put("sha256", sha256);
    source.put("data", data);
    // CBOR keeps the bytes as they are; a text source would carry them in base64 (a third more, and
    // encoded and parsed again on every copy)
    client
        .prepareIndex(NAME)
        .setId(partId(name, upload, part))
        .setSource(source, XContentType.CBOR)
        .get();
    return sha256;
  }

  /**
   * Fails unless the index holds exactly the parts {@code 0 .. n-1} of an upload, part {@code i}
   * with the SHA-256 {@code sha256s.get(i)} its {@link #putPart} answered. It reads the lengths and
   * digests the parts were stored with (doc values), never their bytes: the check of a commit whose
   * archive this node has just sent and checked itself (a training's), where reading it back would
   * only copy it again.
   *
   * @param sizes each part's length in bytes
   * @param sha256s each part's SHA-256 (hex)
   * @throws IllegalStateException naming the first part that is missing, extra or not as sent
   */
  void checkParts(String name, String upload, long[] sizes, List<String> sha256s) {
    int n = sha256s.size();
    if (n >= MAX_CHECKED_PARTS) {
      throw new IllegalArgumentException(
          "an archive of "
              + n
              + " parts is more than a commit checks by digest; send larger parts");
    }
    client.admin().indices().prepareRefresh(NAME).get();
    SearchResponse r =
        client
            .prepareSearch(NAME)
            .setQuery(partsOf(name).filter(QueryBuilders.termQuery("upload", upload)))
            .setFetchSource(false)
            .addDocValueField("part")
            .addDocValueField("size")
            .addDocValueField("sha256")
            .setSize(n + 1)
            .get();
    boolean[] seen = new boolean[n];
    for (SearchHit hit : r.getHits()) {
      int part = ((Number) hit.field("part").getValue()).intValue();
      Object size = hit.field("size") == null ? null : hit.field("size").getValue();
      Object sha256 = hit.field("sha256") == null ? null : hit.field("sha256").getValue();
      if (part < 0 || part >= n || seen[part]) {
        throw partsNotAsSent(name, upload, "part " + part + " was not sent");
      }
      seen[part] = true;
      if (!(size instanceof Number s)
          || s.longValue() != sizes[part]
          || !sha256s.get(part).equals(sha256)) {
        throw partsNotAsSent(
            name,
            upload,
            "part "
                + part
                + " holds "
                + size
                + " bytes with SHA-256 "
                + sha256
                + ", sent "
                + sizes[part]
                + " bytes with SHA-256 "
                + sha256s.get(part));
      }
    }
    for (int i = 0; i < n; i++) {
      if (!seen[i]) {
        throw partsNotAsSent(name, upload, "part " + i + " is missing");
      }
    }
  }

  private static IllegalStateException partsNotAsSent(String name, String upload, String what) {
    return new IllegalStateException(
        "upload ["
            + upload
            + "] of lexica model ["
            + name
            + "] is not stored as it was sent: "
            + what
            + "; nothing was committed");
  }

  /**
   * The archive of an upload: its parts {@code 0 .. parts-1} read one at a time, in order.
   *
   * @throws IllegalArgumentException (from the stream) when a part is missing
   */
  Archive read(String name, String upload, int parts) {
    return new Archive(new Parts(name, upload, parts));
  }

  /** An upload's parts as one stream; {@link #length} counts the bytes of the parts read. */
  static final class Archive extends SequenceInputStream {
    private final Parts parts;

    private Archive(Parts parts) {
      super(parts);
      this.parts = parts;
    }

    /** The bytes of the parts read so far: the archive's length once the stream has ended. */
    long length() {
      return parts.bytes;
    }
  }

  private final class Parts implements Enumeration<InputStream> {
    final String name;
    final String upload;
    final int count;
    int next;
    long bytes;

    Parts(String name, String upload, int count) {
      this.name = name;
      this.upload = upload;
      this.count = count;
    }

    @Override
    public boolean hasMoreElements() {
      return next < count;
    }

    @Override
    public InputStream nextElement() {
      byte[] data = part(name, upload, next++);
      bytes += data.length;
      return new ByteArrayInputStream(data);
    }
  }

  private byte[] part(String name, String upload, int part) {
    GetResponse r = client.prepareGet(NAME, partId(name, upload, part)).get();
    if (!r.isExists()) {
      throw new IllegalArgumentException(
          "part "
              + part
              + " of upload ["
              + upload
              + "] of lexica model ["
              + name
              + "] is missing: send every part before the commit");
    }
    Object data = r.getSourceAsMap().get("data");
    return data instanceof byte[] b ? b : Base64.getDecoder().decode((String) data);
  }

  /** The version the cluster serves now, or null when there is none. */
  StoredModel get(String name) {
    try {
      GetResponse r = client.prepareGet(NAME, modelId(name)).get();
      return r.isExists() ? model(r.getSourceAsMap()) : null;
    } catch (IndexNotFoundException e) {
      return null;
    }
  }

  /** Every model the cluster serves, by name. */
  List<StoredModel> list() {
    try {
      SearchResponse r =
          client
              .prepareSearch(NAME)
              .setQuery(QueryBuilders.termQuery(TYPE, "model"))
              .addSort("name", SortOrder.ASC)
              .setSize(10_000)
              .get();
      List<StoredModel> out = new ArrayList<>();
      for (SearchHit hit : r.getHits()) {
        out.add(model(hit.getSourceAsMap()));
      }
      return out;
    } catch (IndexNotFoundException e) {
      return List.of();
    }
  }

  /**
   * Makes {@code next} the served version of its model, unless another commit of the same name came
   * first; then removes the parts of older uploads but the one it replaces.
   *
   * @param previous the version {@code next} replaces (as read before the parts were checked), or
   *     null when there was none
   * @throws IllegalStateException when another upload of the model was committed meanwhile
   */
  void publish(StoredModel previous, StoredModel next) {
    ensureIndex();
    Map<String, Object> source = new HashMap<>();
    source.put(TYPE, "model");
    source.put("name", next.name());
    source.put("version", next.version());
    source.put("upload", next.upload());
    source.put("size", next.size());
    source.put("sha256", next.sha256());
    source.put("parts", next.parts());
    source.put("created", next.created());
    source.put("metadata", next.metadata());
    IndexRequestBuilder write =
        client
            .prepareIndex(NAME)
            .setId(modelId(next.name()))
            .setSource(source, XContentType.JSON)
            .setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE);
    if (previous == null) {
      write.setCreate(true);
    } else {
      GetResponse now = client.prepareGet(NAME, modelId(next.name())).get();
      StoredModel current = now.isExists() ? model(now.getSourceAsMap()) : null;
      if (current == null || current.version() != previous.version()) {
        throw concurrentCommit(next.name());
      }
      write.setIfSeqNo(now.getSeqNo()).setIfPrimaryTerm(now.getPrimaryTerm());
    }
    try {
      write.get();
    } catch (VersionConflictEngineException e) {
      throw concurrentCommit(next.name());
    }
    Set<String> keep =
        previous == null ? Set.of(next.upload()) : Set.of(next.upload(), previous.upload());
    deleteParts(next.name(), keep);
  }

  private static IllegalStateException concurrentCommit(String name) {
    return new IllegalStateException(
        "another upload of lexica model ["
            + name
            + "] was committed meanwhile; this one was not: check GET /_lexica/models/"
            + name
            + " and upload again if it is not the version you want");
  }

  /** Removes model {@code name} and all its parts; answers what it served, null when nothing. */
  StoredModel delete(String name) {
    StoredModel gone = get(name);
    if (gone == null) {
      return null;
    }
    client
        .prepareDelete(NAME, modelId(name))
        .setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE)
        .get();
    deleteParts(name, Set.of());
    return gone;
  }

  /**
   * Removes the parts of an upload that will not be committed (a training in the cluster that
   * failed or was cancelled while it stored its model).
   */
  void discardUpload(String name, String upload) {
    deleteParts(partsOf(name).filter(QueryBuilders.termQuery("upload", upload)));
  }

  /** Deletes the parts of model {@code name} whose upload is not in {@code keep}. */
  private void deleteParts(String name, Set<String> keep) {
    BoolQueryBuilder parts = partsOf(name);
    if (!keep.isEmpty()) {
      parts.mustNot(QueryBuilders.termsQuery("upload", keep));
    }
    deleteParts(parts);
  }

  private static BoolQueryBuilder partsOf(String name) {
    return QueryBuilders.boolQuery()
        .filter(QueryBuilders.termQuery(TYPE, "part"))
        .filter(QueryBuilders.termQuery("name", name));
  }

  /** Deletes the part documents {@code parts} matches. */
  private void deleteParts(BoolQueryBuilder parts) {
    client.admin().indices().prepareRefresh(NAME).get();
    while (true) {
      SearchResponse r =
          client.prepareSearch(NAME).setQuery(parts).setFetchSource(false).setSize(1000).get();
      if (r.getHits().getHits().length == 0) {
        return;
      }
      BulkRequestBuilder bulk =
          client.prepareBulk().setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE);
      for (SearchHit hit : r.getHits()) {
        bulk.add(client.prepareDelete(NAME, hit.getId()));
      }
      bulk.get();
    }
  }

  /** Creates the index when it is missing (the first upload does so). */
  private void ensureIndex() {
    if (client.admin().indices().prepareExists(NAME).get().isExists()) {
      return;
    }
    try {
      client
          .admin()
          .indices()
          .prepareCreate(NAME)
          .setSettings(
              Settings.builder()
                  .put("index.hidden", true)
                  .put("index.number_of_shards", 1)
                  .put("index.auto_expand_replicas", "0-1"))
          .setMapping(MAPPING)
          .get();
    } catch (Exception e) {
      if (!(ExceptionsHelper.unwrapCause(e) instanceof ResourceAlreadyExistsException)) {
        throw e;
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static StoredModel model(Map<String, Object> source) {
    Map<String, Object> meta = (Map<String, Object>) source.getOrDefault("metadata", Map.of());
    Map<String, String> metadata = new HashMap<>();
    meta.forEach((k, v) -> metadata.put(k, String.valueOf(v)));
    return new StoredModel(
        (String) source.get("name"),
        ((Number) source.get("version")).longValue(),
        (String) source.get("upload"),
        ((Number) source.get("size")).longValue(),
        (String) source.get("sha256"),
        ((Number) source.get("parts")).intValue(),
        ((Number) source.get("created")).longValue(),
        Collections.unmodifiableMap(metadata));
  }

  private static String modelId(String name) {
    return "model:" + name;
  }

  /** The id of an upload's part document. */
  static String partId(String name, String upload, int part) {
    return "part:" + name + ":" + upload + ":" + part;
  }
}
