package io.lexica.vectors.store;

import io.lexica.LexicaException;
import io.lexica.phrases.PhraseList;
import io.lexica.util.AtomicOutput;
import io.lexica.util.OutputPolicy;
import io.lexica.util.Progress;
import io.lexica.vectors.ModelWeights;
import io.lexica.vectors.RowCheck;
import io.lexica.vectors.SubwordMatrix;
import io.lexica.vectors.VectorFieldLimits;
import io.lexica.vectors.WordVectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.Version;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding;

/**
 * Writes {@link WordVectors} as a model: a Lucene index that {@link VectorStore} opens.
 *
 * <p>Layout: one document per row, in row order (frequency order for trained models), with
 *
 * <ul>
 *   <li>{@value VectorStore#WORD_FIELD}: the word, indexed as one exact term (word to document) and
 *       as sorted doc values (document to word);
 *   <li>{@value VectorStore#COUNT_FIELD}: the corpus count, numeric doc values;
 *   <li>{@value VectorStore#VECTOR_FIELD}: the unit-length vector in a {@link KnnFloatVectorField}
 *       with an HNSW graph and {@link VectorSimilarityFunction#DOT_PRODUCT}. The vectors are
 *       normalized once here, so each comparison during search is one dot product; {@code COSINE}
 *       would re-derive both norms at every comparison and rejects zero vectors. On unit vectors
 *       the dot product is the cosine, which is what every query reports;
 *   <li>{@value VectorStore#RAW_FIELD}: the raw vector, bit for bit as given, in a second vector
 *       field whose format never builds a graph (flat, memory-mapped, random access by document).
 *       Exports and {@link VectorStore#rawVector} read it;
 *   <li>what training continues from ({@link ModelWeights}), when the model has it: {@value
 *       VectorStore#OUTPUT_FIELD}, the word's output row, and for subword models {@value
 *       VectorStore#WORD_ROW_FIELD}, its own input row, both graph-less like the raw vector; the
 *       n-gram rows go to {@value SubwordMatrix#FILE_NAME} in the model directory; the phrases of a
 *       model trained with them ({@link PhraseList}) to {@value PhraseList#FILE_NAME}. They are
 *       written with the rest, before the directory is moved into place, so a model is never seen
 *       with some of its weights missing or from another version;
 *   <li>{@value VectorStore#HUBNESS_FIELD} (aligned models only): the word's hubness, the mean
 *       cosine of its nearest words in the other language, as float bits in numeric doc values;
 *       cross-lingual queries subtract it to rank by CSLS (see {@link LanguagePart}).
 * </ul>
 *
 * <p>A multilingual model (two embeddings aligned into one space, {@link #write(List, Map, Path,
 * StoreOptions, OutputPolicy)}) holds the rows of each language as one contiguous block, in the
 * order given; the metadata key {@value VectorStore#KEY_LANGUAGES} names the languages and their
 * sizes in that order ({@code zh:20832,en:91612}), so a language is a range of rows. A word may
 * occur in several languages; the word field finds all its rows.
 *
 * <p>The model's metadata (caller's entries plus dimension, size, format, versions, creation time
 * and the HNSW settings) is the commit's user data. The index is force-merged to one segment so
 * opening it maps the graph from disk and never rebuilds anything, and it is written through {@link
 * AtomicOutput}: until the final move, the target holds the previous model or nothing.
 *
 * <p>This is the Lucene layer of a model directory: code outside this package writes models through
 * {@link ModelWriter}, which decides between a directory and a vector file, checks every output
 * before the work and builds the metadata with {@link ModelMetadata}.
 *
 * <p>Not thread-safe; each call is independent.
 */
public final class VectorStoreWriter {
  /**
   * Indexing buffer: a quarter of the heap, within Lucene's per-thread limit. Bigger buffers mean
   * fewer flushed segments, so less of the graph is rebuilt by the final merge.
   */
  private static final double RAM_BUFFER_MB =
      Math.max(64, Math.min(1900, Runtime.getRuntime().maxMemory() / 4 / (1 << 20)));

  /** Below this many words the single-threaded build is quick and the deferral not worth it. */
  static final int DEFERRED_GRAPH_MIN_SIZE = 50_000;

  private VectorStoreWriter() {}

  /**
   * The rows of one language of a multilingual model.
   *
   * @param language a short name such as an ISO 639-1 code ({@code en}, {@code zh}): letters,
   *     digits, {@code -} and {@code _}
   * @param vectors the words of the language (unique within it) and their vectors in the shared
   *     space
   * @param hubness per row, the mean cosine of the word's nearest words in the other language (the
   *     CSLS correction of Conneau et al. 2018); null when not computed
   */
  public record LanguagePart(String language, WordVectors vectors, float[] hubness) {
    /**
     * Checks the language name and the hubness's length.
     *
     * @throws IllegalArgumentException when the name has other characters or the hubness does not
     *     have one value per word
     */
    public LanguagePart {
      if (language == null || !language.matches("[A-Za-z0-9_-]+")) {
        throw new IllegalArgumentException("bad language name: " + language);
      }
      if (hubness != null && hubness.length != vectors.size()) {
        throw new IllegalArgumentException("hubness and vectors differ in length");
      }
    }
  }

  /** Consecutive rows of a model: their weights and optional per-row hubness. */
  private record Rows(ModelWeights weights, float[] hubness) {
    WordVectors vectors() {
      return weights.vectors();
    }
  }

  /**
   * Writes {@code vectors} as a model at {@code target}, replacing a model there (and nothing else:
   * see {@link VectorStore#KIND}).
   *
   * @param vectors the words and their vectors (unique words)
   * @param metadata what produced the vectors: algorithm, hyperparameters, source index and field,
   *     analyzer, corpus tokens (see the keys in {@link VectorStore}); stored as given
   * @param target the model folder; written beside and moved in atomically
   * @param options HNSW and quantization settings
   * @throws io.lexica.LexicaException when {@code target} holds something other than a model, or a
   *     value is not finite; nothing is replaced then
   */
  public static void write(
      WordVectors vectors, Map<String, String> metadata, Path target, StoreOptions options) {
    write(ModelWeights.of(vectors), metadata, target, options, OutputPolicy.SAFE);
  }

  /**
   * Writes a model with all its weights, so that training can continue from it, at {@code target},
   * replacing a model there; see {@link #write(WordVectors, Map, Path, StoreOptions)}.
   *
   * @param weights the vectors and every other row the model keeps
   * @param metadata what produced the vectors; stored as given
   * @param target the model folder; written beside and moved in atomically
   * @param options HNSW and quantization settings
   * @throws io.lexica.LexicaException when {@code target} holds something other than a model, or a
   *     value is not finite; nothing is replaced then
   */
  public static void write(
      ModelWeights weights, Map<String, String> metadata, Path target, StoreOptions options) {
    write(weights, metadata, target, options, OutputPolicy.SAFE);
  }

  /**
   * As {@link #write(ModelWeights, Map, Path, StoreOptions)}, replacing what {@code policy} allows
   * (a model, unasked: see {@link VectorStore#KIND}); see {@link #write(WordVectors, Map, Path,
   * StoreOptions)}.
   *
   * @param weights the vectors and every other row the model keeps
   * @param metadata what produced the vectors; stored as given
   * @param target the model folder; written beside and moved in atomically
   * @param options HNSW and quantization settings
   * @param policy whether any existing target may be replaced, and the inputs never replaced
   * @throws io.lexica.LexicaException when {@code target} holds something the policy protects, or a
   *     value is not finite; nothing is replaced then
   */
  public static void write(
      ModelWeights weights,
      Map<String, String> metadata,
      Path target,
      StoreOptions options,
      OutputPolicy policy) {
    write(weights, PhraseList.EMPTY, metadata, target, options, policy);
  }

  /**
   * As {@link #write(ModelWeights, Map, Path, StoreOptions, OutputPolicy)}, keeping the phrases the
   * model's words include ({@value PhraseList#FILE_NAME}, written with the rest before the move;
   * none when empty).
   *
   * @param weights the vectors and every other row the model keeps
   * @param phrases the phrases, or {@link PhraseList#EMPTY}
   * @param metadata what produced the vectors; stored as given
   * @param target the model folder; written beside and moved in atomically
   * @param options HNSW and quantization settings
   * @param policy whether any existing target may be replaced, and the inputs never replaced
   * @throws io.lexica.LexicaException when {@code target} holds something the policy protects, or a
   *     value is not finite; nothing is replaced then
   */
  public static void write(
      ModelWeights weights,
      PhraseList phrases,
      Map<String, String> metadata,
      Path target,
      StoreOptions options,
      OutputPolicy policy) {
    write(weights, phrases, metadata, target, options, policy, 0, DEFERRED_GRAPH_MIN_SIZE);
  }

  /**
   * Writes a multilingual model: the parts' rows one language after the other, with the languages
   * recorded in the metadata (see the class comment). The parts must have one dimension and
   * distinct language names.
   *
   * @param parts the languages, in row order
   * @param metadata what produced the vectors; stored as given, the languages added
   * @param target the model folder; written beside and moved in atomically
   * @param options HNSW and quantization settings
   * @param policy whether any existing target may be replaced, and the inputs never replaced
   * @throws io.lexica.LexicaException when {@code target} holds something the policy protects, or a
   *     value is not finite; nothing is replaced then
   */
  public static void write(
      List<LanguagePart> parts,
      Map<String, String> metadata,
      Path target,
      StoreOptions options,
      OutputPolicy policy) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("no languages");
    }
    StringJoiner languages = new StringJoiner(",");
    Set<String> names = new HashSet<>();
    List<Rows> blocks = new ArrayList<>();
    for (LanguagePart part : parts) {
      if (!names.add(part.language())) {
        throw new IllegalArgumentException("language given twice: " + part.language());
      }
      languages.add(part.language() + ":" + part.vectors().size());
      blocks.add(new Rows(ModelWeights.of(part.vectors()), part.hubness()));
    }
    Map<String, String> userData = new LinkedHashMap<>(metadata);
    userData.put(VectorStore.KEY_LANGUAGES, languages.toString());
    write(blocks, PhraseList.EMPTY, userData, target, options, policy, 0, DEFERRED_GRAPH_MIN_SIZE);
  }

  /**
   * As {@link #write(WordVectors, Map, Path, StoreOptions)}, flushing a segment every {@code
   * docsPerSegment} words (0: when the RAM buffer fills); tests use it to exercise merging.
   */
  static void write(
      WordVectors vectors,
      Map<String, String> metadata,
      Path target,
      StoreOptions options,
      int docsPerSegment) {
    write(
        ModelWeights.of(vectors),
        PhraseList.EMPTY,
        metadata,
        target,
        options,
        OutputPolicy.SAFE,
        docsPerSegment,
        DEFERRED_GRAPH_MIN_SIZE);
  }

  /** As above, deferring the graph to the final merge from {@code deferGraphFrom} words on. */
  static void write(
      ModelWeights weights,
      PhraseList phrases,
      Map<String, String> metadata,
      Path target,
      StoreOptions options,
      OutputPolicy policy,
      int docsPerSegment,
      int deferGraphFrom) {
    write(
        List.of(new Rows(weights, null)),
        phrases,
        metadata,
        target,
        options,
        policy,
        docsPerSegment,
        deferGraphFrom);
  }

  private static void write(
      List<Rows> blocks,
      PhraseList phrases,
      Map<String, String> metadata,
      Path target,
      StoreOptions options,
      OutputPolicy policy,
      int docsPerSegment,
      int deferGraphFrom) {
    int dim = blocks.get(0).vectors().dimension();
    VectorFieldLimits.checkDimension(
        dim,
        "store vectors of at most "
            + VectorFieldLimits.MAX_DIMENSION
            + " dimensions, or keep them in a vector file (word2vec, GloVe, fastText .vec)");
    int size = 0;
    for (Rows block : blocks) {
      if (block.vectors().dimension() != dim) {
        throw new IllegalArgumentException("the languages' vectors differ in dimension");
      }
      if (block.vectors().size() == 0) {
        throw new LexicaException("no vectors to store", "check the input: it holds no words");
      }
      // words are unique within a block: one language may spell a word as the other does
      RowCheck.check(block.vectors(), "the vectors for the model at " + target, "row");
      size += block.vectors().size();
    }
    VectorStore.KIND.check(target, policy);
    for (Rows block : blocks) {
      checkFinite(block.vectors(), block.weights().output(), "output rows", target);
      checkFinite(block.vectors(), block.weights().wordRows(), "own input rows", target);
    }
    Map<String, String> userData = new LinkedHashMap<>(metadata);
    userData.put(VectorStore.KEY_FORMAT, VectorStore.FORMAT);
    userData.put(VectorStore.KEY_DIMENSION, Integer.toString(dim));
    userData.put(VectorStore.KEY_SIZE, Integer.toString(size));
    userData.put(VectorStore.KEY_SIMILARITY, "cosine (unit vectors, Lucene DOT_PRODUCT)");
    userData.put(VectorStore.KEY_HNSW_M, Integer.toString(options.maxConn()));
    userData.put(VectorStore.KEY_HNSW_BEAM_WIDTH, Integer.toString(options.beamWidth()));
    userData.put(VectorStore.KEY_QUANTIZATION_BITS, Integer.toString(options.quantizationBits()));
    userData.put(VectorStore.KEY_LUCENE_VERSION, Version.LATEST.toString());
    userData.put(VectorStore.KEY_LEXICA_VERSION, lexicaVersion());
    userData.putIfAbsent(VectorStore.KEY_CREATED, Instant.now().toString());

    // A large model's graph is built once, by the final merge, with every core (see graphThreshold)
    boolean deferGraph = docsPerSegment == 0 && size >= deferGraphFrom;
    int buildThreads = deferGraph ? Math.max(1, Runtime.getRuntime().availableProcessors()) : 1;
    ExecutorService builders = buildThreads > 1 ? Executors.newFixedThreadPool(buildThreads) : null;
    try (AtomicOutput out = AtomicOutput.create(target, VectorStore.KIND, policy);
        Directory dir = FSDirectory.open(out.path())) {
      IndexWriterConfig config = new IndexWriterConfig();
      config.setCodec(
          codec(options, deferGraph ? graphThreshold(size) : 0, buildThreads, builders));
      config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
      if (docsPerSegment > 0) {
        config.setMaxBufferedDocs(docsPerSegment);
        config.setRAMBufferSizeMB(IndexWriterConfig.DISABLE_AUTO_FLUSH);
      } else {
        config.setRAMBufferSizeMB(RAM_BUFFER_MB);
        if (deferGraph) {
          config.setMaxBufferedDocs((size + 1) / 2); // at least two segments, so a merge runs
        }
      }
      // A log merge policy merges adjacent segments only, so documents keep row order.
      LogDocMergePolicy mergePolicy = new LogDocMergePolicy();
      mergePolicy.setNoCFSRatio(0);
      config.setMergePolicy(mergePolicy);
      config.setUseCompoundFile(false);
      try (IndexWriter writer = new IndexWriter(dir, config);
          Progress progress = Progress.start("storing vectors", size, "words")) {
        Document doc = new Document();
        for (Rows block : blocks) {
          for (int row = 0; row < block.vectors().size(); row++) {
            doc.clear();
            addWord(doc, block, row);
            writer.addDocument(doc);
            progress.add(1);
          }
        }
        progress.status(() -> "merging to one segment (HNSW graph)");
        writer.forceMerge(1);
        writer.setLiveCommitData(userData.entrySet());
        writer.commit();
      }
      SubwordMatrix ngrams = blocks.size() == 1 ? blocks.get(0).weights().ngrams() : null;
      if (ngrams != null) {
        ngrams.write(out.path().resolve(SubwordMatrix.FILE_NAME));
      }
      if (!phrases.isEmpty()) {
        phrases.write(out.path().resolve(PhraseList.FILE_NAME));
      }
      out.commit();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the model at " + target, e);
    } finally {
      if (builders != null) {
        builders.shutdownNow();
      }
    }
  }

  /**
   * Lucene builds a segment's graph at flush time on the indexing thread, and the final merge then
   * inserts the other segments' vectors again. For a large model the writer instead raises Lucene's
   * "tiny segment" threshold just enough that no segment smaller than the whole model gets a graph:
   * flushes and intermediate merges only copy vectors, and the final merge builds the one graph
   * from scratch with all cores (Lucene's concurrent HNSW merge). A graph is built for {@code n}
   * vectors when {@code n > (int) (ln(n) * threshold)}; this is the largest threshold that still
   * passes for {@code size}.
   */
  static int graphThreshold(int size) {
    int t = (int) ((size - 1) / Math.log(size));
    while (t > 0 && !(size > (int) (Math.log(size) * t))) {
      t--;
    }
    return t;
  }

  private static void addWord(Document doc, Rows block, int row) {
    ModelWeights weights = block.weights();
    WordVectors vectors = weights.vectors();
    String word = vectors.word(row);
    BytesRef term = new BytesRef(word);
    float[] raw = vectors.vector(row);
    float[] unit = raw.clone();
    WordVectors.normalizeRow(unit, 0, unit.length);
    doc.add(new StringField(VectorStore.WORD_FIELD, term, Field.Store.NO));
    doc.add(new SortedDocValuesField(VectorStore.WORD_FIELD, term));
    doc.add(new NumericDocValuesField(VectorStore.COUNT_FIELD, vectors.count(row)));
    doc.add(
        new KnnFloatVectorField(
            VectorStore.VECTOR_FIELD, unit, VectorSimilarityFunction.DOT_PRODUCT));
    doc.add(
        new KnnFloatVectorField(VectorStore.RAW_FIELD, raw, VectorSimilarityFunction.EUCLIDEAN));
    addRow(doc, VectorStore.OUTPUT_FIELD, weights.output(), row, raw.length);
    addRow(doc, VectorStore.WORD_ROW_FIELD, weights.wordRows(), row, raw.length);
    if (block.hubness() != null) {
      doc.add(
          new NumericDocValuesField(
              VectorStore.HUBNESS_FIELD, Float.floatToRawIntBits(block.hubness()[row])));
    }
  }

  /** Adds row {@code row} of {@code matrix} (if any) as a graph-less vector field. */
  private static void addRow(Document doc, String field, float[] matrix, int row, int dim) {
    if (matrix != null) {
      float[] v = Arrays.copyOfRange(matrix, row * dim, (row + 1) * dim);
      doc.add(new KnnFloatVectorField(field, v, VectorSimilarityFunction.EUCLIDEAN));
    }
  }

  /** Checks the rows training continues from with the same {@link RowCheck} as the vectors. */
  private static void checkFinite(WordVectors vectors, float[] rows, String what, Path target) {
    if (rows == null) {
      return;
    }
    RowCheck check = new RowCheck("the " + what + " for the model at " + target, "row", false);
    int dim = vectors.dimension();
    for (int r = 0; r < vectors.size(); r++) {
      check.requireFinite(vectors.word(r), rows, r * dim, dim, r + 1);
    }
  }

  /**
   * The codec: the search field gets HNSW (optionally over quantized vectors), the raw field a
   * format that never builds a graph. Both formats are registered with Lucene's SPI, so a model
   * opens with the stock codec and needs nothing of this class.
   */
  private static Lucene104Codec codec(
      StoreOptions options, int graphThreshold, int buildThreads, ExecutorService builders) {
    KnnVectorsFormat search =
        options.quantizationBits() == 0
            ? new Lucene99HnswVectorsFormat(
                options.maxConn(), options.beamWidth(), buildThreads, builders, graphThreshold)
            : new Lucene104HnswScalarQuantizedVectorsFormat(
                ScalarEncoding.fromNumBits(options.quantizationBits()),
                options.maxConn(),
                options.beamWidth(),
                buildThreads,
                builders,
                graphThreshold);
    KnnVectorsFormat flat =
        new Lucene99HnswVectorsFormat(
            options.maxConn(), options.beamWidth(), 1, null, Integer.MAX_VALUE);
    return new Lucene104Codec() {
      @Override
      public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return field.equals(VectorStore.VECTOR_FIELD) ? search : flat;
      }
    };
  }

  static String lexicaVersion() {
    String v = VectorStoreWriter.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
