package io.lexica;

import io.lexica.analysis.AnalyzerSpec;
import io.lexica.corpus.CorpusBuilder;
import io.lexica.corpus.CorpusReading;
import io.lexica.corpus.IndexCorpusReader;
import io.lexica.corpus.TokenSource;
import io.lexica.docs.DocumentVectorIndexer;
import io.lexica.docs.EmbeddingMethod;
import io.lexica.index.IndexSnapshot;
import io.lexica.index.Indexer;
import io.lexica.index.SourceIndex;
import io.lexica.pipeline.ModelUpdate;
import io.lexica.pipeline.Trainer;
import io.lexica.pipeline.Training;
import io.lexica.train.word2vec.Word2VecOptions;
import io.lexica.util.OutputPolicy;
import io.lexica.util.ThreadCounts;
import io.lexica.vectors.Subwords;
import io.lexica.vectors.store.ModelWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Lexica in a few calls, for Java applications: index text, train word vectors on a Lucene index's
 * field, and use the {@link Model} for nearest words, analogies, query expansion and, with {@link
 * DocumentSearch}, BM25, kNN and hybrid search. The whole job, as {@code LexicaExampleTest} runs it
 * (the README's "Java API" shows the same code; {@code work} is a folder):
 *
 * <pre>{@code
 * Path index = work.resolve("index"); // a Lucene index with a "body" text field
 * try (Model model =
 *     Lexica.train(index, "body", work.resolve("model"), TrainOptions.defaults())) {
 *   for (Neighbor n : model.neighbors("king", 5)) {
 *     System.out.printf("%s %.2f%n", n.word(), n.similarity());
 *   }
 *   Path vectors = work.resolve("doc-vectors");
 *   Lexica.embedDocuments(index, model, vectors); // SIF document vectors, for kNN and hybrid
 *   try (DocumentSearch search = DocumentSearch.open(index, "body", model, vectors)) {
 *     String query = "famine in the land of egypt";
 *     Expansion e = search.expand(query, model.expander(ExpansionSettings.DEFAULTS));
 *     System.out.println(e.explain());
 *     for (Hit hit : search.hybrid(query, 5)) {
 *       System.out.printf("%.3f %s%n", hit.score(), search.stored(hit, "title"));
 *     }
 *   }
 * }
 * }</pre>
 *
 * The lower-level types ({@code Word2VecTrainer}, {@code VectorStore}, {@code QueryExpander},
 * {@code DocumentSearcher} ...) do each step with every option; the facade picks what {@code lexica
 * demo} and the README use. Stateless; thread-safe.
 */
public final class Lexica {
  private Lexica() {}

  /**
   * What {@link #train} trains: word2vec's settings, fastText's (word2vec's over words and their
   * character n-grams) or GloVe's, and the corpus's minimum count.
   *
   * @param word2vec the trainer's settings (unused when {@code glove} is set)
   * @param minCount words rarer than this in the field are left out
   * @param report told a few lines about the corpus and the training (vocabulary, most frequent
   *     words, speed, loss); {@code line -> {}} for none
   * @param subwords the n-gram scheme of a fastText model, or null for word2vec
   * @param glove GloVe's counting and training settings, or null for word2vec and fastText
   */
  public record TrainOptions(
      Word2VecOptions word2vec,
      long minCount,
      Consumer<String> report,
      Subwords subwords,
      Trainer.Glove glove) {
    /** Checks the options. */
    public TrainOptions {
      Objects.requireNonNull(word2vec, "word2vec");
      Objects.requireNonNull(report, "report");
      if (minCount < 1) {
        throw new LexicaException("min count must be at least 1, not " + minCount, "pass e.g. 5");
      }
      if (subwords != null && glove != null) {
        throw new IllegalArgumentException("GloVe has no n-grams");
      }
    }

    /**
     * word2vec or fastText options.
     *
     * @param word2vec the trainer's settings
     * @param minCount words rarer than this in the field are left out
     * @param report told a few lines about the corpus and the training
     * @param subwords the n-gram scheme of a fastText model, or null for word2vec
     */
    public TrainOptions(
        Word2VecOptions word2vec, long minCount, Consumer<String> report, Subwords subwords) {
      this(word2vec, minCount, report, subwords, null);
    }

    /**
     * word2vec options.
     *
     * @param word2vec the trainer's settings
     * @param minCount words rarer than this in the field are left out
     * @param report told a few lines about the corpus and the training
     */
    public TrainOptions(Word2VecOptions word2vec, long minCount, Consumer<String> report) {
      this(word2vec, minCount, report, null);
    }

    /**
     * These options training fastText with {@code subwords}: word2vec's settings over words and
     * their character n-grams, so that words the model never saw get vectors from their n-grams.
     * The learning rate and noise exponent stay as set; {@link Trainer.Algorithm#withDefaults}
     * gives fastText's own.
     *
     * @param subwords the n-gram scheme ({@link Subwords#defaults} is fastText's), or null for
     *     word2vec
     * @return new options
     */
    public TrainOptions withSubwords(Subwords subwords) {
      return new TrainOptions(word2vec, minCount, report, subwords, null);
    }

    /**
     * These options training GloVe with {@code glove}'s settings instead of word2vec: the
     * co-occurrences counted within documents (never cut into word2vec's 1000-token sequences),
     * then fitted by AdaGrad.
     *
     * @param glove the counting and training settings, or null for word2vec
     * @return new options
     */
    public TrainOptions withGlove(Trainer.Glove glove) {
      return new TrainOptions(word2vec, minCount, report, null, glove);
    }

    /** The trainer these options choose. */
    Trainer trainer() {
      return glove != null
          ? glove
          : subwords == null
              ? new Trainer.Word2Vec(word2vec)
              : new Trainer.FastText(word2vec, subwords);
    }

    /**
     * Skip-gram, 100 dimensions, window 5, 5 epochs, seed 1, as many threads as {@link
     * ThreadCounts#readingDefault}; words seen at least 5 times; no report.
     *
     * @return the options
     */
    public static TrainOptions defaults() {
      return new TrainOptions(
          Word2VecOptions.builder()
              .architecture(Word2VecOptions.Architecture.SKIPGRAM)
              .dimension(100)
              .window(5)
              .epochs(5)
              .threads(ThreadCounts.readingDefault())
              .seed(1)
              .build(),
          5,
          line -> {});
    }

    /**
     * These options with another minimum count.
     *
     * @param minCount words rarer than this are left out; at least 1
     * @return new options
     */
    public TrainOptions withMinCount(long minCount) {
      return new TrainOptions(word2vec, minCount, report, subwords, glove);
    }

    /**
     * These options with other word2vec settings.
     *
     * @param word2vec the trainer's settings
     * @return new options
     */
    public TrainOptions withWord2Vec(Word2VecOptions word2vec) {
      return new TrainOptions(word2vec, minCount, report, subwords, glove);
    }

    /**
     * These options reporting to {@code report}.
     *
     * @param report told a few lines about the corpus and the training
     * @return new options
     */
    public TrainOptions withReport(Consumer<String> report) {
      return new TrainOptions(word2vec, minCount, report, subwords, glove);
    }
  }

  /**
   * Indexes text files (plain text, TSV or JSONL, optionally gzipped: see {@link Indexer}) into a
   * new Lucene index at {@code index} with the standard analyzer: fields {@code id}, {@code title}
   * and {@code body} (with positions, so a model can be trained from it).
   *
   * @return the number of documents indexed and the seconds it took
   * @param inputs the files to index
   * @param index the index's folder (an earlier index made by Lexica there is replaced)
   */
  public static Indexer.Result index(List<Path> inputs, Path index) {
    return new Indexer(AnalyzerSpec.builtIn("standard")).index(inputs, index);
  }

  /**
   * Trains word2vec on {@code field} of the Lucene index at {@code index} (read only, never
   * changed), writes the model to {@code modelDir} (a Lucene index of vectors with an HNSW graph,
   * replacing only an earlier model there, through {@code ModelWriter}) with its metadata
   * (settings, source, the index's analyzer and commit, so {@code lexica update} can train it on
   * documents added later, SIF's common component) and returns it open.
   *
   * @param index the folder of a Lucene index whose field has positions, term vectors or stored
   *     text
   * @param field the text field whose words are learned
   * @param modelDir the model's folder
   * @param options what and how to train
   * @return the model, open; the caller closes it
   * @throws LexicaException when the index or field is missing or unsuitable, or {@code modelDir}
   *     holds something other than a model
   */
  public static Model train(Path index, String field, Path modelDir, TrainOptions options) {
    AnalyzerSpec analyzer;
    try (SourceIndex source = SourceIndex.open(index)) {
      analyzer = source.recordedAnalyzer();
    }
    try (IndexCorpusReader reader = IndexCorpusReader.open(index, List.of(field))) {
      train(
          reader,
          new CorpusOrigin(
              index.toAbsolutePath().toString(),
              field,
              analyzer == null ? null : analyzer.toString(),
              IndexSnapshot.of(reader.index())),
          modelDir,
          options);
    }
    return Model.open(modelDir);
  }

  /**
   * Where a corpus's tokens came from, as a model's metadata records it.
   *
   * @param source the index (a folder, or an index of a cluster) or files read
   * @param field the field read, or null for text files
   * @param analyzer the analyzer spec that made the tokens, or null when unknown
   * @param snapshot the commit of a local index read (what {@code lexica update} compares with), or
   *     null when there is none
   */
  public record CorpusOrigin(
      String source, String field, String analyzer, IndexSnapshot snapshot) {}

  /**
   * Trains word2vec (or the fastText or GloVe {@code options} choose) on the tokens of any {@link
   * TokenSource}, exactly as {@link #train(Path, String, Path, TrainOptions)} does on a local
   * index: the source's vocabulary pruned to {@code options.minCount()}, the documents encoded in
   * sequences of at most {@value CorpusBuilder#DEFAULT_MAX_SEQUENCE_LENGTH} tokens (GloVe: whole
   * documents), the same metadata (settings, origin, lineage) and SIF component, every weight kept
   * (output rows too, so {@code lexica update} can continue the model). It is the one training path
   * of the facade, and the library's {@link Training#run}, which {@code lexica train} runs too, so
   * a source that reads an index elsewhere (the OpenSearch plugin reads shards on the nodes that
   * hold them) trains on the very tokens the local reader would give, into the same model.
   *
   * @param source the tokens; a source may return a corpus that watches its readers from {@link
   *     TokenSource#encode} (progress) and carries a stop signal ({@link
   *     io.lexica.corpus.EncodedCorpus#stopSignal}: cancellation), whose exception ends the
   *     training in any phase
   * @param origin what the metadata records as the corpus's origin
   * @param modelDir the model's folder (an earlier model there is replaced, nothing else)
   * @param options what and how to train
   * @return the number of tokens trained on (the corpus's token count)
   */
  public static long train(
      TokenSource source, CorpusOrigin origin, Path modelDir, TrainOptions options) {
    Training.Result result =
        Training.run(
            source,
            new Training.Origin(
                origin.source(), origin.field(), origin.analyzer(), origin.snapshot()),
            new Training.Settings(
                options.trainer(), options.minCount(), 0, null, null, CorpusReading.DEFAULTS),
            ModelWriter.directory(modelDir, OutputPolicy.SAFE),
            options.report());
    options.report().accept("model stored as a Lucene index (HNSW) in " + modelDir);
    return result.tokens();
  }

  /**
   * Trains the model at {@code modelDir} on the documents added to its index since it was made or
   * last updated, as {@code lexica update} does with no options: the model continues with the
   * settings it records, its words keep their vectors and new words join when the whole index holds
   * them as often as its minimum count asks (see {@link ModelUpdate}); the model is replaced
   * atomically, readers see the old or the new one. Nothing is written when no document was added.
   *
   * @param modelDir a model that {@link #train} or {@code lexica train} made from a local index
   * @param report told a few lines about the update; {@code line -> {}} for none
   * @return what was done: whether the model was updated, its words, the new ones
   * @throws LexicaException when the model records no index commit, or was not made by word2vec or
   *     fastText
   */
  public static ModelUpdate.Result update(Path modelDir, Consumer<String> report) {
    return ModelUpdate.prepare(modelDir, ModelUpdate.Settings.DEFAULTS, report).run();
  }

  /**
   * Embeds every document of {@code index} (an index with {@code title} and {@code body} fields, as
   * {@link #index} and {@code lexica index} make) with {@code model} into a document-vector index
   * at {@code out} (SIF weights from the index's statistics, its common component removed), for
   * {@link DocumentSearch}'s kNN and hybrid search. The source index is only read; {@code out}
   * replaces only an earlier document-vector index.
   *
   * @return how many documents got a vector
   * @param index the folder of the source index
   * @param model the model whose words embed the documents
   * @param out the document-vector index's folder
   */
  public static int embedDocuments(Path index, Model model, Path out) {
    return DocumentVectorIndexer.run(
            index,
            out,
            model.embeddings(),
            model.path() == null ? "in-memory model" : model.path().toString(),
            model.analyzer(),
            DocumentVectorIndexer.Options.defaults(EmbeddingMethod.SIF))
        .embedded();
  }
}
