package io.lexica.expand;

import io.lexica.util.OutputPolicy;
import io.lexica.vectors.WordVectors;
import io.lexica.vectors.store.LanguageView;
import io.lexica.vectors.store.StoreOptions;
import io.lexica.vectors.store.VectorStore;
import io.lexica.vectors.store.VectorStoreWriter;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.LowerCaseFilter;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.tests.analysis.BaseTokenStreamTestCase;
import org.apache.lucene.tests.analysis.MockTokenizer;

/**
 * The synonyms file a model exports is read by Lucene's own {@link SolrSynonymParser} (what Solr,
 * Elasticsearch and OpenSearch use), and a {@link SynonymGraphFilter} over it expands a word to
 * exactly the neighbours the model has: the file means what the model means.
 */
public class SynonymExportTest extends BaseTokenStreamTestCase {
  /** Frequency order = row order; "fast" has "quick" then "rapid" within cosine 0.7. */
  private static final List<String> WORDS =
      List.of("fast", "dog", "quick", "slow", "puppy", "rapid");

  private static final float[] VECTORS = {
    1,
    0,
    0, // fast
    0,
    0,
    1, // dog
    0.95f,
    0.31f,
    0, // quick
    -1,
    0.1f,
    0, // slow
    0,
    0.25f,
    1, // puppy
    0.8f,
    0.6f,
    0 // rapid
  };

  private Path plantedModel() throws IOException {
    Path dir = createTempDir("model").resolve("m");
    long[] counts = {60, 50, 40, 30, 20, 10};
    VectorStoreWriter.write(
        new WordVectors(WORDS, VECTORS, 3, counts), Map.of(), dir, StoreOptions.DEFAULT);
    return dir;
  }

  /** The whitespace-tokenized text with the file's synonyms applied, as an engine would. */
  private static Analyzer withSynonyms(String file) throws IOException, ParseException {
    Analyzer rules = whitespace();
    SolrSynonymParser parser = new SolrSynonymParser(true, true, rules);
    parser.parse(new StringReader(file));
    SynonymMap map = parser.build();
    rules.close();
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer t = new MockTokenizer(MockTokenizer.WHITESPACE, false);
        return new TokenStreamComponents(t, new SynonymGraphFilter(t, map, false));
      }
    };
  }

  private static Analyzer whitespace() {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        return new TokenStreamComponents(new MockTokenizer(MockTokenizer.WHITESPACE, false));
      }
    };
  }

  private static String export(SynonymExport export, LanguageView model) throws IOException {
    StringWriter out = new StringWriter();
    export.write(model, model.words(), "planted", out);
    return out.toString();
  }

  public void testEngineExpandsAWordToExactlyItsNeighbours() throws Exception {
    Path file = createTempDir("out").resolve("synonyms.txt");
    try (VectorStore store = VectorStore.open(plantedModel())) {
      SynonymExport.Report r =
          SynonymExport.builder()
              .k(2)
              .minSimilarity(0.7f)
              .build()
              .write(
                  store.mostFrequent(0),
                  store.mostFrequent(0).words(),
                  "m",
                  file,
                  OutputPolicy.SAFE);
      String text = Files.readString(file, StandardCharsets.UTF_8);
      assertTrue(text, text.startsWith("# Synonyms from a Lexica model: m\n"));
      assertTrue(text, text.contains("\nfast => fast, quick, rapid\n"));
      // fast, dog, quick, puppy and rapid have neighbours; slow has none above 0.7
      assertEquals(5, r.lines());
      assertEquals(1, r.withoutNeighbours());
      Analyzer a = withSynonyms(text);
      assertAnalyzesTo(
          a,
          "fast dog slow",
          new String[] {"fast", "quick", "rapid", "dog", "puppy", "slow"},
          new int[] {1, 0, 0, 1, 0, 1});
      // explicit rules are one-way: rapid's own neighbours, not the words it is a neighbour of
      assertAnalyzesTo(a, "rapid", new String[] {"rapid", "quick", "fast"}, new int[] {1, 0, 0});
      a.close();
    }
  }

  public void testLimitCutsNeighboursToTheMostFrequentWordsToo() throws Exception {
    try (VectorStore store = VectorStore.open(plantedModel())) {
      // the first 5 words: "rapid" (row 5) is neither written nor anyone's neighbour
      String text =
          export(SynonymExport.builder().k(2).minSimilarity(0.7f).build(), store.mostFrequent(5));
      assertFalse(text, text.contains("rapid"));
      Analyzer a = withSynonyms(text);
      assertAnalyzesTo(a, "fast", new String[] {"fast", "quick"}, new int[] {1, 0});
      a.close();
    }
  }

  public void testEquivalenceLinesGroupAWordWithItsNeighbours() throws Exception {
    try (VectorStore store = VectorStore.open(plantedModel())) {
      String text =
          export(
              SynonymExport.builder()
                  .style(SynonymExport.Style.EQUIVALENCE)
                  .k(1)
                  .minSimilarity(0.9f)
                  .build(),
              store.mostFrequent(0));
      List<String> rules = rules(text);
      assertEquals(
          List.of("fast, quick", "dog, puppy", "quick, fast", "puppy, dog", "rapid, quick"), rules);
      Analyzer a = withSynonyms(text);
      // the graph filter emits the synonyms before the original
      assertAnalyzesTo(a, "puppy", new String[] {"dog", "puppy"}, new int[] {1, 0});
      a.close();
    }
  }

  /** Words with every character the parser reads specially, all near "head". */
  private static final List<String> AWKWARD =
      List.of("a,b", "c=>d", "back\\slash", "#hash", "x=y", "trail\\", "=>", ",", "\\", "#", "é,ü");

  public void testAwkwardWordsRoundTripThroughTheParser() throws Exception {
    FakeEmbeddings model = new FakeEmbeddings(2).put("head", 1, 0);
    List<String> words = new ArrayList<>(List.of("head"));
    for (int i = 0; i < AWKWARD.size(); i++) {
      model.put(AWKWARD.get(i), 1, 0.01f * (i + 1)); // nearer to head the earlier
      words.add(AWKWARD.get(i));
    }
    model.put("new york", 1, 0.001f).put("tab\there", 1, 0.002f);
    words.add("new york");
    words.add("tab\there");
    StringWriter out = new StringWriter();
    SynonymExport.Report r =
        SynonymExport.builder()
            .k(AWKWARD.size())
            .minSimilarity(0.5f)
            .build()
            .write(model, words, null, out);
    assertEquals(2, r.unwritable());
    assertEquals(AWKWARD.size(), r.escaped()); // each holds a \\ , = or leading #
    List<String> expected = new ArrayList<>(List.of("head"));
    expected.addAll(AWKWARD);
    Analyzer a = withSynonyms(out.toString());
    assertAnalyzesTo(a, "head", expected.toArray(new String[0]));
    // a rule that starts with # is a rule, not a comment
    String[] hashExpands = tokens(a, "#hash");
    assertEquals("#hash", hashExpands[0]);
    assertEquals(1 + AWKWARD.size(), hashExpands.length); // itself, head and the 10 others
    a.close();
  }

  public void testDocumentFrequencyBoundsKeepTheIndexsWordsAndRefill() throws Exception {
    try (Directory dir = new ByteBuffersDirectory();
        VectorStore store = VectorStore.open(plantedModel())) {
      try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(whitespace()))) {
        // dog is in every document (share 1 > 0.5); quick in none
        for (String body : List.of("fast dog", "rapid dog slow", "dog puppy", "dog slow")) {
          Document d = new Document();
          d.add(new TextField("body", body, Field.Store.NO));
          w.addDocument(d);
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        SynonymExport export =
            SynonymExport.builder()
                .k(1)
                .minSimilarity(0.7f)
                .docFreqBounds(reader, "body", 1, 0.5)
                .build();
        StringWriter out = new StringWriter();
        SynonymExport.Report r = export.write(store, store.mostFrequent(0).words(), null, out);
        // quick (absent) is replaced by the next neighbour; dog is left out, so puppy has none
        assertEquals(List.of("fast => fast, rapid", "rapid => rapid, fast"), rules(out.toString()));
        assertEquals(2, r.outOfDocFreqBounds());
        assertEquals(2, r.withoutNeighbours()); // slow, puppy
      }
    }
  }

  public void testRuleAnalyzerLeavesOutWordsItWouldChangeOrRemove() throws Exception {
    FakeEmbeddings model =
        new FakeEmbeddings(2)
            .put("car", 1, 0)
            .put("the", 1, 0.1f)
            .put("Auto", 1, 0.2f)
            .put("vehicle", 1, 0.3f);
    Analyzer rules =
        new Analyzer() {
          @Override
          protected TokenStreamComponents createComponents(String field) {
            Tokenizer t = new MockTokenizer(MockTokenizer.WHITESPACE, false);
            TokenStream s = new LowerCaseFilter(t);
            return new TokenStreamComponents(
                t, new StopFilter(s, new CharArraySet(List.of("the"), false)));
          }
        };
    StringWriter out = new StringWriter();
    SynonymExport.Report r =
        SynonymExport.builder()
            .k(3)
            .minSimilarity(0)
            .ruleAnalyzer(rules)
            .build()
            .write(model, List.of("car", "the", "Auto", "vehicle"), null, out);
    assertEquals(List.of("car => car, vehicle", "vehicle => vehicle, car"), rules(out.toString()));
    assertEquals(2, r.changedByAnalyzer());
    // the engine, reading with that analyzer, accepts the file (a stop word would fail it)
    SolrSynonymParser parser = new SolrSynonymParser(true, true, rules);
    parser.parse(new StringReader(out.toString()));
    parser.build();
    rules.close();
  }

  public void testEscapingIsExactlyWhatTheParserUnescapes() {
    assertEquals("a\\,b", SynonymSyntax.escape("a,b"));
    assertEquals("c\\=>d", SynonymSyntax.escape("c=>d"));
    assertEquals("\\#x#", SynonymSyntax.escape("#x#"));
    assertEquals("back\\\\slash", SynonymSyntax.escape("back\\slash"));
    assertEquals("plain", SynonymSyntax.escape("plain"));
    assertFalse(SynonymSyntax.writable("new york"));
    assertFalse(SynonymSyntax.writable("nbsp\u00a0inside"));
    assertFalse(SynonymSyntax.writable("bell\u0007"));
    assertTrue(SynonymSyntax.writable("日本語"));
    expectThrows(IllegalArgumentException.class, () -> SynonymSyntax.escape("a b"));
  }

  private static List<String> rules(String file) {
    return file.lines().filter(l -> !l.startsWith("#")).toList();
  }

  private static String[] tokens(Analyzer a, String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = a.tokenStream("f", text)) {
      var term =
          ts.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    }
    return out.toArray(new String[0]);
  }
}
