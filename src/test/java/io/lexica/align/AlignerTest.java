package io.lexica.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.LexicaException;
import io.lexica.eval.TranslationEvaluator;
import io.lexica.eval.TranslationReport;
import io.lexica.vectors.WordVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AlignerTest {
  private static final int WORDS = 400;
  private static final int DIM = 20;

  private static AlignOptions options(int refinements, boolean keepSeed) {
    return new AlignOptions(
        Normalization.UNIT_CENTER_UNIT, refinements, WORDS, keepSeed, Csls.DEFAULT_K, 2);
  }

  @Test
  void aSeedOfAQuarterOfTheWordsRecoversThePlantedRotationAndTranslatesTheRest() {
    Random rnd = new Random(41);
    WordVectors target = Planted.gaussian(rnd, "t", WORDS, DIM);
    double[][] q = Planted.randomOrthogonal(rnd, DIM);
    WordVectors source = Planted.rotatedCopy(target, q, 0.02, rnd, "s");
    List<String> log = new ArrayList<>();
    Alignment a =
        Aligner.align(
            source, target, Planted.dictionary("s-t", 0, 100), options(2, true), log::add);

    // The map is the planted rotation: centring subtracts the same (rotated) mean on both sides.
    for (int i = 0; i < DIM; i++) {
      assertArrayEquals(q[i], a.map()[i], 0.02, "row " + i);
    }
    assertEquals(100, a.seed().known().size());
    assertEquals(3, a.steps().size());
    assertEquals(100, a.steps().get(0).pairs());
    // refinement induces (nearly) every pair: mutual nearest neighbours are right here
    assertTrue(a.steps().get(1).pairs() >= WORDS - 5, a.steps().toString());
    assertTrue(a.steps().get(a.chosen()).criterion() > 0.95, a.steps().toString());
    assertTrue(log.get(0).startsWith("seed: 100 of 100 pairs"), log.toString());

    // the held-out three quarters translate perfectly, by both retrieval methods
    TranslationReport r =
        TranslationEvaluator.evaluate(
            a.source(), a.target(), Planted.dictionary("test", 100, WORDS), 0, 10, 2);
    assertEquals(WORDS - 100, r.known());
    assertEquals(1.0, r.p1Known(r.nn()));
    assertEquals(1.0, r.p1Known(r.csls()));
    // hubness was computed in the final space for every word of both languages
    assertEquals(WORDS, a.hubness().a().length);
    assertEquals(WORDS, a.hubness().b().length);
  }

  @Test
  void refinementRecoversWhatATinyNoisySeedMisses() {
    Random rnd = new Random(43);
    WordVectors target = Planted.gaussian(rnd, "t", WORDS, DIM);
    double[][] q = Planted.randomOrthogonal(rnd, DIM);
    WordVectors source = Planted.rotatedCopy(target, q, 0.25, rnd, "s");
    BilingualDictionary seed = Planted.dictionary("s-t", 0, 12); // fewer pairs than dimensions
    BilingualDictionary test = Planted.dictionary("test", 12, WORDS);
    Alignment seedOnly = Aligner.align(source, target, seed, options(0, true), s -> {});
    Alignment refined = Aligner.align(source, target, seed, options(3, true), s -> {});
    double before = p1(seedOnly, test);
    double after = p1(refined, test);
    assertTrue(after > before + 0.2 && after > 0.9, before + " -> " + after);
    assertEquals(1, seedOnly.steps().size());
    assertTrue(Double.isNaN(seedOnly.steps().get(0).criterion()));
    // without the seed in refinements it works as well on clean data
    Alignment inducedOnly = Aligner.align(source, target, seed, options(3, false), s -> {});
    assertTrue(p1(inducedOnly, test) > 0.9);
  }

  private static double p1(Alignment a, BilingualDictionary test) {
    TranslationReport r = TranslationEvaluator.evaluate(a.source(), a.target(), test, 0, 10, 1);
    return r.p1Known(r.csls());
  }

  @Test
  void tooFewSeedPairsOrDifferentDimensionsAreUserErrors() {
    Random rnd = new Random(1);
    WordVectors target = Planted.gaussian(rnd, "t", 50, 8);
    WordVectors source = Planted.gaussian(rnd, "s", 50, 8);
    LexicaException few =
        assertThrows(
            LexicaException.class,
            () ->
                Aligner.align(
                    source, target, Planted.dictionary("s-t", 45, 60), options(1, true), s -> {}));
    assertTrue(few.getMessage().contains("only 5 pairs"), few.getMessage());
    WordVectors other = Planted.gaussian(rnd, "t", 50, 9);
    LexicaException dims =
        assertThrows(
            LexicaException.class,
            () ->
                Aligner.align(
                    source, other, Planted.dictionary("s-t", 0, 50), options(1, true), s -> {}));
    assertTrue(dims.getMessage().contains("8 and 9 dimensions"), dims.getMessage());
  }
}
