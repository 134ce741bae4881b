package io.lexica.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.LexicaException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankingEnsembleTest {
  private static List<Hit> hits(Object... idScore) {
    List<Hit> out = new java.util.ArrayList<>();
    for (int i = 0; i < idScore.length; i += 2) {
      out.add(new Hit((String) idScore[i], ((Number) idScore[i + 1]).floatValue()));
    }
    return out;
  }

  private static List<String> ids(List<Hit> hits) {
    return hits.stream().map(Hit::id).toList();
  }

  @Test
  void combSumAddsEachRankingsScoresOverItsBestTimesItsWeight() {
    List<Hit> expanded = hits("a", 10, "b", 5, "c", 2);
    List<Hit> rm3 = hits("b", 4, "d", 2);
    List<Hit> knn = hits("c", 0.8, "e", 0.4);
    RankingEnsemble e = RankingEnsemble.DEFAULT.withKeepTop(0);
    List<Hit> got = e.rank(expanded, null, rm3, knn, 10);
    // a 1; b 0.5 + 0.5 * 1 = 1; c 0.2 + 0.25 * 1 = 0.45; d 0.5 * 0.5 = 0.25 (only in RM3's);
    // e 0.25 * 0.5 = 0.125 (only in kNN's); the tie of a and b goes by id
    assertEquals(List.of("a", "b", "c", "d", "e"), ids(got));
    float[] expected = {1f, 1f, 0.45f, 0.25f, 0.125f};
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], got.get(i).score(), 1e-6, got.get(i).id());
    }
    assertEquals(List.of("a", "b"), ids(e.rank(expanded, null, rm3, knn, 2)));
    // a member that cannot run (null) is left out: the others are fused alone
    List<Hit> noKnn = e.rank(expanded, null, rm3, null, 10);
    assertEquals(List.of("a", "b", "d", "c"), ids(noKnn));
    assertEquals(0.2f, noKnn.get(3).score(), 1e-6);
    // BM25 weighs when ensbm25 says so
    RankingEnsemble withBm25 = RankingEnsemble.parse("ensemble=sum,ensbm25=2");
    List<Hit> bm25 = hits("c", 3, "a", 1.5);
    List<Hit> fused = withBm25.rank(expanded, bm25, rm3, knn, 10);
    assertEquals(List.of("c", "a", "b"), ids(fused));
    assertEquals(2.2f, fused.get(0).score(), 1e-6); // 0.2 + 2 * 3 / 3
    assertEquals(2f, fused.get(1).score(), 1e-6); // 1 + 2 * 1.5 / 3
  }

  @Test
  void reciprocalRanksWhenAsked() {
    RankingEnsemble e = RankingEnsemble.parse("ensemble=rrf:10,ensrm3=2");
    List<Hit> got = e.rank(hits("a", 9, "b", 8), null, hits("b", 1), null, 10);
    assertEquals(List.of("b", "a"), ids(got));
    assertEquals(1.0 / 12 + 2.0 / 11, got.get(0).score(), 1e-6);
    assertEquals(1.0 / 11, got.get(1).score(), 1e-6);
  }

  @Test
  void keepTopPutsBm25sFirstDocumentsOnTopOnceEach() {
    List<Hit> expanded = hits("y", 9, "z", 8, "x", 7, "w", 6);
    List<Hit> bm25 = hits("x", 3, "y", 2, "v", 1);
    List<Hit> got = RankingEnsemble.NONE.withKeepTop(2).rank(expanded, bm25, null, null, 10);
    // x and y in BM25's order, scored above the rest, then the expanded ranking without them
    assertEquals(List.of("x", "y", "z", "w"), ids(got));
    assertEquals(List.of(11f, 10f, 8f, 6f), got.stream().map(Hit::score).toList());
    // kept on top of the fused ranking, which is cut to k first
    List<Hit> fused = RankingEnsemble.DEFAULT.rank(expanded, bm25, hits("w", 1), null, 3);
    assertEquals(List.of("x", "y", "w"), ids(fused));
    // more kept than BM25 found: all of BM25's
    assertEquals(
        List.of("x", "y", "v", "z"),
        ids(RankingEnsemble.NONE.withKeepTop(5).rank(expanded, bm25, null, null, 10)));
    assertThrows(
        IllegalArgumentException.class,
        () -> RankingEnsemble.DEFAULT.rank(expanded, null, null, null, 10));
  }

  @Test
  void noneIsTheExpandedRankingUnchanged() {
    List<Hit> expanded = hits("b", 4, "a", 3, "c", 1);
    assertEquals(expanded, RankingEnsemble.NONE.rank(expanded, null, hits("c", 1), null, 10));
    assertEquals(expanded.subList(0, 2), RankingEnsemble.NONE.rank(expanded, null, null, null, 2));
    // weights without a member to fuse: the expanded ranking too, not rescaled
    assertEquals(
        expanded, RankingEnsemble.DEFAULT.withKeepTop(0).rank(expanded, null, null, null, 10));
  }

  @Test
  void textFormRoundTripsAndBadValuesAreRefused() {
    assertSame(RankingEnsemble.NONE, RankingEnsemble.parse(" None "));
    assertSame(RankingEnsemble.DEFAULT, RankingEnsemble.parse("default"));
    assertEquals(
        "ensemble=sum,ensbm25=0,ensrm3=0.5,ensknn=0.25,keeptop=2", RankingEnsemble.DEFAULT.spec());
    assertEquals(
        RankingEnsemble.DEFAULT,
        RankingEnsemble.parse("ensemble=sum,ensrm3=0.5,ensknn=0.25,keeptop=2"));
    for (RankingEnsemble e :
        List.of(
            RankingEnsemble.DEFAULT,
            RankingEnsemble.NONE,
            RankingEnsemble.NONE.withKeepTop(1),
            RankingEnsemble.parse("ensemble=rrf:60,ensbm25=0.5,ensrm3=1,ensknn=0.25,keeptop=3"))) {
      assertEquals(e, RankingEnsemble.parse(e.spec()), e.spec());
    }
    assertEquals(
        RankingEnsemble.NONE, RankingEnsemble.of(Map.of("ensemble", "none", "ensrm3", "1")));
    assertTrue(RankingEnsemble.DEFAULT.describe().contains("rm3 0.5 + knn 0.25"));
    assertEquals(RankingEnsemble.NONE.withKeepTop(2).withKeepTop(0), RankingEnsemble.NONE);
    assertEquals(0, RankingEnsemble.DEFAULT.runnable(true, false).knn());
    assertEquals(0, RankingEnsemble.DEFAULT.runnable(false, true).rm3());
    Map<String, String> bad =
        Map.of(
            "ensrm3=0.5", "without saying how to fuse",
            "ensemble=weighted:0.5,ensrm3=1", "bad value for ensemble",
            "ensemble=rrf:0,ensrm3=1", "bad value for ensemble",
            "ensemble=sum,ensbm25=-1", "bad value for ensbm25",
            "ensemble=sum,ensknn=x", "bad value for ensknn",
            "ensemble=sum,ensknn=Infinity", "bad value for ensknn",
            "keeptop=-1", "bad value for keeptop",
            "keeptop=two", "bad value for keeptop",
            "ensemble=sum,fbdocs=3", "at 'fbdocs=3'",
            "keeptop=1,keeptop=2", "at 'keeptop=2'");
    bad.forEach(
        (text, message) -> {
          LexicaException e =
              assertThrows(LexicaException.class, () -> RankingEnsemble.parse(text), text);
          assertTrue(e.getMessage().contains(message), e.getMessage());
          assertTrue(!e.remedy().isEmpty(), text);
        });
  }
}
