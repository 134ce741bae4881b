package io.lexica.cli;

import io.lexica.LexicaException;
import io.lexica.analysis.AnalyzerSpec;
import io.lexica.corpus.CorpusBuilder;
import io.lexica.corpus.EncodedCorpus;
import io.lexica.corpus.TokenSource;
import io.lexica.corpus.Vocabulary;
import io.lexica.index.SourceIndex;
import io.lexica.train.EpochRunner;
import io.lexica.train.fasttext.FastTextTrainer;
import io.lexica.train.glove.GloveModel;
import io.lexica.train.glove.GloveOptions;
import io.lexica.train.glove.GloveTrainer;
import io.lexica.train.word2vec.Word2VecOptions;
import io.lexica.train.word2vec.Word2VecOptions.Architecture;
import io.lexica.train.word2vec.Word2VecOptions.Loss;
import io.lexica.train.word2vec.Word2VecTrainer;
import io.lexica.util.OutputKind;
import io.lexica.util.OutputPolicy;
import io.lexica.vectors.VectorFiles;
import io.lexica.vectors.VectorFormat;
import io.lexica.vectors.WordVectors;
import io.lexica.vectors.store.ModelFile;
import io.lexica.vectors.store.ModelMetadata;
import io.lexica.vectors.store.StoreOptions;
import io.lexica.vectors.store.VectorStore;
import io.lexica.vectors.store.VectorStoreWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lexica train}: trains word vectors on an index or text files. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Trains word vectors on a Lucene index (--index DIR --field F) or text files (--input FILE):"
          + " word2vec (skip-gram or CBOW; negative sampling, hierarchical softmax or softmax) or"
          + " GloVe.",
      "Writes a vector file (--out; word2vec binary when it ends in .bin, else word2vec text, or"
          + " --format); --print writes the vectors to standard output."
    },
    sortOptions = false)
public final class TrainCommand implements Callable<Integer> {
  /** word2vec's default; the corpus options' own default (1) suits exports and statistics. */
  static final long DEFAULT_MIN_COUNT = 5;

  @Spec CommandSpec spec;

  @Mixin CorpusSourceOptions source;

  @Option(
      names = "--algorithm",
      defaultValue = "word2vec",
      description = "word2vec, glove or fasttext (default: ${DEFAULT-VALUE}).")
  String algorithm;

  @Option(
      names = "--arch",
      defaultValue = "skipgram",
      description = "word2vec: skipgram or cbow (default: ${DEFAULT-VALUE}).")
  Architecture arch;

  @Option(
      names = "--loss",
      defaultValue = "ns",
      description =
          "word2vec: ns (negative sampling), hs (hierarchical softmax) or softmax (tiny"
              + " vocabularies only) (default: ${DEFAULT-VALUE}).")
  Loss loss;

  @Option(names = "--dim", defaultValue = "100", description = "Vector size (default: 100).")
  int dim;

  @Option(
      names = "--window",
      description =
          "Window radius (word2vec: maximal, each position draws 1..window; default 5; GloVe"
              + " default 15).")
  Integer window;

  @Option(
      names = "--negative",
      defaultValue = "5",
      description = "word2vec: negative samples per positive (default: 5).")
  int negative;

  @Option(
      names = "--ns-exponent",
      defaultValue = "0.75",
      description =
          "word2vec: exponent of the noise distribution (default: 0.75; fasttext: 0.5, as"
              + " fastText).")
  double nsExponent;

  @Option(
      names = "--sample",
      defaultValue = "1e-4",
      description =
          "word2vec: subsampling threshold for frequent words, 0 for none (default: 1e-4).")
  double sample;

  @Option(
      names = "--epochs",
      defaultValue = "5",
      description = "word2vec: passes over the corpus (default: 5).")
  int epochs;

  @Option(
      names = "--lr",
      defaultValue = "0",
      description =
          "word2vec: initial learning rate; 0 = 0.025 for skip-gram, 0.05 for CBOW (fasttext:"
              + " 0.05 for both, as fastText).")
  double lr;

  @Option(
      names = "--shared-negatives",
      description =
          "word2vec skip-gram with ns: share one draw of negatives across a centre word's window"
              + " (Ji et al. 2016; faster).")
  boolean sharedNegatives;

  @Option(
      names = "--per-prediction-updates",
      description =
          "fasttext skip-gram: rebuild the n-gram mean and spread the step after every context"
              + " word, exactly as fastText (default: once per window, about 3x less work).")
  boolean perPredictionUpdates;

  @Mixin GloveTrainOptions glove;

  @Mixin SubwordOptions subwords;

  @Option(names = "--threads", description = "Training threads (default: the processors).")
  Integer threads;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Random seed; with --threads 1 the vectors are identical run to run.")
  long seed;

  @Option(
      names = "--out",
      paramLabel = "MODEL|FILE",
      description =
          "Where to write the vectors: a model directory (a Lucene vector store, the default) or,"
              + " when the name ends in .bin, .txt, .vec or .gz or --format says so, a vector file.")
  Path out;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "store (a model directory), word2vec-binary, word2vec-text, glove or fasttext-vec"
              + " (default: store; word2vec-binary for .bin, word2vec-text for .txt/.vec/.gz).")
  String format;

  @Option(names = "--print", description = "Print the vectors to standard output.")
  boolean print;

  @Option(names = "--quiet", description = "No progress line and no summary.")
  boolean quiet;

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    boolean isGlove = algorithm.equalsIgnoreCase("glove");
    boolean isFastText = algorithm.equalsIgnoreCase("fasttext");
    if (!isGlove && !isFastText && !algorithm.equalsIgnoreCase("word2vec")) {
      throw new LexicaException(
          "unknown --algorithm " + algorithm, "use --algorithm word2vec, glove or fasttext");
    }
    if (isFastText && !spec.commandLine().getParseResult().hasMatchedOption("--ns-exponent")) {
      nsExponent = FastTextTrainer.DEFAULT_NEGATIVE_POWER;
    }
    if (out == null && !print) {
      throw new LexicaException("no output given", "add --out FILE or --print");
    }
    VectorFormat outFormat = outputFormat(); // null: a model directory
    OutputPolicy policy = output.policy(source.paths());
    if (out != null) {
      (outFormat == null ? VectorStore.KIND : OutputKind.FILE).check(out, policy);
    }
    subwords.checkOutput(policy);
    if (glove.biases != null) {
      OutputKind.FILE.check(glove.biases, policy);
    }
    int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    Word2VecOptions options = isGlove ? null : word2vecOptions(nThreads);
    PrintWriter err = spec.commandLine().getErr();
    // word2vec and fastText see documents in sequences of at most 1000 tokens, as the C tools do;
    // GloVe's windows end only where documents end, as the reference's lines do.
    EncodedCorpus corpus =
        readCorpus(
            err,
            isGlove
                ? GloveTrainOptions.MAX_DOCUMENT_LENGTH
                : CorpusBuilder.DEFAULT_MAX_SEQUENCE_LENGTH);
    WordVectors vectors;
    Record hyperparameters;
    if (isGlove) {
      int w = window == null ? GloveTrainOptions.DEFAULT_WINDOW : window;
      glove.tempDir = source.tempDir;
      GloveOptions gloveOptions = glove.training(dim, nThreads, seed);
      hyperparameters = gloveOptions;
      GloveModel model =
          new GloveTrainer(
                  glove.counting(w), gloveOptions, quiet ? s -> {} : s -> log(err, "glove: " + s))
              .train(corpus);
      glove.writeBiases(model, policy);
      vectors = model.vectors();
    } else if (isFastText) {
      FastTextTrainer.Result result = subwords.train(corpus, options, err, quiet);
      summarize(err, result.report());
      vectors = result.model().wordVectors();
      hyperparameters = options;
      writeVectors(
          vectors,
          outFormat,
          corpus,
          hyperparameters,
          err,
          policy,
          SubwordOptions.modelFiles(result.model().ngrams()));
      subwords.writeBin(result.model(), policy);
      return printed(vectors);
    } else {
      Word2VecTrainer.Result result = Word2VecTrainer.train(corpus, options);
      summarize(err, result.report());
      vectors = result.vectors();
      hyperparameters = options;
    }
    writeVectors(vectors, outFormat, corpus, hyperparameters, err, policy, List.of());
    return printed(vectors);
  }

  private int printed(WordVectors vectors) {
    if (print) {
      printVectors(vectors);
    }
    return 0;
  }

  private Word2VecOptions word2vecOptions(int nThreads) {
    try {
      return Word2VecOptions.builder()
          .architecture(arch)
          .loss(loss)
          .dimension(dim)
          .window(window == null ? 5 : window)
          .negative(negative)
          .negativePower(nsExponent)
          .sample(sample)
          .epochs(epochs)
          .learningRate(lr)
          .threads(nThreads)
          .seed(seed)
          .sharedNegatives(sharedNegatives)
          .perPredictionUpdates(perPredictionUpdates)
          .showProgress(!quiet)
          .build();
    } catch (IllegalArgumentException e) {
      throw new LexicaException(
          "bad training option: " + e.getMessage(), "see lexica train --help");
    }
  }

  /**
   * Writes the model directory (with metadata and {@code extras}) or the vector file that --out
   * names.
   */
  private void writeVectors(
      WordVectors vectors,
      VectorFormat outFormat,
      EncodedCorpus corpus,
      Record hyperparameters,
      PrintWriter err,
      OutputPolicy policy,
      List<ModelFile> extras) {
    if (out == null) {
      return;
    }
    if (outFormat != null) {
      VectorFiles.write(vectors, out, outFormat, policy);
      return;
    }
    ModelMetadata metadata =
        ModelMetadata.of(algorithm.toLowerCase(Locale.ROOT))
            .params(hyperparameters)
            .param("min_count", source.minCount)
            .corpusTokens(corpus.tokenCount());
    if (source.index != null) {
      metadata.source(source.index.toAbsolutePath().toString(), String.join(",", source.fields));
      try (SourceIndex index = SourceIndex.open(source.index)) {
        AnalyzerSpec recorded = index.recordedAnalyzer();
        metadata.analyzer(
            source.analyzer != null
                ? source.analyzer
                : recorded == null ? null : recorded.toString());
      }
    } else {
      metadata.source(
          source.inputs.stream()
              .map(p -> p.toAbsolutePath().toString())
              .collect(java.util.stream.Collectors.joining(",")),
          null);
      metadata.analyzer(source.analyzer == null ? "standard" : source.analyzer);
    }
    VectorStoreWriter.write(vectors, metadata.toMap(), out, StoreOptions.DEFAULT, policy, extras);
    if (!quiet) {
      log(
          err,
          "model written to " + out + " (a Lucene vector store; 'lexica model info' shows it)");
    }
  }

  /** The vector-file format --out asks for, or null for a model directory (the default). */
  private VectorFormat outputFormat() {
    if (format != null) {
      if (format.equalsIgnoreCase("store")) {
        return null;
      }
      VectorFormat f = VectorFormat.parse(format);
      if (f == VectorFormat.AUTO) {
        throw new LexicaException("--format auto is for reading", "name the format to write");
      }
      return f;
    }
    String name = out == null ? "" : out.getFileName().toString();
    if (name.matches(".*\\.bin(\\.gz)?")) {
      return VectorFormat.WORD2VEC_BINARY;
    }
    if (out == null || name.matches(".*\\.(txt|vec|w2v|gz)")) {
      return VectorFormat.WORD2VEC_TEXT;
    }
    return null;
  }

  private EncodedCorpus readCorpus(PrintWriter err, int maxSequenceLength) {
    if (!spec.commandLine().getParseResult().hasMatchedOption("--min-count")) {
      source.minCount = DEFAULT_MIN_COUNT;
    }
    long start = System.nanoTime();
    TokenSource s = source.open();
    try {
      Vocabulary vocabulary = source.vocabulary(s);
      EncodedCorpus corpus = s.encode(vocabulary, source.builder(vocabulary, maxSequenceLength));
      if (!quiet) {
        log(
            err,
            String.format(
                Locale.ROOT,
                "corpus: %d words in the vocabulary, %d tokens, %d sequences (read in %.1fs)",
                vocabulary.size(),
                corpus.tokenCount(),
                corpus.sequenceCount(),
                (System.nanoTime() - start) / 1e9));
      }
      return corpus;
    } finally {
      CorpusSourceOptions.close(s);
    }
  }

  private void summarize(PrintWriter err, EpochRunner.Report report) {
    if (quiet) {
      return;
    }
    double[] loss = report.epochLoss();
    int step = Math.max(1, loss.length / 10); // at most about ten lines
    for (int e = 0; e < loss.length; e++) {
      if (e % step == 0 || e == loss.length - 1) {
        log(err, String.format(Locale.ROOT, "epoch %d: loss %.5f", e + 1, loss[e]));
      }
    }
    log(
        err,
        String.format(
            Locale.ROOT,
            "trained %d tokens in %.2fs: %.0f tokens/s (%.0f tokens per CPU second)",
            report.units(),
            report.seconds(),
            report.unitsPerSecond(),
            report.unitsPerCpuSecond()));
  }

  private static void log(PrintWriter err, String line) {
    err.println(line);
    err.flush();
  }

  private void printVectors(WordVectors vectors) {
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
