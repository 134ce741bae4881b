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
import org.opensearch.indices.IndicesService;
import org.opensearch.tasks.Task;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.TransportService;

/**
 * Pass one of a training in the cluster, on the node that holds a shard: opens a read session on
 * the shard and answers its field's term statistics over live documents, as {@link
 * io.lexica.corpus.IndexCorpusReader#vocabulary} counts them for a local index. The training node
 * sums them over the shards into the training's vocabulary.
 */
public final class ShardVocabularyAction extends ActionType<ShardVocabularyAction.Response> {
  static final ShardVocabularyAction INSTANCE = new ShardVocabularyAction();
  static final String NAME = "indices:data/read/lexica/train/vocabulary";

  private ShardVocabularyAction() {
    super(NAME, Response::new);
  }

  /** Opens session {@code session} on {@code shard} and reads {@code field}'s statistics. */
  static final class Request extends ShardReadRequest {
    final String field;

    Request(String session, ShardId shard, String field) {
      super(session, shard);
      this.field = field;
    }

    Request(StreamInput in) throws IOException {
      super(in);
      field = in.readString();
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
      super.writeTo(out);
      out.writeString(field);
    }
  }

  /** Every term of the field in the shard's live documents, with counts and document counts. */
  static final class Response extends ActionResponse {
    final Vocabulary vocabulary;
    final int documents;

    Response(Vocabulary vocabulary, int documents) {
      this.vocabulary = vocabulary;
      this.documents = documents;
    }

    Response(StreamInput in) throws IOException {
      super(in);
      vocabulary = readVocabulary(in);
      documents = in.readVInt();
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
      writeVocabulary(vocabulary, out);
      out.writeVInt(documents);
    }
  }

  /**
   * Writes a vocabulary: words in id order with their counts and document frequencies, from which
   * {@link #readVocabulary} rebuilds it with the same ids (the order is by count, then word).
   */
  static void writeVocabulary(Vocabulary v, StreamOutput out) throws IOException {
    out.writeVInt(v.size());
    for (int i = 0; i < v.size(); i++) {
      out.writeString(v.word(i));
      out.writeVLong(v.count(i));
      out.writeVLong(v.docFreq(i));
    }
  }

  static Vocabulary readVocabulary(StreamInput in) throws IOException {
    int n = in.readVInt();
    String[] words = new String[n];
    long[] counts = new long[n];
    long[] docFreqs = new long[n];
    for (int i = 0; i < n; i++) {
      words[i] = in.readString();
      counts[i] = in.readVLong();
      docFreqs[i] = in.readVLong();
    }
    return Vocabulary.of(java.util.Arrays.asList(words), counts, docFreqs);
  }

  /** Reads the statistics on this node, which holds the shard. */
  public static final class Transport extends BlockingTransportAction<Request, Response> {
    private final ShardReadings readings;
    private final IndicesService indices;

    /**
     * The transport action, made by OpenSearch's injector.
     *
     * @param transportService the node's transport service
     * @param actionFilters the node's action filters
     * @param threadPool the node's thread pool
     * @param readings the node's open shard reads
     * @param indices the node's indices, to find the shards
     */
    @Inject
    public Transport(
        TransportService transportService,
        ActionFilters actionFilters,
        ThreadPool threadPool,
        ShardReadings readings,
        IndicesService indices) {
      super(
          NAME,
          transportService,
          actionFilters,
          Request::new,
          threadPool,
          ThreadPool.Names.GENERIC,
          false);
      this.readings = readings;
      this.indices = indices;
    }

    @Override
    Response run(Task task, Request r) {
      return readings.open(r.session, r.shard, indices, r.field);
    }
  }
}
