package io.lexica.train.glove;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.corpus.CorpusBuilder;
import io.lexica.corpus.EncodedCorpus;
import io.lexica.corpus.FilterEncodedCorpus;
import io.lexica.corpus.Vocabulary;
import io.lexica.util.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CooccurrenceCounterTest {
  private static final int G = EncodedCorpus.GAP;

  @TempDir Path temp;

  /** Words a, b, c get ids 0, 1, 2 (frequency order). */
  private static final Vocabulary ABC = Vocabulary.of(List.of("a", "b", "c"), new long[] {3, 2, 1});

  static EncodedCorpus corpus(Vocabulary vocab, int maxSequenceLength, int[]... documents) {
    CorpusBuilder builder = new CorpusBuilder(vocab, maxSequenceLength);
    for (int[] doc : documents) {
      builder.addDocument(doc, doc.length);
    }
    return builder.build();
  }

  /** All entries as "row,column" -> value, in file order (checked to be sorted). */
  static Map<String, Float> entries(CooccurrenceTable table) throws IOException {
    Map<String, Float> out = new java.util.LinkedHashMap<>();
    long previous = -1;
    try (CooccurrenceTable.Cursor c = table.cursor()) {
      while (c.next()) {
        long key = SortedRun.key(c.row(), c.column());
        assertTrue(key > previous, "entries sorted by row, then column, each once");
        previous = key;
        out.put(c.row() + "," + c.column(), c.value());
      }
    }
    assertEquals(table.entryCount(), out.size());
    return out;
  }

  private CooccurrenceTable count(EncodedCorpus corpus, CooccurrenceOptions options) {
    return new CooccurrenceCounter(options.withTempDirectory(temp), FAN_IN)
        .count(corpus, Progress.silent("count", 0, "tokens"));
  }

  /** Small, so that the tests' spills merge in a cascade. */
  private static final int FAN_IN = 4;

  @Test
  void weightsAreOneOverDistanceGapsCountDocumentsBound() throws IOException {
    // doc 1: a b _ c a ; doc 2: c a (no pair crosses the document boundary)
    EncodedCorpus corpus = corpus(ABC, 100, new int[] {0, 1, G, 2, 0}, new int[] {2, 0});
    CooccurrenceOptions options = CooccurrenceOptions.defaults().withWindow(3);
    try (CooccurrenceTable t = count(corpus, options)) {
      // left-of pairs in doc 1 (distance): a-b 1, b-c 2, a-c 3, b-a 3, c-a 1; doc 2: c-a 1.
      // a-b: 1; b-c: 1/2; a-c: 1/3; b-a: 1/3; c-a: 1 + 1 = 2; symmetric adds the transposes.
      Map<String, Float> e = entries(t);
      Map<String, Float> expected = new TreeMap<>();
      expected.put("0,1", 1f + 1f / 3); // a,b (a before b at 1) + (b before a at 3)
      expected.put("1,0", 1f + 1f / 3);
      expected.put("1,2", 0.5f);
      expected.put("2,1", 0.5f);
      expected.put("0,2", 1f / 3 + 2f); // a-c at 3, c-a at 1 twice
      expected.put("2,0", 1f / 3 + 2f);
      assertEquals(expected, new TreeMap<>(e));
    }
    try (CooccurrenceTable t = count(corpus, options.withSymmetric(false))) {
      Map<String, Float> expected = new TreeMap<>();
      expected.put("0,1", 1f); // a before b
      expected.put("1,2", 0.5f); // b before c
      expected.put("0,2", 1f / 3); // a before c
      expected.put("1,0", 1f / 3); // b before a (doc 1, distance 3)
      expected.put("2,0", 2f); // c before a, twice at distance 1
      assertEquals(expected, new TreeMap<>(entries(t)));
    }
  }

  @Test
  void windowLimitsDistanceAndRepeatedWordsPairWithThemselves() throws IOException {
    EncodedCorpus corpus = corpus(ABC, 100, new int[] {0, 0, G, 0});
    try (CooccurrenceTable t = count(corpus, CooccurrenceOptions.defaults().withWindow(2))) {
      // a-a at distance 1 (positions 0,1) and 2 (1,3); 0-3 is beyond the window. Symmetric: twice.
      assertEquals(Map.of("0,0", 3f), entries(t));
    }
  }

  @Test
  void spilledRunsGiveExactlyTheInMemoryEntries() throws IOException {
    Vocabulary vocab = zipfVocabulary(300);
    EncodedCorpus corpus = randomCorpus(vocab, 200, 11);
    for (boolean symmetric : new boolean[] {true, false}) {
      CooccurrenceOptions big =
          CooccurrenceOptions.defaults().withWindow(15).withSymmetric(symmetric);
      Map<String, Float> inMemory;
      try (CooccurrenceTable t = count(corpus, big)) {
        assertEquals(0, t.spilledRuns(), "everything fits the dense block");
        inMemory = entries(t);
      }
      try (CooccurrenceTable t = count(corpus, big.withMemory(CooccurrenceOptions.MIN_MEMORY))) {
        assertTrue(t.spilledRuns() > FAN_IN, "more runs than one merge takes: " + t.spilledRuns());
        assertEquals(inMemory, entries(t));
      }
      assertEquals(bruteForce(corpus, 15, symmetric).keySet(), inMemory.keySet());
      bruteForce(corpus, 15, symmetric)
          .forEach((k, v) -> assertEquals(v, inMemory.get(k), 1e-4 * v, k));
    }
    assertTempEmpty();
  }

  @Test
  void temporaryFilesAreDeletedOnSuccessAndFailure() throws IOException {
    Vocabulary vocab = zipfVocabulary(300);
    EncodedCorpus corpus = randomCorpus(vocab, 200, 5);
    CooccurrenceOptions small = CooccurrenceOptions.defaults().withMemory(1 << 17);
    try (CooccurrenceTable t = count(corpus, small)) {
      assertTrue(t.spilledRuns() > 1);
      try (Stream<Path> files = Files.list(temp)) {
        assertEquals(2, files.count(), "only the table's directory and its lock while open");
      }
    }
    assertTempEmpty();
    EncodedCorpus failing = new FailingCorpus(corpus, 150);
    assertThrows(UncheckedIOException.class, () -> count(failing, small));
    assertTempEmpty();
  }

  private void assertTempEmpty() throws IOException {
    try (Stream<Path> files = Files.list(temp)) {
      assertEquals(List.of(), files.toList());
    }
  }

  /** Reads like its delegate but fails at one sequence, after some runs were spilled. */
  private static final class FailingCorpus extends FilterEncodedCorpus {
    private final int failAt;

    FailingCorpus(EncodedCorpus delegate, int failAt) {
      super(delegate);
      this.failAt = failAt;
    }

    @Override
    public int read(int sequence, int[] dest) {
      if (sequence == failAt) {
        throw new UncheckedIOException(new IOException("injected read failure"));
      }
      return in.read(sequence, dest);
    }
  }

  static Vocabulary zipfVocabulary(int size) {
    List<String> words = new ArrayList<>();
    long[] counts = new long[size];
    for (int i = 0; i < size; i++) {
      words.add("w" + i);
      counts[i] = 100_000 / (i + 1);
    }
    return Vocabulary.of(words, counts);
  }

  /** Documents of Zipf-distributed ids with some gaps. */
  static EncodedCorpus randomCorpus(Vocabulary vocab, int documents, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int v = vocab.size();
    double[] cdf = new double[v];
    double sum = 0;
    for (int i = 0; i < v; i++) {
      sum += 1.0 / (i + 1);
      cdf[i] = sum;
    }
    List<int[]> docs = new ArrayList<>();
    for (int d = 0; d < documents; d++) {
      int[] doc = new int[5 + random.nextInt(60)];
      for (int i = 0; i < doc.length; i++) {
        if (random.nextInt(10) == 0) {
          doc[i] = G;
          continue;
        }
        double u = random.nextDouble() * sum;
        int id = java.util.Arrays.binarySearch(cdf, u);
        doc[i] = Math.min(v - 1, id < 0 ? -id - 1 : id);
      }
      docs.add(doc);
    }
    return corpus(vocab, 40, docs.toArray(new int[0][]));
  }

  /** The definition, in doubles: every pair of positions within the window of one sequence. */
  static Map<String, Float> bruteForce(EncodedCorpus corpus, int window, boolean symmetric) {
    Map<String, Double> sums = new TreeMap<>();
    int[] seq = new int[corpus.maxSequenceLength()];
    for (int s = 0; s < corpus.sequenceCount(); s++) {
      int n = corpus.read(s, seq);
      for (int p = 0; p < n; p++) {
        for (int q = Math.max(0, p - window); q < p; q++) {
          if (seq[p] < 0 || seq[q] < 0) {
            continue;
          }
          double w = 1.0 / (p - q);
          sums.merge(seq[q] + "," + seq[p], w, Double::sum);
          if (symmetric) {
            sums.merge(seq[p] + "," + seq[q], w, Double::sum);
          }
        }
      }
    }
    Map<String, Float> out = new TreeMap<>();
    sums.forEach((k, v) -> out.put(k, (float) (double) v));
    return out;
  }
}
