package io.lexica.vectors.store;

import io.lexica.LexicaException;
import io.lexica.util.AtomicOutput;
import io.lexica.util.OutputKind;
import io.lexica.vectors.Embeddings;
import io.lexica.vectors.ExhaustiveSearch;
import io.lexica.vectors.ModelWeights;
import io.lexica.vectors.Neighbor;
import io.lexica.vectors.RowCheck;
import io.lexica.vectors.SubwordMatrix;
import io.lexica.vectors.TopRows;
import io.lexica.vectors.WordVectors;
import io.lexica.vectors.formats.VectorFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.AcceptDocs;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.VectorUtil;

/**
 * A model opened read-only from the Lucene index {@link VectorStoreWriter} wrote. Opening maps the
 * files and reads the metadata; the HNSW graph is used from disk as written, nothing is rebuilt or
 * loaded eagerly, so a model is ready in milliseconds.
 *
 * <p>{@link #nearest(float[], int, float, Set)} searches the HNSW graph for {@code max(k +
 * excluded, candidates)} documents, drops excluded words and rescores the rest exactly with the
 * float vectors, so similarities are exact cosines even on a quantized model (the graph decides
 * only which words are considered). {@link #exact()} is the same model with brute-force search.
 *
 * <p>Thread-safe: any number of threads may query one instance at once. Every query takes its own
 * Lucene iterators from the shared, immutable segment reader; nothing is cached between calls.
 * {@link #close()} must not race with queries.
 */
public final class VectorStore implements Embeddings, ExhaustiveSearch {
  /** Field with the word: one exact term (word to document) and sorted doc values (back). */
  public static final String WORD_FIELD = "word";

  /** Numeric doc values with the word's corpus count. */
  public static final String COUNT_FIELD = "count";

  /** The unit vector, with the HNSW graph (dot product). */
  public static final String VECTOR_FIELD = "vector";

  /** The raw vector as given to the writer, without a graph. */
  public static final String RAW_FIELD = "raw";

  /**
   * Aligned models: per word, the mean cosine of its nearest words in the other language (float
   * bits in numeric doc values); cross-lingual queries rank by CSLS with it.
   */
  public static final String HUBNESS_FIELD = "hubness";

  /** The word's output row (negative sampling, softmax), without a graph; absent when not kept. */
  public static final String OUTPUT_FIELD = "output";

  /** Subword models: the word's own input row (its vector without n-grams), without a graph. */
  public static final String WORD_ROW_FIELD = "word_row";

  /** The model format this code reads and writes. */
  public static final String FORMAT = "1";

  // Metadata keys the writer fills in.
  /**
   * The model format version the writer records ({@link #FORMAT}); its presence marks a folder as a
   * Lexica model.
   */
  public static final String KEY_FORMAT = "lexica.model.format";

  /**
   * A model folder as an output: what {@link VectorStoreWriter} writes, and all it replaces without
   * {@code --overwrite} (a folder whose commit data has {@link #KEY_FORMAT}).
   */
  public static final OutputKind KIND =
      OutputKind.luceneIndex("a Lexica model", data -> data.containsKey(KEY_FORMAT));

  /** The vector size. */
  public static final String KEY_DIMENSION = "dimension";

  /** The number of words (rows). */
  public static final String KEY_SIZE = "vocabulary.size";

  /** The similarity the HNSW graph uses: cosine, as Lucene's dot product on unit vectors. */
  public static final String KEY_SIMILARITY = "similarity";

  /** HNSW's M, the neighbours kept per graph node ({@link StoreOptions#maxConn()}). */
  public static final String KEY_HNSW_M = "hnsw.m";

  /** HNSW's beam width at construction ({@link StoreOptions#beamWidth()}). */
  public static final String KEY_HNSW_BEAM_WIDTH = "hnsw.beam.width";

  /**
   * The bits of the quantized search vectors, 0 for float32 ({@link
   * StoreOptions#quantizationBits()}).
   */
  public static final String KEY_QUANTIZATION_BITS = "quantization.bits";

  /** The Lucene version that wrote the model. */
  public static final String KEY_LUCENE_VERSION = "lucene.version";

  /** The Lexica version that wrote the model. */
  public static final String KEY_LEXICA_VERSION = "lexica.version";

  /** When the model was written, an ISO-8601 instant (kept from the producer when it set one). */
  public static final String KEY_CREATED = "created";

  // Metadata keys the producer (trainer, importer) fills in; hyperparameters go under "param.".
  /**
   * How the vectors were made, e.g. {@code word2vec} or {@code imported} ({@link ModelMetadata}).
   */
  public static final String KEY_ALGORITHM = "algorithm";

  /** The prefix of the training hyperparameters' keys, e.g. {@code param.window}. */
  public static final String KEY_PARAM_PREFIX = "param.";

  /** The index (or text file) the corpus came from. */
  public static final String KEY_SOURCE_INDEX = "source.index";

  /** The index field the corpus came from; absent for a text file. */
  public static final String KEY_SOURCE_FIELD = "source.field";

  /** The analyzer spec that made the tokens ({@link io.lexica.analysis.AnalyzerSpec}). */
  public static final String KEY_ANALYZER = "analyzer";

  /** The number of corpus tokens trained on. */
  public static final String KEY_CORPUS_TOKENS = "corpus.tokens";

  /**
   * Multilingual models: the languages and their sizes in row order, {@code zh:20832,en:91612};
   * each language's rows are one contiguous block. Absent in a model of one language.
   */
  public static final String KEY_LANGUAGES = "languages";

  /**
   * Default HNSW candidates per query: the search keeps this many and returns the best k. Lucene's
   * own {@code k} candidates give poor recall at k = 10; 100 gives recall@10 above 0.99 on word
   * models (bench/store.sh).
   */
  public static final int DEFAULT_CANDIDATES = 100;

  private final Path path;
  private final Directory directory;
  private final DirectoryReader reader;
  private final LeafReader leaf;
  private final int dimension;
  private final int size;
  private final int candidates;
  private final Map<String, String> metadata;
  private volatile long totalCount = -1;
  private final List<LanguageRows> languages;

  /**
   * The rows {@code [start, end)} of one language of a multilingual model.
   *
   * @param language the language code, e.g. {@code zh}
   * @param start the first row
   * @param end the row after the last
   */
  public record LanguageRows(String language, int start, int end) {
    /**
     * Whether {@code row} belongs to this language.
     *
     * @param row any row
     * @return {@code start <= row < end}
     */
    public boolean contains(int row) {
      return row >= start && row < end;
    }

    /**
     * The number of rows.
     *
     * @return {@code end - start}
     */
    public int size() {
      return end - start;
    }
  }

  private VectorStore(
      Path path,
      Directory directory,
      DirectoryReader reader,
      int candidates,
      int dimension,
      Map<String, String> userData) {
    this.path = path;
    this.directory = directory;
    this.reader = reader;
    this.leaf = reader.leaves().get(0).reader();
    this.dimension = dimension;
    this.size = leaf.maxDoc();
    this.candidates = candidates;
    this.metadata = Collections.unmodifiableMap(new TreeMap<>(userData));
    this.languages = parseLanguages(path, userData.get(KEY_LANGUAGES), size);
  }

  private static List<LanguageRows> parseLanguages(Path path, String value, int size) {
    if (value == null) {
      return List.of();
    }
    List<LanguageRows> out = new ArrayList<>();
    int start = 0;
    try {
      for (String part : value.split(",")) {
        int colon = part.lastIndexOf(':');
        int n = Integer.parseInt(part.substring(colon + 1));
        out.add(new LanguageRows(part.substring(0, colon), start, start + n));
        start += n;
      }
    } catch (RuntimeException e) {
      start = -1;
    }
    if (start != size) {
      throw corrupt(
          path, new IOException("metadata '" + KEY_LANGUAGES + "' = '" + value + "' is invalid"));
    }
    return List.copyOf(out);
  }

  /**
   * Opens the model at {@code dir} with {@link #DEFAULT_CANDIDATES}. Code outside this package
   * opens models through {@link ModelFiles} ({@link ModelFiles#store} for a model directory's own
   * features), the one opener, which also names the fix when a vector file is given.
   *
   * @param dir the model folder
   * @return the opened store; close it when done
   * @throws io.lexica.LexicaException when {@code dir} is missing, not a model, half-written or
   *     corrupt
   */
  public static VectorStore open(Path dir) {
    return open(dir, DEFAULT_CANDIDATES);
  }

  /**
   * Opens the model at {@code dir}.
   *
   * <p>A model that a writer replaces meanwhile is read either entirely as it was or entirely as it
   * becomes ({@link AtomicOutput#openStable}), never as a mix that would look corrupt.
   *
   * @param dir the model folder
   * @param candidates HNSW candidates per query, at least 1 (at least k are always used): recall
   *     against speed
   * @return the opened store; close it when done
   * @throws LexicaException when {@code dir} is missing, not a model, half-written or corrupt
   */
  public static VectorStore open(Path dir, int candidates) {
    if (candidates < 1) {
      throw new LexicaException(
          "HNSW candidates per query must be at least 1, not " + candidates,
          "pass 1 or more; the default, " + DEFAULT_CANDIDATES + ", finds 99% of the true top 10");
    }
    return AtomicOutput.openStable(dir, d -> openNow(d, candidates));
  }

  private static VectorStore openNow(Path dir, int candidates) {
    if (!Files.isDirectory(dir)) {
      throw new LexicaException(
          "no model at " + dir + (Files.exists(dir) ? " (it is a file, not a directory)" : ""),
          "give the directory of a model written by 'lexica train' or 'lexica import'");
    }
    Directory directory = null;
    DirectoryReader reader = null;
    try {
      directory = FSDirectory.open(dir);
      reader = DirectoryReader.open(directory);
      return validated(dir, directory, reader, candidates);
    } catch (IndexNotFoundException e) {
      closeQuietly(reader, directory);
      throw new LexicaException(
          dir + " is not a model: it holds no complete Lucene index",
          "if a write into it was interrupted, delete it and write the model again"
              + " ('lexica train' or 'lexica import'); otherwise check the path",
          e);
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      // Corrupt or truncated files, a format too old or new, an unknown codec (IAE from SPI).
      closeQuietly(reader, directory);
      throw corrupt(dir, e);
    } catch (RuntimeException e) {
      closeQuietly(reader, directory);
      throw e;
    }
  }

  private static VectorStore validated(
      Path dir, Directory directory, DirectoryReader reader, int candidates) throws IOException {
    Map<String, String> userData = reader.getIndexCommit().getUserData();
    String format = userData.get(KEY_FORMAT);
    if (format == null) {
      throw new LexicaException(
          dir + " is a Lucene index but not a Lexica model (no '" + KEY_FORMAT + "' metadata)",
          "give the directory of a model written by 'lexica train' or 'lexica import'");
    }
    if (!format.equals(FORMAT)) {
      throw new LexicaException(
          dir + " is a model in format " + format + "; this Lexica reads format " + FORMAT,
          "use the Lexica version that wrote it, or re-create the model with this one");
    }
    if (reader.leaves().size() != 1) {
      throw new LexicaException(
          dir + " holds " + reader.leaves().size() + " segments; a model has exactly one",
          "the model was modified by another tool; re-create it with 'lexica import' or train");
    }
    LeafReader leaf = reader.leaves().get(0).reader();
    FieldInfo vectorField = leaf.getFieldInfos().fieldInfo(VECTOR_FIELD);
    FieldInfo rawField = leaf.getFieldInfos().fieldInfo(RAW_FIELD);
    FloatVectorValues vectors = leaf.getFloatVectorValues(VECTOR_FIELD);
    FloatVectorValues raw = leaf.getFloatVectorValues(RAW_FIELD);
    if (vectorField == null
        || rawField == null
        || vectors == null
        || raw == null
        || vectorField.getVectorSimilarityFunction() != VectorSimilarityFunction.DOT_PRODUCT
        || vectors.size() != leaf.maxDoc()
        || raw.size() != leaf.maxDoc()
        || leaf.hasDeletions()) {
      throw corrupt(dir, new IOException("vector fields missing or incomplete"));
    }
    return new VectorStore(
        dir, directory, reader, candidates, vectorField.getVectorDimension(), userData);
  }

  private static LexicaException corrupt(Path dir, Exception e) {
    return new LexicaException(
        "the model at " + dir + " is corrupt or unreadable: " + e.getMessage(),
        "re-create it ('lexica train' or 'lexica import'); if it was copied, copy it again",
        e);
  }

  private static void closeQuietly(DirectoryReader reader, Directory directory) {
    try {
      if (reader != null) {
        reader.close();
      }
      if (directory != null) {
        directory.close();
      }
    } catch (IOException | RuntimeException ignored) {
      // The open failure is what the user needs to see.
    }
  }

  /**
   * Where the model lives.
   *
   * @return the folder as given to {@link #open}
   */
  public Path path() {
    return path;
  }

  /** The model's metadata (commit user data), sorted by key. */
  @Override
  public Map<String, String> metadata() {
    return metadata;
  }

  /** Summed once, on first use, from the count doc values (every word has one). */
  @Override
  public long totalCount() {
    long total = totalCount;
    if (total < 0) {
      total = 0;
      try {
        NumericDocValues counts = leaf.getNumericDocValues(COUNT_FIELD);
        if (counts != null) {
          for (int d = counts.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = counts.nextDoc()) {
            total += counts.longValue();
          }
        }
      } catch (IOException e) {
        throw unreadable(e);
      }
      totalCount = total; // racing threads compute the same sum
    }
    return total;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public int size() {
    return size;
  }

  /**
   * The document (row) of a word, or -1. In a multilingual model a word may be in several
   * languages: this is its first row, so the earlier language wins; {@link #inLanguage} chooses.
   *
   * @param word a word, exact spelling
   * @return the row
   */
  public int row(String word) {
    return row(word, 0, size);
  }

  /** The first row of {@code word} in {@code [start, end)}, or -1. */
  int row(String word, int start, int end) {
    try {
      PostingsEnum postings = leaf.postings(new Term(WORD_FIELD, word), PostingsEnum.NONE);
      if (postings == null) {
        return -1;
      }
      int doc = postings.advance(start);
      return doc < end ? doc : -1;
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  /**
   * The languages of a multilingual model in row order; empty for a model of one language.
   *
   * @return an unmodifiable list
   */
  public List<LanguageRows> languages() {
    return languages;
  }

  /**
   * The rows of {@code language}.
   *
   * @param language a language code
   * @return its rows
   * @throws LexicaException when the model does not hold that language
   */
  public LanguageRows language(String language) {
    for (LanguageRows l : languages) {
      if (l.language().equals(language)) {
        return l;
      }
    }
    throw new LexicaException(
        "the model at "
            + path
            + (languages.isEmpty()
                ? " holds one language, unnamed: it is not an aligned model"
                : " holds the languages "
                    + languages.stream().map(LanguageRows::language).toList()
                    + ", not '"
                    + language
                    + "'"),
        languages.isEmpty()
            ? "align two models with 'lexica align' to answer across languages"
            : "name one of the model's languages");
  }

  /**
   * One language of a multilingual model as a model of its own: lookups and neighbours in its rows
   * only. Shares this store; closing it does nothing.
   *
   * @param language a language code
   * @return the view
   * @throws io.lexica.LexicaException when the model does not hold that language
   */
  public LanguageView inLanguage(String language) {
    return new LanguageView(this, language(language));
  }

  /**
   * The model's {@code n} most frequent words (its first rows; all when {@code n} is 0) as a model
   * of its own, e.g. the vocabulary of an export cut by frequency: lookups and neighbours among
   * them only. The language of a model of one language is unnamed ({@code ""}); a multilingual
   * model needs {@link #inLanguage} first. Shares this store; closing it does nothing.
   *
   * @param n how many words, 0 for all
   * @return the view
   * @throws LexicaException when the model holds several languages
   */
  public LanguageView mostFrequent(int n) {
    requireOneLanguage();
    return new LanguageView(this, new LanguageRows("", 0, size)).mostFrequent(n);
  }

  /**
   * Cross-lingual queries: words are looked up in {@code from} (and, when that lacks them, in
   * {@code to}, so mixed-language queries work), neighbours come from {@code to}, ranked by CSLS
   * when the model records hubness. See {@link CrossLingualEmbeddings}.
   *
   * @param from the query words' language
   * @param to the neighbours' language
   * @param exact brute force over the target language instead of HNSW candidates
   * @return the cross-lingual view; closing it does nothing
   * @throws io.lexica.LexicaException when the model lacks either language, or they are the same
   */
  public CrossLingualEmbeddings crossLingual(String from, String to, boolean exact) {
    LanguageRows source = language(from);
    LanguageRows target = language(to);
    if (source.equals(target)) {
      throw new LexicaException(
          "the query and the answer language are both '" + from + "'",
          "give a target language other than the query's");
    }
    return new CrossLingualEmbeddings(this, source, target, exact);
  }

  /**
   * Whether rows carry hubness (an aligned model): cross-lingual neighbours rank by CSLS.
   *
   * @return true when the model has a {@link #HUBNESS_FIELD}
   */
  public boolean hasHubness() {
    return leaf.getFieldInfos().fieldInfo(HUBNESS_FIELD) != null;
  }

  /**
   * The hubness of {@code row} (see {@link #HUBNESS_FIELD}); 0 when the model has none.
   *
   * @param row a row
   * @return the hubness
   */
  public float hubness(int row) {
    try {
      NumericDocValues values = leaf.getNumericDocValues(HUBNESS_FIELD);
      return values != null && values.advanceExact(row)
          ? Float.intBitsToFloat((int) values.longValue())
          : 0;
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  /**
   * The word in row {@code row} (rows are in the order the model was written).
   *
   * @param row a row, below {@link #size()}
   * @return the word
   */
  public String word(int row) {
    try {
      SortedDocValues words = leaf.getSortedDocValues(WORD_FIELD);
      return word(words, row);
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  private static String word(SortedDocValues words, int row) throws IOException {
    if (!words.advanceExact(row)) {
      throw new IllegalStateException("no word in row " + row);
    }
    return words.lookupOrd(words.ordValue()).utf8ToString();
  }

  @Override
  public boolean contains(String word) {
    return row(word) >= 0;
  }

  @Override
  public float[] unitVector(String word) {
    return vector(VECTOR_FIELD, word);
  }

  /**
   * The word's vector exactly as it was written (not normalized), or null when unknown.
   *
   * @param word a word, exact spelling
   * @return a new array, or null
   */
  public float[] rawVector(String word) {
    return vector(RAW_FIELD, word);
  }

  private float[] vector(String field, String word) {
    int row = row(word);
    return row < 0 ? null : vector(field, row);
  }

  /** The unit vector of {@code row}, a copy. */
  float[] unitVector(int row) {
    return vector(VECTOR_FIELD, row);
  }

  private float[] vector(String field, int row) {
    try {
      // Every document has both vectors, so a vector's ordinal is its document.
      return leaf.getFloatVectorValues(field).vectorValue(row).clone();
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  @Override
  public long count(String word) {
    int row = row(word);
    return row < 0 ? 0 : count(row);
  }

  /** The corpus count of {@code row}. */
  long count(int row) {
    try {
      NumericDocValues counts = leaf.getNumericDocValues(COUNT_FIELD);
      return counts != null && counts.advanceExact(row) ? counts.longValue() : 0;
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  /** The {@code k} nearest words by HNSW search; see the class comment. */
  @Override
  public List<Neighbor> nearest(float[] query, int k, float minSimilarity, Set<String> exclude) {
    return nearest(query, k, minSimilarity, rows(exclude), 0, size, false);
  }

  /**
   * The {@code k} nearest rows in {@code [start, end)} to {@code query}, skipping the sorted rows
   * {@code excluded}: HNSW candidates (the graph filtered to the range), rescored exactly. With
   * {@code csls}, candidates are ranked by {@code 2 cos - hubness} (CSLS without the query's own
   * constant term) instead of by cosine; similarities reported are cosines either way.
   */
  List<Neighbor> nearest(
      float[] query, int k, float minSimilarity, int[] excluded, int start, int end, boolean csls) {
    float[] q = checkedQuery(query);
    if (q == null || k <= 0) {
      return List.of();
    }
    int fetch = Math.min(end - start, Math.max(k + excluded.length, candidates));
    try {
      AcceptDocs accept =
          start == 0 && end == size
              ? AcceptDocs.fromLiveDocs(null, size)
              : AcceptDocs.fromIteratorSupplier(
                  () -> DocIdSetIterator.range(start, end), null, size);
      TopDocs hits = leaf.searchNearestVectors(VECTOR_FIELD, q, fetch, accept, Integer.MAX_VALUE);
      FloatVectorValues vectors = leaf.getFloatVectorValues(VECTOR_FIELD);
      NumericDocValues hubness = csls ? leaf.getNumericDocValues(HUBNESS_FIELD) : null;
      // Rescore exactly: the graph's scores are (1 + cos) / 2, rounded, or quantized estimates.
      ScoreDoc[] docs = hits.scoreDocs.clone();
      Arrays.sort(docs, (a, b) -> Integer.compare(a.doc, b.doc));
      TopRows top = new TopRows(k);
      for (ScoreDoc d : docs) {
        if (Arrays.binarySearch(excluded, d.doc) < 0) {
          float sim = VectorUtil.dotProduct(q, vectors.vectorValue(d.doc));
          if (sim >= minSimilarity) {
            top.offer(d.doc, hubness == null ? sim : csls(sim, hubness, d.doc));
          }
        }
      }
      return hubness == null ? neighbors(top) : neighbors(top, q);
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  /** The CSLS rank score of a target row: {@code 2 cos - r(target)}. */
  private static float csls(float cos, NumericDocValues hubness, int row) throws IOException {
    float r = hubness.advanceExact(row) ? Float.intBitsToFloat((int) hubness.longValue()) : 0;
    return 2 * cos - r;
  }

  /** Brute-force search over every word; see {@link ExhaustiveSearch}. */
  @Override
  public List<Neighbor> top(Scorer scorer, int k, float minScore, Set<String> exclude) {
    return top(scorer, k, minScore, rows(exclude), 0, size);
  }

  /** {@link #top(Scorer, int, float, Set)} over the rows {@code [start, end)}. */
  List<Neighbor> top(Scorer scorer, int k, float minScore, int[] excluded, int start, int end) {
    if (k <= 0) {
      return List.of();
    }
    try {
      FloatVectorValues vectors = leaf.getFloatVectorValues(VECTOR_FIELD);
      TopRows top = new TopRows(k);
      int next = 0;
      while (next < excluded.length && excluded[next] < start) {
        next++;
      }
      for (int row = start; row < end; row++) {
        if (next < excluded.length && excluded[next] == row) {
          next++;
          continue;
        }
        float score = scorer.score(vectors.vectorValue(row));
        if (score >= minScore && score > top.threshold()) {
          top.offer(row, score);
        }
      }
      return neighbors(top);
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  /**
   * Exact nearest rows in {@code [start, end)} by brute force, ranked by cosine or, with {@code
   * csls}, by CSLS as in {@link #nearest(float[], int, float, int[], int, int, boolean)}.
   */
  List<Neighbor> nearestExact(
      float[] query, int k, float minSimilarity, int[] excluded, int start, int end, boolean csls) {
    float[] q = checkedQuery(query);
    if (q == null || k <= 0) {
      return List.of();
    }
    if (!csls) {
      return top(v -> VectorUtil.dotProduct(q, v), k, minSimilarity, excluded, start, end);
    }
    try {
      FloatVectorValues vectors = leaf.getFloatVectorValues(VECTOR_FIELD);
      NumericDocValues hubness = leaf.getNumericDocValues(HUBNESS_FIELD);
      TopRows top = new TopRows(k);
      for (int row = start; row < end; row++) {
        float sim = VectorUtil.dotProduct(q, vectors.vectorValue(row));
        if (sim >= minSimilarity && Arrays.binarySearch(excluded, row) < 0) {
          top.offer(row, hubness == null ? sim : csls(sim, hubness, row));
        }
      }
      return neighbors(top, q);
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  /**
   * Exact nearest neighbours by brute force (the reference for recall).
   *
   * @param query a vector of the model's dimension; normalised here
   * @param k the most neighbours
   * @param minSimilarity the lowest cosine
   * @param exclude words left out
   * @return the neighbours, best first; empty for a zero vector
   * @throws io.lexica.LexicaException when the query's dimension is not the model's
   */
  List<Neighbor> nearestExact(float[] query, int k, float minSimilarity, Set<String> exclude) {
    float[] q = checkedQuery(query);
    return q == null ? List.of() : top(v -> VectorUtil.dotProduct(q, v), k, minSimilarity, exclude);
  }

  /**
   * This model with exact (brute-force) nearest-neighbour search: slower, the reference for recall
   * and for evaluations that must not depend on the graph. Shares this store; closing it does
   * nothing.
   *
   * @return the exact view
   */
  public Embeddings exact() {
    return new ExactView(this);
  }

  /**
   * Reads the whole model back as raw vectors, in row order, bit-identical to what was written.
   *
   * @return the vectors, with the counts
   */
  public WordVectors exportWordVectors() {
    return exportWordVectors(0);
  }

  /**
   * Reads the first {@code limit} rows (0: all) back as raw vectors, in row order, bit-identical to
   * what was written; see {@link #read(int)}.
   *
   * @param limit how many rows, 0 for all
   * @return the vectors, with the counts
   */
  public WordVectors exportWordVectors(int limit) {
    return read(limit).vectors();
  }

  /**
   * Reads the first {@code limit} rows (0: all) back as raw vectors, in row order, bit-identical to
   * what was written, each through the {@link RowCheck} every reader of vectors applies. The writer
   * stores only rows that pass it, so a row that fails (NaN, a repeated word) means the model was
   * damaged after writing; the warnings count all-zero vectors.
   *
   * <p>Reading every row (an export, an evaluation) first verifies the checksums of the model's
   * files, as Lucene does before a merge: that costs about one more pass over data this read
   * touches anyway, and a byte flipped on disk would otherwise pass on into the export or the
   * figures unnoticed. Queries ({@link #nearest}) do not pay for it; {@link ModelCheck} verifies a
   * model before it serves.
   *
   * @param limit how many rows, 0 for all
   * @return the vectors with the check's warnings
   * @throws LexicaException when a file fails its checksum or a row fails the check, or when the
   *     model holds two languages (a word list holds one: {@link #inLanguage})
   */
  public VectorFiles.Loaded read(int limit) {
    requireOneLanguage();
    return read(0, size, limit);
  }

  /** Throws a {@link LexicaException} when the model holds several languages. */
  private void requireOneLanguage() {
    if (!languages.isEmpty()) {
      throw new LexicaException(
          "the model at "
              + path
              + " holds the languages "
              + languages.stream().map(LanguageRows::language).toList()
              + " in one space; a word list holds one language",
          "choose a language (lexica export --language, or in code VectorStore.inLanguage)");
    }
  }

  /**
   * Rows {@code [start, end)} (the first {@code limit}, 0: all) as {@link #read(int)} reads them; a
   * read of the whole range verifies the checksums first.
   */
  VectorFiles.Loaded read(int start, int end, int limit) {
    int rows = limit > 0 ? Math.min(limit, end - start) : end - start;
    long floats = (long) rows * dimension;
    if (floats > Integer.MAX_VALUE - 8) {
      throw new LexicaException(
          "the model has " + floats + " floats, too many for one array",
          "export it to a file with 'lexica export' instead");
    }
    if (rows == end - start) {
      try {
        leaf.checkIntegrity();
      } catch (IOException e) {
        throw new LexicaException(
            "the model at " + path + " is damaged: " + e.getMessage(),
            "run 'lexica model check "
                + path
                + "' to see which files; copy the model again from"
                + " an intact copy, or re-create it",
            e);
      }
    }
    try {
      SortedDocValues words = leaf.getSortedDocValues(WORD_FIELD);
      NumericDocValues counts = leaf.getNumericDocValues(COUNT_FIELD);
      FloatVectorValues raw = leaf.getFloatVectorValues(RAW_FIELD);
      RowCheck check = new RowCheck("the model at " + path, "document", false);
      List<String> list = new ArrayList<>(rows);
      long[] countArray = new long[rows];
      float[] data = new float[(int) floats];
      for (int i = 0; i < rows; i++) {
        int row = start + i;
        String word = word(words, row);
        countArray[i] = counts != null && counts.advanceExact(row) ? counts.longValue() : 0;
        System.arraycopy(raw.vectorValue(row), 0, data, i * dimension, dimension);
        if (!check.keep(word, data, i * dimension, dimension, row)) {
          throw corrupt(path, new IOException("the word '" + word + "' is stored twice"));
        }
        list.add(word);
      }
      return new VectorFiles.Loaded(
          new WordVectors(list, data, dimension, countArray), null, check.warnings());
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  /**
   * Reads every weight the model keeps, to continue training from: the raw vectors ({@link
   * #exportWordVectors()}), the output rows and own word rows when stored, and the n-gram rows of a
   * subword model ({@link SubwordMatrix#FILE_NAME}). Models written before output rows were kept,
   * and imported ones, give their vectors alone.
   *
   * @return the weights
   */
  public ModelWeights exportModelWeights() {
    WordVectors vectors = exportWordVectors(0);
    Path ngramFile = path.resolve(SubwordMatrix.FILE_NAME);
    SubwordMatrix ngrams = Files.isRegularFile(ngramFile) ? SubwordMatrix.read(ngramFile) : null;
    return new ModelWeights(
        vectors, rows(OUTPUT_FIELD), ngrams == null ? null : rows(WORD_ROW_FIELD), ngrams);
  }

  /** All rows of a graph-less vector field, or null when the model does not have it complete. */
  private float[] rows(String field) {
    try {
      FloatVectorValues values = leaf.getFloatVectorValues(field);
      if (values == null || values.size() != size) {
        return null;
      }
      float[] out = new float[Math.multiplyExact(size, dimension)];
      for (int row = 0; row < size; row++) {
        System.arraycopy(values.vectorValue(row), 0, out, row * dimension, dimension);
      }
      return out;
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  /** Sorted rows of the words that are in the model. */
  int[] rows(Set<String> words) {
    if (words == null || words.isEmpty()) {
      return new int[0];
    }
    int[] rows = new int[words.size()];
    int n = 0;
    for (String w : words) {
      int r = row(w);
      if (r >= 0) {
        rows[n++] = r;
      }
    }
    rows = Arrays.copyOf(rows, n);
    Arrays.sort(rows);
    return rows;
  }

  /** A unit copy of the query, null for a zero vector. */
  float[] checkedQuery(float[] query) {
    if (query.length != dimension) {
      throw new LexicaException(
          "the query vector has " + query.length + " dimensions; the model has " + dimension,
          "query with vectors from the same model (or one of the same dimension)");
    }
    float[] q = query.clone();
    WordVectors.normalizeRow(q, 0, q.length);
    return VectorUtil.isZeroVector(q) ? null : q;
  }

  /**
   * The neighbours of a CSLS-ranked {@code top}: in its order, each with its cosine to {@code
   * unitQuery} (what users compare across queries) rather than its rank score.
   */
  private List<Neighbor> neighbors(TopRows top, float[] unitQuery) throws IOException {
    List<Neighbor> ranked = neighbors(top);
    FloatVectorValues vectors = leaf.getFloatVectorValues(VECTOR_FIELD);
    List<Neighbor> out = new ArrayList<>(ranked.size());
    for (int i = 0; i < ranked.size(); i++) {
      float cos = VectorUtil.dotProduct(unitQuery, vectors.vectorValue(top.row(i)));
      out.add(new Neighbor(ranked.get(i).word(), cos));
    }
    return List.copyOf(out);
  }

  private List<Neighbor> neighbors(TopRows top) throws IOException {
    int n = top.sortBestFirst();
    SortedDocValues words = leaf.getSortedDocValues(WORD_FIELD);
    // Doc values iterate forwards: look the words up in row order, then restore rank order.
    Integer[] byRow = new Integer[n];
    for (int i = 0; i < n; i++) {
      byRow[i] = i;
    }
    Arrays.sort(byRow, (a, b) -> Integer.compare(top.row(a), top.row(b)));
    Neighbor[] out = new Neighbor[n];
    for (int i : byRow) {
      out[i] = new Neighbor(word(words, top.row(i)), top.score(i));
    }
    return List.of(out);
  }

  private UncheckedIOException unreadable(IOException e) {
    return new UncheckedIOException("cannot read the model at " + path, e);
  }

  @Override
  public void close() {
    try {
      reader.close();
      directory.close();
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  @Override
  public String toString() {
    return "VectorStore[" + path + ", " + size + " words x " + dimension + " dims]";
  }

  /** The store with brute-force nearest neighbours. Thread-safe like the store. */
  private record ExactView(VectorStore store) implements Embeddings, ExhaustiveSearch {
    @Override
    public int dimension() {
      return store.dimension();
    }

    @Override
    public int size() {
      return store.size();
    }

    @Override
    public boolean contains(String word) {
      return store.contains(word);
    }

    @Override
    public float[] unitVector(String word) {
      return store.unitVector(word);
    }

    @Override
    public long count(String word) {
      return store.count(word);
    }

    @Override
    public long totalCount() {
      return store.totalCount();
    }

    @Override
    public Map<String, String> metadata() {
      return store.metadata();
    }

    @Override
    public List<Neighbor> nearest(float[] query, int k, float minSimilarity, Set<String> exclude) {
      return store.nearestExact(query, k, minSimilarity, exclude);
    }

    @Override
    public List<Neighbor> top(Scorer scorer, int k, float minScore, Set<String> exclude) {
      return store.top(scorer, k, minScore, exclude);
    }

    @Override
    public void close() {
      // The store owns the index.
    }
  }
}
