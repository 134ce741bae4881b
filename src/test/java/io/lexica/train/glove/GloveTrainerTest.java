package io.lexica.train.glove;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.corpus.CorpusBuilder;
import io.lexica.corpus.EncodedCorpus;
import io.lexica.corpus.FilterEncodedCorpus;
import io.lexica.corpus.Vocabulary;
import io.lexica.util.StopSignal;
import io.lexica.vectors.WordVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GloveTrainerTest {
  private static final int CLASSES = 4;
  private static final int PER_CLASS = 6;

  @TempDir Path temp;

  /**
   * Words c{k}_{i} of 4 classes; each document talks about one class, with a few words of shared
   * filler ("the", "of") and of other classes between. GloVe fits only pairs that occur, so the
   * noise matters: it makes the rare cross-class pairs push the classes apart.
   */
  static EncodedCorpus plantedCorpus(long seed) {
    List<String> words = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    for (int k = 0; k < CLASSES; k++) {
      for (int i = 0; i < PER_CLASS; i++) {
        words.add("c" + k + "_" + i);
        counts.add(1000L - 10 * (k * PER_CLASS + i));
      }
    }
    words.add("the");
    counts.add(5000L);
    words.add("of");
    counts.add(4000L);
    Vocabulary vocab = Vocabulary.of(words, counts.stream().mapToLong(Long::longValue).toArray());
    SplittableRandom random = new SplittableRandom(seed);
    CorpusBuilder builder = new CorpusBuilder(vocab, 1000);
    for (int d = 0; d < 600; d++) {
      int k = random.nextInt(CLASSES);
      int[] doc = new int[20];
      for (int i = 0; i < doc.length; i++) {
        int r = random.nextInt(10);
        int cls = r < 3 ? random.nextInt(CLASSES) : k; // some noise: all pairs co-occur a little
        doc[i] =
            r == 0
                ? vocab.id("the")
                : r == 1 ? vocab.id("of") : vocab.id("c" + cls + "_" + random.nextInt(PER_CLASS));
      }
      builder.addDocument(doc, doc.length);
    }
    return builder.build();
  }

  private GloveModel train(EncodedCorpus corpus, long memory, int threads, long seed) {
    CooccurrenceOptions counting =
        CooccurrenceOptions.defaults().withWindow(5).withMemory(memory).withTempDirectory(temp);
    GloveOptions options =
        GloveOptions.defaults()
            .withDimension(20)
            .withIterations(25)
            .withWeighting(10, 0.75)
            .withThreads(threads)
            .withSeed(seed);
    return new GloveTrainer(counting, options, s -> {}).train(corpus);
  }

  @Test
  void sameClassWordsAreNearestAndCostFalls() throws Exception {
    EncodedCorpus corpus = plantedCorpus(1);
    GloveModel model = train(corpus, 1L << 30, 2, 5);
    double[] cost = model.costPerIteration();
    assertTrue(
        cost[cost.length - 1] < cost[0] / 2, "cost falls: " + java.util.Arrays.toString(cost));
    WordVectors v = model.vectors().normalized();
    int dim = v.dimension();
    for (int k = 0; k < CLASSES; k++) {
      for (int i = 0; i < PER_CLASS; i++) {
        int row = v.indexOf("c" + k + "_" + i);
        String best = null;
        double bestSim = -2;
        for (int other = 0; other < v.size(); other++) {
          String w = v.word(other);
          if (other == row || !w.startsWith("c")) {
            continue;
          }
          double sim = 0;
          for (int d = 0; d < dim; d++) {
            sim += v.data()[row * dim + d] * v.data()[other * dim + d];
          }
          if (sim > bestSim) {
            bestSim = sim;
            best = w;
          }
        }
        assertTrue(best.startsWith("c" + k + "_"), v.word(row) + "'s nearest is " + best);
      }
    }
    assertEquals(corpus.vocabulary().size(), model.wordBiases().length);
    try (Stream<Path> files = Files.list(temp)) {
      assertEquals(List.of(), files.toList(), "temporary files deleted");
    }
  }

  @Test
  void oneThreadWithASeedIsDeterministicWhateverTheMemory() {
    EncodedCorpus corpus = plantedCorpus(2);
    GloveModel a = train(corpus, 1L << 30, 1, 9);
    GloveModel b = train(corpus, CooccurrenceOptions.MIN_MEMORY, 1, 9);
    assertArrayEquals(a.vectors().data(), b.vectors().data());
    assertArrayEquals(a.costPerIteration(), b.costPerIteration());
    GloveModel c = train(corpus, 1L << 30, 1, 10);
    assertTrue(!java.util.Arrays.equals(a.vectors().data(), c.vectors().data()));
  }

  /**
   * A stop signal that fires at its {@code k}-th check once the trainer's log shows {@code after}
   * (null: from the start), with the log kept to see which phases ended.
   */
  private static final class StopAfter implements StopSignal {
    final RuntimeException stopped = new IllegalStateException("stopped");
    final List<String> log = new CopyOnWriteArrayList<>();
    private final String after;
    private final int k;
    private final AtomicInteger checks = new AtomicInteger();

    StopAfter(String after, int k) {
      this.after = after;
      this.k = k;
    }

    void log(String line) {
      log.add(line);
    }

    boolean logged(String prefix) {
      return log.stream().anyMatch(l -> l.startsWith(prefix));
    }

    @Override
    public void check() {
      if ((after == null || logged(after)) && checks.incrementAndGet() >= k) {
        throw stopped;
      }
    }
  }

  /**
   * A corpus of 300 words in random order: tens of thousands of distinct pairs, several buffers.
   */
  private static EncodedCorpus randomCorpus(StopSignal stop) {
    List<String> words = new ArrayList<>();
    long[] counts = new long[300];
    for (int w = 0; w < counts.length; w++) {
      words.add("w" + w);
      counts[w] = 1000 - w;
    }
    Vocabulary vocab = Vocabulary.of(words, counts);
    SplittableRandom random = new SplittableRandom(3);
    CorpusBuilder builder = new CorpusBuilder(vocab, 1000);
    for (int d = 0; d < 400; d++) {
      int[] doc = random.ints(30, 0, counts.length).toArray();
      builder.addDocument(doc, doc.length);
    }
    return new FilterEncodedCorpus(builder.build()) {
      @Override
      public StopSignal stopSignal() {
        return stop;
      }
    };
  }

  /** Trains on {@link #randomCorpus} until {@code stop} fires; checks its exception came out. */
  private void trainUntilStopped(StopAfter stop) throws IOException {
    CooccurrenceOptions counting =
        CooccurrenceOptions.defaults()
            .withWindow(5)
            .withMemory(CooccurrenceOptions.MIN_MEMORY) // spills: counting writes runs, merges
            .withTempDirectory(temp);
    GloveOptions options =
        GloveOptions.defaults().withDimension(10).withIterations(1000).withThreads(2).withSeed(1);
    GloveTrainer trainer = new GloveTrainer(counting, options, stop::log);
    EncodedCorpus corpus = randomCorpus(stop);
    RuntimeException thrown = assertThrows(RuntimeException.class, () -> trainer.train(corpus));
    assertSame(stop.stopped, thrown);
    try (Stream<Path> files = Files.list(temp)) {
      assertEquals(List.of(), files.toList(), "scratch files removed");
    }
  }

  @Test
  void aStopWhileCountingEndsTheCounting() throws IOException {
    StopAfter stop = new StopAfter(null, 10); // the tenth sequence
    trainUntilStopped(stop);
    assertFalse(stop.logged("counted"), stop.log.toString());
  }

  @Test
  void aStopWhileShufflingEndsTheShuffle() throws IOException {
    StopAfter stop = new StopAfter("counted", 1); // the shuffle's first full buffer
    trainUntilStopped(stop);
    assertTrue(stop.logged("counted"), stop.log.toString());
    assertFalse(stop.logged("shuffled"), stop.log.toString());
  }

  @Test
  void aStopWhileTrainingEndsTheIterations() throws IOException {
    StopAfter stop = new StopAfter("shuffled", 3); // a few reports into 1000 iterations
    trainUntilStopped(stop);
    assertTrue(stop.logged("shuffled"), stop.log.toString());
    assertFalse(stop.logged("iteration"), stop.log.toString());
    assertFalse(stop.logged("trained"), stop.log.toString());
  }
}
