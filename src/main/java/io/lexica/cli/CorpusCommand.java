package io.lexica.cli;

import io.lexica.corpus.CorpusBuilder;
import io.lexica.corpus.CorpusExporter;
import io.lexica.corpus.EncodedCorpus;
import io.lexica.corpus.TokenSource;
import io.lexica.corpus.Vocabulary;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lexica corpus}: the training corpus read back from an index or text files. */
@Command(
    name = "corpus",
    mixinStandardHelpOptions = true,
    description = "Read the training corpus back from an index or text files.",
    subcommands = {CorpusCommand.Export.class, CorpusCommand.Stats.class})
final class CorpusCommand {

  /** {@code lexica corpus export}. */
  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description =
          "Write the analysed tokens as text: one document a line, tokens separated by single"
              + " spaces (gaps and dropped words omitted), for other tools to train on the same"
              + " tokens.")
  static final class Export implements Callable<Integer> {
    @Mixin CorpusSourceOptions source;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output file.")
    Path out;

    @Override
    public Integer call() {
      TokenSource s = source.open();
      try {
        Vocabulary vocabulary = source.vocabulary(s);
        CorpusExporter.Result r = CorpusExporter.export(s, vocabulary, out);
        System.out.printf(
            Locale.ROOT,
            "exported %d documents, %d tokens (%d distinct words) to %s in %.1f s%n",
            r.lines(),
            r.tokens(),
            vocabulary.size(),
            out,
            r.seconds());
      } finally {
        CorpusSourceOptions.close(s);
      }
      return 0;
    }
  }

  /** {@code lexica corpus stats}. */
  @Command(
      name = "stats",
      mixinStandardHelpOptions = true,
      description =
          "Read the corpus into memory (as training does) and print vocabulary statistics and the"
              + " read-back speed.")
  static final class Stats implements Callable<Integer> {
    @Mixin CorpusSourceOptions source;

    @Option(
        names = "--top",
        paramLabel = "N",
        defaultValue = "10",
        description = "Show the N most frequent words. Default: ${DEFAULT-VALUE}.")
    int top;

    @Override
    public Integer call() {
      TokenSource s = source.open();
      try {
        Vocabulary vocabulary = source.vocabulary(s);
        print(s, vocabulary, source.builder(vocabulary), top, "", System.out).close();
      } finally {
        CorpusSourceOptions.close(s);
      }
      return 0;
    }
  }

  /**
   * Encodes the corpus and prints its statistics, each line after {@code indent}; shared with the
   * demo. The caller closes the returned corpus.
   */
  static EncodedCorpus print(
      TokenSource s,
      Vocabulary vocabulary,
      CorpusBuilder builder,
      int top,
      String indent,
      PrintStream out) {
    long start = System.nanoTime();
    EncodedCorpus corpus = s.encode(vocabulary, builder);
    double secs = (System.nanoTime() - start) / 1e9;
    out.printf(
        Locale.ROOT,
        "%svocabulary: %d words covering %d tokens%n"
            + "%scorpus: %d tokens in %d sequences%s, read in %.2f s (%.1f M tokens/s)%n",
        indent,
        vocabulary.size(),
        vocabulary.totalCount(),
        indent,
        corpus.tokenCount(),
        corpus.sequenceCount(),
        builder.spilled() ? " (spilled to a temporary file)" : "",
        secs,
        corpus.tokenCount() / secs / 1e6);
    StringBuilder sb = new StringBuilder(indent).append("most frequent:");
    for (int i = 0; i < Math.min(top, vocabulary.size()); i++) {
      sb.append(' ')
          .append(vocabulary.word(i))
          .append(" (")
          .append(vocabulary.count(i))
          .append(')');
    }
    out.println(sb);
    return corpus;
  }
}
