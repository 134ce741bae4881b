package io.lexica.cli;

import io.lexica.LexicaException;
import io.lexica.analysis.AnalyzerSpec;
import io.lexica.corpus.TokenSource;
import io.lexica.index.SourceIndex;
import io.lexica.phrases.PhraseOptions;
import io.lexica.pipeline.Trainer;
import io.lexica.pipeline.Trainer.Algorithm;
import io.lexica.pipeline.Training;
import io.lexica.train.word2vec.Word2VecOptions;
import io.lexica.train.word2vec.Word2VecOptions.Architecture;
import io.lexica.train.word2vec.Word2VecOptions.Loss;
import io.lexica.vectors.ModelWeights;
import io.lexica.vectors.VectorFieldLimits;
import io.lexica.vectors.WordVectors;
import io.lexica.vectors.store.ModelFiles;
import io.lexica.vectors.store.ModelWriter;
import io.lexica.vectors.store.VectorStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lexica train}: trains word vectors on an index or text files. Every option is checked
 * before the corpus is read, since reading and training a large corpus take minutes: the
 * algorithm's settings, the n-gram scheme, the output's format and its limits (a model holds at
 * most {@link VectorFieldLimits#MAX_DIMENSION} dimensions). The options map onto a {@link Trainer}
 * and {@link Training.Settings}; the run is the library's {@link Training#run}, the one the
 * facade's {@code Lexica.train} runs too.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Trains word vectors on a Lucene index (--index DIR --field F) or text files (--input FILE):"
          + " word2vec (skip-gram or CBOW; negative sampling, hierarchical softmax or softmax),"
          + " fastText (word2vec over character n-grams: vectors for unseen words too) or GloVe.",
      "Writes a model directory (--out DIR: a Lucene vector store with the hyperparameters in its"
          + " metadata), or a vector file when --out ends in .bin (word2vec binary), .txt, .vec,"
          + " .w2v or .gz (word2vec text) or --format says so; --print writes the vectors to"
          + " standard output."
    },
    defaultValueProvider = TrainCommand.Defaults.class,
    sortOptions = false)
final class TrainCommand implements Callable<Integer> {
  /** {@code --old-rate} of {@code --init} unless given: the model's words adapt like new ones. */
  static final double OLD_RATE = 1;

  /** word2vec's default; the corpus options' own default (1) suits exports and statistics. */
  static final long DEFAULT_MIN_COUNT = 5;

  /**
   * Defaults of this command that differ from those of the shared option groups: {@code
   * --min-count} is {@value #DEFAULT_MIN_COUNT}, as in word2vec (the corpus commands keep every
   * word). Help shows them like any other default.
   */
  static final class Defaults implements IDefaultValueProvider {
    @Override
    public String defaultValue(ArgSpec arg) {
      return arg instanceof OptionSpec o && o.longestName().equals("--min-count")
          ? Long.toString(DEFAULT_MIN_COUNT)
          : null;
    }
  }

  @Spec CommandSpec spec;

  @Mixin CorpusSourceOptions source;

  @Option(
      names = "--algorithm",
      paramLabel = "NAME",
      defaultValue = "word2vec",
      description = "word2vec, fasttext or glove.")
  Algorithm algorithm;

  @Option(
      names = "--arch",
      paramLabel = "NAME",
      defaultValue = "skipgram",
      description = "word2vec: skipgram or cbow.")
  Architecture arch;

  @Option(
      names = "--loss",
      paramLabel = "NAME",
      defaultValue = "ns",
      description =
          "word2vec: ns (negative sampling), hs (hierarchical softmax) or softmax (tiny"
              + " vocabularies only).")
  Loss loss;

  @Option(
      names = "--dim",
      paramLabel = "N",
      defaultValue = "100",
      converter = OptionTypes.PositiveInt.class,
      description =
          "Vector size; a model directory holds at most "
              + VectorFieldLimits.MAX_DIMENSION
              + ", vector files any.")
  int dim;

  @Option(
      names = "--window",
      paramLabel = "N",
      converter = OptionTypes.PositiveInt.class,
      description =
          "Window radius (word2vec: maximal, each position draws 1..window; default: 5, GloVe:"
              + " 15).")
  Integer window;

  @Option(
      names = "--negative",
      paramLabel = "N",
      defaultValue = "5",
      converter = OptionTypes.PositiveInt.class,
      description = "word2vec: negative samples per positive.")
  int negative;

  @Option(
      names = "--ns-exponent",
      paramLabel = "X",
      converter = OptionTypes.NonNegativeNumber.class,
      description =
          "word2vec: exponent of the noise distribution (default: 0.75; fasttext: 0.5, as"
              + " fastText).")
  Double nsExponent;

  @Option(
      names = "--sample",
      paramLabel = "X",
      defaultValue = "1e-4",
      converter = OptionTypes.NonNegativeNumber.class,
      description = "word2vec: subsampling threshold for frequent words, 0 for none.")
  double sample;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      defaultValue = "5",
      converter = OptionTypes.PositiveInt.class,
      description = "word2vec: passes over the corpus.")
  int epochs;

  @Option(
      names = "--lr",
      paramLabel = "RATE",
      converter = OptionTypes.PositiveNumber.class,
      description =
          "word2vec: initial learning rate, decaying linearly to 0 (default: 0.025 for skip-gram,"
              + " 0.05 for CBOW; fasttext: 0.05 for both, as fastText). The model records the"
              + " rate used.")
  Double lr;

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

  @Mixin PhraseDetectionOptions phrasing;

  @Option(
      names = "--threads",
      paramLabel = "N",
      converter = OptionTypes.PositiveInt.class,
      description = "Training threads (default: the processors).")
  Integer threads;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "1",
      description = "Random seed; with --threads 1 the vectors are identical run to run.")
  long seed;

  @Option(
      names = "--out",
      paramLabel = "DIR|FILE",
      description =
          "Where to write the vectors (default: none; give --out or --print): a model directory"
              + " (a Lucene vector store) unless the name ends in .bin, .txt, .vec, .w2v or .gz or"
              + " --format names a vector file format.")
  Path out;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "store (a model directory), word2vec-binary, word2vec-text, glove or fasttext-vec"
              + " (default: from --out's name: word2vec-binary for .bin, word2vec-text for .txt,"
              + " .vec, .w2v and .gz, else store).")
  String format;

  @Option(names = "--print", description = "Print the vectors to standard output.")
  boolean print;

  @Option(names = "--quiet", description = "No progress line and no summary.")
  boolean quiet;

  /** Options only word2vec and fastText read (the skip-gram/CBOW training loop, continuing). */
  private static final Set<String> CONTEXT_TRAINING_OPTIONS =
      Set.of(
          "--arch",
          "--loss",
          "--negative",
          "--ns-exponent",
          "--sample",
          "--epochs",
          "--lr",
          "--shared-negatives",
          "--init",
          "--old-rate");

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    checkOptionsApply();
    if (out == null && !print) {
      throw new LexicaException("no output given", "add --out DIR|FILE or --print");
    }
    ModelWriter writer =
        ModelWriter.of(out, format, output.policy(source.paths()).reading(init))
            .fastTextBin(subwords.bin)
            .gloveBiases(glove.biases);
    output.check(writer);
    PhraseOptions phraseOptions = phrasing.options();
    if (phraseOptions != null && init != null) {
      throw new LexicaException(
          "--phrases cannot continue a model (--init): its words were learned without them",
          "train from scratch with --phrases, or continue without it");
    }
    writer.checkPhrases(phraseOptions != null);
    PrintWriter err = spec.commandLine().getErr();
    InitialModel initial = init == null ? null : initialModel(err);
    int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    // Every setting is made (and so checked) before the corpus is read, which can take minutes.
    writer.checkDimension( // after --init, which may set --dim
        dim,
        (init == null ? "lower --dim to " : "continue a model of ")
            + VectorFieldLimits.MAX_DIMENSION
            + " dimensions or less, or write a vector file (e.g. --out vectors.bin), which has"
            + " no limit");
    Trainer trainer =
        switch (algorithm) {
          case WORD2VEC -> new Trainer.Word2Vec(word2vecOptions(nThreads));
          case FASTTEXT -> new Trainer.FastText(word2vecOptions(nThreads), subwords.subwords());
          case GLOVE -> {
            glove.tempDir = source.tempDir;
            yield new Trainer.Glove(
                glove.counting(window == null ? GloveTrainOptions.DEFAULT_WINDOW : window),
                glove.training(dim, nThreads, seed));
          }
        };
    Training.Initial from =
        initial == null
            ? null
            : new Training.Initial(
                continuing.continuation(initial.weights(), OLD_RATE),
                initial.metadata(),
                init.toAbsolutePath().toString());
    Training.Settings settings =
        new Training.Settings(
            trainer, source.minCount, source.maxVocab, phraseOptions, from, source.reading());
    Training.Origin origin =
        new Training.Origin(
            sourceName(),
            source.index == null ? null : String.join(",", source.fields),
            writer.isDirectory() ? corpusAnalyzer() : null,
            null);
    Training.Result result;
    TokenSource tokens = source.open();
    try {
      result =
          Training.run(
              tokens, origin, settings, writer, quiet ? line -> {} : line -> log(err, line));
    } finally {
      CorpusSourceOptions.close(tokens);
    }
    if (writer.isDirectory() && !quiet) {
      log(
          err,
          "model written to " + out + " (a Lucene vector store; 'lexica model info' shows it)");
    }
    return printed(result.weights().vectors());
  }

  /** The model --init names, checked against the other options, which default to its settings. */
  private record InitialModel(ModelWeights weights, Map<String, String> metadata) {}

  private InitialModel initialModel(PrintWriter err) {
    // GloVe with --init is refused with the other options GloVe does not read (checkOptionsApply).
    ModelFiles.Contents model = ModelFiles.read(init);
    ModelWeights weights = model.weights();
    Map<String, String> metadata = model.metadata();
    CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
    if (!parsed.hasMatchedOption("--dim")) {
      dim = weights.dimension();
    } else if (dim != weights.dimension()) {
      throw new LexicaException(
          "--dim " + dim + " differs from the --init model's " + weights.dimension(),
          "leave --dim out when continuing a model");
    }
    if (algorithm == Algorithm.FASTTEXT && weights.ngrams() != null) {
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

  /**
   * Fails on an option the chosen algorithm does not read, which would otherwise be ignored without
   * a word (GloVe has --iterations, not --epochs; only fastText has n-grams).
   */
  private void checkOptionsApply() {
    Set<OptionSpec> gloveOnly = Set.copyOf(spec.mixins().get("glove").options());
    Set<OptionSpec> fastTextOnly = new HashSet<>(spec.mixins().get("subwords").options());
    fastTextOnly.add(spec.findOption("--per-prediction-updates"));
    for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
      Set<Algorithm> readers =
          gloveOnly.contains(o)
              ? EnumSet.of(Algorithm.GLOVE)
              : fastTextOnly.contains(o)
                  ? EnumSet.of(Algorithm.FASTTEXT)
                  : CONTEXT_TRAINING_OPTIONS.contains(o.longestName())
                      ? EnumSet.of(Algorithm.WORD2VEC, Algorithm.FASTTEXT)
                      : EnumSet.allOf(Algorithm.class);
      if (!readers.contains(algorithm)) {
        throw new LexicaException(
            o.longestName() + " does not apply to --algorithm " + algorithm.id(),
            "leave it out, or train with --algorithm "
                + readers.stream().map(Algorithm::id).collect(Collectors.joining(" or ")));
      }
    }
  }

  private int printed(WordVectors vectors) {
    if (print) {
      printVectors(vectors);
    }
    return 0;
  }

  /**
   * The word2vec (and fastText) settings. Defaults that depend on the algorithm are resolved here,
   * so the model records the values used: the learning rate (the C tool's per architecture,
   * fastText's 0.05) and fastText's noise exponent.
   */
  private Word2VecOptions word2vecOptions(int nThreads) {
    try {
      Word2VecOptions.Builder b =
          Word2VecOptions.builder()
              .architecture(arch)
              .loss(loss)
              .dimension(dim)
              .negative(negative)
              .sample(sample)
              .epochs(epochs)
              .threads(nThreads)
              .seed(seed)
              .sharedNegatives(sharedNegatives)
              .perPredictionUpdates(perPredictionUpdates)
              .showProgress(!quiet);
      Set<Word2VecOptions.Setting> given = EnumSet.noneOf(Word2VecOptions.Setting.class);
      if (window != null) {
        b.window(window);
      }
      if (lr != null) {
        b.learningRate(lr);
        given.add(Word2VecOptions.Setting.LEARNING_RATE);
      }
      if (nsExponent != null) {
        b.negativePower(nsExponent);
        given.add(Word2VecOptions.Setting.NEGATIVE_POWER);
      }
      return algorithm.withDefaults(b, given).build();
    } catch (Word2VecOptions.InvalidSetting e) {
      throw OptionTypes.invalid(e, "train");
    }
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
