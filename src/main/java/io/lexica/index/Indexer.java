package io.lexica.index;

import io.lexica.LexicaException;
import io.lexica.analysis.AnalyzerSpec;
import io.lexica.analysis.TermLimit;
import io.lexica.util.AtomicOutput;
import io.lexica.util.OutputKind;
import io.lexica.util.OutputPolicy;
import io.lexica.util.Progress;
import io.lexica.util.ThreadCounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRefHash;

/**
 * Builds a Lucene index from input files ({@link DocumentReader}): fields {@value #ID} (stored, not
 * tokenized), {@value #TITLE} and {@value #BODY} (analyzed with positions, stored), body term
 * vectors with positions optional. The analyzer spec is recorded in the commit user data under
 * {@link AnalyzerSpec#USER_DATA_KEY}. The index is written beside the target and moved into place
 * when complete ({@link AtomicOutput}); it replaces an index this class made there (see {@link
 * #KIND}), and anything else only with {@link OutputPolicy#overwrite()}.
 *
 * <p>With one thread documents keep input order; with more, each indexing thread fills its own
 * segments, so document order follows the segments. Not thread-safe itself (it uses its own
 * threads).
 */
public final class Indexer {
  /** The identifier field (stored, indexed as one term). */
  public static final String ID = "id";

  /** The title field. */
  public static final String TITLE = "title";

  /** The main text field. */
  public static final String BODY = "body";

  /** Commit data key listing the fields this class wrote; marks an index as its output. */
  public static final String FIELDS_KEY = "lexica.fields";

  private static final int BATCH = 256;

  private final AnalyzerSpec analyzer;
  private boolean termVectors;
  private int threads = ThreadCounts.readingDefault();
  private double ramBufferMb = 256;
  private InputFormat format; // null: guess from each file name
  private boolean forceMerge;

  /** What an indexing run did. */
  public record Result(long documents, double seconds, int segments) {
    /** Documents indexed per second. */
    public double docsPerSecond() {
      return documents / Math.max(1e-9, seconds);
    }
  }

  private Enricher enricher;
  private OutputPolicy output = OutputPolicy.SAFE;

  /**
   * An index as an output: what this class writes (fields {@value #ID}, {@value #TITLE}, {@value
   * #BODY}, recorded as {@value #FIELDS_KEY} in the commit data), and all it replaces unasked.
   */
  public static final OutputKind KIND =
      OutputKind.luceneIndex(
          "an index made by 'lexica index'", data -> data.containsKey(FIELDS_KEY));

  public Indexer(AnalyzerSpec analyzer) {
    this.analyzer = analyzer;
  }

  /** Also store body term vectors with positions (a faster corpus read-back, a larger index). */
  public Indexer termVectors(boolean on) {
    this.termVectors = on;
    return this;
  }

  /** Indexing threads (default: the cores, at most 4). */
  public Indexer threads(int n) {
    this.threads = ThreadCounts.require(n, "indexing threads");
    return this;
  }

  /** IndexWriter RAM buffer in MB (default 256). */
  public Indexer ramBufferMb(double mb) {
    this.ramBufferMb = mb;
    return this;
  }

  /** Read every input in this format instead of guessing from the file names. */
  public Indexer format(InputFormat f) {
    this.format = f;
    return this;
  }

  /**
   * Adds fields of its own to each indexed document (e.g. a document vector, see {@code lexica
   * index --embed}) and entries to the commit data. Called from the indexing threads:
   * implementations must be thread-safe.
   */
  public interface Enricher {
    /** Adds fields to {@code doc}, made from {@code source}. */
    void enrich(SourceDocument source, Document doc);

    /** Commit data describing what {@link #enrich} added. */
    Map<String, String> commitData();
  }

  /** Adds an {@link Enricher}; null for none. */
  public Indexer enricher(Enricher e) {
    this.enricher = e;
    return this;
  }

  /** What the index may replace, and what the indexing reads besides its input files. */
  public Indexer output(OutputPolicy policy) {
    this.output = policy;
    return this;
  }

  /** Merge the index into one segment at the end. */
  public Indexer forceMerge(boolean on) {
    this.forceMerge = on;
    return this;
  }

  /** The field type of {@value #TITLE} and {@value #BODY}. */
  static FieldType textType(boolean termVectors) {
    FieldType t = new FieldType();
    t.setTokenized(true);
    t.setStored(true);
    t.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
    if (termVectors) {
      t.setStoreTermVectors(true);
      t.setStoreTermVectorPositions(true);
    }
    t.freeze();
    return t;
  }

  /** Indexes {@code inputs} into {@code indexDir}. */
  public Result index(List<Path> inputs, Path indexDir) {
    if (inputs.isEmpty()) {
      throw new LexicaException("no input files", "pass one or more files with --input");
    }
    OutputPolicy policy = output.reading(inputs);
    KIND.check(indexDir, policy);
    for (Path p : inputs) {
      DocumentReader.open(p, format == null ? InputFormat.guess(p) : format).closeQuietly();
    }
    long start = System.nanoTime();
    FieldType titleType = textType(false);
    FieldType bodyType = textType(termVectors);
    try (AtomicOutput out = AtomicOutput.create(indexDir, KIND, policy);
        Analyzer a = analyzer.create();
        Directory dir = FSDirectory.open(out.path());
        Progress progress = Progress.start("indexing", 0, "docs")) {
      IndexWriterConfig config = new IndexWriterConfig(a);
      config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
      config.setRAMBufferSizeMB(ramBufferMb);
      config.setCommitOnClose(false);
      long documents;
      int segments;
      try (IndexWriter writer = new IndexWriter(dir, config)) {
        documents = feed(inputs, writer, titleType, bodyType, progress);
        if (forceMerge) {
          writer.forceMerge(1);
        }
        Map<String, String> commit = new java.util.HashMap<>();
        commit.put(AnalyzerSpec.USER_DATA_KEY, analyzer.toString());
        commit.put(FIELDS_KEY, String.join(",", ID, TITLE, BODY));
        if (enricher != null) {
          commit.putAll(enricher.commitData());
        }
        writer.setLiveCommitData(commit.entrySet());
        writer.commit();
        segments = SegmentInfos.readLatestCommit(dir).size();
      }
      out.commit();
      return new Result(documents, (System.nanoTime() - start) / 1e9, segments);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private long feed(
      List<Path> inputs, IndexWriter writer, FieldType titleType, FieldType bodyType, Progress p)
      throws IOException {
    List<SourceDocument> end = List.of();
    BlockingQueue<List<SourceDocument>> queue = new ArrayBlockingQueue<>(threads * 4);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(
          pool.submit(
              () -> {
                while (true) {
                  List<SourceDocument> batch = queue.take();
                  if (batch == end) {
                    return null;
                  }
                  for (SourceDocument d : batch) {
                    Document doc = new Document();
                    doc.add(new StringField(ID, d.id(), Field.Store.YES));
                    doc.add(new Field(TITLE, d.title(), titleType));
                    doc.add(new Field(BODY, d.text(), bodyType));
                    if (enricher != null) {
                      enricher.enrich(d, doc);
                    }
                    addDocument(writer, doc, d);
                  }
                  p.add(batch.size());
                }
              }));
    }
    long count = 0;
    try {
      for (Path input : inputs) {
        try (DocumentReader r =
            DocumentReader.open(input, format == null ? InputFormat.guess(input) : format)
                .numberAfter(count)) {
          List<SourceDocument> batch = new ArrayList<>(BATCH);
          for (SourceDocument d = r.next(); d != null; d = r.next()) {
            batch.add(d);
            count++;
            if (batch.size() == BATCH) {
              put(queue, batch, workers);
              batch = new ArrayList<>(BATCH);
            }
          }
          if (!batch.isEmpty()) {
            put(queue, batch, workers);
          }
        }
      }
      for (int t = 0; t < threads; t++) {
        put(queue, end, workers);
      }
      for (Future<?> f : workers) {
        await(f);
      }
    } finally {
      pool.shutdownNow();
    }
    return count;
  }

  /**
   * Adds a document, turning Lucene's refusal of an over-long term (thrown after the analyzer made
   * it) into the error that names the document and the remedy.
   */
  private static void addDocument(IndexWriter writer, Document doc, SourceDocument source)
      throws IOException {
    try {
      writer.addDocument(doc);
    } catch (IllegalArgumentException e) {
      if (e.getCause() instanceof BytesRefHash.MaxBytesLengthExceededException) {
        throw TermLimit.exceeded("document " + source.id(), -1);
      }
      throw e;
    }
  }

  /** Queues a batch, failing fast when a worker died (so the reader does not block forever). */
  private static void put(
      BlockingQueue<List<SourceDocument>> queue,
      List<SourceDocument> batch,
      List<Future<?>> workers)
      throws IOException {
    try {
      while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
        for (Future<?> f : workers) {
          if (f.isDone()) {
            await(f);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static void await(Future<?> f) throws IOException {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException(c);
    }
  }
}
