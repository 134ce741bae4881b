package io.lexica.cli;

import io.lexica.LexicaException;
import io.lexica.analysis.AnalyzerSpec;
import io.lexica.corpus.CorpusBuilder;
import io.lexica.corpus.EncodedCorpus;
import io.lexica.corpus.IndexCorpusReader;
import io.lexica.corpus.Vocabulary;
import io.lexica.index.Indexer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lexica demo}: the main job end to end on the bundled example corpus. Today: index it, read
 * the corpus back, print vocabulary statistics; later stages add training, neighbours and query
 * expansion as steps after {@link #readCorpus}.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Index the bundled example corpus (examples/kjv.tsv.gz), read the training corpus back from"
            + " the index and show what Lexica sees.")
final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--work",
      paramLabel = "DIR",
      defaultValue = "work/demo",
      description = "Where the demo writes its index and models. Default: ${DEFAULT-VALUE}.")
  Path work;

  @Option(
      names = "--input",
      paramLabel = "FILE",
      description = "Corpus to use instead of the bundled one (text, TSV or JSONL).")
  Path input;

  @Option(
      names = "--min-count",
      paramLabel = "N",
      defaultValue = "5",
      description = "Words rarer than this are left out. Default: ${DEFAULT-VALUE}.")
  long minCount;

  @Override
  public Integer call() {
    PrintStream out = System.out;
    Path corpusFile = input != null ? input : exampleCorpus();
    Path index = work.resolve("index");
    out.printf(Locale.ROOT, "1. indexing %s into %s (standard analyzer)%n", corpusFile, index);
    Indexer.Result r =
        new Indexer(AnalyzerSpec.builtIn("standard")).index(List.of(corpusFile), index);
    out.printf(Locale.ROOT, "   %d documents in %.1f s%n", r.documents(), r.seconds());
    out.printf(Locale.ROOT, "2. reading the training corpus back from the index%n");
    try (EncodedCorpus corpus = readCorpus(index, out)) {
      out.printf(
          Locale.ROOT,
          "   %d sequences of at most %d tokens, ready for training%n",
          corpus.sequenceCount(),
          corpus.maxSequenceLength());
    }
    return 0;
  }

  /** Reads the body field back and prints vocabulary statistics. */
  EncodedCorpus readCorpus(Path index, PrintStream out) {
    try (IndexCorpusReader reader = IndexCorpusReader.open(index, List.of(Indexer.BODY))) {
      Vocabulary full = reader.vocabulary();
      Vocabulary vocabulary = full.prune(minCount, 0);
      out.printf(
          Locale.ROOT,
          "   method %s; %d distinct words, %d with at least %d occurrences (%.1f%% of tokens)%n",
          reader.methodFor(Indexer.BODY).cliName(),
          full.size(),
          vocabulary.size(),
          minCount,
          100.0 * vocabulary.totalCount() / full.totalCount());
      return CorpusCommand.print(reader, vocabulary, new CorpusBuilder(vocabulary), 12, "   ", out);
    }
  }

  /** examples/kjv.tsv.gz beside the launcher (lexica.home), else under the working directory. */
  static Path exampleCorpus() {
    String home = System.getProperty("lexica.home");
    Path p = Path.of(home != null ? home : ".").resolve("examples").resolve("kjv.tsv.gz");
    if (!Files.isRegularFile(p)) {
      throw new LexicaException(
          "the example corpus " + p + " is missing",
          "run from a Lexica checkout, or pass your own corpus with --input FILE");
    }
    return p;
  }
}
