package io.lexica.docs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.LexicaException;
import io.lexica.vectors.ExactEmbeddings;
import io.lexica.vectors.WordVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Document vectors on a planted structure: two topics whose words point along two axes, plus a
 * filler word ("the") present in every document that points along a third axis.
 */
class DocumentVectorsTest {
  private static final List<String> PETS = List.of("cat", "dog", "pet", "puppy", "kitten");
  private static final List<String> CARS = List.of("car", "engine", "road", "wheel", "driver");
  private final Analyzer analyzer = new WhitespaceAnalyzer();

  @TempDir Path tmp;

  /** Topic t's words: pets, cars and four more topics named t2..t5. */
  static List<String> topic(int t) {
    return switch (t) {
      case 0 -> PETS;
      case 1 -> CARS;
      default -> List.of("t" + t + "a", "t" + t + "b", "t" + t + "c");
    };
  }

  private static final int TOPICS = 6;
  private static final int DIM = 12;
  private static final int FILLER_AXIS = TOPICS;

  /** Topic words on their topic's axis with a little noise; "the" on its own axis. */
  static ExactEmbeddings plantedModel() {
    Random r = new Random(7);
    List<String> words = new ArrayList<>();
    List<float[]> rows = new ArrayList<>();
    for (int t = 0; t < TOPICS; t++) {
      for (String w : topic(t)) {
        float[] v = new float[DIM];
        v[t] = 1;
        for (int i = TOPICS + 1; i < DIM; i++) {
          v[i] = (float) (0.05 * r.nextGaussian());
        }
        words.add(w);
        rows.add(v);
      }
    }
    float[] the = new float[DIM];
    the[FILLER_AXIS] = 1;
    words.add("the");
    rows.add(the);
    float[] data = new float[words.size() * DIM];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i), 0, data, i * DIM, DIM);
    }
    return new ExactEmbeddings(new WordVectors(words, data, DIM, null));
  }

  @Test
  void meanOfUnitVectorsSkipsUnknownWordsAndReportsCoverage() {
    DocumentEmbedder e =
        new DocumentEmbedder(plantedModel(), analyzer, TermWeights.uniform(), null);
    DocumentVector dv = e.embed("cat zebra dog");
    assertEquals(3, dv.tokens());
    assertEquals(2, dv.known());
    assertEquals(1.0, norm(dv.vector()), 1e-5);
    assertTrue(dv.vector()[0] > 0.9, "pet document points along the pets axis");
    DocumentVector none = e.embed("zebra okapi");
    assertTrue(none.isEmpty());
    assertNull(none.vector());
    Document doc = new Document();
    assertFalse(e.addVectorField(doc, "vector", ""));
    assertEquals(0, doc.getFields().size());
  }

  @Test
  void commonComponentRemovalTakesOutWhatAllDocumentsShare() {
    DocumentEmbedder e =
        new DocumentEmbedder(plantedModel(), analyzer, TermWeights.uniform(), null);
    List<float[]> docs = new ArrayList<>();
    for (String d : corpus().values()) {
      docs.add(e.embed(d).vector());
    }
    float[] pc = CommonComponent.of(docs, DIM, 1);
    for (int i = 0; i < pc.length; i++) {
      if (i != FILLER_AXIS) {
        assertTrue(
            Math.abs(pc[FILLER_AXIS]) > 2 * Math.abs(pc[i]), "filler axis dominates the component");
      }
    }
    float[] cat = plantedModel().unitVector("cat");
    float[] plain = e.embed("the the the cat").vector();
    float[] cleaned = e.withCommonComponent(pc).embed("the the the cat").vector();
    assertTrue(
        dot(cleaned, cat) > dot(plain, cat) + 0.2,
        "removing the common component brings a filler-heavy document nearer its topic");
  }

  private static double dot(float[] a, float[] b) {
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      d += a[i] * b[i];
    }
    return d;
  }

  @Test
  void embedDocsWritesVectorsCopiesStoredFieldsAndLeavesSourceUntouched() throws IOException {
    Path src = sourceIndex();
    Map<String, String> before = checksums(src);
    Path out = tmp.resolve("vectors");
    // SIF: its common component travels with the index. (On six tiny topics the component is a
    // topic, not the filler, so search quality is checked with IDF below.)
    DocumentVectorIndexer.Result sif =
        DocumentVectorIndexer.run(
            src,
            tmp.resolve("sif"),
            plantedModel(),
            "planted",
            analyzer,
            DocumentVectorIndexer.Options.defaults(EmbeddingMethod.SIF));
    try (DirectoryReader sr = DirectoryReader.open(FSDirectory.open(tmp.resolve("sif")))) {
      DocumentEmbeddingSpec spec =
          DocumentEmbeddingSpec.fromUserData(sr.getIndexCommit().getUserData(), "sif");
      assertEquals(sif.spec(), spec);
      assertEquals(DIM, spec.commonComponent().length);
      assertArrayEquals(sif.spec().commonComponent(), spec.commonComponent());
    }
    DocumentVectorIndexer.Options o = DocumentVectorIndexer.Options.defaults(EmbeddingMethod.IDF);
    DocumentVectorIndexer.Result r =
        DocumentVectorIndexer.run(src, out, plantedModel(), "planted", analyzer, o);
    assertEquals(before, checksums(src), "the source index is only read");
    assertEquals(corpus().size() + 1, r.documents());
    assertEquals(1, r.empty(), "the document with no known word gets no vector");
    try (DirectoryReader vr = DirectoryReader.open(FSDirectory.open(out));
        DirectoryReader tr = DirectoryReader.open(FSDirectory.open(src))) {
      DocumentEmbeddingSpec spec =
          DocumentEmbeddingSpec.fromUserData(vr.getIndexCommit().getUserData(), out.toString());
      assertEquals(r.spec(), spec);
      assertNull(spec.commonComponent());
      assertEquals("p1 title", vr.storedFields().document(0).get("title"));
      DocumentSearcher s =
          new DocumentSearcher(
              new IndexSearcher(tr),
              "body",
              analyzer,
              new IndexSearcher(vr),
              new DocumentEmbedder(
                  plantedModel(),
                  analyzer,
                  TermWeights.fromIndex(spec.method(), tr, "body", spec.sifA()),
                  spec.commonComponent()),
              spec);
      // "puppy" occurs in no document: BM25 finds nothing, kNN finds the pet documents.
      assertTrue(s.bm25("puppy", 10).isEmpty());
      List<Hit> knn = s.knn("puppy", 3);
      assertEquals(3, knn.size());
      knn.forEach(h -> assertTrue(h.id().startsWith("p"), "pet documents first: " + knn));
      List<Hit> hybrid = s.hybrid("the kitten", 3, 100, Fusion.RRF);
      hybrid.forEach(h -> assertTrue(h.id().startsWith("p"), "pet documents first: " + hybrid));
      // Weighted fusion adds the cosine (as the evaluation chose it), not Lucene's (1 + cos) / 2.
      List<Hit> bm25 = s.bm25("the kitten", 100);
      Map<String, Float> cosines = new HashMap<>();
      s.knn("the kitten", 100).forEach(h -> cosines.put(h.id(), 2 * h.score() - 1));
      for (Hit h : s.hybrid("the kitten", 100, 100, Fusion.DEFAULT)) {
        float text = 0;
        for (Hit b : bm25) {
          text = b.id().equals(h.id()) ? 0.7f * b.score() / bm25.get(0).score() : text;
        }
        assertEquals(text + 0.3f * cosines.getOrDefault(h.id(), 0f), h.score(), 1e-5f, h.id());
      }
      s.moreLikeThis("c1", 2)
          .forEach(h -> assertTrue(h.id().startsWith("c") && !h.id().equals("c1")));
      assertTrue(CARS.contains(s.aboutWords("c2", 1).get(0).word()));
      assertThrows(LexicaException.class, () -> s.vectorOf("nothing-known"));
    }
  }

  @Test
  void indexedTermsGiveTheVectorsStoredTextGives() throws IOException {
    // Two segments and a deleted document; the body is stored in one index and not in the other.
    Path storedSrc = sourceIndex(true);
    Path unstoredSrc = sourceIndex(false);
    for (EmbeddingMethod m : EmbeddingMethod.values()) {
      DocumentVectorIndexer.Options o = DocumentVectorIndexer.Options.defaults(m);
      Path a = tmp.resolve("stored-" + m);
      Path b = tmp.resolve("indexed-" + m);
      DocumentVectorIndexer.Result ra =
          DocumentVectorIndexer.run(storedSrc, a, plantedModel(), "planted", analyzer, o);
      DocumentVectorIndexer.Result rb =
          DocumentVectorIndexer.run(unstoredSrc, b, plantedModel(), "planted", analyzer, o);
      assertEquals(DocumentVectorIndexer.TextSource.STORED, ra.textSource());
      assertEquals(DocumentVectorIndexer.TextSource.INDEX, rb.textSource(), "auto falls back");
      assertEquals(corpus().size(), ra.documents(), "live documents only");
      assertEquals(ra.documents(), rb.documents());
      assertEquals(ra.empty(), rb.empty());
      if (m == EmbeddingMethod.SIF) {
        assertArrayEquals(ra.spec().commonComponent(), rb.spec().commonComponent(), 1e-5f);
      }
      Map<String, float[]> va = vectors(a);
      Map<String, float[]> vb = vectors(b);
      assertEquals(va.keySet(), vb.keySet());
      assertEquals(ra.embedded(), va.size());
      for (String id : va.keySet()) {
        assertArrayEquals(va.get(id), vb.get(id), 1e-5f, m + " " + id);
      }
    }
    // Asking for stored text where there is none says how to use the indexed terms instead.
    DocumentVectorIndexer.Options d = DocumentVectorIndexer.Options.defaults(EmbeddingMethod.MEAN);
    DocumentVectorIndexer.Options storedOnly =
        new DocumentVectorIndexer.Options(
            d.textFields(),
            d.statsField(),
            d.idField(),
            d.vectorField(),
            d.method(),
            d.sifA(),
            d.componentSample(),
            d.sideIndex(),
            d.seed(),
            DocumentVectorIndexer.TextSource.STORED);
    LexicaException e =
        assertThrows(
            LexicaException.class,
            () ->
                DocumentVectorIndexer.run(
                    unstoredSrc, tmp.resolve("o"), plantedModel(), "m", analyzer, storedOnly));
    assertTrue(e.remedy().contains("--text-from index"), e.remedy());
  }

  /** Each document's vector by id. */
  private static Map<String, float[]> vectors(Path index) throws IOException {
    Map<String, float[]> out = new HashMap<>();
    try (DirectoryReader r = DirectoryReader.open(FSDirectory.open(index))) {
      for (LeafReaderContext leaf : r.leaves()) {
        FloatVectorValues values = leaf.reader().getFloatVectorValues("vector");
        KnnVectorValues.DocIndexIterator it = values.iterator();
        for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
          String id = leaf.reader().storedFields().document(doc).get("id");
          out.put(id, values.vectorValue(it.index()).clone());
        }
      }
    }
    return out;
  }

  /** The corpus in two segments plus a deleted document; body stored or not. */
  private Path sourceIndex(boolean storeBody) throws IOException {
    Path dir = tmp.resolve("src-" + storeBody + "-" + System.nanoTime());
    try (IndexWriter w = new IndexWriter(FSDirectory.open(dir), new IndexWriterConfig(analyzer))) {
      int n = 0;
      for (Map.Entry<String, String> e : corpus().entrySet()) {
        Document d = new Document();
        d.add(new StringField("id", e.getKey(), Field.Store.YES));
        d.add(new TextField("body", e.getValue(), storeBody ? Field.Store.YES : Field.Store.NO));
        w.addDocument(d);
        if (++n == 5) {
          Document gone = new Document();
          gone.add(new StringField("id", "gone", Field.Store.YES));
          gone.add(new TextField("body", "cat car", storeBody ? Field.Store.YES : Field.Store.NO));
          w.addDocument(gone);
          w.commit(); // a second segment follows
        }
      }
      w.deleteDocuments(new org.apache.lucene.index.Term("id", "gone"));
    }
    return dir;
  }

  @Test
  void rejectsMissingIndexAndMissingText() throws IOException {
    DocumentVectorIndexer.Options o = DocumentVectorIndexer.Options.defaults(EmbeddingMethod.MEAN);
    LexicaException e =
        assertThrows(
            LexicaException.class,
            () ->
                DocumentVectorIndexer.run(
                    tmp.resolve("nope"), tmp.resolve("o"), plantedModel(), "m", analyzer, o));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    Path src = sourceIndex();
    DocumentVectorIndexer.Options wrong =
        new DocumentVectorIndexer.Options(
            List.of("text"),
            "body",
            "id",
            "vector",
            EmbeddingMethod.MEAN,
            1e-3,
            10,
            false,
            1,
            DocumentVectorIndexer.TextSource.AUTO);
    e =
        assertThrows(
            LexicaException.class,
            () ->
                DocumentVectorIndexer.run(
                    src, tmp.resolve("o"), plantedModel(), "m", analyzer, wrong));
    assertTrue(e.remedy().contains("--text-field"), e.remedy());
  }

  @Test
  void fusionRanksByReciprocalRanksAndByWeightedScores() {
    List<Hit> bm25 = List.of(new Hit("a", 10), new Hit("b", 5));
    List<Hit> knn = List.of(new Hit("b", 0.9f), new Hit("c", 0.8f));
    List<Hit> rrf = Fusion.RRF.fuse(bm25, knn, 10);
    assertEquals(List.of("b", "a", "c"), rrf.stream().map(Hit::id).toList());
    assertEquals(1 / 62.0 + 1 / 61.0, rrf.get(0).score(), 1e-6);
    List<Hit> w = Fusion.parse("weighted:1").fuse(bm25, knn, 2);
    assertEquals(List.of("a", "b"), w.stream().map(Hit::id).toList());
    assertEquals(1.0, w.get(0).score(), 1e-6);
    assertThrows(LexicaException.class, () -> Fusion.parse("max"));
  }

  /** Two documents per topic, ids p* (pets), c* (cars), x* (others), heavy with "the". */
  private static Map<String, String> corpus() {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put("p1", "the cat the dog the");
    m.put("p2", "the pet the kitten");
    m.put("p3", "the dog the the pet");
    m.put("c1", "the car the engine");
    m.put("c2", "the road the wheel the");
    m.put("c3", "the driver the car the");
    for (int t = 2; t < TOPICS; t++) {
      List<String> w = topic(t);
      m.put("x" + t + "a", "the " + w.get(0) + " the " + w.get(1) + " the");
      m.put("x" + t + "b", "the " + w.get(2) + " the the " + w.get(0));
    }
    return m;
  }

  private Path sourceIndex() throws IOException {
    Path dir = tmp.resolve("src-" + System.nanoTime());
    try (IndexWriter w = new IndexWriter(FSDirectory.open(dir), new IndexWriterConfig(analyzer))) {
      for (Map.Entry<String, String> e : corpus().entrySet()) {
        Document d = new Document();
        d.add(new StringField("id", e.getKey(), Field.Store.YES));
        d.add(new StoredField("title", e.getKey() + " title"));
        d.add(new TextField("body", e.getValue(), Field.Store.YES));
        w.addDocument(d);
      }
      Document d = new Document();
      d.add(new StringField("id", "nothing-known", Field.Store.YES));
      d.add(new TextField("body", "zebra okapi", Field.Store.YES));
      w.addDocument(d);
    }
    return dir;
  }

  private static Map<String, String> checksums(Path dir) throws IOException {
    Map<String, String> m = new HashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.toList()) {
        try {
          m.put(
              p.getFileName().toString(),
              HexFormat.of()
                  .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
        } catch (java.security.NoSuchAlgorithmException e) {
          throw new AssertionError(e);
        }
      }
    }
    return m;
  }

  private static double norm(float[] v) {
    double n = 0;
    for (float x : v) {
      n += x * x;
    }
    return Math.sqrt(n);
  }
}
