package io.lexica.opensearch;

import io.lexica.corpus.Vocabulary;
import java.io.IOException;
import org.opensearch.action.ActionType;
import org.opensearch.action.support.ActionFilters;
import org.opensearch.common.inject.Inject;
import org.opensearch.core.action.ActionResponse;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.index.shard.ShardId;
import org.opensearch.tasks.Task;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.TransportService;

/**
 * Pass two of a training in the cluster, on the node that holds a shard: the next batch of the
 * shard's documents, encoded against the training's vocabulary by the library's corpus reader
 * ({@link ShardReadings}). Documents travel as token ids, never as text, at most {@value
 * ShardReadings#BATCH_ENTRIES} entries a batch; the training node asks for the next batch when it
 * has taken the last one, so neither side holds more than a few batches. A request with {@code
 * release} ends the session instead (the training failed or was cancelled).
 */
public final class ShardSequencesAction extends ActionType<ShardSequencesAction.Batch> {
  static final ShardSequencesAction INSTANCE = new ShardSequencesAction();
  static final String NAME = "indices:data/read/lexica/train/sequences";

  private ShardSequencesAction() {
    super(NAME, Batch::new);
  }

  /** The next batch of a session; the first request carries the vocabulary. */
  static final class Request extends ShardReadRequest {
    final Vocabulary vocabulary; // null after the first request
    final boolean release;

    Request(String session, ShardId shard, Vocabulary vocabulary, boolean release) {
      super(session, shard);
      this.vocabulary = vocabulary;
      this.release = release;
    }

    Request(StreamInput in) throws IOException {
      super(in);
      vocabulary = in.readBoolean() ? ShardVocabularyAction.readVocabulary(in) : null;
      release = in.readBoolean();
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
      super.writeTo(out);
      out.writeBoolean(vocabulary != null);
      if (vocabulary != null) {
        ShardVocabularyAction.writeVocabulary(vocabulary, out);
      }
      out.writeBoolean(release);
    }
  }

  /**
   * Documents in the replay's order: {@code lengths[d]} entries each, concatenated in {@code ids}
   * (vocabulary ids and {@link io.lexica.corpus.EncodedCorpus#GAP}s; tokens outside the vocabulary
   * are left out, as the corpus builder would drop them). {@code last}: the shard has no more.
   */
  static final class Batch extends ActionResponse {
    static final Batch RELEASED = new Batch(new int[0], new int[0], true);

    private final int[] lengths;
    private final int[] ids;
    private final boolean last;

    Batch(int[] lengths, int[] ids, boolean last) {
      this.lengths = lengths;
      this.ids = ids;
      this.last = last;
    }

    Batch(StreamInput in) throws IOException {
      super(in);
      lengths = readInts(in, 0);
      ids = readInts(in, 1);
      last = in.readBoolean();
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
      writeInts(lengths, 0, out);
      writeInts(ids, 1, out);
      out.writeBoolean(last);
    }

    int[] lengths() {
      return lengths;
    }

    int[] ids() {
      return ids;
    }

    boolean last() {
      return last;
    }

    /** Ids are written shifted by one, so that a GAP (-1) takes one byte, as small ids do. */
    private static int[] readInts(StreamInput in, int shift) throws IOException {
      int[] values = new int[in.readVInt()];
      for (int i = 0; i < values.length; i++) {
        values[i] = in.readVInt() - shift;
      }
      return values;
    }

    private static void writeInts(int[] values, int shift, StreamOutput out) throws IOException {
      out.writeVInt(values.length);
      for (int v : values) {
        out.writeVInt(v + shift);
      }
    }
  }

  /** Hands out the next batch on this node, which holds the shard. */
  public static final class Transport extends BlockingTransportAction<Request, Batch> {
    private final ShardReadings readings;

    /**
     * The transport action, made by OpenSearch's injector.
     *
     * @param transportService the node's transport service
     * @param actionFilters the node's action filters
     * @param threadPool the node's thread pool
     * @param readings the node's open shard reads
     */
    @Inject
    public Transport(
        TransportService transportService,
        ActionFilters actionFilters,
        ThreadPool threadPool,
        ShardReadings readings) {
      super(
          NAME,
          transportService,
          actionFilters,
          Request::new,
          threadPool,
          ThreadPool.Names.GENERIC,
          false);
      this.readings = readings;
    }

    @Override
    Batch run(Task task, Request r) throws InterruptedException {
      if (r.release) {
        readings.close(r.session);
        return Batch.RELEASED;
      }
      return readings.next(r.session, r.shard, r.vocabulary);
    }
  }
}
