package io.lexica.cli;

import io.lexica.corpus.CorpusBuilder;
import io.lexica.corpus.CorpusExporter;
import io.lexica.corpus.EncodedCorpus;
import io.lexica.corpus.IndexCorpusReader;
import io.lexica.corpus.TokenSource;
import io.lexica.corpus.Vocabulary;
import io.lexica.util.OutputKind;
import io.lexica.util.OutputPolicy;
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

    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      OutputPolicy policy = output.policy(source.paths());
      output.check(OutputKind.FILE, out, policy);
      TokenSource s = source.open();
      try {
        Vocabulary vocabulary = source.vocabulary(s);
        CorpusExporter.Result r = CorpusExporter.export(s, vocabulary, out, policy);
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
        converter = OptionTypes.NonNegativeInt.class,
        description = "Show the N most frequent words.")
    int top;

    @Option(
        names = "--repeat",
        paramLabel = "N",
        defaultValue = "1",
        converter = OptionTypes.PositiveInt.class,
        description =
            "Read the corpus N times and report the median read-back time (for benchmarks).")
    int repeat;

    @Override
    public Integer call() {
      TokenSource s = source.open();
      try {
        long start = System.nanoTime();
        long cpu0 = cpuNanos();
        Vocabulary vocabulary = source.vocabulary(s);
        System.out.printf(
            Locale.ROOT,
            "vocabulary read in %.2f s (%.2f s CPU)%n",
            (System.nanoTime() - start) / 1e9,
            (cpuNanos() - cpu0) / 1e9);
        if (s instanceof IndexCorpusReader r) {
          System.out.println("method: " + r.methodFor(r.fields().get(0)).cliName());
        }
        double[] seconds = new double[Math.max(1, repeat)];
        double[] cpu = new double[seconds.length];
        long tokens = 0;
        for (int i = 0; i < seconds.length; i++) {
          long t0 = System.nanoTime();
          long c0 = cpuNanos();
          try (EncodedCorpus c =
              i == 0
                  ? print(s, vocabulary, source.builder(vocabulary), top, "", System.out)
                  : s.encode(vocabulary, source.builder(vocabulary))) {
            tokens = c.tokenCount();
          }
          seconds[i] = (System.nanoTime() - t0) / 1e9;
          cpu[i] = (cpuNanos() - c0) / 1e9;
        }
        if (seconds.length > 1) {
          java.util.Arrays.sort(seconds);
          java.util.Arrays.sort(cpu);
          double median = seconds[seconds.length / 2];
          double medianCpu = cpu[cpu.length / 2];
          System.out.printf(
              Locale.ROOT,
              "read-back median of %d: %.2f s, %.1f M tokens/s; %.2f s CPU, %.1f M tokens per"
                  + " CPU-second%n",
              seconds.length,
              median,
              tokens / median / 1e6,
              medianCpu,
              tokens / medianCpu / 1e6);
        }
      } finally {
        CorpusSourceOptions.close(s);
      }
      return 0;
    }
  }

  /** CPU time of the whole process so far (all threads), or 0 when the JVM cannot tell. */
  static long cpuNanos() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return Math.max(0, os.getProcessCpuTime());
    }
    return 0;
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
    out.println(indent + vocabulary.mostFrequent(top));
    return corpus;
  }
}
