package io.lexica.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorpusBuilderTest {
  private static final int G = EncodedCorpus.GAP;
  private static final int D = CorpusBuilder.DROPPED;

  private final Vocabulary vocab =
      Vocabulary.of(List.of("b", "a", "c"), new long[] {5, 9, 1}, new long[] {2, 3, 1});

  @Test
  void vocabularyIsOrderedByCountThenWord() {
    assertEquals("a", vocab.word(0));
    assertEquals("b", vocab.word(1));
    assertEquals(3, vocab.docFreq(0));
    assertEquals(15, vocab.totalCount());
    assertEquals(-1, vocab.id("zzz"));
    assertEquals(2, vocab.prune(5, 0).size());
    assertEquals(1, vocab.prune(1, 1).size());
  }

  @Test
  void dropsOutOfVocabularyKeepsInnerGapsTrimsEdgeGaps() {
    CorpusBuilder b = new CorpusBuilder(vocab, 10);
    b.addDocument(new int[] {G, 0, D, 1, G, G, 2, G}, 8);
    EncodedCorpus c = b.build();
    assertEquals(1, c.sequenceCount());
    int[] buf = new int[c.maxSequenceLength()];
    int n = c.read(0, buf);
    assertArrayEquals(new int[] {0, 1, G, G, 2}, Arrays.copyOf(buf, n));
    assertEquals(3, c.tokenCount());
  }

  @Test
  void cutsLongDocumentsAndSplitsIntoBalancedParts() {
    CorpusBuilder b = new CorpusBuilder(vocab, 4);
    int[] doc = new int[10];
    b.addDocument(doc, 10); // 10 tokens -> 4 + 4 + 2
    b.addDocument(new int[] {1, 2}, 2);
    EncodedCorpus c = b.build();
    assertEquals(4, c.sequenceCount());
    int[] buf = new int[4];
    assertEquals(4, c.read(0, buf));
    assertEquals(2, c.read(2, buf));
    assertEquals(12, c.tokenCount());
    assertEquals(0, c.partStart(0, 2));
    assertEquals(2, c.partStart(1, 2));
    assertEquals(4, c.partStart(2, 2));
  }
}
