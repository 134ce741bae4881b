package io.lexica.opensearch;

import io.lexica.vectors.Embeddings;
import io.lexica.vectors.Neighbor;
import java.io.IOException;
import java.util.List;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.apache.lucene.search.BoostAttribute;

/**
 * Adds each token's nearest words as synonyms at the same position (type {@value #TYPE}), with
 * their cosine similarity as the {@link BoostAttribute} when boosting is on, so that a match query
 * turns them into a boosted {@code SynonymQuery}.
 *
 * <p>TODO(expand): minimal stand-in until the library's token filter (io.lexica.expand) lands;
 * replace this class with it.
 *
 * <p>Not thread-safe (a token stream); the {@link Embeddings} it reads are shared.
 */
final class NeighborSynonymFilter extends TokenFilter {
  static final String TYPE = "SYNONYM";

  private final Embeddings model;
  private final int k;
  private final float minSimilarity;
  private final boolean boost;
  private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);
  private final PositionIncrementAttribute posIncAtt =
      addAttribute(PositionIncrementAttribute.class);
  private final TypeAttribute typeAtt = addAttribute(TypeAttribute.class);
  private final BoostAttribute boostAtt = addAttribute(BoostAttribute.class);
  private List<Neighbor> pending = List.of();
  private int next;
  private State original;

  NeighborSynonymFilter(
      TokenStream input, Embeddings model, int k, float minSimilarity, boolean boost) {
    super(input);
    this.model = model;
    this.k = k;
    this.minSimilarity = minSimilarity;
    this.boost = boost;
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (next < pending.size()) {
      Neighbor n = pending.get(next++);
      restoreState(original);
      termAtt.setEmpty().append(n.word());
      posIncAtt.setPositionIncrement(0);
      typeAtt.setType(TYPE);
      if (boost) {
        boostAtt.setBoost(n.similarity());
      }
      return true;
    }
    if (!input.incrementToken()) {
      return false;
    }
    pending = model.nearest(termAtt.toString(), k, minSimilarity);
    next = 0;
    if (!pending.isEmpty()) {
      original = captureState();
    }
    return true;
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    pending = List.of();
    next = 0;
    original = null;
  }
}
