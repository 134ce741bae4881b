package io.lexica.cli;

import io.lexica.LexicaException;
import io.lexica.analysis.AnalyzerSpec;
import io.lexica.corpus.IndexCorpusReader;
import io.lexica.corpus.TextCorpusReader;
import io.lexica.corpus.TokenSource;
import io.lexica.corpus.Vocabulary;
import io.lexica.index.InputFormat;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Options naming where a corpus comes from: an index ({@code --index}, {@code --field}, {@code
 * --method}) or text files ({@code --input}, {@code --analyzer}), plus vocabulary pruning. A
 * picocli mixin for every command that reads a corpus (export, stats, training).
 */
public final class CorpusSourceOptions {
  @Option(
      names = "--index",
      paramLabel = "DIR",
      description = "Lucene index to read the corpus from.")
  Path index;

  @Option(
      names = "--field",
      paramLabel = "NAME",
      split = ",",
      description =
          "Index field(s) to read; each field of a document is its own sequence. Default: body.")
  List<String> fields = List.of("body");

  @Option(
      names = "--method",
      paramLabel = "METHOD",
      defaultValue = "auto",
      converter = MethodConverter.class,
      description =
          "How documents are rebuilt from the index: auto (term vectors, else postings, else"
              + " re-analysis), term-vectors, postings, reanalyze. Default: ${DEFAULT-VALUE}.")
  IndexCorpusReader.Method method;

  @Option(
      names = "--input",
      arity = "1..*",
      paramLabel = "FILE",
      description =
          "Text files to read instead of an index (one document a line; .tsv/.jsonl too).")
  List<Path> inputs;

  @Option(
      names = "--analyzer",
      paramLabel = "SPEC",
      description =
          "Analyzer for --input files (default standard), or for re-analysing an index that does"
              + " not record its own.")
  String analyzer;

  @Option(
      names = "--min-count",
      paramLabel = "N",
      defaultValue = "1",
      description = "Drop words occurring fewer times. Default: ${DEFAULT-VALUE}.")
  long minCount;

  @Option(
      names = "--max-vocab",
      paramLabel = "N",
      defaultValue = "0",
      description = "Keep at most this many (most frequent) words; 0 = no limit.")
  int maxVocab;

  @Option(
      names = "--read-threads",
      paramLabel = "N",
      description = "Threads rebuilding documents from the index (default: cores, at most 4).")
  Integer threads;

  static final class MethodConverter
      implements picocli.CommandLine.ITypeConverter<IndexCorpusReader.Method> {
    @Override
    public IndexCorpusReader.Method convert(String value) {
      for (IndexCorpusReader.Method m : IndexCorpusReader.Method.values()) {
        if (m.cliName().equalsIgnoreCase(value) || m.name().equalsIgnoreCase(value)) {
          return m;
        }
      }
      throw new picocli.CommandLine.TypeConversionException(
          "'" + value + "' is not one of auto, term-vectors, postings, reanalyze");
    }
  }

  /** Opens the source named by the options; close it if it is {@link AutoCloseable}. */
  public TokenSource open() {
    if ((index == null) == (inputs == null || inputs.isEmpty())) {
      throw new LexicaException(
          "name exactly one corpus source", "pass either --index DIR or --input FILE...");
    }
    AnalyzerSpec spec = analyzer == null ? null : AnalyzerSpec.parse(analyzer);
    if (index != null) {
      IndexCorpusReader r = IndexCorpusReader.open(index, fields).method(method).analyzer(spec);
      if (threads != null) {
        r.threads(threads);
      }
      return r;
    }
    return new TextCorpusReader(
        inputs, spec == null ? AnalyzerSpec.builtIn("standard") : spec, (InputFormat) null);
  }

  /** The source's vocabulary pruned by {@code --min-count} and {@code --max-vocab}. */
  public Vocabulary vocabulary(TokenSource source) {
    return source.vocabulary().prune(minCount, maxVocab);
  }

  /** Closes a source opened by {@link #open()}. */
  public static void close(TokenSource source) {
    if (source instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
