package io.lexica.vectors;

/** A word found near a query, with its cosine similarity to the query in [-1, 1]. */
public record Neighbor(String word, float similarity) {}
