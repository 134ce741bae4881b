package io.lexica.docs;

/**
 * A document's embedding and how much of the document the model covered.
 *
 * @param vector unit-length document vector, or null when no token of the document has a word
 *     vector
 * @param tokens tokens the analyzer produced
 * @param known tokens that had a word vector
 */
public record DocumentVector(float[] vector, int tokens, int known) {
  /**
   * True when the document got no vector (empty, or no word the model knows).
   *
   * @return whether {@link #vector()} is null
   */
  public boolean isEmpty() {
    return vector == null;
  }
}
