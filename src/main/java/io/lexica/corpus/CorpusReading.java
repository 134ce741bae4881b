package io.lexica.corpus;

import io.lexica.analysis.AnalyzerSpec;
import io.lexica.index.InputFormat;
import java.nio.file.Path;
import java.util.List;

/**
 * How a corpus is read and held: the way documents are rebuilt from an index, the reading threads,
 * the analyzer for text files (or for re-analysing an index that records none), and where the
 * encoded corpus spills past a memory limit. The command line's corpus options and the training
 * pipelines open their readers and corpus builders here, so a setting means the same in every
 * command. Immutable; thread-safe.
 *
 * @param method how documents are rebuilt from an index
 * @param threads threads rebuilding or analysing documents, or null for the reader's default
 * @param analyzer the analyzer of text files and of re-analysis, or null for the standard one (or
 *     the one an index records)
 * @param memoryLimit bytes of encoded corpus kept in memory before it spills, or null for the
 *     builder's default (a quarter of the heap)
 * @param tempDir where a spilled corpus goes, or null for the system's temporary directory
 */
public record CorpusReading(
    IndexCorpusReader.Method method,
    Integer threads,
    AnalyzerSpec analyzer,
    Long memoryLimit,
    Path tempDir) {
  /** Every reader's and builder's own default. */
  public static final CorpusReading DEFAULTS =
      new CorpusReading(IndexCorpusReader.Method.AUTO, null, null, null, null);

  /** Checks the settings. */
  public CorpusReading {
    if (method == null) {
      throw new IllegalArgumentException("no method");
    }
  }

  /**
   * These settings with another analyzer.
   *
   * @param spec the analyzer, or null for the default
   * @return new settings
   */
  public CorpusReading withAnalyzer(AnalyzerSpec spec) {
    return new CorpusReading(method, threads, spec, memoryLimit, tempDir);
  }

  /**
   * Opens {@code fields} of the index at {@code index} read-only with these settings.
   *
   * @param index the index's folder
   * @param fields the fields read; each field of a document is its own sequence
   * @return the reader; the caller closes it
   */
  public IndexCorpusReader openIndex(Path index, List<String> fields) {
    IndexCorpusReader r = IndexCorpusReader.open(index, fields).method(method).analyzer(analyzer);
    if (threads != null) {
      r.threads(threads);
    }
    return r;
  }

  /**
   * Reads text files (one document a line; TSV and JSONL too) with these settings.
   *
   * @param inputs the files
   * @return the reader
   */
  public TextCorpusReader openText(List<Path> inputs) {
    TextCorpusReader r =
        new TextCorpusReader(
            inputs,
            analyzer == null ? AnalyzerSpec.builtIn("standard") : analyzer,
            (InputFormat) null);
    if (threads != null) {
      r.threads(threads);
    }
    return r;
  }

  /**
   * A builder of the encoded corpus that cuts documents into sequences of at most {@code
   * maxSequenceLength} tokens and spills as these settings say.
   *
   * @param vocabulary the vocabulary the corpus is encoded against
   * @param maxSequenceLength the longest sequence
   * @return a new builder
   */
  public CorpusBuilder builder(Vocabulary vocabulary, int maxSequenceLength) {
    CorpusBuilder b = new CorpusBuilder(vocabulary, maxSequenceLength);
    if (memoryLimit != null || tempDir != null) {
      b.memoryLimit(
          memoryLimit != null ? memoryLimit : Runtime.getRuntime().maxMemory() / 4, tempDir);
    }
    return b;
  }
}
