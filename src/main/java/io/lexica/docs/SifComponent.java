package io.lexica.docs;

import io.lexica.LexicaException;
import io.lexica.corpus.EncodedCorpus;
import io.lexica.corpus.Vocabulary;
import io.lexica.vectors.Embeddings;
import io.lexica.vectors.ExactEmbeddings;
import io.lexica.vectors.WordVectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SIF's common component as a model records it, so that documents can be embedded with SIF from the
 * model alone, one at a time (an OpenSearch ingest pipeline, a query), with no collection at hand:
 * the first principal component ({@link CommonComponent}) of a sample of the documents the model
 * was trained on, each embedded with the model's own SIF weights ({@link TermWeights#fromModel}). A
 * model trained on an index's text thus carries the component of that text, and every document and
 * query embedded with it, on any node and at any time, loses the same direction.
 *
 * <p>Stored in the model's metadata ({@link #toMetadata}); {@code lexica train} records it in every
 * model directory it writes, and {@code lexica update} records the component of the text it trained
 * on in place of the old one.
 *
 * @param a the SIF {@code a} of the weights the component was computed with
 * @param vector the unit-length component
 * @param documents how many documents it was computed from
 */
public record SifComponent(double a, float[] vector, int documents) {
  static final String KEY_VECTOR = "docs.sif.component";
  static final String KEY_A = "docs.sif.a";
  public static final String KEY_DOCUMENTS = "docs.sif.documents";

  /** Documents a component is computed from at most (as many as {@code embed-docs} samples). */
  static final int SAMPLE = 20_000;

  /** The seed of the power iteration's start vector, as {@code embed-docs}'s default. */
  public static final long SEED = 1;

  /**
   * The component of up to {@link #SAMPLE} of the training corpus's sequences, spread evenly, with
   * the new model's vectors and counts and the default {@code a}: what a model trained on {@code
   * corpus} records, so that it can embed documents with SIF alone.
   *
   * @param vectors the new model's vectors, with counts
   * @param corpus the corpus the model was trained on
   * @return the component
   */
  public static SifComponent ofCorpus(WordVectors vectors, EncodedCorpus corpus) {
    Vocabulary vocabulary = corpus.vocabulary();
    int n = corpus.sequenceCount();
    int step = Math.max(1, n / SAMPLE);
    int[] ids = new int[corpus.maxSequenceLength()];
    List<List<String>> sample = new ArrayList<>();
    for (int i = 0; i < n && sample.size() < SAMPLE; i += step) {
      int length = corpus.read(i, ids);
      List<String> words = new ArrayList<>(length);
      for (int j = 0; j < length; j++) {
        if (ids[j] != EncodedCorpus.GAP) {
          words.add(vocabulary.word(ids[j]));
        }
      }
      sample.add(words);
    }
    return compute(new ExactEmbeddings(vectors), sample, TermWeights.DEFAULT_SIF_A);
  }

  /**
   * The component of {@code documents} (already analysed tokens), each embedded with {@code
   * model}'s SIF weights; documents without any known word are skipped.
   *
   * @param model the model, with its counts
   * @param documents the documents' tokens
   * @param a SIF's {@code a}
   * @return the component with the {@code a} it was computed for
   * @throws LexicaException when the model holds no counts or no document has a known word
   */
  public static SifComponent compute(
      Embeddings model, Iterable<? extends Iterable<String>> documents, double a) {
    DocumentEmbedder embedder =
        new DocumentEmbedder(
            model, null, TermWeights.fromModel(EmbeddingMethod.SIF, model, a), null);
    List<float[]> vectors = new ArrayList<>();
    for (Iterable<String> tokens : documents) {
      DocumentVector v = embedder.embedTokens(tokens);
      if (!v.isEmpty()) {
        vectors.add(v.vector());
      }
    }
    if (vectors.isEmpty()) {
      throw new LexicaException(
          "none of the documents has a word the model knows, so there is no SIF component",
          "train the model on the documents it will embed");
    }
    return new SifComponent(
        a, CommonComponent.of(vectors, model.dimension(), SEED), vectors.size());
  }

  /**
   * Metadata entries for a model ({@link #fromMetadata} reads them back).
   *
   * @return the entries
   */
  public Map<String, String> toMetadata() {
    Map<String, String> m = new LinkedHashMap<>();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < vector.length; i++) {
      sb.append(i == 0 ? "" : ",").append(Float.toString(vector[i]));
    }
    m.put(KEY_VECTOR, sb.toString());
    m.put(KEY_A, Double.toString(a));
    m.put(KEY_DOCUMENTS, Integer.toString(documents));
    return m;
  }

  /**
   * The component recorded in a model's metadata, or null when it records none (models imported
   * from vector files, or written before Lexica recorded it).
   *
   * @param metadata a model's metadata
   * @param dimension the model's dimension, which the component must have
   * @return the component, or null
   * @throws LexicaException when the entries are damaged
   */
  public static SifComponent fromMetadata(Map<String, String> metadata, int dimension) {
    String v = metadata.get(KEY_VECTOR);
    if (v == null) {
      return null;
    }
    try {
      String[] parts = v.split(",");
      float[] vector = new float[parts.length];
      for (int i = 0; i < parts.length; i++) {
        vector[i] = Float.parseFloat(parts[i]);
      }
      double a = Double.parseDouble(metadata.getOrDefault(KEY_A, ""));
      if (vector.length != dimension || !(a > 0)) {
        throw new NumberFormatException();
      }
      return new SifComponent(
          a, vector, Integer.parseInt(metadata.getOrDefault(KEY_DOCUMENTS, "0")));
    } catch (NumberFormatException e) {
      throw new LexicaException(
          "the model's SIF component ("
              + KEY_VECTOR
              + ", "
              + KEY_A
              + ") is damaged or does not have the model's "
              + dimension
              + " dimensions",
          "train the model again");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SifComponent c
        && a == c.a
        && documents == c.documents
        && Arrays.equals(vector, c.vector);
  }

  @Override
  public int hashCode() {
    return Double.hashCode(a) * 31 * 31 + Arrays.hashCode(vector) * 31 + documents;
  }

  @Override
  public String toString() {
    return "SifComponent[a=" + a + ", " + vector.length + " dims, " + documents + " documents]";
  }
}
