package io.lexica.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {

  @Test
  void theSumOfPartsIsTheVocabularyOfTheWholeInFrequencyOrder() {
    Vocabulary a =
        Vocabulary.of(List.of("cat", "dog", "eel"), new long[] {5, 2, 1}, new long[] {3, 2, 1});
    Vocabulary b = Vocabulary.of(List.of("dog", "ant"), new long[] {4, 2}, new long[] {2, 1});

    Vocabulary sum = Vocabulary.sum(List.of(a, b));

    // dog 6 > cat 5 > ant 2 > eel 1; document frequencies add as occurrences do
    assertEquals(List.of("dog", "cat", "ant", "eel"), words(sum));
    assertEquals(6, sum.count(0));
    assertEquals(4, sum.docFreq(0));
    assertEquals(3, sum.docFreq(1));
    assertEquals(14, sum.totalCount());
    // the order of the parts does not matter
    assertEquals(words(sum), words(Vocabulary.sum(List.of(b, a))));
  }

  private static List<String> words(Vocabulary v) {
    return java.util.stream.IntStream.range(0, v.size()).mapToObj(v::word).toList();
  }
}
