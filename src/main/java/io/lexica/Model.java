package io.lexica;

import io.lexica.analysis.AnalyzerSpec;
import io.lexica.docs.DocumentEmbedder;
import io.lexica.docs.EmbeddingMethod;
import io.lexica.expand.ExpansionSettings;
import io.lexica.expand.Models;
import io.lexica.expand.QueryExpander;
import io.lexica.phrases.PhraseList;
import io.lexica.vectors.Analogies;
import io.lexica.vectors.Embeddings;
import io.lexica.vectors.Neighbor;
import io.lexica.vectors.store.ModelFiles;
import io.lexica.vectors.store.VectorStore;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.analysis.Analyzer;

/**
 * A word-embedding model, open for queries: the facade's handle on everything a model does (nearest
 * words, analogies, query expansion, document embedding). Open one with {@link #open} (any model
 * directory or vector file Lexica reads: see {@link ModelFiles}) or get one from {@link
 * Lexica#train}; the lower-level types stay reachable ({@link #embeddings()}) for what the facade
 * does not cover. {@link Lexica}'s javadoc has the whole example.
 *
 * <p>Thread-safe: share one per model; {@link #close} it when done (a model directory holds files
 * open).
 */
public final class Model implements Closeable {
  private final Path path;
  private final Embeddings embeddings;
  private final PhraseList phrases;

  private Model(Path path, Embeddings embeddings, PhraseList phrases) {
    this.path = path;
    this.embeddings = Objects.requireNonNull(embeddings, "embeddings");
    this.phrases = Objects.requireNonNull(phrases, "phrases");
  }

  /**
   * Opens the model at {@code path}: a Lexica model directory (with its subwords and phrases), or a
   * word2vec text or binary, GloVe, fastText {@code .vec} or {@code .bin} file, or a DL4J zip (see
   * {@link ModelFiles}), or a format a plugged-in {@code EmbeddingsLoader} reads ({@link
   * Models#openUnshared}).
   *
   * @param path a model directory or vector file
   * @return the model, open; the caller closes it
   * @throws LexicaException when nothing readable is there
   */
  public static Model open(Path path) {
    Embeddings embeddings = Models.openUnshared(path);
    try {
      return new Model(path, embeddings, PhraseList.ofModel(path));
    } catch (RuntimeException e) {
      embeddings.close();
      throw e;
    }
  }

  /**
   * A model of embeddings already open (closing the model closes them).
   *
   * @param embeddings e.g. a {@code VectorStore} or {@code ExactEmbeddings}
   * @return the model
   */
  public static Model of(Embeddings embeddings) {
    return new Model(null, embeddings, PhraseList.EMPTY);
  }

  /**
   * Where the model was opened from; null for {@link #of}.
   *
   * @return the path
   */
  public Path path() {
    return path;
  }

  /**
   * The embeddings, for the library's lower-level types.
   *
   * @return the embeddings, open while the model is
   */
  public Embeddings embeddings() {
    return embeddings;
  }

  /**
   * The phrases the model was trained with ({@link PhraseList#EMPTY} for none).
   *
   * @return the phrases
   */
  public PhraseList phrases() {
    return phrases;
  }

  /**
   * What the model records about itself (algorithm, settings, source, analyzer...).
   *
   * @return the entries, empty for a vector file
   */
  public Map<String, String> metadata() {
    return embeddings.metadata();
  }

  /**
   * The analyzer that made the model's words, as the model records it ({@code standard} when it
   * records none), with its phrases joined.
   *
   * @return a new analyzer
   */
  public Analyzer analyzer() {
    Analyzer words =
        AnalyzerSpec.parse(metadata().getOrDefault(VectorStore.KEY_ANALYZER, "standard")).create();
    return phrases.isEmpty() ? words : phrases.wrap(words);
  }

  /**
   * Number of words.
   *
   * @return the vocabulary's size
   */
  public int size() {
    return embeddings.size();
  }

  /**
   * The {@code k} words nearest {@code word}, most similar first; empty for an unknown word.
   *
   * @param word a word of the model (or, for subword models, any word)
   * @param k how many at most
   * @return the neighbours with their cosines
   */
  public List<Neighbor> neighbors(String word, int k) {
    return embeddings.nearest(word, k, -1f);
  }

  /**
   * "{@code a} is to {@code b} as {@code c} is to ?": the {@code k} words nearest {@code b - a + c}
   * (3CosAdd), the question's words excluded.
   *
   * @param a the first word of the pair
   * @param b the second word of the pair
   * @param c the word to complete
   * @param k how many answers at most
   * @return the answers, best first
   * @throws LexicaException when a word is not in the model
   */
  public List<Neighbor> analogy(String a, String b, String c, int k) {
    return Analogies.add(embeddings, List.of(b, c), List.of(a), k);
  }

  /**
   * A query expander over this model and its phrases with {@code settings} ({@link
   * ExpansionSettings#DEFAULTS} search first, for feedback; {@link
   * ExpansionSettings#WITHOUT_FIRST_PASS} do not).
   *
   * @param settings the expansion's settings
   * @return the expander, thread-safe
   */
  public QueryExpander expander(ExpansionSettings settings) {
    return expanderBuilder(settings).build();
  }

  /**
   * The builder of {@link #expander}, for what the settings do not cover (e.g. a {@code
   * modelAnalyzer} when the model's words are not an index field's terms).
   *
   * @param settings the expansion's settings
   * @return a builder over this model and its phrases
   */
  public QueryExpander.Builder expanderBuilder(ExpansionSettings settings) {
    return QueryExpander.builder(embeddings).settings(settings).phrases(phrases);
  }

  /**
   * An embedder of single documents and queries with the model alone (its analyzer, its counts and,
   * for SIF, the component it records): see {@link DocumentEmbedder#forModel}.
   *
   * @param method mean, idf or sif
   * @return the embedder, thread-safe
   */
  public DocumentEmbedder documentEmbedder(EmbeddingMethod method) {
    return DocumentEmbedder.forModel(embeddings, method);
  }

  @Override
  public void close() {
    embeddings.close();
  }

  @Override
  public String toString() {
    return "Model[" + (path == null ? "in memory" : path) + ", " + size() + " words]";
  }
}
