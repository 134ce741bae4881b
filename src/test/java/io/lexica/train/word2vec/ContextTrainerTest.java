package io.lexica.train.word2vec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lexica.corpus.EncodedCorpus;
import io.lexica.train.TrainRandom;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ContextTrainerTest {
  /** Records the (centre, context) pairs skip-gram trains, without changing any vector. */
  private static Set<String> skipGramPairs(EncodedCorpus corpus, int window) {
    Set<String> pairs = new TreeSet<>();
    int dim = 4;
    WordInput input = new WordInput(corpus.vocabulary().size(), dim, 1);
    OutputLayer recorder =
        new OutputLayer(corpus.vocabulary().size(), dim) {
          @Override
          public Objective objective(TrainRandom random) {
            return (h, hOff, target, lr, grad) -> {
              pairs.add(
                  corpus.vocabulary().word(hOff / dim) + "-" + corpus.vocabulary().word(target));
              return 0;
            };
          }
        };
    Word2VecOptions options =
        Word2VecOptions.builder().dimension(dim).window(window).sample(0).epochs(50).build();
    ContextTrainer.train(corpus, input, recorder, options);
    return pairs;
  }

  @Test
  void gapsCountInWindowDistancesButAreNeverWords() {
    EncodedCorpus corpus = Corpora.of(List.of("a b _ _ c d"));
    // window 2: b and c are 3 apart, so only the adjacent pairs are trained
    assertEquals(Set.of("a-b", "b-a", "c-d", "d-c"), skipGramPairs(corpus, 2));
    // window 3 reaches b-c across the two gaps (when the drawn radius is 3), but not a-c or b-d
    assertEquals(Set.of("a-b", "b-a", "b-c", "c-b", "c-d", "d-c"), skipGramPairs(corpus, 3));
  }
}
