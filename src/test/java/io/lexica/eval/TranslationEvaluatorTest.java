package io.lexica.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lexica.align.BilingualDictionary;
import io.lexica.vectors.WordVectors;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranslationEvaluatorTest {
  @Test
  void countsHitsOverAllAndOverKnownSourceWords() {
    // One space, four axes; each source word sits on the axis of its translation, except "maus",
    // which sits between cat and mouse, nearer cat: wrong at 1, right at 5.
    WordVectors source =
        new WordVectors(
            List.of("hund", "katze", "maus", "Vogel", "baum"),
            new float[] {
              1, 0, 0, 0, 0, 1, 0, 0, 0, 0.8f, 0.6f, 0, 0, 0, 0, 1, 0.5f, 0.5f, 0.5f, 0.5f
            },
            4,
            new long[] {50, 40, 30, 20, 10});
    WordVectors target =
        new WordVectors(
            List.of("dog", "cat", "mouse", "bird"),
            new float[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1},
            4,
            null);
    BilingualDictionary d =
        BilingualDictionary.parse(
            "de-en.test",
            List.of(
                "hund dog",
                "katze cat",
                "katze kitty",
                "maus mouse",
                "fisch fish",
                "vogel bird",
                "baum tree"));
    TranslationReport r = TranslationEvaluator.evaluate(source, target, d, 0, 2, 1);
    assertEquals(6, r.sourceWords()); // hund katze maus fisch vogel baum
    assertEquals(5, r.inSource()); // not fisch
    assertEquals(30, r.medianCount()); // of 10 20 30 40 50
    assertEquals(4, r.known()); // baum's translation is unknown
    assertEquals(new TranslationReport.Precision(3, 4), r.nn());
    assertEquals(0.75, r.p1Known(r.nn()));
    assertEquals(1.0, r.p5Known(r.nn()));
    assertEquals(0.5, r.p1All(r.nn()));
    assertEquals(4 / 6.0, r.p5All(r.nn()));
    assertEquals(4, r.csls().hitsAt5());
  }
}
