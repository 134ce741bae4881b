package io.lexica.phrases;

import io.lexica.analysis.Tokens;
import io.lexica.corpus.CorpusBuilder;
import io.lexica.corpus.EncodedCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.custom.CustomAnalyzer;
import org.apache.lucene.tests.analysis.BaseTokenStreamTestCase;
import org.apache.lucene.tests.analysis.MockTokenizer;

public class PhraseJoinFilterTest extends BaseTokenStreamTestCase {
  private static final PhraseList PHRASES =
      PhraseList.of(
          List.of(
              List.of(
                  new PhraseList.Phrase("new", "york", 10, 300),
                  new PhraseList.Phrase("york", "times", 5, 200),
                  new PhraseList.Phrase("machine", "learning", 7, 250)),
              List.of(new PhraseList.Phrase("new_york", "times", 4, 150))));

  private static Analyzer analyzer(PhraseList phrases, boolean stopWords) {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer t = new MockTokenizer(MockTokenizer.WHITESPACE, true);
        return new TokenStreamComponents(
            t,
            phrases.filter(
                stopWords ? new StopFilter(t, new CharArraySet(List.of("the"), false)) : t));
      }
    };
  }

  public void testJoinsKnownPhrasesWithTheOffsetsOfBothWords() throws IOException {
    Analyzer a = analyzer(PHRASES, false);
    assertAnalyzesTo(
        a,
        "new york loves machine learning",
        new String[] {"new_york", "loves", "machine_learning"},
        new int[] {0, 9, 15},
        new int[] {8, 14, 31},
        new String[] {PhraseJoinFilter.TYPE, "word", PhraseJoinFilter.TYPE},
        new int[] {1, 1, 1});
    a.close();
  }

  public void testSecondPassJoinsAPhraseWithAWordAndTheLeftPairWins() throws IOException {
    Analyzer a = analyzer(PHRASES, false);
    // Pass 1 joins new_york (the left pair wins over york_times); pass 2 joins new_york + times.
    assertAnalyzesTo(
        a,
        "the new york times",
        new String[] {"the", "new_york_times"},
        new int[] {0, 4},
        new int[] {3, 18},
        new int[] {1, 1});
    assertAnalyzesTo(a, "york times new", new String[] {"york_times", "new"});
    a.close();
  }

  public void testARemovedWordBreaksAPhrase() throws IOException {
    PhraseList list = PhraseList.of(List.of(List.of(new PhraseList.Phrase("new", "york", 1, 1))));
    Analyzer a = analyzer(list, true);
    assertAnalyzesTo(
        a, "new the york new york", new String[] {"new", "york", "new_york"}, new int[] {1, 2, 1});
    a.close();
  }

  public void testAgreesWithTheLearnerOnRandomText() throws IOException {
    List<String> docs = PhraseLearnerTest.planted(random().nextLong(), 200);
    try (EncodedCorpus c = PhraseLearnerTest.corpus(docs)) {
      PhraseLearner.Result r =
          PhraseLearner.learn(
              c,
              new PhraseOptions(PhraseScorer.WORD2PHRASE, List.of(20.0, 10.0), 3),
              1,
              0,
              CorpusBuilder::new,
              line -> {});
      Analyzer a = analyzer(r.phrases(), false);
      List<String> learned = PhraseLearnerTest.text(r.corpus());
      for (int d = 0; d < docs.size(); d++) {
        assertEquals(learned.get(d), String.join(" ", Tokens.of(a, "f", docs.get(d))));
      }
      r.corpus().close();
      a.close();
    }
  }

  public void testRandomStrings() throws IOException {
    List<List<PhraseList.Phrase>> passes = new ArrayList<>();
    passes.add(
        List.of(new PhraseList.Phrase("a", "b", 1, 1), new PhraseList.Phrase("b", "c", 1, 1)));
    passes.add(List.of(new PhraseList.Phrase("a_b", "c", 1, 1)));
    Analyzer a = analyzer(PhraseList.of(passes), true);
    checkRandomData(random(), a, 200 * RANDOM_MULTIPLIER);
    a.close();
  }

  public void testFactoryBySpiNameReadsAModelsPhraseFile() throws Exception {
    Path dir = createTempDir("phrases");
    PHRASES.write(dir.resolve(PhraseList.FILE_NAME));
    assertEquals(PHRASES.tokens(), PhraseList.read(dir).tokens());
    Analyzer a =
        CustomAnalyzer.builder()
            .withTokenizer("standard")
            .addTokenFilter("lowercase")
            .addTokenFilter(PhraseJoinFilterFactory.NAME, "phrases", dir.toString())
            .build();
    assertAnalyzesTo(a, "The New York Times", new String[] {"the", "new_york_times"});
    a.close();
  }

  public void testABadPhraseFileIsNamedWithItsLine() throws Exception {
    Path file = createTempDir("bad").resolve("p.txt");
    Files.writeString(file, "# comment\n1\tnew\tyork\t3\t1.5\n3\tx\ty\t1\t1\n");
    io.lexica.LexicaException e =
        expectThrows(io.lexica.LexicaException.class, () -> PhraseList.read(file));
    assertTrue(e.getMessage(), e.getMessage().contains("line 3"));
  }
}
