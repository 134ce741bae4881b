package io.lexica.cli;

import io.lexica.LexicaException;
import io.lexica.analysis.AnalyzerSpec;
import io.lexica.corpus.CorpusBuilder;
import io.lexica.corpus.CorpusReading;
import io.lexica.corpus.IndexCorpusReader;
import io.lexica.corpus.TokenSource;
import io.lexica.corpus.Vocabulary;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Options naming where a corpus comes from: an index ({@code --index}, {@code --field}, {@code
 * --method}) or text files ({@code --input}, {@code --analyzer}), plus vocabulary pruning. A
 * picocli mixin for every command that reads a corpus (export, stats, training).
 */
final class CorpusSourceOptions {
  @Option(
      names = "--index",
      paramLabel = "DIR",
      description = "Lucene index to read the corpus from (default: none; give it or --input).")
  Path index;

  @Option(
      names = "--field",
      paramLabel = "NAME",
      split = ",",
      defaultValue = "body",
      description = "Index field(s) to read; each field of a document is its own sequence.")
  List<String> fields;

  @Option(
      names = "--method",
      paramLabel = "METHOD",
      defaultValue = "auto",
      converter = MethodConverter.class,
      description =
          "How documents are rebuilt from the index: auto (postings, else term vectors, else"
              + " re-analysis), term-vectors, postings, reanalyze.")
  IndexCorpusReader.Method method;

  @Option(
      names = "--input",
      arity = "1..*",
      paramLabel = "FILE",
      description =
          "Text files to read instead of an index (one document a line; .tsv/.jsonl too; default:"
              + " none).")
  List<Path> inputs;

  @Option(
      names = "--analyzer",
      paramLabel = "SPEC",
      description =
          "Analyzer for --input files, or for re-analysing an index that does not record its own"
              + " (default: standard, or the one the index records).")
  String analyzer;

  @Option(
      names = "--min-count",
      paramLabel = "N",
      defaultValue = "1",
      converter = OptionTypes.NonNegativeLong.class,
      description = "Drop words occurring fewer times.")
  long minCount;

  @Option(
      names = "--max-vocab",
      paramLabel = "N",
      defaultValue = "0",
      converter = OptionTypes.NonNegativeInt.class,
      description = "Keep at most this many (most frequent) words; 0 = no limit.")
  int maxVocab;

  @Option(
      names = "--read-threads",
      paramLabel = "N",
      converter = OptionTypes.PositiveInt.class,
      description =
          "Threads rebuilding documents from the index or analysing text input (default: cores, at"
              + " most 4); the corpus is the same for any number.")
  Integer threads;

  @Option(
      names = "--corpus-memory",
      paramLabel = "SIZE",
      converter = OptionTypes.ByteSize.class,
      description =
          "Keep the encoded corpus in memory up to this size (e.g. 512m, 4g), spill the rest to a"
              + " temporary file (default: a quarter of the heap).")
  Long corpusMemory;

  @Option(
      names = "--temp-dir",
      paramLabel = "DIR",
      description =
          "Where a spilled corpus (and GloVe's counts) go (default: the system temporary"
              + " directory).")
  Path tempDir;

  /** The index or files the corpus comes from, as given (for output checks). */
  public Path[] paths() {
    List<Path> all = new java.util.ArrayList<>();
    if (index != null) {
      all.add(index);
    }
    if (inputs != null) {
      all.addAll(inputs);
    }
    return all.toArray(Path[]::new);
  }

  /** A builder for the encoded corpus honouring {@code --corpus-memory} and {@code --temp-dir}. */
  public CorpusBuilder builder(Vocabulary vocabulary) {
    return builder(vocabulary, CorpusBuilder.DEFAULT_MAX_SEQUENCE_LENGTH);
  }

  /** A builder that cuts documents into sequences of at most {@code maxSequenceLength}. */
  public CorpusBuilder builder(Vocabulary vocabulary, int maxSequenceLength) {
    return reading().builder(vocabulary, maxSequenceLength);
  }

  /** How the options say a corpus is read and held. */
  public CorpusReading reading() {
    return new CorpusReading(
        method,
        threads,
        analyzer == null ? null : AnalyzerSpec.parse(analyzer),
        corpusMemory,
        tempDir);
  }

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
    CorpusReading reading = reading();
    return index != null ? reading.openIndex(index, fields) : reading.openText(inputs);
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
