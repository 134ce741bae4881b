package io.lexica.vectors;

/**
 * A word found near a query, with its cosine similarity to the query in [-1, 1].
 *
 * @param word the word, as the model spells it
 * @param similarity the cosine with the query (also when a cross-lingual view ranks by CSLS)
 */
public record Neighbor(String word, float similarity) {}
