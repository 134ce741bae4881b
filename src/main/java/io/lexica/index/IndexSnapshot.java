package io.lexica.index;

import io.lexica.LexicaException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.FilterLeafReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.SegmentReader;
import org.apache.lucene.util.StringHelper;

/**
 * What identifies the documents of one commit of an index, recorded in a model trained on all of
 * them so that a later update can find the documents added since ({@link DocumentSelection}).
 *
 * <ul>
 *   <li>The segments, by Lucene's segment id: a segment never changes after it is written (only
 *       deletions are added to it), so the documents outside the recorded segments are exactly
 *       those indexed later, as long as every recorded segment is still there. A merge replaces
 *       segments with a new one that mixes their documents; once a recorded segment has been merged
 *       away, segment ids cannot tell its documents from new ones.
 *   <li>For each one-dimensional point field (numbers, dates; at most {@value #MAX_SEQUENCE_FIELDS}
 *       of them, those of {@link #GROWING_FIELDS} always among them), the largest value in the
 *       index: when a field grows as documents are added (an ingest time, the indexing run {@code
 *       lexica index} records, a sequence number such as OpenSearch's {@value #OPENSEARCH_SEQ_NO}),
 *       the documents with a larger value are the new ones, whatever merges did. The value is kept
 *       as Lucene's sortable bytes, so any numeric type compares correctly.
 * </ul>
 *
 * <p>Reading it costs one look at each segment's header and each point field's root: no postings,
 * no documents. Immutable; thread-safe.
 *
 * @param generation the commit's generation ({@code segments_N})
 * @param segments the segments' ids (hex), in index order
 * @param documents live documents at the commit
 * @param sequenceMax largest value of each one-dimensional point field, as hex of its packed bytes
 */
public record IndexSnapshot(
    long generation, List<String> segments, long documents, Map<String, String> sequenceMax) {
  /** The field OpenSearch gives every document: its sequence number within the shard. */
  static final String OPENSEARCH_SEQ_NO = "_seq_no";

  /**
   * Fields known to grow as documents are added, which select the new documents by themselves once
   * segments have been merged: {@link Indexer#RUN} ({@code lexica index}) and {@value
   * #OPENSEARCH_SEQ_NO}.
   */
  static final List<String> GROWING_FIELDS = List.of(Indexer.RUN, OPENSEARCH_SEQ_NO);

  /** Point fields whose largest value is recorded, at most. */
  static final int MAX_SEQUENCE_FIELDS = 16;

  // Model metadata keys.
  static final String KEY_COMMIT = "source.commit";
  static final String KEY_SEGMENTS = "source.segments";
  static final String KEY_DOCUMENTS = "source.documents";
  static final String KEY_SEQUENCE_PREFIX = "source.sequence.";

  /** Copies the segment list and the sequence maxima, so a snapshot is immutable. */
  public IndexSnapshot {
    segments = List.copyOf(segments);
    sequenceMax = Map.copyOf(sequenceMax);
  }

  /**
   * The snapshot of the commit {@code reader} sees.
   *
   * @param reader a reader of the index
   * @return the commit's generation, segment ids, live documents and each one-dimensional point
   *     field's maximum
   */
  public static IndexSnapshot of(DirectoryReader reader) {
    try {
      List<String> ids = new ArrayList<>();
      for (LeafReaderContext ctx : reader.leaves()) {
        ids.add(segmentId(ctx.reader()));
      }
      Map<String, String> max = new TreeMap<>();
      for (FieldInfo fi : FieldInfos.getMergedFieldInfos(reader)) {
        boolean known = GROWING_FIELDS.contains(fi.name); // recorded whatever else there is
        if (fi.getPointDimensionCount() == 1
            && fi.getPointIndexDimensionCount() == 1
            && (known || max.size() < MAX_SEQUENCE_FIELDS - GROWING_FIELDS.size())) {
          byte[] value = PointValues.getMaxPackedValue(reader, fi.name);
          if (value != null) {
            max.put(fi.name, HexFormat.of().formatHex(value));
          }
        }
      }
      return new IndexSnapshot(reader.getIndexCommit().getGeneration(), ids, reader.numDocs(), max);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The segment id (hex) of a leaf of a directory reader. */
  static String segmentId(LeafReader leaf) {
    return StringHelper.idToString(segment(leaf).getSegmentInfo().info.getId());
  }

  /** True when the leaf's segment was written by a merge (so it may hold older documents). */
  static boolean isMerged(LeafReader leaf) {
    return IndexWriter.SOURCE_MERGE.equals(
        segment(leaf).getSegmentInfo().info.getDiagnostics().get(IndexWriter.SOURCE));
  }

  private static SegmentReader segment(LeafReader leaf) {
    if (FilterLeafReader.unwrap(leaf) instanceof SegmentReader s) {
      return s;
    }
    throw new IllegalArgumentException("not a segment of an index: " + leaf);
  }

  /**
   * The snapshot as model metadata entries ({@code source.commit}, {@code source.segments}...).
   *
   * @return the entries, to add to the model's metadata
   */
  public Map<String, String> toMetadata() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(KEY_COMMIT, Long.toString(generation));
    m.put(KEY_SEGMENTS, String.join(",", segments));
    m.put(KEY_DOCUMENTS, Long.toString(documents));
    sequenceMax.forEach((field, value) -> m.put(KEY_SEQUENCE_PREFIX + field, value));
    return m;
  }

  /**
   * The snapshot recorded in a model's metadata.
   *
   * @param metadata a model's metadata
   * @return the snapshot it records
   * @throws LexicaException when the model records none (trained on text files, or by a Lexica
   *     version that did not record it)
   */
  public static IndexSnapshot fromMetadata(Map<String, String> metadata) {
    String segments = metadata.get(KEY_SEGMENTS);
    if (segments == null) {
      throw new LexicaException(
          "the model does not record which documents of its index it was trained on (it was"
              + " trained on text files, or by an older Lexica)",
          "continue it on the new documents with 'lexica train --init MODEL', or retrain it on"
              + " the index once; later updates then find the new documents themselves");
    }
    Map<String, String> max = new TreeMap<>();
    metadata.forEach(
        (k, v) -> {
          if (k.startsWith(KEY_SEQUENCE_PREFIX)) {
            max.put(k.substring(KEY_SEQUENCE_PREFIX.length()), v);
          }
        });
    try {
      return new IndexSnapshot(
          Long.parseLong(metadata.getOrDefault(KEY_COMMIT, "0")),
          segments.isEmpty() ? List.of() : List.of(segments.split(",")),
          Long.parseLong(metadata.getOrDefault(KEY_DOCUMENTS, "0")),
          max);
    } catch (NumberFormatException e) {
      throw new LexicaException(
          "the model's record of its index is corrupt: " + e.getMessage(), "retrain the model");
    }
  }

  /** The recorded largest value of {@code field} as packed bytes, or null when not recorded. */
  byte[] sequenceMax(String field) {
    String hex = sequenceMax.get(field);
    return hex == null ? null : HexFormat.of().parseHex(hex);
  }
}
