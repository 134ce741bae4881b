package io.lexica.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.LexicaException;
import io.lexica.vectors.WordLookup;
import io.lexica.vectors.WordVectors;
import java.util.List;
import org.junit.jupiter.api.Test;

class BilingualDictionaryTest {
  private static WordLookup vocabulary(String... words) {
    return new WordLookup(new WordVectors(List.of(words), new float[words.length], 1, null));
  }

  @Test
  void parsesMuseLinesAndMatchesThemToTwoVocabularies() {
    BilingualDictionary d =
        BilingualDictionary.parse(
            "zh-en.0-5000.txt",
            List.of("# a comment", "猫 cat", "猫\tkitty", "", "狗 dog", "鸟 Bird", "鱼 fish", "猫 cat"));
    assertEquals(6, d.pairs().size());
    assertEquals(3, d.pairs().get(1).line());
    assertArrayEquals(new String[] {"zh", "en"}, d.languagesFromName());
    assertNull(BilingualDictionary.parse("my-pairs.txt", List.of("a b")).languagesFromName());

    BilingualDictionary.Matched m =
        d.match(vocabulary("狗", "猫", "鸟"), vocabulary("the", "bird", "cat", "dog"));
    assertEquals(4, m.sourceWords()); // 猫 狗 鸟 鱼
    assertEquals(List.of(2), m.entries().get(0).targets()); // cat once; kitty unknown
    assertEquals(1, m.entries().get(2).targets().get(0)); // "Bird" found case-folded
    assertEquals(-1, m.entries().get(3).source()); // 鱼 unknown
    assertEquals(3, m.known().size());
    assertArrayEquals(new int[][] {{1, 2}, {0, 3}, {2, 1}}, m.rowPairs());
  }

  @Test
  void badLinesNameTheirLineAndAnEmptyFileIsAnError() {
    LexicaException e =
        assertThrows(
            LexicaException.class,
            () -> BilingualDictionary.parse("d.txt", List.of("a b", "one two three")));
    assertTrue(e.getMessage().contains("d.txt line 2"), e.getMessage());
    assertThrows(
        LexicaException.class, () -> BilingualDictionary.parse("d.txt", List.of("# nothing")));
  }
}
