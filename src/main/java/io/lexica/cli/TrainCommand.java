package io.lexica.cli;

import io.lexica.LexicaException;
import io.lexica.analysis.AnalyzerSpec;
import io.lexica.corpus.CorpusBuilder;
import io.lexica.corpus.EncodedCorpus;
import io.lexica.corpus.IndexCorpusReader;
import io.lexica.corpus.TokenSource;
import io.lexica.corpus.Vocabulary;
import io.lexica.index.IndexSnapshot;
import io.lexica.index.SourceIndex;
import io.lexica.train.EpochRunner;
import io.lexica.train.fasttext.FastTextTrainer;
import io.lexica.train.glove.GloveModel;
import io.lexica.train.glove.GloveOptions;
import io.lexica.train.glove.GloveTrainer;
import io.lexica.train.word2vec.Continuation;
import io.lexica.train.word2vec.Word2VecOptions;
import io.lexica.train.word2vec.Word2VecOptions.Architecture;
import io.lexica.train.word2vec.Word2VecOptions.Loss;
import io.lexica.train.word2vec.Word2VecTrainer;
import io.lexica.vectors.ModelWeights;
import io.lexica.vectors.VectorFiles;
import io.lexica.vectors.VectorFormat;
import io.lexica.vectors.WordVectors;
import io.lexica.vectors.store.Lineage;
import io.lexica.vectors.store.ModelMetadata;
import io.lexica.vectors.store.StoreOptions;
import io.lexica.vectors.store.VectorStore;
import io.lexica.vectors.store.VectorStoreWriter;
import io.lexica.vectors.store.VectorsSource;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
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

  @Option(
      names = "--init",
      paramLabel = "MODEL|FILE",
      description =
          "word2vec, fasttext: continue training this model on the corpus instead of starting"
              + " from random vectors (domain adaptation, new text): a model directory, a fastText"
              + " .bin, or a vector file (which seeds the input side only). Its words keep their"
              + " rows and stay in the model; the corpus's words that pass --min-count are added."
              + " --dim and the n-gram settings default to the model's.")
  Path init;

  @Mixin ContinuationOptions continuing;

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
    PrintWriter err = spec.commandLine().getErr();
    InitialModel initial = init == null ? null : initialModel(isGlove, isFastText, err);
    int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    Word2VecOptions options = isGlove ? null : word2vecOptions(nThreads);
    Continuation from = initial == null ? null : continuing.continuation(initial.weights());
    // word2vec and fastText see documents in sequences of at most 1000 tokens, as the C tools do;
    // GloVe's windows end only where documents end, as the reference's lines do.
    EncodedCorpus corpus =
        readCorpus(
            err,
            isGlove
                ? GloveTrainOptions.MAX_DOCUMENT_LENGTH
                : CorpusBuilder.DEFAULT_MAX_SEQUENCE_LENGTH,
            from);
    long start = System.nanoTime();
    ModelWeights weights;
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
      glove.writeBiases(model);
      weights = ModelWeights.of(model.vectors());
    } else if (isFastText) {
      FastTextTrainer.Result result = subwords.train(corpus, options, from, err, quiet);
      summarize(err, result.report());
      subwords.writeBin(result.model());
      weights = result.weights();
      hyperparameters = options;
    } else {
      Word2VecTrainer.Result result = Word2VecTrainer.train(corpus, options, from);
      summarize(err, result.report());
      weights = result.weights();
      hyperparameters = options;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    int added =
        weights.vectors().size() - (initial == null ? 0 : initial.weights().vectors().size());
    Lineage.Step step =
        new Lineage.Step(
            initial == null ? "train" : "continue",
            Instant.now().toString(),
            sourceName(),
            source.index == null ? null : String.join(",", source.fields),
            null,
            corpusDocuments,
            corpus.tokenCount(),
            added,
            seconds,
            init == null ? null : init.toAbsolutePath().toString());
    Lineage lineage = (initial == null ? Lineage.NONE : Lineage.of(initial.metadata())).then(step);
    writeVectors(weights, outFormat, corpus, hyperparameters, lineage, err);
    return printed(weights.vectors());
  }

  /** The model --init names, checked against the other options, which default to its settings. */
  private record InitialModel(ModelWeights weights, Map<String, String> metadata) {}

  private InitialModel initialModel(boolean isGlove, boolean isFastText, PrintWriter err) {
    if (isGlove) {
      throw new LexicaException(
          "--init does not apply to GloVe",
          "continue a word2vec or fasttext model, or train GloVe from scratch");
    }
    ModelWeights weights = VectorsSource.loadWeights(init);
    Map<String, String> metadata = Map.of();
    if (Files.isDirectory(init)) {
      try (VectorStore store = VectorStore.open(init)) {
        metadata = store.metadata();
      }
    }
    CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
    if (!parsed.hasMatchedOption("--dim")) {
      dim = weights.dimension();
    } else if (dim != weights.dimension()) {
      throw new LexicaException(
          "--dim " + dim + " differs from the --init model's " + weights.dimension(),
          "leave --dim out when continuing a model");
    }
    if (isFastText && weights.ngrams() != null) {
      subwords.adopt(weights.ngrams().subwords(), parsed);
    }
    String modelAnalyzer = metadata.get(VectorStore.KEY_ANALYZER);
    String corpusAnalyzer = corpusAnalyzer();
    if (modelAnalyzer != null && corpusAnalyzer != null && !modelAnalyzer.equals(corpusAnalyzer)) {
      log(
          err,
          "warning: the --init model's words were made by analyzer '"
              + modelAnalyzer
              + "', the corpus's by '"
              + corpusAnalyzer
              + "'; words that the two analyzers spell differently will not meet (use --analyzer"
              + " to match them)");
    }
    if (!quiet) {
      String what =
          weights.hasOutput()
              ? "input and output rows"
              : "its vectors alone (no output rows: a vector file or hierarchical softmax), so"
                  + " the output side starts afresh";
      log(
          err,
          String.format(
              Locale.ROOT,
              "continuing %s (%,d words x %d): %s",
              init,
              weights.vectors().size(),
              weights.dimension(),
              what));
    }
    return new InitialModel(weights, metadata);
  }

  /** The analyzer that made the corpus's tokens, or null when an index does not record it. */
  private String corpusAnalyzer() {
    if (source.analyzer != null) {
      return source.analyzer;
    }
    if (source.index == null) {
      return "standard";
    }
    try (SourceIndex index = SourceIndex.open(source.index)) {
      AnalyzerSpec recorded = index.recordedAnalyzer();
      return recorded == null ? null : recorded.toString();
    }
  }

  /** The index or the text files trained on, as recorded in the metadata. */
  private String sourceName() {
    return source.index != null
        ? source.index.toAbsolutePath().toString()
        : source.inputs.stream()
            .map(p -> p.toAbsolutePath().toString())
            .collect(java.util.stream.Collectors.joining(","));
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

  /** Writes the model directory (with metadata) or the vector file that --out names. */
  private void writeVectors(
      ModelWeights weights,
      VectorFormat outFormat,
      EncodedCorpus corpus,
      Record hyperparameters,
      Lineage lineage,
      PrintWriter err) {
    if (out == null) {
      return;
    }
    if (outFormat != null) {
      VectorFiles.write(weights.vectors(), out, outFormat);
      return;
    }
    ModelMetadata metadata =
        ModelMetadata.of(algorithm.toLowerCase(Locale.ROOT))
            .params(hyperparameters)
            .param("min_count", source.minCount)
            .corpusTokens(corpus.tokenCount())
            .lineage(lineage);
    metadata.source(sourceName(), source.index == null ? null : String.join(",", source.fields));
    metadata.analyzer(corpusAnalyzer());
    if (corpusSnapshot != null) {
      metadata.index(corpusSnapshot);
    }
    VectorStoreWriter.write(weights, metadata.toMap(), out, StoreOptions.DEFAULT);
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

  /** Documents in the corpus when it comes from an index (-1 for text files). */
  private long corpusDocuments = -1;

  /** The commit of the index read, so that 'lexica update' can find what is added later. */
  private IndexSnapshot corpusSnapshot;

  private EncodedCorpus readCorpus(PrintWriter err, int maxSequenceLength, Continuation from) {
    if (!spec.commandLine().getParseResult().hasMatchedOption("--min-count")) {
      source.minCount = DEFAULT_MIN_COUNT;
    }
    long start = System.nanoTime();
    TokenSource s = source.open();
    try {
      Vocabulary vocabulary =
          from == null
              ? source.vocabulary(s)
              : from.vocabulary(s.vocabulary(), source.minCount, source.maxVocab);
      if (s instanceof IndexCorpusReader r) {
        corpusDocuments = r.documentCount();
        corpusSnapshot = IndexSnapshot.of(r.index());
      }
      EncodedCorpus corpus = s.encode(vocabulary, source.builder(vocabulary, maxSequenceLength));
      if (!quiet) {
        String kept =
            from == null
                ? ""
                : String.format(
                    Locale.ROOT,
                    " (%,d new, the others from the initial model)",
                    vocabulary.size() - from.initial().vectors().size());
        log(
            err,
            String.format(
                Locale.ROOT,
                "corpus: %d words in the vocabulary%s, %d tokens, %d sequences (read in %.1fs)",
                vocabulary.size(),
                kept,
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
    if (!quiet) {
      summary(err, report);
    }
  }

  /** Prints the loss per epoch (at most about ten lines) and the throughput of a run. */
  static void summary(PrintWriter err, EpochRunner.Report report) {
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

  /** Prints a line of the run's log and flushes it, so that it shows while work goes on. */
  static void log(PrintWriter err, String line) {
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
