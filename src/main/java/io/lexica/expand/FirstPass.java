package io.lexica.expand;

import java.io.IOException;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;

/**
 * How pseudo-relevance feedback and query-local models find a query's top documents before it is
 * expanded. By default the {@link TargetIndex}'s searcher runs the query (BM25, or whatever
 * similarity the application searches with); an application with another ranking of the same
 * documents, such as a fusion of BM25 with document vectors, plugs it in with {@link
 * TargetIndex#withFirstPass}, so that feedback is read from the documents that ranking trusts.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface FirstPass {
  /**
   * The {@code n} best documents for {@code query}, best first.
   *
   * @param query the query about to be expanded (index terms)
   * @param n how many documents at most
   * @return top-level document numbers of the target index with positive scores: a relevance model
   *     weighs each document by its score, so scores must be comparable within one query
   * @throws IOException when the index cannot be read
   */
  ScoreDoc[] search(Query query, int n) throws IOException;
}
