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
import java.nio.file.Files;
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
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.PointValues;
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

  /**
   * The indexing run that added a document (a {@code LongPoint}, not stored): 1 for the run that
   * made the index, one more for each {@link #append}. It grows as documents are added, so the
   * documents added after some commit are those with a larger value, whatever merges did since:
   * {@code lexica update} goes by it once segments a model saw have been merged ({@link
   * DocumentSelection}).
   */
  static final String RUN = "lexica.run";

  /** Commit data key listing the fields this class wrote; marks an index as its output. */
  public static final String FIELDS_KEY = "lexica.fields";

  private static final int BATCH = 256;

  private final AnalyzerSpec analyzer;
  private boolean termVectors;
  private int threads = ThreadCounts.readingDefault();
  private double ramBufferMb = 256;
  private InputFormat format; // null: guess from each file name
  private boolean forceMerge;

  /**
   * What an indexing run did.
   *
   * @param documents documents indexed
   * @param seconds wall-clock seconds, reading to the final commit
   * @param segments segments of the index at the end
   */
  public record Result(long documents, double seconds, int segments) {
    /**
     * Documents indexed per second.
     *
     * @return documents per wall-clock second
     */
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

  /**
   * An indexer that analyses the body with {@code analyzer} and records it in the commit data, so
   * later commands rebuild the same analyzer.
   *
   * @param analyzer the body's analyzer
   */
  public Indexer(AnalyzerSpec analyzer) {
    this.analyzer = analyzer;
  }

  /**
   * Also store body term vectors with positions (a faster corpus read-back, a larger index).
   *
   * @param on whether to store term vectors
   * @return this indexer
   */
  public Indexer termVectors(boolean on) {
    this.termVectors = on;
    return this;
  }

  /**
   * Indexing threads (default: the cores, at most 4).
   *
   * @param n the threads, at least 1
   * @return this indexer
   */
  public Indexer threads(int n) {
    this.threads = ThreadCounts.require(n, "indexing threads");
    return this;
  }

  /** IndexWriter RAM buffer in MB (default 256). */
  Indexer ramBufferMb(double mb) {
    this.ramBufferMb = mb;
    return this;
  }

  /**
   * Read every input in this format instead of guessing from the file names.
   *
   * @param f the format, or null to guess per file
   * @return this indexer
   */
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
    /**
     * Adds fields to {@code doc}, made from {@code source}.
     *
     * @param source the document as read
     * @param doc the Lucene document about to be added
     */
    void enrich(SourceDocument source, Document doc);

    /**
     * Commit data describing what {@link #enrich} added.
     *
     * @return entries merged into the index's commit user data
     */
    Map<String, String> commitData();
  }

  /**
   * Adds an {@link Enricher}; null for none.
   *
   * @param e the enricher, or null
   * @return this indexer
   */
  public Indexer enricher(Enricher e) {
    this.enricher = e;
    return this;
  }

  /**
   * What the index may replace, and what the indexing reads besides its input files.
   *
   * @param policy the overwrite choice and the inputs never to replace
   * @return this indexer
   */
  public Indexer output(OutputPolicy policy) {
    this.output = policy;
    return this;
  }

  /**
   * Merge the index into one segment at the end.
   *
   * @param on whether to force-merge to one segment
   * @return this indexer
   */
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

  /**
   * Indexes {@code inputs} into {@code indexDir}, replacing an index this class made there (see
   * {@link #KIND} and {@link #output}).
   *
   * @param inputs TSV, JSONL or text files, gzip allowed
   * @param indexDir the index folder; written beside and moved in atomically
   * @return the counts and time of the run
   * @throws io.lexica.LexicaException when an input is missing or malformed, or the folder holds
   *     something the output policy protects; nothing is replaced then
   */
  public Result index(List<Path> inputs, Path indexDir) {
    OutputPolicy policy = output.reading(inputs);
    checkInputs(inputs, () -> KIND.check(indexDir, policy));
    try (AtomicOutput out = AtomicOutput.create(indexDir, KIND, policy);
        Directory dir = FSDirectory.open(out.path())) {
      Result r = write(inputs, dir, IndexWriterConfig.OpenMode.CREATE, Map.of(), 0, 1);
      out.commit();
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Adds the documents of {@code inputs} to the index in {@code indexDir}, which {@code lexica
   * index} built with this analyzer, in one Lucene commit: readers see the index before or after,
   * never in between, and the new documents land in new segments, which is how {@code lexica
   * update} finds them. Documents without an id are numbered after the index's documents.
   *
   * @param inputs TSV, JSONL or text files, gzip allowed
   * @param indexDir an index {@code lexica index} built
   * @return the counts and time of the run (documents added, not the index's total)
   * @throws io.lexica.LexicaException when the folder holds no such index, its analyzer differs, or
   *     an input is missing or malformed; the index is unchanged then
   */
  public Result append(List<Path> inputs, Path indexDir) {
    checkInputs(inputs, () -> requireOwnIndex(indexDir));
    Map<String, String> previous;
    long existing;
    long run;
    try (SourceIndex index = SourceIndex.open(indexDir)) {
      previous = index.userData();
      existing = index.reader().maxDoc();
      byte[] last = PointValues.getMaxPackedValue(index.reader(), RUN);
      run = last == null ? 1 : LongPoint.decodeDimension(last, 0) + 1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String recorded = previous.get(AnalyzerSpec.USER_DATA_KEY);
    if (recorded != null && !recorded.equals(analyzer.toString())) {
      throw new LexicaException(
          "index "
              + indexDir
              + " was built with analyzer '"
              + recorded
              + "', not '"
              + analyzer
              + "'",
          "append with --analyzer '" + recorded + "' (or leave --analyzer out)");
    }
    try (Directory dir = FSDirectory.open(indexDir)) {
      return write(inputs, dir, IndexWriterConfig.OpenMode.APPEND, previous, existing, run);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Adds to an index only when this class made it: its fields are the ones written here, and a
   * user's own index (or a model) is only ever read.
   */
  private static void requireOwnIndex(Path indexDir) {
    if (!Files.exists(indexDir)) {
      throw new LexicaException(
          "there is no index at " + indexDir + " to add to",
          "build it first with 'lexica index' (without --append)");
    }
    if (!KIND.recognises(indexDir)) {
      throw new LexicaException(
          indexDir + " is " + OutputKind.describe(indexDir) + ", not " + KIND.description(),
          "--append adds documents only to an index 'lexica index' built; index them into a new"
              + " folder instead");
    }
  }

  /** Refuses no inputs, then checks the target, then opens each input once (bad ones fail). */
  private void checkInputs(List<Path> inputs, Runnable targetCheck) {
    if (inputs.isEmpty()) {
      throw new LexicaException("no input files", "pass one or more files with --input");
    }
    targetCheck.run();
    for (Path p : inputs) {
      DocumentReader.open(p, format == null ? InputFormat.guess(p) : format).closeQuietly();
    }
  }

  /**
   * Writes the documents, each marked with {@code run} ({@link #RUN}), and one commit with {@code
   * previous} commit data updated.
   */
  private Result write(
      List<Path> inputs,
      Directory dir,
      IndexWriterConfig.OpenMode mode,
      Map<String, String> previous,
      long numberedAfter,
      long run)
      throws IOException {
    long start = System.nanoTime();
    FieldType titleType = textType(false);
    FieldType bodyType = textType(termVectors);
    try (Analyzer a = analyzer.create();
        Progress progress = Progress.start("indexing", 0, "docs")) {
      IndexWriterConfig config = new IndexWriterConfig(a);
      config.setOpenMode(mode);
      config.setRAMBufferSizeMB(ramBufferMb);
      config.setCommitOnClose(false);
      long documents;
      int segments;
      try (IndexWriter writer = new IndexWriter(dir, config)) {
        documents = feed(inputs, writer, titleType, bodyType, progress, numberedAfter, run);
        if (forceMerge) {
          writer.forceMerge(1);
        }
        Map<String, String> commit = new java.util.HashMap<>(previous);
        commit.put(AnalyzerSpec.USER_DATA_KEY, analyzer.toString());
        commit.put(FIELDS_KEY, String.join(",", ID, TITLE, BODY));
        if (enricher != null) {
          commit.putAll(enricher.commitData());
        }
        writer.setLiveCommitData(commit.entrySet());
        writer.commit();
        segments = SegmentInfos.readLatestCommit(dir).size();
      }
      return new Result(documents, (System.nanoTime() - start) / 1e9, segments);
    }
  }

  private long feed(
      List<Path> inputs,
      IndexWriter writer,
      FieldType titleType,
      FieldType bodyType,
      Progress p,
      long numberedAfter,
      long run)
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
                    doc.add(new LongPoint(RUN, run));
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
                .numberAfter(numberedAfter + count)) {
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
