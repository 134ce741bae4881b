package io.lexica.opensearch;

import java.io.IOException;
import java.util.concurrent.atomic.LongAdder;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.common.io.stream.Writeable;
import org.opensearch.core.xcontent.ToXContentFragment;
import org.opensearch.core.xcontent.XContentBuilder;

/**
 * What the {@code lexica_embed} processors of one node did since it started: documents seen, those
 * that got a vector, those without text in the source fields and those whose text has no word the
 * model knows (both get no vector and are indexed without one, never failed), and those failed (a
 * missing model, a target field mapped otherwise). {@code GET /_lexica/stats} sums the nodes'.
 *
 * <p>Counting is thread-safe; a {@link Snapshot} is an immutable copy.
 */
public final class EmbedStats {
  private final LongAdder documents = new LongAdder();
  private final LongAdder embedded = new LongAdder();
  private final LongAdder withoutText = new LongAdder();
  private final LongAdder withoutKnownWord = new LongAdder();
  private final LongAdder failed = new LongAdder();

  /** Counts that start at zero; the plugin makes one a node, at its start. */
  public EmbedStats() {}

  void embedded() {
    documents.increment();
    embedded.increment();
  }

  void withoutText() {
    documents.increment();
    withoutText.increment();
  }

  void withoutKnownWord() {
    documents.increment();
    withoutKnownWord.increment();
  }

  void failed() {
    documents.increment();
    failed.increment();
  }

  Snapshot snapshot() {
    return new Snapshot(
        documents.sum(), embedded.sum(), withoutText.sum(), withoutKnownWord.sum(), failed.sum());
  }

  /** The counts at one moment, as sent between nodes and shown over REST. */
  record Snapshot(
      long documents, long embedded, long withoutText, long withoutKnownWord, long failed)
      implements Writeable, ToXContentFragment {
    static final Snapshot ZERO = new Snapshot(0, 0, 0, 0, 0);

    Snapshot(StreamInput in) throws IOException {
      this(in.readVLong(), in.readVLong(), in.readVLong(), in.readVLong(), in.readVLong());
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
      out.writeVLong(documents);
      out.writeVLong(embedded);
      out.writeVLong(withoutText);
      out.writeVLong(withoutKnownWord);
      out.writeVLong(failed);
    }

    Snapshot plus(Snapshot o) {
      return new Snapshot(
          documents + o.documents,
          embedded + o.embedded,
          withoutText + o.withoutText,
          withoutKnownWord + o.withoutKnownWord,
          failed + o.failed);
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
      return builder
          .field("documents", documents)
          .field("embedded", embedded)
          .field("no_vector_no_text", withoutText)
          .field("no_vector_no_known_word", withoutKnownWord)
          .field("failed", failed);
    }
  }
}
