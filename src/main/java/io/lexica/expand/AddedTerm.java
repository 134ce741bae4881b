package io.lexica.expand;

/**
 * One term a {@link QueryExpander} added to a query: why it was added and how much it weighs.
 *
 * @param field the index field the term was added to
 * @param term the added term, as it is in the index
 * @param source the query word it is a neighbour of, or {@link #CENTROID} in whole-query mode
 * @param similarity cosine similarity between the term's model word and the source (or centroid)
 * @param weight the boost the term's clause got, relative to an original query term's weight 1
 */
public record AddedTerm(String field, String term, String source, float similarity, float weight) {
  /** The {@link #source} of terms added as neighbours of the whole query's centroid. */
  public static final String CENTROID = "<query>";
}
