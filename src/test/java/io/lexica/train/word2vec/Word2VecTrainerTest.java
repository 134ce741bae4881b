package io.lexica.train.word2vec;

import static io.lexica.train.word2vec.Corpora.ANIMALS;
import static io.lexica.train.word2vec.Corpora.CAPITALS;
import static io.lexica.train.word2vec.Corpora.COUNTRIES;
import static io.lexica.train.word2vec.Corpora.FOODS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.corpus.EncodedCorpus;
import io.lexica.train.word2vec.Word2VecOptions.Architecture;
import io.lexica.train.word2vec.Word2VecOptions.Loss;
import io.lexica.vectors.WordVectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Word2VecTrainerTest {
  private static EncodedCorpus grammar;

  @BeforeAll
  static void corpus() {
    grammar = Corpora.of(Corpora.grammar(6000, 42));
  }

  private static Word2VecOptions.Builder small() {
    return Word2VecOptions.builder()
        .negativeTableSize(1 << 16)
        .dimension(20)
        .window(3)
        .negative(5)
        .sample(0)
        .epochs(5);
  }

  @Test
  void toyExampleLearnsWithSoftmax() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("examples/toy/royals.txt"));
    EncodedCorpus toy = Corpora.of(lines);
    Word2VecOptions options =
        Word2VecOptions.builder()
            .loss(Loss.SOFTMAX)
            .dimension(5)
            .window(2)
            .sample(0)
            .epochs(1000)
            .learningRate(0.05)
            .build();
    Word2VecTrainer.Result result = Word2VecTrainer.train(toy, options);
    double[] loss = result.report().epochLoss();
    assertTrue(
        loss[loss.length - 1] < 0.8 * loss[0],
        "loss falls: " + loss[0] + " -> " + loss[loss.length - 1]);
    WordVectors v = result.vectors();
    String[] royals = {"king", "queen", "man", "woman"};
    String[] cities = {"warsaw", "berlin", "paris"};
    String[] countries = {"poland", "germany", "france"};
    double same =
        (Corpora.within(v, royals) + Corpora.within(v, cities) + Corpora.within(v, countries)) / 3;
    double unrelated =
        (Corpora.across(v, royals, cities) + Corpora.across(v, royals, countries)) / 2;
    assertTrue(same > unrelated + 0.2, "same slot " + same + " vs unrelated " + unrelated);
  }

  @Test
  void oneThreadWithSeedIsBitIdentical() {
    Word2VecOptions options = small().seed(7).build();
    float[] a = Word2VecTrainer.train(grammar, options).vectors().data();
    float[] b = Word2VecTrainer.train(grammar, options).vectors().data();
    assertArrayEquals(a, b);
    float[] c =
        Word2VecTrainer.train(grammar, options.toBuilder().seed(8).build()).vectors().data();
    assertTrue(!java.util.Arrays.equals(a, c), "another seed gives other vectors");
  }

  @ParameterizedTest
  @CsvSource({
    "SKIPGRAM, NS, false",
    "SKIPGRAM, NS, true",
    "SKIPGRAM, HS, false",
    "SKIPGRAM, SOFTMAX, false",
    "CBOW, NS, false",
    "CBOW, HS, false",
    "CBOW, SOFTMAX, false"
  })
  void learnsPlantedWordClasses(Architecture arch, Loss loss, boolean shared) {
    Word2VecOptions options =
        small().architecture(arch).loss(loss).sharedNegatives(shared).threads(2).build();
    Word2VecTrainer.Result result = Word2VecTrainer.train(grammar, options);
    double[] epochLoss = result.report().epochLoss();
    assertTrue(epochLoss[epochLoss.length - 1] < epochLoss[0], "loss falls");
    WordVectors v = result.vectors();
    double animals = Corpora.within(v, ANIMALS);
    double foods = Corpora.within(v, FOODS);
    double across = Corpora.across(v, ANIMALS, FOODS);
    assertTrue(
        animals > across + 0.2 && foods > across + 0.2,
        "within " + animals + ", " + foods + " vs across " + across);
    // country:capital analogy: capital(a) - country(a) + country(b) is nearest to capital(b)
    int right = 0;
    int total = 0;
    for (int a = 0; a < COUNTRIES.length; a++) {
      for (int b = 0; b < COUNTRIES.length; b++) {
        if (a != b) {
          total++;
          if (Analogy.solve(v, CAPITALS[a], COUNTRIES[a], COUNTRIES[b]).equals(CAPITALS[b])) {
            right++;
          }
        }
      }
    }
    assertTrue(right > 0.5 * total, "analogies right: " + right + " of " + total);
  }
}
