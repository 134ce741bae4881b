package io.lexica.vectors.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.LexicaException;
import io.lexica.phrases.PhraseList;
import io.lexica.util.OutputPolicy;
import io.lexica.vectors.Analogies;
import io.lexica.vectors.ModelWeights;
import io.lexica.vectors.Neighbor;
import io.lexica.vectors.SubwordMatrix;
import io.lexica.vectors.Subwords;
import io.lexica.vectors.WordVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorStoreTest {
  private static final int CLUSTERS = 40;
  private static final int PER_CLUSTER = 25;
  private static final int DIM = 16;

  @TempDir Path tmp;

  /**
   * Planted structure: {@code CLUSTERS} tight clusters of {@code PER_CLUSTER} words ("c3_7" is the
   * 8th word of cluster 3) with raw vectors of varied length, one zero vector, and an analogy
   * quadruple man/woman/king/queen built from a gender and a royalty direction.
   */
  static WordVectors planted(long seed) {
    Random rnd = new Random(seed);
    List<String> words = new ArrayList<>();
    List<float[]> rows = new ArrayList<>();
    float[] gender = randomUnit(rnd, DIM);
    float[] royal = randomUnit(rnd, DIM);
    float[] person = randomUnit(rnd, DIM);
    float[] male = scaled(gender, 1), female = scaled(gender, -1);
    words.addAll(List.of("man", "woman", "king", "queen"));
    rows.add(add(person, male));
    rows.add(add(person, female));
    rows.add(add(royal, male));
    rows.add(add(royal, female));
    for (int c = 0; c < CLUSTERS; c++) {
      float[] centre = randomUnit(rnd, DIM);
      for (int j = 0; j < PER_CLUSTER; j++) {
        float[] v = new float[DIM];
        float len = 0.5f + 3 * rnd.nextFloat();
        for (int d = 0; d < DIM; d++) {
          v[d] = len * (centre[d] + 0.08f * (float) rnd.nextGaussian());
        }
        words.add("c" + c + "_" + j);
        rows.add(v);
      }
    }
    words.add("zero");
    rows.add(new float[DIM]);
    float[] data = new float[rows.size() * DIM];
    long[] counts = new long[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i), 0, data, i * DIM, DIM);
      counts[i] = 1_000_000L - i;
    }
    return new WordVectors(words, data, DIM, counts);
  }

  private static float[] randomUnit(Random rnd, int dim) {
    float[] v = new float[dim];
    for (int i = 0; i < dim; i++) {
      v[i] = (float) rnd.nextGaussian();
    }
    WordVectors.normalizeRow(v, 0, dim);
    return v;
  }

  private static float[] scaled(float[] v, float s) {
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = s * v[i];
    }
    return out;
  }

  private static float[] add(float[] a, float[] b) {
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] + b[i];
    }
    return out;
  }

  private Path write(WordVectors vectors, StoreOptions options) {
    Path dir = tmp.resolve("model-" + options.quantizationBits());
    Map<String, String> meta = new HashMap<>();
    meta.put(VectorStore.KEY_ALGORITHM, "test");
    meta.put(VectorStore.KEY_PARAM_PREFIX + "window", "5");
    // Several segments, so the merge path (and the row order through it) is exercised.
    VectorStoreWriter.write(vectors, meta, dir, options, 400);
    return dir;
  }

  @Test
  void roundTripIsBitIdenticalAndKeepsOrderCountsAndMetadata() {
    WordVectors vectors = planted(1);
    Path dir = write(vectors, StoreOptions.DEFAULT);
    try (VectorStore store = VectorStore.open(dir)) {
      assertEquals(vectors.size(), store.size());
      assertEquals(DIM, store.dimension());
      WordVectors back = store.exportWordVectors();
      assertEquals(vectors.words(), back.words());
      for (int i = 0; i < vectors.size(); i++) {
        assertEquals(vectors.count(i), back.count(i));
      }
      int[] expected = bits(vectors.data());
      assertArrayEquals(expected, bits(back.data()));
      assertArrayEquals(bits(vectors.vector(7)), bits(store.rawVector(vectors.word(7))));
      assertEquals(vectors.count(9), store.count(vectors.word(9)));
      float[] unit = store.unitVector("c1_1");
      assertEquals(1.0, Math.sqrt(dot(unit, unit)), 1e-5);
      assertEquals(0, store.count("nope"));
      assertNull(store.unitVector("nope"));
      assertTrue(Float.isNaN(store.similarity("nope", "king")));

      Map<String, String> meta = store.metadata();
      assertEquals("test", meta.get(VectorStore.KEY_ALGORITHM));
      assertEquals("5", meta.get("param.window"));
      assertEquals(String.valueOf(DIM), meta.get(VectorStore.KEY_DIMENSION));
      assertEquals(String.valueOf(vectors.size()), meta.get(VectorStore.KEY_SIZE));
      assertEquals("16", meta.get(VectorStore.KEY_HNSW_M));
      assertTrue(meta.containsKey(VectorStore.KEY_CREATED));
      assertTrue(meta.containsKey(VectorStore.KEY_LUCENE_VERSION));
    }
  }

  @Test
  void everyWeightTrainingContinuesFromRoundTripsBitForBit() throws IOException {
    WordVectors vectors = planted(2);
    Random rnd = new Random(3);
    float[] output = new float[vectors.data().length];
    float[] own = new float[vectors.data().length];
    for (int i = 0; i < output.length; i++) {
      output[i] = (float) rnd.nextGaussian();
      own[i] = (float) rnd.nextGaussian();
    }
    Subwords scheme = new Subwords(3, 5, 1000);
    float[] ngramRows = new float[3 * DIM];
    int[] rowOfBucket = new int[1000];
    java.util.Arrays.fill(rowOfBucket, -1);
    rowOfBucket[7] = 0;
    rowOfBucket[500] = 2;
    rowOfBucket[999] = 1;
    for (int i = 0; i < ngramRows.length; i++) {
      ngramRows[i] = (float) rnd.nextGaussian();
    }
    SubwordMatrix ngrams = SubwordMatrix.sparse(scheme, DIM, ngramRows, 0, rowOfBucket);
    Path dir = tmp.resolve("weights");
    VectorStoreWriter.write(
        new ModelWeights(vectors, output, own, ngrams), Map.of(), dir, StoreOptions.DEFAULT);
    try (VectorStore store = VectorStore.open(dir)) {
      ModelWeights back = store.exportModelWeights();
      assertArrayEquals(bits(vectors.data()), bits(back.vectors().data()));
      assertArrayEquals(bits(output), bits(back.output()));
      assertArrayEquals(bits(own), bits(back.wordRows()));
      for (int b : new int[] {7, 500, 999, 8}) {
        float[] expected = new float[DIM];
        float[] actual = new float[DIM];
        assertEquals(
            ngrams.addRows(new int[] {b}, expected), back.ngrams().addRows(new int[] {b}, actual));
        assertArrayEquals(bits(expected), bits(actual), "bucket " + b);
      }
    }
    // a model of vectors alone gives them alone
    Path plain = write(vectors, StoreOptions.DEFAULT);
    try (VectorStore store = VectorStore.open(plain)) {
      ModelWeights back = store.exportModelWeights();
      assertNull(back.output());
      assertNull(back.wordRows());
      assertNull(back.ngrams());
    }
  }

  @Test
  void aGraphDeferredToTheFinalMergeIsBuiltOnceWithRowOrderKept() throws IOException {
    WordVectors vectors = planted(4);
    Path dir = tmp.resolve("deferred");
    // from 500 words on: flushes write no graph, the final (concurrent) merge builds it
    VectorStoreWriter.write(
        ModelWeights.of(vectors),
        PhraseList.EMPTY,
        Map.of(),
        dir,
        StoreOptions.DEFAULT,
        OutputPolicy.SAFE,
        0,
        500);
    long graphBytes = 0;
    try (var files = Files.list(dir)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".vex")).toList()) {
        graphBytes += Files.size(f);
      }
    }
    assertTrue(graphBytes > 10L * vectors.size(), "no HNSW graph written: " + graphBytes + " B");
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
      assertEquals(1, reader.leaves().size());
    }
    try (VectorStore store = VectorStore.open(dir)) {
      assertArrayEquals(bits(vectors.data()), bits(store.exportWordVectors().data()));
      for (String word : List.of("c0_0", "c17_3", "c39_24", "king")) {
        assertEquals(
            words(store.exact().nearest(word, 10, -1)), words(store.nearest(word, 10, -1)));
      }
    }
  }

  @Test
  void graphThresholdIsTheLargestThatStillBuildsForTheWholeModel() {
    for (int size : new int[] {500, 1000, 50_000, 1_000_000, 3_000_000}) {
      int t = VectorStoreWriter.graphThreshold(size);
      assertTrue(size > (int) (Math.log(size) * t), "the whole model gets a graph: " + size);
      assertTrue(size <= (int) (Math.log(size) * (t + 1)), "the largest such: " + size);
      assertTrue(size * 9 / 10 <= (int) (Math.log(size * 9 / 10) * t), "90 % gets none: " + size);
    }
  }

  @Test
  void exactSearchMatchesAHandComputedScanAndHnswAgreesOnPlantedClusters() {
    WordVectors vectors = planted(2);
    WordVectors unit = vectors.normalized();
    try (VectorStore store = VectorStore.open(write(vectors, StoreOptions.DEFAULT))) {
      for (String word : List.of("c0_0", "c17_3", "c39_24", "king")) {
        List<Neighbor> exact = store.exact().nearest(word, 10, -1);
        assertEquals(bruteForce(unit, word, 10), words(exact));
        List<Neighbor> hnsw = store.nearest(word, 10, -1);
        assertEquals(words(exact), words(hnsw), "HNSW on 1000 points must be exact: " + word);
        // Similarities are exact cosines in both, best first, query excluded.
        assertEquals(exact, hnsw);
        assertTrue(words(hnsw).stream().noneMatch(word::equals));
      }
      // Planted clusters: a word's 24 nearest are its cluster mates.
      List<Neighbor> mates = store.nearest("c5_2", PER_CLUSTER - 1, -1);
      assertTrue(mates.stream().allMatch(n -> n.word().startsWith("c5_")), mates.toString());
      // Minimum similarity cuts the list; exclusions are honoured.
      float cut = mates.get(3).similarity();
      assertEquals(4, store.nearest("c5_2", 20, cut).size());
      float[] q = store.unitVector("c5_2");
      List<Neighbor> excluded = store.nearest(q, 3, -1, Set.of("c5_2", mates.get(0).word()));
      assertEquals(mates.subList(1, 4), excluded);
      assertTrue(store.nearest("nope", 5, -1).isEmpty());
    }
  }

  @Test
  void analogiesFollowGensimSemantics() {
    WordVectors vectors = planted(3);
    WordVectors unit = vectors.normalized();
    try (VectorStore store = VectorStore.open(write(vectors, StoreOptions.DEFAULT))) {
      List<String> pos = List.of("king", "woman");
      List<String> neg = List.of("man");
      assertEquals("queen", Analogies.add(store, pos, neg, 1).get(0).word());
      assertEquals("queen", Analogies.add(store.exact(), pos, neg, 1).get(0).word());
      List<Neighbor> mul = Analogies.mul(store, pos, neg, 5);
      assertEquals("queen", mul.get(0).word());
      // 3CosMul is gensim's formula over every word but the question words.
      List<Neighbor> expected = cosmulByHand(unit, pos, neg, 5);
      assertEquals(words(expected), words(mul));
      for (int i = 0; i < 5; i++) {
        assertEquals(expected.get(i).similarity(), mul.get(i).similarity(), 1e-5);
      }
      assertEquals("c9_1", Analogies.doesNotMatch(store, List.of("c3_1", "c3_2", "c9_1", "c3_4")));
      LexicaException oov =
          assertThrows(LexicaException.class, () -> Analogies.add(store, pos, List.of("xyz"), 1));
      assertTrue(oov.getMessage().contains("'xyz'"), oov.getMessage());
    }
  }

  @Test
  void quantizedModelsUseLucenesScalarQuantizedFormatAndStayExactOnExport() throws IOException {
    WordVectors vectors = planted(4);
    for (int bits : new int[] {8, 7, 4}) {
      Path dir = write(vectors, StoreOptions.DEFAULT.withQuantizationBits(bits));
      try (VectorStore store = VectorStore.open(dir)) {
        assertEquals(String.valueOf(bits), store.metadata().get(VectorStore.KEY_QUANTIZATION_BITS));
        assertArrayEquals(bits(vectors.data()), bits(store.exportWordVectors().data()));
        List<Neighbor> mates = store.nearest("c12_0", 10, -1);
        assertTrue(mates.stream().allMatch(n -> n.word().startsWith("c12_")), bits + ": " + mates);
        // Rescored: the reported similarities are the exact ones.
        assertEquals(store.exact().nearest("c12_0", 10, -1), mates);
      }
      assertEquals(Lucene104HnswScalarQuantizedVectorsFormat.NAME, vectorFormat(dir));
    }
    assertEquals("Lucene99HnswVectorsFormat", vectorFormat(write(vectors, StoreOptions.DEFAULT)));
  }

  private static String vectorFormat(Path dir) throws IOException {
    try (FSDirectory d = FSDirectory.open(dir);
        DirectoryReader r = DirectoryReader.open(d)) {
      return r.leaves()
          .get(0)
          .reader()
          .getFieldInfos()
          .fieldInfo(VectorStore.VECTOR_FIELD)
          .getAttribute(PerFieldKnnVectorsFormat.PER_FIELD_FORMAT_KEY);
    }
  }

  @Test
  void concurrentQueriesGiveTheSequentialAnswers() throws Exception {
    WordVectors vectors = planted(5);
    try (VectorStore store = VectorStore.open(write(vectors, StoreOptions.DEFAULT))) {
      List<String> queries = vectors.words().subList(0, 200);
      Map<String, List<Neighbor>> sequential = new HashMap<>();
      for (String q : queries) {
        sequential.put(q, store.nearest(q, 5, -1));
      }
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          results.add(
              pool.submit(
                  () ->
                      queries.stream()
                          .allMatch(q -> store.nearest(q, 5, -1).equals(sequential.get(q)))));
        }
        for (Future<Boolean> f : results) {
          assertTrue(f.get());
        }
      } finally {
        pool.shutdown();
      }
    }
  }

  @Test
  void badModelsAndQueriesGetClearErrors() throws IOException {
    LexicaException missing =
        assertThrows(LexicaException.class, () -> VectorStore.open(tmp.resolve("absent")));
    assertTrue(missing.getMessage().startsWith("no model at"));

    Path empty = Files.createDirectory(tmp.resolve("empty"));
    assertTrue(
        assertThrows(LexicaException.class, () -> VectorStore.open(empty))
            .getMessage()
            .contains("not a model"));

    // Half-written: an index writer that never committed.
    Path half = Files.createDirectory(tmp.resolve("half"));
    try (FSDirectory d = FSDirectory.open(half);
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig())) {
      Document doc = new Document();
      doc.add(new StringField("word", "a", Field.Store.NO));
      w.addDocument(doc);
      w.flush();
      w.rollback();
    }
    assertThrows(LexicaException.class, () -> VectorStore.open(half));

    // A Lucene index that is not a model.
    Path plain = Files.createDirectory(tmp.resolve("plain"));
    try (FSDirectory d = FSDirectory.open(plain);
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig())) {
      w.addDocument(new Document());
      w.commit();
    }
    assertTrue(
        assertThrows(LexicaException.class, () -> VectorStore.open(plain))
            .getMessage()
            .contains("not a Lexica model"));

    // Corrupt: a vector data file cut short.
    Path model = write(planted(6), StoreOptions.DEFAULT);
    try (var files = Files.list(model)) {
      Path vec = files.filter(p -> p.toString().endsWith(".vec")).findFirst().orElseThrow();
      byte[] bytes = Files.readAllBytes(vec);
      Files.write(vec, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    }
    assertTrue(
        assertThrows(LexicaException.class, () -> VectorStore.open(model))
            .getMessage()
            .contains("corrupt"));

    try (VectorStore store = VectorStore.open(write(planted(7), StoreOptions.DEFAULT))) {
      LexicaException dims =
          assertThrows(
              LexicaException.class, () -> store.nearest(new float[DIM + 1], 3, -1, Set.of()));
      assertTrue(dims.getMessage().contains("dimensions"));
    }

    float[] nan = new float[DIM];
    nan[3] = Float.NaN;
    WordVectors broken = new WordVectors(List.of("x"), nan, DIM, null);
    assertThrows(
        LexicaException.class,
        () -> VectorStoreWriter.write(broken, Map.of(), tmp.resolve("nan"), StoreOptions.DEFAULT));
    assertTrue(!Files.exists(tmp.resolve("nan")));
    assertThrows(LexicaException.class, () -> new StoreOptions(16, 100, 5));
    assertThrows(LexicaException.class, () -> new StoreOptions(0, 100, 0));
    assertEquals(Lucene99HnswVectorsFormat.DEFAULT_MAX_CONN, StoreOptions.DEFAULT.maxConn());
  }

  // ---- references computed independently of the store

  private static List<String> bruteForce(WordVectors unit, String word, int k) {
    int q = unit.indexOf(word);
    float[] qv = unit.vector(q);
    return IntStream.range(0, unit.size())
        .filter(i -> i != q)
        .boxed()
        .sorted(
            Comparator.<Integer>comparingDouble(i -> -dot(qv, unit.vector(i)))
                .thenComparing(i -> i))
        .limit(k)
        .map(unit::word)
        .toList();
  }

  private static List<Neighbor> cosmulByHand(
      WordVectors unit, List<String> pos, List<String> neg, int k) {
    List<Neighbor> all = new ArrayList<>();
    for (int i = 0; i < unit.size(); i++) {
      String w = unit.word(i);
      if (pos.contains(w) || neg.contains(w)) {
        continue;
      }
      double p = 1, n = 1;
      for (String x : pos) {
        p *= (1 + dot(unit.vector(unit.indexOf(x)), unit.vector(i))) / 2;
      }
      for (String x : neg) {
        n *= (1 + dot(unit.vector(unit.indexOf(x)), unit.vector(i))) / 2;
      }
      all.add(new Neighbor(w, (float) (p / (n + 1e-6))));
    }
    all.sort(Comparator.comparingDouble(nb -> -nb.similarity()));
    return all.subList(0, k);
  }

  private static float dot(float[] a, float[] b) {
    float s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static int[] bits(float[] v) {
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Float.floatToRawIntBits(v[i]);
    }
    return out;
  }

  private static List<String> words(List<Neighbor> neighbors) {
    return neighbors.stream().map(Neighbor::word).toList();
  }
}
