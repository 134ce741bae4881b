package io.lexica.train.fasttext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.corpus.CorpusBuilder;
import io.lexica.corpus.EncodedCorpus;
import io.lexica.corpus.Vocabulary;
import io.lexica.math.VectorMath;
import io.lexica.train.word2vec.Continuation;
import io.lexica.train.word2vec.OutputLayer;
import io.lexica.train.word2vec.Word2VecOptions;
import io.lexica.train.word2vec.Word2VecOptions.Architecture;
import io.lexica.vectors.FastTextBin;
import io.lexica.vectors.FastTextModel;
import io.lexica.vectors.Subwords;
import io.lexica.vectors.WordVectors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A corpus with planted word classes and morphology: animals and foods, each in singular and plural
 * ("cat", "cats"), in class-specific sentences. The plurals "horses" and "breads" never occur, so
 * only their n-grams can place them.
 */
class FastTextTrainerTest {
  private static final String[] ANIMALS = {"cat", "dog", "horse", "cow", "sheep", "goat", "lion"};
  private static final String[] FOODS = {"bread", "rice", "apple", "cheese", "soup", "pasta"};
  private static final List<String> HELD_OUT = List.of("horses", "breads");

  @TempDir Path dir;

  private static String form(String[] stems, SplittableRandom r, List<String> heldOut) {
    String w = stems[r.nextInt(stems.length)];
    String plural = w + "s";
    return r.nextBoolean() && !heldOut.contains(plural) ? plural : w;
  }

  static EncodedCorpus corpus(int sentences, long seed) {
    List<String[]> lines = lines(sentences, seed, HELD_OUT);
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String[] line : lines) {
      for (String t : line) {
        counts.merge(t, 1L, Long::sum);
      }
    }
    List<String> words = new ArrayList<>(counts.keySet());
    long[] c = words.stream().mapToLong(counts::get).toArray();
    return encode(lines, Vocabulary.of(words, c));
  }

  /** Sentences about animals or foods; plurals in {@code heldOut} never occur. */
  private static List<String[]> lines(int sentences, long seed, List<String> heldOut) {
    SplittableRandom r = new SplittableRandom(seed);
    List<String[]> lines = new ArrayList<>();
    for (int s = 0; s < sentences; s++) {
      lines.add(
          (r.nextBoolean()
                  ? "the "
                      + form(ANIMALS, r, heldOut)
                      + " runs and sleeps near the "
                      + form(ANIMALS, r, heldOut)
                  : "some "
                      + form(FOODS, r, heldOut)
                      + " tastes good with hot "
                      + form(FOODS, r, heldOut))
              .split(" "));
    }
    return lines;
  }

  private static EncodedCorpus encode(List<String[]> lines, Vocabulary vocabulary) {
    CorpusBuilder builder = new CorpusBuilder(vocabulary);
    for (String[] line : lines) {
      int[] ids = new int[line.length];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = vocabulary.id(line[i]);
      }
      builder.addDocument(ids, ids.length);
    }
    return builder.build();
  }

  private static Word2VecOptions options(Architecture arch, int threads) {
    return Word2VecOptions.builder()
        .architecture(arch)
        .dimension(16)
        .window(3)
        .negative(5)
        .negativePower(FastTextTrainer.DEFAULT_NEGATIVE_POWER)
        .sample(0)
        .epochs(5)
        .threads(threads)
        .seed(42)
        .negativeTableSize(1 << 16)
        .build();
  }

  private static final Subwords SUBWORDS = new Subwords(3, 5, 20_000);

  private static float cos(float[] a, float[] b) {
    int n = a.length;
    return VectorMath.dot(a, 0, b, 0, n)
        / (float) Math.sqrt(VectorMath.dot(a, 0, a, 0, n) * VectorMath.dot(b, 0, b, 0, n));
  }

  /** Mean cosine of {@code v} to the in-vocabulary singular forms of {@code stems}. */
  private static double meanCos(float[] v, WordVectors wv, String[] stems) {
    double sum = 0;
    for (String s : stems) {
      sum += cos(v, wv.vector(wv.indexOf(s)));
    }
    return sum / stems.length;
  }

  @ParameterizedTest
  @EnumSource(Architecture.class)
  void learnsClassesAndPlacesUnseenWordsByTheirNgrams(Architecture arch) {
    EncodedCorpus corpus = corpus(3000, 7);
    FastTextTrainer.Result r = FastTextTrainer.train(corpus, options(arch, 2), SUBWORDS);
    FastTextModel m = r.model();
    WordVectors wv = m.wordVectors();
    assertEquals(corpus.vocabulary().size(), wv.size());
    float[] cat = wv.vector(wv.indexOf("cat"));
    float[] apple = wv.vector(wv.indexOf("apple"));
    assertTrue(meanCos(cat, wv, ANIMALS) > meanCos(cat, wv, FOODS) + 0.1, arch + " classes");
    assertTrue(meanCos(apple, wv, FOODS) > meanCos(apple, wv, ANIMALS) + 0.1, arch + " classes");
    for (String unseen : HELD_OUT) {
      assertEquals(-1, wv.indexOf(unseen));
      float[] v = m.ngrams().vector(unseen);
      assertNotNull(v, unseen);
      String[] own = unseen.equals("horses") ? ANIMALS : FOODS;
      String[] other = unseen.equals("horses") ? FOODS : ANIMALS;
      assertTrue(
          meanCos(v, wv, own) > meanCos(v, wv, other),
          arch + ": " + unseen + " should fall among its class");
    }
    double[] loss = r.report().epochLoss();
    assertTrue(loss[loss.length - 1] < loss[0], "loss falls: " + java.util.Arrays.toString(loss));
    assertTrue(r.usedBuckets() > 0 && r.usedBuckets() < SUBWORDS.buckets());
  }

  @Test
  void perPredictionUpdatesLearnTheClassesTooAndAreADifferentRun() {
    EncodedCorpus corpus = corpus(3000, 7);
    Word2VecOptions exact =
        options(Architecture.SKIPGRAM, 1).toBuilder().perPredictionUpdates(true).build();
    WordVectors wv = FastTextTrainer.train(corpus, exact, SUBWORDS).model().wordVectors();
    float[] cat = wv.vector(wv.indexOf("cat"));
    float[] apple = wv.vector(wv.indexOf("apple"));
    assertTrue(meanCos(cat, wv, ANIMALS) > meanCos(cat, wv, FOODS) + 0.1);
    assertTrue(meanCos(apple, wv, FOODS) > meanCos(apple, wv, ANIMALS) + 0.1);
    WordVectors windowed =
        FastTextTrainer.train(corpus, options(Architecture.SKIPGRAM, 1), SUBWORDS)
            .model()
            .wordVectors();
    assertFalse(java.util.Arrays.equals(wv.data(), windowed.data()), "the option changes the run");
  }

  @Test
  void oneThreadWithSeedIsBitIdenticalAndSurvivesBinRoundTrip() {
    EncodedCorpus corpus = corpus(500, 3);
    FastTextModel a =
        FastTextTrainer.train(corpus, options(Architecture.SKIPGRAM, 1), SUBWORDS).model();
    FastTextModel b =
        FastTextTrainer.train(corpus, options(Architecture.SKIPGRAM, 1), SUBWORDS).model();
    assertArrayEquals(a.wordVectors().data(), b.wordVectors().data());
    Path file = dir.resolve("model.bin");
    FastTextBin.write(a, file);
    FastTextModel back = FastTextBin.read(file, true);
    assertArrayEquals(a.wordVectors().data(), back.wordVectors().data());
    assertArrayEquals(a.ngrams().vector("horses"), back.ngrams().vector("horses"));
    assertEquals(FastTextModel.Architecture.SKIPGRAM, back.settings().architecture());
    assertEquals(20_000, back.settings().buckets());
  }

  /** Continues a model on text where the held-out plurals appear. */
  private static FastTextTrainer.Result continueWithPlurals(
      FastTextTrainer.Result initial, double oldRate) {
    Continuation c = new Continuation(initial.weights(), oldRate);
    List<String[]> lines = lines(1500, 8, List.of());
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String[] line : lines) {
      for (String t : line) {
        counts.merge(t, 1L, Long::sum);
      }
    }
    List<String> words = new ArrayList<>(counts.keySet());
    Vocabulary source = Vocabulary.of(words, words.stream().mapToLong(counts::get).toArray());
    EncodedCorpus corpus = encode(lines, c.vocabulary(source, 5, 0));
    return FastTextTrainer.train(corpus, options(Architecture.SKIPGRAM, 1), SUBWORDS, c);
  }

  @Test
  void frozenContinuationKeepsOldVectorsAndNgramsAndAddsTheNewWords() {
    FastTextTrainer.Result initial =
        FastTextTrainer.train(corpus(3000, 7), options(Architecture.SKIPGRAM, 1), SUBWORDS);
    FastTextTrainer.Result next = continueWithPlurals(initial, 0);
    WordVectors before = initial.weights().vectors();
    WordVectors after = next.weights().vectors();
    for (String plural : HELD_OUT) {
      assertTrue(after.indexOf(plural) >= 0, plural + " added");
    }
    for (int row = 0; row < before.size(); row++) {
      String word = before.word(row);
      assertArrayEquals(before.vector(row), after.vector(after.indexOf(word)), word);
    }
    // every n-gram of an old word keeps its row, so unseen words the old model knew of keep theirs
    assertNotNull(initial.weights().ngrams().vector("sheepz"));
    assertArrayEquals(
        initial.weights().ngrams().vector("sheepz"), next.weights().ngrams().vector("sheepz"));
    float[] horses = after.vector(after.indexOf("horses"));
    assertTrue(meanCos(horses, after, ANIMALS) > meanCos(horses, after, FOODS) + 0.1);
  }

  @Test
  void aNewWordStartsFromTheVectorItsNgramsGaveIt() {
    FastTextTrainer.Result initial =
        FastTextTrainer.train(corpus(3000, 7), options(Architecture.SKIPGRAM, 1), SUBWORDS);
    Continuation c = new Continuation(initial.weights(), 1);
    List<String> words = new ArrayList<>(initial.weights().vectors().words());
    words.add("horses");
    long[] counts = new long[words.size()];
    java.util.Arrays.fill(counts, 10);
    Vocabulary vocabulary = c.vocabulary(Vocabulary.of(words, counts), 5, 0);
    SubwordInput input = new SubwordInput(vocabulary, SUBWORDS, 16, 42);
    Word2VecOptions o = options(Architecture.SKIPGRAM, 1);
    c.seed(vocabulary, input, OutputLayer.create(o, vocabulary));
    int own = vocabulary.id("horses") * 16;
    assertArrayEquals(
        initial.weights().ngrams().vector("horses"),
        java.util.Arrays.copyOfRange(input.matrix(), own, own + 16));
    int cat = vocabulary.id("cat") * 16;
    int oldCat = initial.weights().vectors().indexOf("cat") * 16;
    assertArrayEquals(
        java.util.Arrays.copyOfRange(initial.weights().wordRows(), oldCat, oldCat + 16),
        java.util.Arrays.copyOfRange(input.matrix(), cat, cat + 16),
        "an old word starts from its own row, not its averaged vector");
  }
}
