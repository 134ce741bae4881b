package io.lexica.docs;

/**
 * A document found by a search, by its id, with the search's score.
 *
 * @param id the document's id field
 * @param score the score; its scale depends on the search (BM25, Lucene's kNN score, a fused score)
 */
public record Hit(String id, float score) {}
