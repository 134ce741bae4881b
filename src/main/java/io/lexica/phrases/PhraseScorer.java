package io.lexica.phrases;

/**
 * How strongly two adjacent words belong together, from corpus counts: the collocation scores of
 * word2vec's {@code word2phrase} and of gensim's {@code Phrases}. A bigram whose score exceeds a
 * pass's threshold becomes a phrase. Both scores ignore bigrams with a word rarer than the minimum
 * count, as both tools do.
 */
public enum PhraseScorer {
  /**
   * {@code (count(ab) - δ) / (count(a) · count(b)) · N} with δ the minimum count and N the corpus
   * tokens (Mikolov et al. 2013, word2phrase): the discount keeps rare pairs of rare words out;
   * thresholds are corpus-size dependent (word2vec's demo uses 200, then 100).
   */
  WORD2PHRASE {
    @Override
    double score(long a, long b, long ab, long total, long minCount) {
      return (ab - minCount) / (double) a / b * total;
    }
  },
  /**
   * Normalised pointwise mutual information {@code ln(p(ab) / (p(a) p(b))) / -ln p(ab)} (Bouma
   * 2009, gensim's {@code npmi_scorer}): in [-1, 1] whatever the corpus size, 1 for words that only
   * ever occur together; bigrams seen fewer than the minimum count times score -1.
   */
  NPMI {
    @Override
    double score(long a, long b, long ab, long total, long minCount) {
      if (ab < minCount) {
        return -1;
      }
      double pab = ab / (double) total;
      if (pab >= 1) {
        return 1; // a corpus of one repeated bigram
      }
      double pa = a / (double) total;
      double pb = b / (double) total;
      return Math.log(pab / (pa * pb)) / -Math.log(pab);
    }
  };

  /**
   * The score of the bigram {@code ab}.
   *
   * @param a occurrences of the first word
   * @param b occurrences of the second word
   * @param ab occurrences of the pair, adjacent and in this order
   * @param total corpus tokens
   * @param minCount the minimum count (word2phrase's discount δ)
   */
  abstract double score(long a, long b, long ab, long total, long minCount);

  /**
   * The name used on the command line and in metadata.
   *
   * @return the lower-case name {@link #parse} reads
   */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The scorer named {@code id} ({@code word2phrase} or {@code npmi}), any case.
   *
   * @param id the name
   * @return the scorer
   * @throws io.lexica.LexicaException when no scorer has that name
   */
  public static PhraseScorer parse(String id) {
    for (PhraseScorer s : values()) {
      if (s.id().equalsIgnoreCase(id)) {
        return s;
      }
    }
    throw new io.lexica.LexicaException(
        "unknown phrase scorer '" + id + "'", "use word2phrase or npmi");
  }
}
