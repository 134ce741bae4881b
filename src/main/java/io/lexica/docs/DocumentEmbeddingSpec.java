package io.lexica.docs;

import io.lexica.LexicaException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the vectors of a document-vector index were made, stored in that index's commit user data so
 * that queries are later embedded exactly like the documents (same model, method, SIF component).
 *
 * @param model the model the word vectors came from (path as given)
 * @param method the combination method
 * @param sifA SIF's {@code a}
 * @param statsField the field of the source index whose term statistics gave the weights
 * @param textFields the stored fields whose text was embedded
 * @param idField the field that identifies a document in the source and in the vector index
 * @param vectorField the {@code KnnFloatVectorField} holding the vectors
 * @param commonComponent SIF's removed component, or null
 */
public record DocumentEmbeddingSpec(
    String model,
    EmbeddingMethod method,
    double sifA,
    String statsField,
    List<String> textFields,
    String idField,
    String vectorField,
    float[] commonComponent) {
  private static final String PREFIX = "lexica.docs.";

  /**
   * Entries for {@code IndexWriter#setLiveCommitData}.
   *
   * @return the spec's entries, keys prefixed {@code lexica.docs.}
   */
  public Map<String, String> toUserData() {
    Map<String, String> m = new HashMap<>();
    m.put(PREFIX + "model", model);
    m.put(PREFIX + "method", method.id());
    m.put(PREFIX + "sifA", Double.toString(sifA));
    m.put(PREFIX + "statsField", statsField);
    m.put(PREFIX + "textFields", String.join(",", textFields));
    m.put(PREFIX + "idField", idField);
    m.put(PREFIX + "vectorField", vectorField);
    if (commonComponent != null) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < commonComponent.length; i++) {
        sb.append(i == 0 ? "" : ",").append(Float.toString(commonComponent[i]));
      }
      m.put(PREFIX + "commonComponent", sb.toString());
    }
    return m;
  }

  /** Whether commit user data records a spec (as {@link #toUserData()} writes it). */
  static boolean isRecordedIn(Map<String, String> data) {
    return data.containsKey(PREFIX + "method");
  }

  /**
   * Reads what {@link #toUserData()} wrote; a clear error when the index holds no document vectors.
   */
  static DocumentEmbeddingSpec fromUserData(Map<String, String> data, String where) {
    String method = data.get(PREFIX + "method");
    if (!isRecordedIn(data)) {
      throw new LexicaException(
          where + " is not a Lexica document-vector index (no " + PREFIX + "* commit data)",
          "create one with 'lexica embed-docs --index SRC --model MODEL --out DIR'");
    }
    String cc = data.get(PREFIX + "commonComponent");
    float[] component = null;
    if (cc != null && !cc.isEmpty()) {
      String[] parts = cc.split(",");
      component = new float[parts.length];
      for (int i = 0; i < parts.length; i++) {
        component[i] = Float.parseFloat(parts[i]);
      }
    }
    return new DocumentEmbeddingSpec(
        data.get(PREFIX + "model"),
        EmbeddingMethod.parse(method),
        Double.parseDouble(data.getOrDefault(PREFIX + "sifA", "0.001")),
        data.get(PREFIX + "statsField"),
        List.of(data.getOrDefault(PREFIX + "textFields", "").split(",")),
        data.get(PREFIX + "idField"),
        data.get(PREFIX + "vectorField"),
        component);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DocumentEmbeddingSpec s && toUserData().equals(s.toUserData());
  }

  @Override
  public int hashCode() {
    return toUserData().hashCode();
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "DocumentEmbeddingSpec[model=%s, method=%s, fields=%s, component=%s]",
        model,
        method.id(),
        textFields,
        commonComponent == null ? "none" : Arrays.toString(commonComponent).length() + " chars");
  }
}
