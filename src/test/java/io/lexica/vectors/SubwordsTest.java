package io.lexica.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lexica.LexicaException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Expected hashes and buckets come from gensim 4.2's fastText port ({@code ft_hash_bytes}, {@code
 * ft_ngram_hashes}, which reproduce fastText's signed-byte hash) and the n-gram order from
 * fastText's {@code computeSubwords}; FastTextBinTest checks the same against the fastText binary.
 */
class SubwordsTest {
  private final Subwords defaults = Subwords.defaults();

  @Test
  void hashMatchesFastTextIncludingSignedBytes() {
    assertEquals(2166136261L, Integer.toUnsignedLong(Subwords.hash("")));
    assertEquals(674621742L, Integer.toUnsignedLong(Subwords.hash("<ab>")));
    // Bytes >= 0x80 are sign-extended: these differ from textbook FNV-1a.
    assertEquals(1023043777L, Integer.toUnsignedLong(Subwords.hash("é")));
    assertEquals(3930512628L, Integer.toUnsignedLong(Subwords.hash("中")));
  }

  @Test
  void ngramsInFastTextOrderWithWholeWord() {
    assertEquals(
        List.of("<ab", "<ab>", "ab>"), defaults.ngrams("ab"), "start char first, then length");
    assertEquals(List.of("<a>"), defaults.ngrams("a"));
    assertEquals(
        List.of(
            "<he", "<hel", "<hell", "<hello", "hel", "hell", "hello", "hello>", "ell", "ello",
            "ello>", "llo", "llo>", "lo>"),
        defaults.ngrams("hello"));
  }

  @Test
  void bucketsEqualGensimsForLatinAccentedAndCjkWords() {
    assertSameBuckets(
        new int[] {
          1188580, 128664, 1361308, 1760905, 1613742, 1198310, 1831723, 1068687, 1992344, 798165,
          1616881, 617342, 350912, 1504790
        },
        "hello");
    assertSameBuckets(new int[] {1087600}, "a");
    assertSameBuckets(new int[] {209508, 621742, 1241756}, "ab");
    assertSameBuckets(
        new int[] {
          1806890, 1907692, 878190, 933201, 1590546, 1719404, 832043, 156687, 356832, 1223007,
          1505331, 1711570, 1788548, 1088654
        },
        "naïve");
    assertSameBuckets(
        new int[] {
          1705046, 333306, 134535, 967000, 579476, 1280793, 1234006, 1686711, 1466902, 1311567,
          198712, 1007915, 464041, 1474826, 791229, 1601081, 515456, 537091, 46599, 1538818,
          1161588, 652837
        },
        "中华人民共和国");
    assertSameBuckets(
        new int[] {
          1793082, 1664269, 716781, 820905, 255527, 904527, 1599331, 485366, 900056, 742840
        },
        "über");
    assertSameBuckets(new int[] {1348614, 1218600, 602714}, "𝄞x"); // a 4-byte character
  }

  @Test
  void ngramsAreOverCodePoints() {
    List<String> grams = defaults.ngrams("中华人民共和国");
    assertEquals(22, grams.size());
    assertEquals("<中华", grams.get(0));
    assertEquals(List.of("<𝄞x", "<𝄞x>", "𝄞x>"), defaults.ngrams("𝄞x"));
  }

  @Test
  void singleCharacterBoundariesAreSkippedWhenMinnIsOne() {
    Subwords s = new Subwords(1, 2, 1000);
    assertEquals(
        List.of("<n", "n", "na", "a", "aï", "ï", "ïv", "v", "ve", "e", "e>"), s.ngrams("naïve"));
    int[] sorted = s.buckets("naïve");
    Arrays.sort(sorted);
    int[] gensim = {655, 553, 112, 220, 750, 15, 403, 505, 612, 744, 490};
    Arrays.sort(gensim);
    assertArrayEquals(gensim, sorted);
  }

  @Test
  void bucketsAndNgramsAgree() {
    for (String w : List.of("hello", "naïve", "中华人民共和国", "x")) {
      int[] b = defaults.buckets(w);
      List<String> g = defaults.ngrams(w);
      assertEquals(g.size(), b.length);
      for (int i = 0; i < b.length; i++) {
        assertEquals(Integer.remainderUnsigned(Subwords.hash(g.get(i)), 2_000_000), b[i]);
      }
    }
  }

  @Test
  void endOfSentenceAndDisabledHaveNoNgrams() {
    assertEquals(0, defaults.buckets(Subwords.EOS).length);
    assertEquals(0, new Subwords(0, 0, 0).buckets("hello").length);
  }

  @Test
  void rejectsBadLengths() {
    assertThrows(LexicaException.class, () -> new Subwords(4, 3, 100));
    assertThrows(LexicaException.class, () -> new Subwords(0, 3, 100));
    assertThrows(LexicaException.class, () -> new Subwords(3, 6, 0));
  }

  private void assertSameBuckets(int[] expected, String word) {
    int[] actual = defaults.buckets(word);
    int[] e = expected.clone();
    Arrays.sort(e);
    Arrays.sort(actual);
    assertArrayEquals(e, actual, word);
  }
}
