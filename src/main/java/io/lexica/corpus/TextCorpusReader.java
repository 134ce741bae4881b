package io.lexica.corpus;

import io.lexica.analysis.AnalyzerSpec;
import io.lexica.analysis.TermLimit;
import io.lexica.index.DocumentReader;
import io.lexica.index.InputFormat;
import io.lexica.index.SourceDocument;
import io.lexica.util.ThreadCounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefHash;

/**
 * Text files as a corpus, for users without an index: each document (a line of text, or the text of
 * a TSV/JSONL record; gzip read transparently) is analysed with the given analyzer, exactly as
 * {@code lexica index} would index its body. The files are read twice: once to count the
 * vocabulary, once to encode, so memory holds only the vocabulary.
 *
 * <p>The calling thread reads and parses the files; {@link #threads(int)} worker threads analyse
 * batches of documents (analysis is most of the cost), and the encoded documents are still handed
 * over in file order, so the corpus does not depend on the number of threads.
 *
 * <p>Not thread-safe.
 */
public final class TextCorpusReader implements TokenSource {
  private static final String FIELD = "body";

  /** Characters of text per batch of documents handed to a worker. */
  private static final int BATCH_CHARS = 1 << 20;

  /** Most documents per batch. */
  private static final int BATCH_DOCS = 4096;

  private final List<Path> files;
  private final AnalyzerSpec analyzer;
  private final InputFormat format;
  private int threads = ThreadCounts.readingDefault();

  /**
   * A reader of {@code files}, analysed with {@code analyzer}; every file is opened once here, so a
   * missing one fails before any work.
   *
   * @param files TSV, JSONL or text files, gzip allowed; read in this order
   * @param analyzer the analyzer that makes the tokens
   * @param format the files' format, or null to guess it from each file name
   * @throws io.lexica.LexicaException when a file is missing or unreadable
   */
  public TextCorpusReader(List<Path> files, AnalyzerSpec analyzer, InputFormat format) {
    this.files = List.copyOf(files);
    this.analyzer = analyzer;
    this.format = format;
    for (Path p : files) {
      try {
        open(p).close(); // fail early on a missing file
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * Worker threads for analysis (default: the processors, at most 4); the result is the same.
   *
   * @param n the threads, at least 1
   * @return this reader
   */
  public TextCorpusReader threads(int n) {
    this.threads = ThreadCounts.require(n, "analysis threads");
    return this;
  }

  private DocumentReader open(Path p) {
    return DocumentReader.open(p, format == null ? InputFormat.guess(p) : format);
  }

  @Override
  public Vocabulary vocabulary() {
    ConcurrentLinkedQueue<TermCounts> all = new ConcurrentLinkedQueue<>();
    ThreadLocal<TermCounts> local =
        ThreadLocal.withInitial(
            () -> {
              TermCounts c = new TermCounts();
              all.add(c);
              return c;
            });
    analyzeAll(
        (a, batch) -> {
          TermCounts counts = local.get();
          for (int d = 0; d < batch.texts.size(); d++) {
            int doc = batch.firstDoc + d;
            Analysis.analyze(a, FIELD, List.of(batch.texts.get(d)), (pos, t) -> counts.add(t, doc));
          }
          return null;
        },
        nothing -> {});
    Map<String, long[]> merged = new HashMap<>();
    for (TermCounts c : all) { // all workers are done: their futures were collected
      c.addTo(merged);
    }
    return Vocabulary.ofCounts(merged);
  }

  @Override
  public void forEachDocument(Vocabulary vocabulary, DocumentVisitor visitor) {
    Map<BytesRef, Integer> ids = IndexCorpusReader.termIds(vocabulary);
    analyzeAll(
        (a, batch) -> {
          Slab.Builder out = new Slab.Builder(batch.firstDoc, batch.texts.size());
          PositionBuffer buffer = new PositionBuffer();
          for (String text : batch.texts) {
            buffer.clear();
            Analysis.analyze(
                a,
                FIELD,
                List.of(text),
                (pos, t) -> {
                  Integer id = ids.get(t);
                  buffer.put(pos, id == null ? CorpusBuilder.DROPPED : id);
                });
            out.add(buffer);
          }
          return out.build();
        },
        slab -> Slab.deliver(new Slab[] {slab}, visitor));
  }

  /** Documents read in a row, numbered from {@code firstDoc}. */
  private record Batch(int firstDoc, List<String> texts) {}

  /** Work done on a batch by a worker thread with the shared (thread-safe) analyzer. */
  private interface BatchWork<T> {
    T apply(Analyzer analyzer, Batch batch) throws IOException;
  }

  /** Reads every file in order, analyses batches on the workers, delivers results in order. */
  private <T> void analyzeAll(BatchWork<T> work, Consumer<T> deliver) {
    try (Analyzer a = analyzer.create();
        Batches batches = new Batches()) {
      Iterator<Callable<T>> tasks =
          new Iterator<>() {
            @Override
            public boolean hasNext() {
              return batches.hasNext();
            }

            @Override
            public Callable<T> next() {
              Batch b = batches.next();
              return () -> work.apply(a, b);
            }
          };
      OrderedParallel.run(threads, tasks, deliver);
    }
  }

  /** The files' documents in batches, read on demand. */
  private final class Batches implements Iterator<Batch>, AutoCloseable {
    private final Iterator<Path> remaining = files.iterator();
    private DocumentReader current;
    private SourceDocument pending;
    private int doc;

    @Override
    public boolean hasNext() {
      return peek() != null;
    }

    @Override
    public Batch next() {
      if (peek() == null) {
        throw new NoSuchElementException();
      }
      int first = doc;
      List<String> texts = new ArrayList<>();
      long chars = 0;
      while (texts.size() < BATCH_DOCS && chars < BATCH_CHARS && peek() != null) {
        String text = pending.text();
        texts.add(text);
        chars += text.length();
        pending = null;
        doc++;
      }
      return new Batch(first, texts);
    }

    /** The next document, read when needed; null at the end of the last file. */
    private SourceDocument peek() {
      while (pending == null) {
        if (current == null) {
          if (!remaining.hasNext()) {
            return null;
          }
          current = open(remaining.next());
        }
        pending = current.next();
        if (pending == null) {
          closeCurrent();
        }
      }
      return pending;
    }

    private void closeCurrent() {
      try {
        current.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        current = null;
      }
    }

    @Override
    public void close() {
      if (current != null) {
        closeCurrent();
      }
    }
  }

  /**
   * Term counts and document frequencies of the documents one worker thread analysed, keyed by the
   * term's bytes so that counting allocates nothing per token. Not thread-safe: one per thread.
   */
  private static final class TermCounts {
    private final BytesRefHash terms = new BytesRefHash();
    private long[] counts = new long[1024];
    private long[] docFreqs = new long[1024];
    private int[] lastDoc = new int[1024];

    void add(BytesRef term, int doc) {
      if (term.length > TermLimit.MAX_BYTES) { // also what BytesRefHash can hold
        throw TermLimit.exceeded(null, term.length);
      }
      int ord = terms.add(term);
      if (ord < 0) {
        ord = -ord - 1;
      } else {
        if (ord == counts.length) {
          int n = counts.length * 2;
          counts = Arrays.copyOf(counts, n);
          docFreqs = Arrays.copyOf(docFreqs, n);
          lastDoc = Arrays.copyOf(lastDoc, n);
        }
        lastDoc[ord] = -1;
      }
      counts[ord]++;
      if (lastDoc[ord] != doc) {
        lastDoc[ord] = doc;
        docFreqs[ord]++;
      }
    }

    void addTo(Map<String, long[]> merged) {
      BytesRef scratch = new BytesRef();
      for (int ord = 0; ord < terms.size(); ord++) {
        long[] c = merged.computeIfAbsent(terms.get(ord, scratch).utf8ToString(), k -> new long[2]);
        c[0] += counts[ord];
        c[1] += docFreqs[ord];
      }
    }
  }
}
