package io.lexica.train.word2vec;

import static io.lexica.train.word2vec.Corpora.ANIMALS;
import static io.lexica.train.word2vec.Corpora.FOODS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.corpus.CorpusBuilder;
import io.lexica.corpus.EncodedCorpus;
import io.lexica.corpus.Vocabulary;
import io.lexica.train.word2vec.Word2VecOptions.Loss;
import io.lexica.vectors.ModelWeights;
import io.lexica.vectors.WordVectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A model trained on the grammar corpus is continued on new text in which two new animals appear
 * ("zebra" often, "quokka" below the min-count) and one old word ("cake") never does.
 */
class ContinuationTest {
  private static List<String> oldText;
  private static List<String> newText;
  private static Word2VecTrainer.Result initial;

  @BeforeAll
  static void train() {
    oldText = Corpora.grammar(6000, 42);
    newText = new ArrayList<>();
    for (String line : Corpora.grammar(3000, 43)) {
      if (!line.contains("cake")) {
        newText.add(line);
      }
    }
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < 400; i++) {
      String animal = ANIMALS[r.nextInt(ANIMALS.length)];
      String verb = Corpora.VERBS_ANIMAL[r.nextInt(Corpora.VERBS_ANIMAL.length)];
      newText.add(
          i % 2 == 0 ? "the zebra " + verb + " near the " + animal : "the " + animal + " " + verb);
    }
    newText.add("the quokka runs");
    newText.add("the quokka sleeps");
    initial = Word2VecTrainer.train(Corpora.of(oldText), options().build());
  }

  private static Word2VecOptions.Builder options() {
    return Word2VecOptions.builder()
        .negativeTableSize(1 << 16)
        .dimension(20)
        .window(3)
        .negative(5)
        .sample(0)
        .epochs(5)
        .seed(3);
  }

  /** The new text encoded against the continuation's vocabulary (min count 5). */
  private static EncodedCorpus encode(List<String> lines, Continuation c) {
    Vocabulary vocabulary = c.vocabulary(Corpora.of(lines).vocabulary(), 5, 0);
    CorpusBuilder builder = new CorpusBuilder(vocabulary);
    for (String line : lines) {
      int[] ids = Arrays.stream(line.split(" ")).mapToInt(vocabulary::id).toArray();
      for (int i = 0; i < ids.length; i++) {
        ids[i] = ids[i] < 0 ? CorpusBuilder.DROPPED : ids[i];
      }
      builder.addDocument(ids, ids.length);
    }
    return builder.build();
  }

  private static Word2VecTrainer.Result continueOn(
      List<String> lines, ModelWeights from, double oldRate, Word2VecOptions options) {
    Continuation c = new Continuation(from, oldRate);
    return Word2VecTrainer.train(encode(lines, c), options, c);
  }

  private static long occurrences(List<String> lines, String word) {
    return lines.stream().flatMap(l -> Arrays.stream(l.split(" "))).filter(word::equals).count();
  }

  @Test
  void frozenOldRowsKeepEveryOldVectorBitForBitWhileNewWordsArePlaced() {
    WordVectors before = initial.vectors();
    Word2VecTrainer.Result result = continueOn(newText, initial.weights(), 0, options().build());
    WordVectors after = result.vectors();
    int dim = before.dimension();
    assertEquals(before.size() + 1, after.size(), "zebra added, quokka below the min-count");
    assertEquals(-1, after.indexOf("quokka"));
    for (int row = 0; row < before.size(); row++) {
      String word = before.word(row);
      int now = after.indexOf(word);
      assertArrayEquals(before.vector(row), after.vector(now), word);
      assertArrayEquals(
          Arrays.copyOfRange(initial.weights().output(), row * dim, (row + 1) * dim),
          Arrays.copyOfRange(result.weights().output(), now * dim, (now + 1) * dim),
          "output row of " + word);
    }
    double animals = 0;
    double foods = 0;
    for (String a : ANIMALS) {
      animals += Corpora.cosine(after, "zebra", a) / ANIMALS.length;
    }
    for (String f : FOODS) {
      foods += Corpora.cosine(after, "zebra", f) / FOODS.length;
    }
    assertTrue(animals > foods + 0.2, "zebra among animals: " + animals + " vs foods " + foods);
  }

  @Test
  void admissionCountsDecideWhichNewWordsJoinAndTrainingCountsStayTheCorpus() {
    Continuation c = new Continuation(initial.weights(), 0);
    Vocabulary fresh = Corpora.of(newText).vocabulary();
    assertEquals(2, fresh.count(fresh.id("quokka")));
    // the whole index: the old text held quokka 3 times (5 in all), and "wombat" only there
    List<String> words = new ArrayList<>(fresh.words());
    long[] counts = Arrays.copyOf(fresh.counts(), words.size() + 1);
    counts[fresh.id("quokka")] += 3;
    words.add("wombat");
    counts[words.size() - 1] = 50;
    Vocabulary whole = Vocabulary.of(words, counts);

    Vocabulary byNewText = c.vocabulary(fresh, 5, 0);
    Vocabulary byIndex = c.vocabulary(fresh, whole, 5, 0);
    assertEquals(-1, byNewText.id("quokka"), "2 in the new text: below the min-count");
    assertEquals(byNewText.size() + 1, byIndex.size(), "quokka joins: 5 in the index");
    int quokka = byIndex.id("quokka");
    assertEquals(2, byIndex.count(quokka), "trained on (and counted as) its 2 new occurrences");
    assertEquals(-1, byIndex.id("wombat"), "the new text cannot train a word it lacks");
    assertEquals(-1, c.vocabulary(fresh, whole, 6, 0).id("quokka"), "6 > 5: not admitted");
    assertEquals(
        -1, c.vocabulary(fresh, whole, 5, whole.id("quokka")).id("quokka"), "past --max-vocab");
  }

  @Test
  void countsAddUpAndRowsAreInTheirOrder() {
    WordVectors before = initial.vectors();
    WordVectors after = continueOn(newText, initial.weights(), 1, options().build()).vectors();
    for (String word : List.of("cat", "the", "cake", "zebra")) {
      long old = before.indexOf(word) < 0 ? 0 : before.count(before.indexOf(word));
      assertEquals(old + occurrences(newText, word), after.count(after.indexOf(word)), word);
    }
    for (int row = 1; row < after.size(); row++) {
      assertTrue(after.count(row - 1) >= after.count(row), "frequency order at row " + row);
    }
  }

  @Test
  void aWordTheNewTextLacksComesThroughUnchangedInBothHalves() {
    Word2VecTrainer.Result result = continueOn(newText, initial.weights(), 1, options().build());
    int dim = result.vectors().dimension();
    int oldRow = initial.vectors().indexOf("cake");
    int newRow = result.vectors().indexOf("cake");
    assertArrayEquals(initial.vectors().vector(oldRow), result.vectors().vector(newRow));
    assertArrayEquals(
        Arrays.copyOfRange(initial.weights().output(), oldRow * dim, (oldRow + 1) * dim),
        Arrays.copyOfRange(result.weights().output(), newRow * dim, (newRow + 1) * dim),
        "never a target nor drawn as noise (count 0)");
    int catOld = initial.vectors().indexOf("cat");
    assertFalse(
        Arrays.equals(
            initial.vectors().vector(catOld),
            result.vectors().vector(result.vectors().indexOf("cat"))),
        "a word of the new text moves at rate 1");
  }

  @Test
  void theOldRateScalesHowFarOldVectorsMove() {
    double full = drift(continueOn(newText, initial.weights(), 1, options().build()));
    double quarter = drift(continueOn(newText, initial.weights(), 0.25, options().build()));
    double frozen = drift(continueOn(newText, initial.weights(), 0, options().build()));
    assertEquals(0, frozen);
    assertTrue(quarter < 0.6 * full, "rate 0.25 moves " + quarter + ", rate 1 " + full);
  }

  /** Mean Euclidean distance between the old words' vectors before and after. */
  private static double drift(Word2VecTrainer.Result result) {
    WordVectors before = initial.vectors();
    WordVectors after = result.vectors();
    double sum = 0;
    for (int row = 0; row < before.size(); row++) {
      float[] a = before.vector(row);
      float[] b = after.vector(after.indexOf(before.word(row)));
      double d = 0;
      for (int i = 0; i < a.length; i++) {
        d += (a[i] - b[i]) * (a[i] - b[i]);
      }
      sum += Math.sqrt(d);
    }
    return sum / before.size();
  }

  @Test
  void oneThreadWithASeedIsBitIdentical() {
    Word2VecOptions o = options().seed(11).build();
    float[] a = continueOn(newText, initial.weights(), 0.5, o).vectors().data();
    float[] b = continueOn(newText, initial.weights(), 0.5, o).vectors().data();
    assertArrayEquals(a, b);
  }

  @Test
  void withItsOutputRowsTrainingResumesWhereItStopped() {
    Word2VecOptions once = options().epochs(1).build();
    double withOutput = continueOn(oldText, initial.weights(), 1, once).report().epochLoss()[0];
    double inputOnly =
        continueOn(oldText, ModelWeights.of(initial.vectors()), 1, once).report().epochLoss()[0];
    double scratch = Word2VecTrainer.train(Corpora.of(oldText), once).report().epochLoss()[0];
    double ended = initial.report().finalLoss();
    assertTrue(
        withOutput < inputOnly && inputOnly < scratch,
        "first-epoch loss: with output rows "
            + withOutput
            + ", input only "
            + inputOnly
            + ", from scratch "
            + scratch);
    assertTrue(withOutput < ended * 1.1, withOutput + " vs the initial run's last " + ended);
  }

  @Test
  void hierarchicalSoftmaxKeepsNoOutputRowsAndStillContinues() {
    Word2VecOptions hs = options().loss(Loss.HS).build();
    Word2VecTrainer.Result first = Word2VecTrainer.train(Corpora.of(oldText), hs);
    assertNull(first.weights().output(), "the rows belong to the Huffman tree");
    Word2VecTrainer.Result next = continueOn(newText, first.weights(), 1, hs);
    assertTrue(next.vectors().indexOf("zebra") >= 0);
    assertNull(next.weights().output());
  }

  @Test
  void badSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Continuation(initial.weights(), 1.5));
    Continuation c = new Continuation(initial.weights(), 1);
    EncodedCorpus corpus = encode(newText, c);
    assertThrows(
        IllegalArgumentException.class,
        () -> Word2VecTrainer.train(corpus, options().dimension(10).build(), c),
        "dimensions must agree");
  }
}
