package io.lexica.phrases;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.apache.lucene.util.ArrayUtil;

/**
 * Joins the known phrases of one {@linkplain PhraseList.Pass pass} into one token: "new" "york"
 * becomes "new_york", with the offsets of both words (start of the first, end of the second), the
 * position of the first, and type {@value #TYPE}. Pairs are joined greedily from left to right and
 * a joined token is not joined again by the same filter, the rule {@link PhraseLearner} applies to
 * the training corpus, so the tokens a query or a document gets are the tokens the model learned.
 * Chain one filter per pass ({@link PhraseList#filter}) for longer phrases.
 *
 * <p>Only adjacent tokens are joined: a pair with a removed word between them (position increment
 * above 1, e.g. a stop word) or a token stacked on the first (increment 0, e.g. a synonym) is left
 * alone, as are tokens spanning several positions. Reads one token ahead only after a token that
 * starts a phrase.
 *
 * <p>Like every token filter, an instance is used by one thread at a time; the pass is shared.
 */
public final class PhraseJoinFilter extends TokenFilter {
  /** The type of a joined token. */
  public static final String TYPE = "PHRASE";

  private final PhraseList.Pass pass;
  private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);
  private final OffsetAttribute offsetAtt = addAttribute(OffsetAttribute.class);
  private final PositionIncrementAttribute posIncAtt =
      addAttribute(PositionIncrementAttribute.class);
  private final PositionLengthAttribute posLenAtt = addAttribute(PositionLengthAttribute.class);
  private final TypeAttribute typeAtt = addAttribute(TypeAttribute.class);

  /** The token read ahead and not yet emitted, or null. */
  private State pending;

  /** True once the input has no more tokens. */
  private boolean exhausted;

  private char[] first = new char[16];

  /**
   * Joins the phrases of {@code pass} in {@code input}.
   *
   * @param input the tokens to join, one phrase part a token
   * @param pass the phrases to join; several passes need one filter each ({@link PhraseList#filter}
   *     chains them)
   */
  public PhraseJoinFilter(TokenStream input, PhraseList.Pass pass) {
    super(input);
    this.pass = pass;
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (pending != null) {
      restoreState(pending);
      pending = null;
    } else if (exhausted || !input.incrementToken()) {
      exhausted = true;
      return false;
    }
    if (posLenAtt.getPositionLength() != 1
        || !pass.startsPhrase(termAtt.buffer(), termAtt.length())) {
      return true;
    }
    State left = captureState();
    int leftLength = termAtt.length();
    first = ArrayUtil.grow(first, leftLength);
    System.arraycopy(termAtt.buffer(), 0, first, 0, leftLength);
    int start = offsetAtt.startOffset();
    if (!input.incrementToken()) {
      exhausted = true;
      restoreState(left);
      return true;
    }
    String joined =
        posIncAtt.getPositionIncrement() == 1 && posLenAtt.getPositionLength() == 1
            ? pass.joined(first, leftLength, termAtt.buffer(), termAtt.length())
            : null;
    if (joined == null) {
      pending = captureState();
      restoreState(left);
      return true;
    }
    int end = offsetAtt.endOffset();
    restoreState(left);
    termAtt.setEmpty().append(joined);
    offsetAtt.setOffset(start, end);
    typeAtt.setType(TYPE);
    return true;
  }

  @Override
  public void end() throws IOException {
    super.end();
    pending = null;
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    pending = null;
    exhausted = false;
  }
}
