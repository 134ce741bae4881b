package io.lexica.opensearch;

import io.lexica.corpus.CorpusBuilder;
import io.lexica.corpus.IndexCorpusReader;
import io.lexica.corpus.Vocabulary;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexOptions;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.unit.TimeValue;
import org.opensearch.core.index.shard.ShardId;
import org.opensearch.index.engine.Engine;
import org.opensearch.index.shard.IndexEventListener;
import org.opensearch.index.shard.IndexShard;
import org.opensearch.indices.IndicesService;
import org.opensearch.threadpool.ThreadPool;

/**
 * A node's reads of its shards for trainings in the cluster: each read is a session that pins one
 * searcher of the shard, so that both passes see the same point-in-time view (the term statistics
 * of pass one count exactly the documents pass two replays, deletions honoured as the searcher sees
 * them). Pass two runs the library's {@link IndexCorpusReader} on that reader, as {@code lexica
 * train} does on a local index, on a thread of its own that stays at most {@value #QUEUED} batches
 * ahead of the training node's requests: memory is bounded whatever the shard's size.
 *
 * <p>A session ends when its last batch is taken, when the training node releases it (a failure or
 * a cancellation there), after {@link #KEEP_ALIVE} without a request (the training node left), or
 * when its shard closes on this node (relocated, failed, its index closed or deleted): then the
 * next request fails with a message naming the shard, and the training stores nothing.
 *
 * <p>Thread-safe.
 */
final class ShardReadings implements IndexEventListener {
  private static final Logger LOG = LogManager.getLogger(ShardReadings.class);

  /** Entries (tokens and GAPs) in one batch: about 1 to 4 MB on the wire. */
  static final int BATCH_ENTRIES = 1 << 20;

  /** Batches a session prepares ahead of the training node's requests. */
  static final int QUEUED = 2;

  /** How long a session waits for its next request before it is closed. */
  static final TimeValue KEEP_ALIVE = TimeValue.timeValueMinutes(5);

  private final ThreadPool threadPool;
  private final String nodeName;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  ShardReadings(ThreadPool threadPool, String nodeName) {
    this.threadPool = threadPool;
    this.nodeName = nodeName;
  }

  /** Closes sessions idle for longer than {@link #KEEP_ALIVE}, every minute. */
  void start() {
    threadPool.scheduleWithFixedDelay(
        this::closeIdle, TimeValue.timeValueMinutes(1), ThreadPool.Names.GENERIC);
  }

  /**
   * Pass one: opens session {@code id} on shard {@code shard} of this node and answers the term
   * statistics of {@code field} over its live documents (empty when no document of the shard has
   * the field).
   *
   * @throws IllegalArgumentException when the field is indexed without positions (checked on the
   *     shard's own field infos)
   * @throws IllegalStateException when the shard is not on this node (any more)
   */
  ShardVocabularyAction.Response open(
      String id, ShardId shard, IndicesService indices, String field) {
    IndexShard indexShard;
    try {
      indexShard = indices.indexServiceSafe(shard.getIndex()).getShard(shard.id());
    } catch (RuntimeException e) {
      throw gone(shard, "is not on this node (it moved, or failed)");
    }
    Engine.Searcher searcher = indexShard.acquireSearcher("lexica_train");
    boolean ok = false;
    try {
      DirectoryReader reader = searcher.getDirectoryReader();
      FieldInfo info = FieldInfos.getMergedFieldInfos(reader).fieldInfo(field);
      IndexCorpusReader corpus = null;
      Vocabulary vocabulary = Vocabulary.of(List.of(), new long[0], new long[0]);
      if (info != null) {
        requirePositions(shard, field, info);
        corpus = IndexCorpusReader.of(reader, null).fields(List.of(field));
        vocabulary = corpus.vocabulary();
      }
      Session session = new Session(id, shard, searcher, corpus);
      if (sessions.putIfAbsent(id, session) != null) {
        throw new IllegalStateException("lexica shard read [" + id + "] is open already");
      }
      ok = true;
      return new ShardVocabularyAction.Response(vocabulary, reader.numDocs());
    } finally {
      if (!ok) {
        searcher.close();
      }
    }
  }

  private static void requirePositions(ShardId shard, String field, FieldInfo info) {
    boolean positions =
        info.getIndexOptions().compareTo(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS) >= 0;
    if (!positions && !info.hasTermVectors()) {
      throw new IllegalArgumentException(
          "field ["
              + field
              + "] of index ["
              + shard.getIndexName()
              + "] is indexed without positions, and lexica learns from word order: map it as"
              + " [text] with [index_options] [positions] (the default) and reindex");
    }
  }

  /**
   * Pass two: the next batch of session {@code id}'s encoded documents. The first request carries
   * the training's vocabulary and starts the replay; the last batch ({@link
   * ShardSequencesAction.Batch#last}) ends the session.
   *
   * @param vocabulary the training's vocabulary on the first request, null after
   * @throws IllegalStateException when the session ended (its shard closed, it timed out) or its
   *     replay failed
   */
  ShardSequencesAction.Batch next(String id, ShardId shard, Vocabulary vocabulary)
      throws InterruptedException {
    Session s = sessions.get(id);
    if (s == null) {
      throw gone(shard, "has no open read for this training (it closed, or timed out)");
    }
    try {
      if (vocabulary != null) {
        s.start(vocabulary);
      }
      ShardSequencesAction.Batch batch = s.take();
      if (batch.last()) {
        close(id);
      }
      return batch;
    } catch (RuntimeException e) {
      close(id); // a failed read is over: the training node gets why, once
      throw e;
    }
  }

  /** Ends session {@code id} if it is open: its replay stops, its searcher is released. */
  void close(String id) {
    Session s = sessions.remove(id);
    if (s != null) {
      s.close(null);
    }
  }

  @Override
  public void beforeIndexShardClosed(ShardId shard, IndexShard indexShard, Settings settings) {
    for (Session s : sessions.values()) {
      if (s.shard.equals(shard)) {
        // kept until its next request, which answers why; the searcher is released now
        s.close(
            gone(shard, "closed while lexica read it (relocated, failed, or its index closed)"));
      }
    }
  }

  private void closeIdle() {
    long now = System.nanoTime();
    for (Session s : sessions.values()) {
      if (now - s.lastAccess > KEEP_ALIVE.nanos()) {
        LOG.info("closing the lexica read of shard {}: no request for {}", s.shard, KEEP_ALIVE);
        close(s.id);
      }
    }
  }

  private IllegalStateException gone(ShardId shard, String what) {
    return new IllegalStateException(
        "shard " + shard + " on node [" + nodeName + "] " + what + "; start the training again");
  }

  /** Sessions open now, for tests. */
  int openSessions() {
    return sessions.size();
  }

  /** One shard's read: its pinned searcher and, in pass two, the replay feeding the queue. */
  private final class Session {
    final String id;
    final ShardId shard;
    final Engine.Searcher searcher;
    final IndexCorpusReader corpus; // null when no document of the shard has the field
    final BlockingQueue<ShardSequencesAction.Batch> queue = new ArrayBlockingQueue<>(QUEUED);
    volatile long lastAccess = System.nanoTime();
    volatile RuntimeException failure;
    volatile boolean closed;
    private boolean started;

    Session(String id, ShardId shard, Engine.Searcher searcher, IndexCorpusReader corpus) {
      this.id = id;
      this.shard = shard;
      this.searcher = searcher;
      this.corpus = corpus;
    }

    synchronized void start(Vocabulary vocabulary) {
      if (started) {
        throw new IllegalStateException("lexica shard read [" + id + "] has started already");
      }
      started = true;
      threadPool.generic().execute(() -> replay(vocabulary));
    }

    /** Runs the library's replay, cutting its documents into batches. */
    private void replay(Vocabulary vocabulary) {
      try {
        BatchBuilder batch = new BatchBuilder();
        if (corpus != null) {
          corpus.forEachDocument(
              vocabulary,
              (doc, field, ids, offset, length) -> {
                if (closed) {
                  throw new CancellationException("the read was closed");
                }
                batch.add(ids, offset, length);
                if (batch.entries >= BATCH_ENTRIES) {
                  put(batch.build(false));
                }
              });
        }
        put(batch.build(true));
      } catch (CancellationException e) {
        // closed: nobody waits for more
      } catch (RuntimeException e) {
        LOG.warn("lexica could not read shard " + shard, e);
        close(e);
      }
    }

    private void put(ShardSequencesAction.Batch batch) {
      try {
        while (!queue.offer(batch, 1, TimeUnit.SECONDS)) {
          if (closed) {
            throw new CancellationException("the read was closed");
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancellationException("interrupted");
      }
    }

    ShardSequencesAction.Batch take() throws InterruptedException {
      lastAccess = System.nanoTime();
      try {
        while (true) {
          if (closed) {
            throw failure != null
                ? failure
                : gone(shard, "has no open read for this training (it closed, or timed out)");
          }
          ShardSequencesAction.Batch b = queue.poll(1, TimeUnit.SECONDS);
          if (b != null) {
            return b;
          }
        }
      } finally {
        lastAccess = System.nanoTime();
      }
    }

    /** Stops the replay and releases the searcher; {@code cause} fails later requests. */
    void close(RuntimeException cause) {
      synchronized (this) {
        if (closed) {
          return;
        }
        failure = cause;
        closed = true;
      }
      queue.clear(); // a replay blocked in put() sees closed within a second
      searcher.close();
    }
  }

  /** Documents of a batch as they come: lengths and entries, DROPPED tokens left out. */
  private static final class BatchBuilder {
    private int[] lengths = new int[256];
    private int documents;
    private int[] ids = new int[1024];
    private int entries;

    void add(int[] document, int offset, int length) {
      if (documents == lengths.length) {
        lengths = Arrays.copyOf(lengths, documents * 2);
      }
      if (entries + length > ids.length) {
        ids = Arrays.copyOf(ids, Math.max(entries + length, ids.length * 2));
      }
      int start = entries;
      for (int i = offset, end = offset + length; i < end; i++) {
        if (document[i] != CorpusBuilder.DROPPED) { // dropped without a gap: no need to send it
          ids[entries++] = document[i];
        }
      }
      lengths[documents++] = entries - start;
    }

    ShardSequencesAction.Batch build(boolean last) {
      ShardSequencesAction.Batch b =
          new ShardSequencesAction.Batch(
              Arrays.copyOf(lengths, documents), Arrays.copyOf(ids, entries), last);
      documents = 0;
      entries = 0;
      return b;
    }
  }
}
