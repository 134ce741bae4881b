package io.lexica.cli;

import io.lexica.LexicaException;
import io.lexica.corpus.EncodedCorpus;
import io.lexica.train.EpochRunner;
import io.lexica.train.glove.GloveModel;
import io.lexica.train.glove.GloveTrainer;
import io.lexica.train.word2vec.Word2VecOptions;
import io.lexica.train.word2vec.Word2VecOptions.Architecture;
import io.lexica.train.word2vec.Word2VecOptions.Loss;
import io.lexica.train.word2vec.Word2VecTrainer;
import io.lexica.vectors.WordVectors;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lexica train}: trains word vectors on a text file or an index. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Trains word vectors (word2vec skip-gram or CBOW, or GloVe) on a tokenized text file or a"
          + " Lucene index.",
      "Writes the vectors in the word2vec text format (binary when --out ends in .bin or with"
          + " --binary); --print writes them to standard output."
    },
    sortOptions = false)
public final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  static final class Source {
    @Option(
        names = "--input",
        paramLabel = "FILE",
        description =
            "Tokenized text: one document a line, tokens separated by whitespace (as `lexica corpus"
                + " export` writes).")
    Path input;

    @Option(names = "--index", paramLabel = "DIR", description = "A Lucene index to train on.")
    Path index;
  }

  @ArgGroup(multiplicity = "1")
  Source source;

  @Option(
      names = "--field",
      defaultValue = "body",
      description = "Index field to read (default: ${DEFAULT-VALUE}).")
  String field;

  @Option(
      names = "--algorithm",
      defaultValue = "word2vec",
      description = "Training algorithm: word2vec (default) or glove.")
  String algorithm;

  @Mixin GloveTrainOptions glove;

  @Option(
      names = "--arch",
      defaultValue = "skipgram",
      description = "skipgram or cbow (default: ${DEFAULT-VALUE}).")
  Architecture arch;

  @Option(
      names = "--loss",
      defaultValue = "ns",
      description =
          "ns (negative sampling), hs (hierarchical softmax) or softmax (tiny vocabularies only)"
              + " (default: ${DEFAULT-VALUE}).")
  Loss loss;

  @Option(names = "--dim", defaultValue = "100", description = "Vector size (default: 100).")
  int dim;

  @Option(
      names = "--window",
      description =
          "Maximal window radius; word2vec draws 1..window at each position (default: 5 for"
              + " word2vec, 15 for glove).")
  Integer window;

  @Option(
      names = "--negative",
      defaultValue = "5",
      description = "Negative samples per positive (default: 5).")
  int negative;

  @Option(
      names = "--ns-exponent",
      defaultValue = "0.75",
      description = "Exponent of the noise distribution (default: 0.75).")
  double nsExponent;

  @Option(
      names = "--sample",
      defaultValue = "1e-4",
      description = "Subsampling threshold for frequent words, 0 for none (default: 1e-4).")
  double sample;

  @Option(
      names = "--min-count",
      defaultValue = "5",
      description = "Ignore words with fewer occurrences (default: 5).")
  long minCount;

  @Option(
      names = "--max-vocab",
      defaultValue = "0",
      description = "Keep at most this many words, the most frequent; 0 = no limit.")
  int maxVocab;

  @Option(
      names = "--epochs",
      defaultValue = "5",
      description = "Passes over the corpus (default: 5).")
  int epochs;

  @Option(
      names = "--lr",
      defaultValue = "0",
      description = "Initial learning rate; 0 = 0.025 for skip-gram, 0.05 for CBOW.")
  double lr;

  @Option(
      names = "--threads",
      description = "Training threads (default: the number of processors).")
  Integer threads;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Random seed; with --threads 1 the vectors are identical run to run.")
  long seed;

  @Option(
      names = "--shared-negatives",
      description =
          "Skip-gram with ns: share one draw of negatives across a centre word's window (faster).")
  boolean sharedNegatives;

  @Option(names = "--out", paramLabel = "FILE", description = "Where to write the vectors.")
  Path out;

  @Option(names = "--binary", description = "Write the word2vec binary format.")
  boolean binary;

  @Option(names = "--print", description = "Print the vectors to standard output (text format).")
  boolean print;

  @Option(names = "--quiet", description = "No progress line and no summary.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    boolean isGlove = algorithm.equalsIgnoreCase("glove");
    if (!isGlove && !algorithm.equalsIgnoreCase("word2vec")) {
      throw new LexicaException(
          "unknown --algorithm " + algorithm, "use --algorithm word2vec or glove (fasttext: soon)");
    }
    if (out == null && !print) {
      throw new LexicaException("no output given", "add --out FILE or --print");
    }
    if (isGlove) {
      return trainGlove();
    }
    Word2VecOptions options;
    try {
      options =
          Word2VecOptions.builder()
              .architecture(arch)
              .loss(loss)
              .dimension(dim)
              .window(window == null ? 5 : window)
              .negative(negative)
              .negativePower(nsExponent)
              .sample(sample)
              .epochs(epochs)
              .learningRate(lr)
              .threads(threads == null ? Runtime.getRuntime().availableProcessors() : threads)
              .seed(seed)
              .sharedNegatives(sharedNegatives)
              .showProgress(!quiet)
              .build();
    } catch (IllegalArgumentException e) {
      throw new LexicaException(
          "bad training option: " + e.getMessage(), "see lexica train --help");
    }
    PrintWriter err = spec.commandLine().getErr();
    long start = System.nanoTime();
    EncodedCorpus corpus = readCorpus();
    double readSeconds = (System.nanoTime() - start) / 1e9;
    if (!quiet) {
      err.printf(
          Locale.ROOT,
          "corpus: %d words in the vocabulary, %d tokens, %d sequences (read in %.1fs)%n",
          corpus.vocabulary().size(),
          corpus.tokenCount(),
          corpus.sequenceCount(),
          readSeconds);
      err.flush();
    }
    Word2VecTrainer.Result result = Word2VecTrainer.train(corpus, options);
    EpochRunner.Report report = result.report();
    if (!quiet) {
      double[] loss = report.epochLoss();
      int step = Math.max(1, loss.length / 10); // at most about ten lines
      for (int e = 0; e < loss.length; e++) {
        if (e % step != 0 && e != loss.length - 1) {
          continue;
        }
        err.printf(Locale.ROOT, "epoch %d: loss %.5f%n", e + 1, loss[e]);
      }
      err.printf(
          Locale.ROOT,
          "trained %d tokens in %.2fs: %.0f tokens/s (%.0f tokens per CPU second)%n",
          report.units(),
          report.seconds(),
          report.unitsPerSecond(),
          report.unitsPerCpuSecond());
      err.flush();
    }
    write(result.vectors());
    return 0;
  }

  /** GloVe: counts co-occurrences, shuffles and trains; see {@link GloveTrainOptions}. */
  private int trainGlove() throws IOException {
    int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    GloveTrainer trainer =
        new GloveTrainer(
            glove.counting(window == null ? GloveTrainOptions.DEFAULT_WINDOW : window),
            glove.training(dim, threadCount, seed),
            line -> {
              if (!quiet) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("glove: " + line);
                err.flush();
              }
            });
    EncodedCorpus corpus = readCorpus();
    GloveModel model = trainer.train(corpus);
    write(model.vectors());
    glove.writeBiases(model);
    return 0;
  }

  private void write(WordVectors vectors) throws IOException {
    if (out != null) {
      boolean bin = binary || out.getFileName().toString().endsWith(".bin");
      Word2VecFiles.write(vectors, out, bin);
    }
    if (print) {
      PrintWriter o = spec.commandLine().getOut();
      for (int w = 0; w < vectors.size(); w++) {
        StringBuilder sb = new StringBuilder(vectors.word(w));
        for (float x : vectors.vector(w)) {
          sb.append(String.format(Locale.ROOT, " %8.5f", x));
        }
        o.println(sb);
      }
      o.flush();
    }
  }

  private EncodedCorpus readCorpus() {
    if (source.input != null) {
      return TokenFileCorpus.read(source.input, minCount, maxVocab);
    }
    throw new LexicaException(
        "training on an index (--index) is not wired in yet",
        "export the index with `lexica corpus export` and train on the file with --input");
  }
}
