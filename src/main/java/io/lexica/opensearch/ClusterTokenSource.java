package io.lexica.opensearch;

import io.lexica.corpus.CorpusBuilder;
import io.lexica.corpus.DocumentVisitor;
import io.lexica.corpus.EncodedCorpus;
import io.lexica.corpus.TokenSource;
import io.lexica.corpus.Vocabulary;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.opensearch.ExceptionsHelper;
import org.opensearch.action.ActionListenerResponseHandler;
import org.opensearch.action.support.PlainActionFuture;
import org.opensearch.cluster.ClusterState;
import org.opensearch.cluster.metadata.IndexMetadata;
import org.opensearch.cluster.node.DiscoveryNode;
import org.opensearch.cluster.routing.IndexShardRoutingTable;
import org.opensearch.cluster.routing.ShardRouting;
import org.opensearch.core.action.ActionListener;
import org.opensearch.core.action.ActionResponse;
import org.opensearch.core.common.io.stream.Writeable;
import org.opensearch.core.index.shard.ShardId;
import org.opensearch.core.tasks.TaskCancelledException;
import org.opensearch.transport.TransportRequestOptions;
import org.opensearch.transport.TransportService;

/**
 * The documents of an index of the cluster as a {@link TokenSource}, read where its shards are: the
 * training node's side of {@link ShardVocabularyAction} (pass one: each shard's term statistics,
 * summed) and {@link ShardSequencesAction} (pass two: each shard's documents as encoded batches,
 * shard after shard). The library's training path ({@link io.lexica.Lexica#train(TokenSource,
 * io.lexica.Lexica.CorpusOrigin, java.nio.file.Path, io.lexica.Lexica.TrainOptions)}) reads it as
 * it reads a local index, so the vocabulary and the token count are those of the same documents in
 * one local index.
 *
 * <p>Each shard is read from one copy, on one node, for both passes (one session, one point-in-time
 * view of the shard). A copy that fails, leaves or moves ends the read with an exception naming the
 * shard and the node; {@link #close} then releases the other shards' sessions, so nothing stays
 * pinned. The task is checked between batches and, through the corpus {@link #encode} returns, on
 * every sequence the trainer reads.
 *
 * <p>Used by the one thread that runs the training; pass two can run once.
 */
final class ClusterTokenSource implements TokenSource, Closeable {
  /** The copy of a shard that is read, the node that holds it and the session's id there. */
  record ShardCopy(ShardId shard, DiscoveryNode node, String session) {}

  private final TransportService transport;
  private final List<ShardCopy> copies;
  private final String field;
  private final TrainTask task;
  private final int epochs;
  private final Consumer<Vocabulary> beforeDocuments;
  private final boolean[] finished;
  private boolean opened;
  private boolean replayed;

  /**
   * @param epochs the training's passes over the corpus, for the share of it done that the task
   *     shows
   * @param beforeDocuments told the vocabulary the documents are encoded against before the first
   *     is read, to check that the training fits (its exceptions end the training)
   */
  ClusterTokenSource(
      TransportService transport,
      List<ShardCopy> copies,
      String field,
      TrainTask task,
      int epochs,
      Consumer<Vocabulary> beforeDocuments) {
    this.transport = transport;
    this.copies = List.copyOf(copies);
    this.field = field;
    this.task = task;
    this.epochs = epochs;
    this.beforeDocuments = beforeDocuments;
    this.finished = new boolean[copies.size()];
  }

  /**
   * One active copy of every shard, the primary when it is active: each is read once, by one node.
   */
  static List<ShardCopy> oneCopyOfEachShard(ClusterState state, IndexMetadata index) {
    List<ShardCopy> copies = new ArrayList<>();
    String session = UUID.randomUUID().toString();
    for (IndexShardRoutingTable shard : state.routingTable().index(index.getIndex())) {
      ShardRouting copy = shard.primaryShard();
      if (copy == null || !copy.active()) {
        List<ShardRouting> active = shard.activeShards();
        if (active.isEmpty()) {
          throw new IllegalArgumentException(
              "shard "
                  + shard.shardId()
                  + " has no active copy: wait until the index is yellow or green (GET"
                  + " _cluster/health/"
                  + index.getIndex().getName()
                  + "?wait_for_status=yellow)");
        }
        copy = active.get(0);
      }
      copies.add(
          new ShardCopy(
              shard.shardId(),
              state.nodes().get(copy.currentNodeId()),
              session + "/" + shard.shardId().id()));
    }
    return copies;
  }

  /** Pass one: opens a session on every shard at once and sums their term statistics. */
  @Override
  public Vocabulary vocabulary() {
    if (opened) {
      throw new IllegalStateException("the shards' term statistics are read once");
    }
    opened = true;
    task.phase(TrainTask.Phase.READING_TERM_STATISTICS);
    task.shards(copies.size());
    List<PlainActionFuture<ShardVocabularyAction.Response>> answers = new ArrayList<>();
    for (ShardCopy c : copies) {
      answers.add(
          send(
              c,
              ShardVocabularyAction.NAME,
              new ShardVocabularyAction.Request(c.session(), c.shard(), field),
              ShardVocabularyAction.Response::new));
    }
    List<Vocabulary> shards = new ArrayList<>(copies.size());
    for (int i = 0; i < copies.size(); i++) {
      shards.add(answer(copies.get(i), answers.get(i)).vocabulary);
      task.shardRead();
    }
    return Vocabulary.sum(shards);
  }

  /**
   * Pass two: the shards' documents, shard after shard, each shard's in its replay's order. The
   * first request to a shard carries {@code vocabulary}; the shard sends its documents encoded
   * against it.
   */
  @Override
  public void forEachDocument(Vocabulary vocabulary, DocumentVisitor visitor) {
    if (!opened || replayed) {
      throw new IllegalStateException("the shards' documents are read once, after the vocabulary");
    }
    beforeDocuments.accept(vocabulary);
    replayed = true;
    task.phase(TrainTask.Phase.READING_DOCUMENTS);
    task.resetShardsRead();
    int doc = 0;
    for (int i = 0; i < copies.size(); i++) {
      ShardCopy c = copies.get(i);
      Vocabulary first = vocabulary;
      ShardSequencesAction.Batch batch;
      do {
        task.ensureNotCancelled();
        batch =
            answer(
                c,
                send(
                    c,
                    ShardSequencesAction.NAME,
                    new ShardSequencesAction.Request(c.session(), c.shard(), first, false),
                    ShardSequencesAction.Batch::new));
        first = null;
        int[] ids = batch.ids();
        int offset = 0;
        for (int length : batch.lengths()) {
          visitor.accept(doc++, 0, ids, offset, length);
          offset += length;
        }
        task.tokensRead(ids.length);
      } while (!batch.last());
      finished[i] = true;
      task.shardRead();
    }
  }

  /** The corpus, watched: the task shows the share trained and a cancellation stops the trainer. */
  @Override
  public EncodedCorpus encode(Vocabulary vocabulary, CorpusBuilder builder) {
    EncodedCorpus corpus = TokenSource.super.encode(vocabulary, builder);
    task.phase(TrainTask.Phase.TRAINING);
    WatchedCorpus watched = new WatchedCorpus(corpus, task, epochs);
    task.trained(watched::trainedShare);
    return watched;
  }

  private <R extends ActionResponse> PlainActionFuture<R> send(
      ShardCopy c, String action, ShardReadRequest request, Writeable.Reader<R> reader) {
    PlainActionFuture<R> answer = PlainActionFuture.newFuture();
    transport.sendChildRequest(
        c.node(),
        action,
        request,
        task,
        TransportRequestOptions.EMPTY,
        new ActionListenerResponseHandler<>(answer, reader));
    return answer;
  }

  /**
   * The answer of a shard, or an exception naming the shard and its node: the request's own
   * IllegalArgumentException (a field without positions) as it is, a cancellation as the task's.
   */
  private <R> R answer(ShardCopy c, PlainActionFuture<R> answer) {
    try {
      return answer.actionGet();
    } catch (RuntimeException e) {
      task.ensureNotCancelled();
      Throwable cause = ExceptionsHelper.unwrapCause(e);
      if (cause instanceof IllegalArgumentException bad) {
        throw new IllegalArgumentException(bad.getMessage(), e);
      }
      if (cause instanceof TaskCancelledException) {
        throw (TaskCancelledException) cause;
      }
      throw new IllegalStateException(
          "lexica training stopped: reading shard "
              + c.shard()
              + " on node ["
              + c.node().getName()
              + "] failed: "
              + cause.getMessage()
              + "; nothing was stored",
          e);
    }
  }

  /**
   * Releases the sessions of shards not read to the end (a failure or a cancellation), without
   * waiting: not as child requests, which a cancelled task's ban would refuse.
   */
  @Override
  public void close() {
    for (int i = 0; i < copies.size(); i++) {
      ShardCopy c = copies.get(i);
      if (!finished[i] && opened) {
        transport.sendRequest(
            c.node(),
            ShardSequencesAction.NAME,
            new ShardSequencesAction.Request(c.session(), c.shard(), null, true),
            TransportRequestOptions.EMPTY,
            new ActionListenerResponseHandler<>(
                ActionListener.<ShardSequencesAction.Batch>wrap(r -> {}, e -> {}),
                ShardSequencesAction.Batch::new));
      }
    }
  }
}
