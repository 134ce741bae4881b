package io.lexica.phrases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.corpus.CorpusBuilder;
import io.lexica.corpus.EncodedCorpus;
import io.lexica.corpus.Vocabulary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class PhraseLearnerTest {
  private static final Consumer<String> QUIET = line -> {};

  /** Encodes documents of space-separated words ("-" for a removed stop word) as a corpus. */
  static EncodedCorpus corpus(List<String> documents) {
    Map<String, Long> counts = new HashMap<>();
    for (String d : documents) {
      for (String w : d.split(" ")) {
        if (!w.equals("-")) {
          counts.merge(w, 1L, Long::sum);
        }
      }
    }
    List<String> words = new ArrayList<>(counts.keySet());
    Vocabulary v = Vocabulary.of(words, words.stream().mapToLong(counts::get).toArray());
    CorpusBuilder b = new CorpusBuilder(v);
    for (String d : documents) {
      String[] t = d.split(" ");
      int[] ids = new int[t.length];
      for (int i = 0; i < t.length; i++) {
        ids[i] = t[i].equals("-") ? EncodedCorpus.GAP : v.id(t[i]);
      }
      b.addDocument(ids, ids.length);
    }
    return b.build();
  }

  /** The corpus's sequences as space-separated words ("-" for gaps). */
  static List<String> text(EncodedCorpus c) {
    List<String> out = new ArrayList<>();
    int[] seq = new int[c.maxSequenceLength()];
    for (int s = 0; s < c.sequenceCount(); s++) {
      int n = c.read(s, seq);
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < n; i++) {
        sb.append(i == 0 ? "" : " ").append(seq[i] < 0 ? "-" : c.vocabulary().word(seq[i]));
      }
      out.add(sb.toString());
    }
    return out;
  }

  /**
   * Random filler words around planted collocations: "new york" always together and "york" never
   * alone; "new york times" often; "new" also alone. Filler pairs are spread over many words.
   */
  static List<String> planted(long seed, int documents) {
    Random r = new Random(seed);
    List<String> docs = new ArrayList<>();
    for (int d = 0; d < documents; d++) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 30; i++) {
        if (i > 0) {
          sb.append(' ');
        }
        int pick = r.nextInt(20);
        if (pick == 0) {
          sb.append("new york times");
        } else if (pick == 1) {
          sb.append("new york");
        } else if (pick == 2) {
          sb.append("new");
        } else {
          sb.append("w").append(r.nextInt(200));
        }
      }
      docs.add(sb.toString());
    }
    return docs;
  }

  private static PhraseOptions word2phrase(double... thresholds) {
    List<Double> t = new ArrayList<>();
    for (double x : thresholds) {
      t.add(x);
    }
    return new PhraseOptions(PhraseScorer.WORD2PHRASE, t, 5);
  }

  @Test
  void findsThePlantedPhrasesAndLongerOnesInLaterPasses() {
    try (EncodedCorpus c = corpus(planted(1, 300))) {
      PhraseLearner.Result r =
          PhraseLearner.learn(c, word2phrase(5, 5), 1, 0, CorpusBuilder::new, QUIET);
      PhraseList phrases = r.phrases();
      List<String> first =
          phrases.passes().get(0).phrases().stream().map(PhraseList.Phrase::token).toList();
      List<String> second =
          phrases.passes().get(1).phrases().stream().map(PhraseList.Phrase::token).toList();
      // york always precedes times: that pair scores highest; filler pairs score below 0.
      assertEquals(List.of("york_times", "new_york"), first);
      assertEquals(List.of("new_york_times"), second);
      Vocabulary v = r.corpus().vocabulary();
      assertTrue(v.id("new_york_times") >= 0);
      assertEquals(-1, v.id("york"), "york only ever occurred after new");
      assertEquals(-1, v.id("times"));
      assertEquals(-1, v.id("york_times"), "new york times is joined from the left");
      // Each join removes one token: "new york" once, "new york times" twice.
      long joins = v.count(v.id("new_york")) + 2 * v.count(v.id("new_york_times"));
      assertEquals(c.tokenCount() - joins, r.corpus().tokenCount());
      r.corpus().close();
    }
  }

  @Test
  void joinsGreedilyFromTheLeftAndNeverAcrossAGap() {
    List<String> docs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      docs.add("a b c x" + i + " y" + i);
    }
    docs.add("a - b c");
    docs.add("b c a b");
    try (EncodedCorpus c = corpus(docs)) {
      PhraseLearner.Result r =
          PhraseLearner.learn(
              c,
              new PhraseOptions(PhraseScorer.WORD2PHRASE, List.of(0.0), 1),
              1,
              0,
              CorpusBuilder::new,
              QUIET);
      List<String> tokens = text(r.corpus());
      // Both a_b and b_c pass; in "a b c" the left pair wins and c stays alone.
      assertEquals("a_b c x0 y0", tokens.get(0));
      assertEquals("a - b_c", tokens.get(20), "a gap breaks the pair a-b");
      assertEquals("b_c a_b", tokens.get(21));
      r.corpus().close();
    }
  }

  @Test
  void scoresAreWord2PhrasesAndNpmiExactly() {
    // a: 10, b: 8, ab: 6, N = 100, δ = 5: (6 - 5) / (10 * 8) * 100 = 1.25
    assertEquals(1.25, PhraseScorer.WORD2PHRASE.score(10, 8, 6, 100, 5), 1e-12);
    double npmi = Math.log(0.06 / (0.1 * 0.08)) / -Math.log(0.06);
    assertEquals(npmi, PhraseScorer.NPMI.score(10, 8, 6, 100, 5), 1e-12);
    assertEquals(-1, PhraseScorer.NPMI.score(10, 8, 4, 100, 5), "below the minimum count");
    assertEquals(1, PhraseScorer.NPMI.score(10, 10, 10, 10, 1), 1e-12, "always together");
  }

  @Test
  void npmiFindsThePlantedPairToo() {
    try (EncodedCorpus c = corpus(planted(2, 300))) {
      PhraseLearner.Result r =
          PhraseLearner.learn(
              c, PhraseOptions.defaults(PhraseScorer.NPMI), 1, 0, CorpusBuilder::new, QUIET);
      // NPMI ranks the pair that is always together and more frequent first.
      assertEquals(
          List.of("new_york", "york_times"),
          r.phrases().passes().get(0).phrases().stream().map(PhraseList.Phrase::token).toList());
      r.corpus().close();
    }
  }

  @Test
  void prunesTheJoinedCorpusAsTrainingAsksAndIsDeterministic() {
    List<String> docs = planted(3, 100);
    try (EncodedCorpus c = corpus(docs);
        EncodedCorpus c2 = corpus(docs)) {
      PhraseLearner.Result a =
          PhraseLearner.learn(c, word2phrase(5), 40, 0, CorpusBuilder::new, QUIET);
      PhraseLearner.Result b =
          PhraseLearner.learn(c2, word2phrase(5), 40, 0, CorpusBuilder::new, QUIET);
      Vocabulary v = a.corpus().vocabulary();
      for (int w = 0; w < v.size(); w++) {
        assertTrue(v.count(w) >= 40, v.word(w) + " survived min count 40");
      }
      assertFalse(v.words().contains("w7"), "filler words are rarer than 40");
      assertEquals(text(a.corpus()), text(b.corpus()));
      assertEquals(a.phrases().tokens(), b.phrases().tokens());
      a.corpus().close();
      b.corpus().close();
    }
  }
}
