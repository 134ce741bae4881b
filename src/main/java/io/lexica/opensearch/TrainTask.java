package io.lexica.opensearch;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.opensearch.core.common.io.stream.NamedWriteableRegistry;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.tasks.TaskCancelledException;
import org.opensearch.core.tasks.TaskId;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.tasks.CancellableTask;
import org.opensearch.tasks.Task;

/**
 * The task of a training in the cluster ({@link TrainModelAction}): {@code GET _tasks} shows it
 * with its {@link Status} (phase, shards read, tokens read, share of the training done), and {@code
 * POST _tasks/<id>/_cancel} stops it. Cancelling also cancels the shard reads it started (its child
 * tasks); the training itself notices at its next check, which comes at least once per batch of
 * tokens read and, while it trains, through the corpus's stop signal ({@link
 * WatchedCorpus#stopSignal()}: every few thousand tokens or co-occurrence entries, in every phase
 * of every algorithm, GloVe's counting and shuffle included), so it stops within moments.
 *
 * <p>The fields are written by the one thread that runs the training and read by the tasks API:
 * volatile, no locks.
 */
final class TrainTask extends CancellableTask {
  /** What the training is doing now. */
  enum Phase {
    STARTING,
    READING_TERM_STATISTICS,
    READING_DOCUMENTS,
    TRAINING,
    STORING;

    String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private volatile Phase phase = Phase.STARTING;
  private volatile int shards;
  private volatile int shardsRead;
  private volatile long tokensRead;
  private volatile DoubleSupplier trained = () -> 0;

  TrainTask(
      long id,
      String type,
      String action,
      String description,
      TaskId parentTaskId,
      Map<String, String> headers) {
    super(id, type, action, description, parentTaskId, headers);
  }

  @Override
  public boolean shouldCancelChildrenOnCancellation() {
    return true; // the shard reads serve this training only
  }

  /** Enters {@code next}, after checking that the task was not cancelled. */
  void phase(Phase next) {
    ensureNotCancelled();
    phase = next;
  }

  /** The number of shards to read. */
  void shards(int n) {
    shards = n;
  }

  /** One more shard read in the current pass. */
  void shardRead() {
    shardsRead++;
  }

  /** Starts a pass over the shards. */
  void resetShardsRead() {
    shardsRead = 0;
  }

  /** Adds tokens received from the shards (GAPs included). */
  void tokensRead(long n) {
    tokensRead += n;
  }

  /** Where the training's done share (0 to 1) is read from, once training has started. */
  void trained(DoubleSupplier done) {
    trained = done;
  }

  /**
   * Throws when the task was cancelled, so that the training unwinds and nothing is stored.
   *
   * @throws TaskCancelledException naming the task and why it was cancelled
   */
  void ensureNotCancelled() {
    if (isCancelled()) {
      throw new TaskCancelledException(
          "lexica training cancelled (" + getReasonCancelled() + "); nothing was stored");
    }
  }

  @Override
  public Status getStatus() {
    return new Status(phase.id(), shardsRead, shards, tokensRead, trained.getAsDouble());
  }

  /**
   * A snapshot of a training's progress as {@code GET _tasks?detailed} shows it: {@code {"phase":
   * "training", "shards_read": 2, "shards": 2, "tokens_read": 17005207, "trained": 0.42}}. {@code
   * shards_read} counts the current pass (term statistics, then documents); {@code trained} is the
   * share of all epochs' sequences the trainer has read (GloVe reads them once, to count its
   * co-occurrences; its iterations then read the counts).
   */
  record Status(String phase, int shardsRead, int shards, long tokensRead, double trained)
      implements Task.Status {
    static final String NAME = "lexica_train";

    /** The registry entry that lets the tasks API send a status between nodes. */
    static NamedWriteableRegistry.Entry entry() {
      return new NamedWriteableRegistry.Entry(Task.Status.class, NAME, Status::read);
    }

    static Status read(StreamInput in) throws IOException {
      return new Status(
          in.readString(), in.readVInt(), in.readVInt(), in.readVLong(), in.readDouble());
    }

    @Override
    public String getWriteableName() {
      return NAME;
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
      out.writeString(phase);
      out.writeVInt(shardsRead);
      out.writeVInt(shards);
      out.writeVLong(tokensRead);
      out.writeDouble(trained);
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder b, Params params) throws IOException {
      return b.startObject()
          .field("phase", phase)
          .field("shards_read", shardsRead)
          .field("shards", shards)
          .field("tokens_read", tokensRead)
          .field("trained", trained)
          .endObject();
    }
  }
}
