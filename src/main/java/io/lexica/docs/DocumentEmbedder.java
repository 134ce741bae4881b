package io.lexica.docs;

import io.lexica.LexicaException;
import io.lexica.analysis.AnalyzerSpec;
import io.lexica.analysis.Tokens;
import io.lexica.vectors.Embeddings;
import io.lexica.vectors.VectorFieldLimits;
import io.lexica.vectors.store.VectorStore;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.VectorSimilarityFunction;

/**
 * Turns a document's text into one unit-length vector: the weighted mean of its tokens' unit word
 * vectors (weights per {@link TermWeights}), minus the common component for SIF, normalised. Unit
 * word vectors are averaged (not raw ones) so that no word dominates by its vector's length, and
 * the result is comparable across models.
 *
 * <p>Tokens come from the model's analyzer, so a query and the documents are embedded alike. Words
 * without a vector are skipped (subword models give vectors for unseen words through {@link
 * Embeddings#unitVector}); a document with no known word gets no vector, and {@link
 * #addVectorField} then adds no field, so kNN search simply never returns it.
 *
 * <p>Thread-safe: the analyzer reuses token streams per thread, and the rest is immutable.
 */
public final class DocumentEmbedder {
  private final Embeddings embeddings;
  private final Analyzer analyzer;
  private final TermWeights weights;
  private final float[] commonComponent;

  /**
   * An embedder of {@code embeddings} with the given weights.
   *
   * @param embeddings the word vectors
   * @param analyzer the analyzer the model was trained with; null for an embedder that only embeds
   *     tokens already analysed ({@link #embedTokens})
   * @param weights each word's weight in the weighted mean
   * @param commonComponent unit vector to project out (SIF), or null
   * @throws IllegalArgumentException when the component's length is not the model's dimension
   */
  public DocumentEmbedder(
      Embeddings embeddings, Analyzer analyzer, TermWeights weights, float[] commonComponent) {
    if (commonComponent != null && commonComponent.length != embeddings.dimension()) {
      throw new IllegalArgumentException(
          "common component has "
              + commonComponent.length
              + " dimensions, the model "
              + embeddings.dimension());
    }
    this.embeddings = embeddings;
    this.analyzer = analyzer;
    this.weights = weights;
    this.commonComponent = commonComponent == null ? null : commonComponent.clone();
  }

  /**
   * An embedder that needs nothing but the model, for documents embedded one at a time with no
   * collection at hand (an OpenSearch ingest pipeline and the queries against its vectors): the
   * analyzer the model records ({@code standard} when it records none), weights from the model's
   * corpus counts ({@link TermWeights#fromModel}) and, for SIF, the common component it records
   * ({@link SifComponent}, with that component's {@code a}).
   *
   * @param model the model, with its recorded analyzer, counts and (for SIF) component
   * @param method the weighting
   * @return the embedder
   * @throws LexicaException when the model lacks what the method needs (counts for idf and sif, a
   *     recorded component for sif) or records an analyzer this build cannot make
   */
  public static DocumentEmbedder forModel(Embeddings model, EmbeddingMethod method) {
    checkFieldDimension(model);
    Map<String, String> metadata = model.metadata();
    Analyzer analyzer =
        AnalyzerSpec.parse(metadata.getOrDefault(VectorStore.KEY_ANALYZER, "standard")).create();
    SifComponent component =
        method == EmbeddingMethod.SIF
            ? SifComponent.fromMetadata(metadata, model.dimension())
            : null;
    if (method == EmbeddingMethod.SIF && component == null) {
      throw new LexicaException(
          "the model records no SIF common component (models imported from vector files and"
              + " those written before Lexica recorded one have none)",
          "train the model with 'lexica train' (which records it), or use method idf or mean");
    }
    double a = component == null ? TermWeights.DEFAULT_SIF_A : component.a();
    return new DocumentEmbedder(
        model,
        analyzer,
        TermWeights.fromModel(method, model, a),
        component == null ? null : component.vector());
  }

  /**
   * The same embedder with the given common component (SIF's second step).
   *
   * @param component a unit vector of the model's dimension, or null for none
   * @return a new embedder; this one is unchanged
   */
  public DocumentEmbedder withCommonComponent(float[] component) {
    return new DocumentEmbedder(embeddings, analyzer, weights, component);
  }

  /**
   * The model's dimension: the length of every document vector.
   *
   * @return the dimension
   */
  public int dimension() {
    return embeddings.dimension();
  }

  /**
   * The model.
   *
   * @return the word vectors this embedder reads
   */
  public Embeddings embeddings() {
    return embeddings;
  }

  /**
   * Analyzes {@code text} with the model's analyzer and embeds its tokens.
   *
   * @param text the document's text
   * @return the unit-length weighted mean of its tokens' vectors (minus the common component), or
   *     an empty vector
   */
  public DocumentVector embed(String text) {
    return embedTokens(analyze(text));
  }

  /**
   * Embeds already-analyzed tokens (e.g. a document read back from an index's postings, or a query
   * analysed by the collection's analyzer), as {@link #embed} embeds a text's.
   *
   * @param tokens the tokens, in any order (the vector is a weighted mean); repeats count
   * @return the unit-length weighted mean of their vectors (minus the common component), or an
   *     empty vector when none has one
   */
  public DocumentVector embedTokens(Iterable<String> tokens) {
    float[] sum = new float[embeddings.dimension()];
    int total = 0;
    int known = 0;
    for (String token : tokens) {
      total++;
      if (addWeighted(token, sum)) {
        known++;
      }
    }
    return finish(sum, total, known);
  }

  /** {@code word}'s unit vector times its weight (a new array), or null when it has no vector. */
  float[] weightedVector(String word) {
    float[] out = new float[embeddings.dimension()];
    return addWeighted(word, out) ? out : null;
  }

  /** Adds {@code word}'s weighted unit vector to {@code sum}; false when it has no vector. */
  private boolean addWeighted(String word, float[] sum) {
    float[] v = embeddings.unitVector(word);
    if (v == null) {
      return false;
    }
    float w = weights.weight(word);
    for (int i = 0; i < v.length; i++) {
      sum[i] += w * v[i];
    }
    return true;
  }

  /**
   * The document vector from the sum of its known tokens' weighted vectors ({@code sum} is changed
   * in place): the common component taken out, then normalised.
   */
  DocumentVector finish(float[] sum, int tokens, int known) {
    if (known == 0) {
      return new DocumentVector(null, tokens, 0);
    }
    if (commonComponent != null) {
      CommonComponent.remove(sum, commonComponent);
    }
    if (!normalize(sum)) {
      return new DocumentVector(null, tokens, known);
    }
    return new DocumentVector(sum, tokens, known);
  }

  /**
   * Adds {@code text}'s vector to {@code doc} as a {@link KnnFloatVectorField} named {@code field}
   * (dot product, which equals cosine on unit vectors).
   *
   * @param doc the document to add the field to
   * @param field the vector field's name
   * @param text the document's text
   * @return false when the text got no vector and nothing was added
   */
  public boolean addVectorField(Document doc, String field, String text) {
    DocumentVector dv = embed(text);
    if (dv.isEmpty()) {
      return false;
    }
    doc.add(vectorField(field, dv.vector()));
    return true;
  }

  /**
   * Fails unless the document vectors of {@code model} fit the vector field {@link #vectorField}
   * makes; writers call it before any work, since Lucene would only refuse the first document.
   *
   * @param model the model whose document vectors will be written
   * @throws io.lexica.LexicaException when the model's dimension is above {@link
   *     io.lexica.vectors.VectorFieldLimits#MAX_DIMENSION}
   */
  public static void checkFieldDimension(Embeddings model) {
    VectorFieldLimits.checkDimension(
        model.dimension(),
        "a document vector has the model's dimension: embed documents with a model of at most "
            + VectorFieldLimits.MAX_DIMENSION
            + " dimensions");
  }

  /**
   * The vector field Lexica uses for document vectors.
   *
   * @param field the field's name
   * @param unitVector a unit-length vector
   * @return a {@link KnnFloatVectorField} with dot-product similarity
   */
  public static KnnFloatVectorField vectorField(String field, float[] unitVector) {
    return new KnnFloatVectorField(field, unitVector, VectorSimilarityFunction.DOT_PRODUCT);
  }

  /**
   * The analyzer's tokens for {@code text}.
   *
   * @param text the text
   * @return the tokens in order
   */
  public List<String> analyze(String text) {
    return Tokens.of(analyzer, "", text);
  }

  private static boolean normalize(float[] v) {
    double n = 0;
    for (float x : v) {
      n += (double) x * x;
    }
    if (n == 0 || Double.isNaN(n)) {
      return false;
    }
    float inv = (float) (1 / Math.sqrt(n));
    for (int i = 0; i < v.length; i++) {
      v[i] *= inv;
    }
    return true;
  }
}
