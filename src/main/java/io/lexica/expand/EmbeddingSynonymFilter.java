package io.lexica.expand;

import io.lexica.vectors.Embeddings;
import io.lexica.vectors.Neighbor;
import java.io.IOException;
import java.util.List;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.apache.lucene.search.BoostAttribute;

/**
 * Stacks each token's nearest words in an embedding model on it as synonyms: same position
 * (position increment 0, length 1), same offsets, type {@value #TYPE}, and the cosine similarity in
 * the {@link BoostAttribute} (the original token keeps boost 1). Lucene's query parsers that build
 * on {@link org.apache.lucene.util.QueryBuilder} turn such a stack into a {@link
 * org.apache.lucene.search.SynonymQuery} whose terms are weighted by that boost, so a near word
 * counts less than the word typed.
 *
 * <p>Compared with Lucene's {@code Word2VecSynonymFilter}: the similarity is carried instead of
 * dropped, the threshold is the cosine itself (that filter compares a rescaled dot product, {@code
 * (1 + cos) / 2}, with its "minAcceptedSimilarity"), and any {@link Embeddings} (a Lexica model in
 * a Lucene index, a vector file) can serve. Tokens marked as keywords, and empty tokens, are not
 * expanded.
 *
 * <p>Like every token filter, an instance is used by one thread at a time; the {@link Embeddings}
 * are shared.
 */
public final class EmbeddingSynonymFilter extends TokenFilter {
  /** The token type of stacked synonyms (as Lucene's synonym filters use). */
  public static final String TYPE = "SYNONYM";

  private final Embeddings embeddings;
  private final int k;
  private final float minSimilarity;

  private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);
  private final PositionIncrementAttribute posIncAtt =
      addAttribute(PositionIncrementAttribute.class);
  private final PositionLengthAttribute posLenAtt = addAttribute(PositionLengthAttribute.class);
  private final TypeAttribute typeAtt = addAttribute(TypeAttribute.class);
  private final BoostAttribute boostAtt = addAttribute(BoostAttribute.class);
  private final KeywordAttribute keywordAtt = addAttribute(KeywordAttribute.class);

  private List<Neighbor> pending = List.of();
  private int next;
  private State original;

  /**
   * Adds up to {@code k} neighbours of each token of {@code input} as synonyms at its position.
   *
   * @param input the tokens, each a model word
   * @param embeddings the model; shared, not closed by the filter
   * @param k at most this many synonyms per token
   * @param minSimilarity the lowest cosine similarity a synonym may have
   * @throws IllegalArgumentException when {@code k < 1}
   */
  public EmbeddingSynonymFilter(
      TokenStream input, Embeddings embeddings, int k, float minSimilarity) {
    super(input);
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1: " + k);
    }
    this.embeddings = embeddings;
    this.k = k;
    this.minSimilarity = minSimilarity;
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (next < pending.size()) {
      Neighbor n = pending.get(next++);
      restoreState(original);
      termAtt.setEmpty().append(n.word());
      posIncAtt.setPositionIncrement(0);
      posLenAtt.setPositionLength(1);
      typeAtt.setType(TYPE);
      boostAtt.setBoost(n.similarity());
      return true;
    }
    if (!input.incrementToken()) {
      return false;
    }
    pending =
        keywordAtt.isKeyword() || termAtt.length() == 0
            ? List.of()
            : neighbours(termAtt.toString());
    next = 0;
    original = pending.isEmpty() ? null : captureState();
    return true;
  }

  private List<Neighbor> neighbours(String word) {
    List<Neighbor> found = embeddings.nearest(word, k, minSimilarity);
    // A boost must be positive; a model may return words at or below 0 when asked to.
    return found.stream().filter(n -> n.similarity() > 0).toList();
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    pending = List.of();
    next = 0;
    original = null;
  }
}
