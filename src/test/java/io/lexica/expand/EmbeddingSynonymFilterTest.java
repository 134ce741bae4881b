package io.lexica.expand;

import io.lexica.vectors.Embeddings;
import io.lexica.vectors.Neighbor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.custom.CustomAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BoostAttribute;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.tests.analysis.BaseTokenStreamTestCase;
import org.apache.lucene.tests.analysis.MockTokenizer;
import org.apache.lucene.util.QueryBuilder;

public class EmbeddingSynonymFilterTest extends BaseTokenStreamTestCase {
  private final FakeEmbeddings model =
      new FakeEmbeddings(2)
          .put("fast", 1, 0)
          .put("quick", 0.95f, 0.31f)
          .put("rapid", 0.8f, 0.6f)
          .put("slow", -1, 0.1f)
          .put("dog", 0, 1);

  private Analyzer analyzer(Embeddings e, int k, float minSim) {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer t = new MockTokenizer(MockTokenizer.WHITESPACE, true);
        return new TokenStreamComponents(t, new EmbeddingSynonymFilter(t, e, k, minSim));
      }
    };
  }

  public void testStacksNeighboursAtTheSamePositionWithTheirSimilarity() throws IOException {
    Analyzer a = analyzer(model, 2, 0.7f);
    assertAnalyzesTo(
        a,
        "fast dog",
        new String[] {"fast", "quick", "rapid", "dog"},
        new int[] {0, 0, 0, 5},
        new int[] {4, 4, 4, 8},
        new String[] {"word", "SYNONYM", "SYNONYM", "word"},
        new int[] {1, 0, 0, 1});
    List<Float> boosts = new ArrayList<>();
    try (TokenStream ts = a.tokenStream("f", "fast dog")) {
      BoostAttribute boost = ts.addAttribute(BoostAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        boosts.add(boost.getBoost());
      }
      ts.end();
    }
    assertEquals(1f, boosts.get(0), 0f);
    assertEquals(model.similarity("fast", "quick"), boosts.get(1), 1e-6f);
    assertEquals(model.similarity("fast", "rapid"), boosts.get(2), 1e-6f);
    assertEquals(1f, boosts.get(3), 0f);
    a.close();
  }

  public void testThresholdIsTheCosine() throws IOException {
    // cos(fast, rapid) = 0.8: a threshold of 0.81 must drop it (Word2VecSynonymFilter would
    // compare (1 + 0.8) / 2 = 0.9 and keep it).
    Analyzer a = analyzer(model, 5, 0.81f);
    assertAnalyzesTo(a, "fast", new String[] {"fast", "quick"}, new int[] {1, 0});
    a.close();
  }

  public void testQueryBuilderMakesBoostedSynonymQuery() {
    Analyzer a = analyzer(model, 1, 0.5f);
    SynonymQuery q = (SynonymQuery) new QueryBuilder(a).createBooleanQuery("f", "fast");
    SynonymQuery expected =
        new SynonymQuery.Builder("f")
            .addTerm(new Term("f", "fast"))
            .addTerm(new Term("f", "quick"), model.similarity("fast", "quick"))
            .build();
    assertEquals(expected, q);
    a.close();
  }

  public void testFactoryBySpiNameOpensTheModelThroughTheRegistry() throws IOException {
    Path dir = Files.createTempDirectory("lexica-model");
    try {
      Models.register(p -> p.equals(dir.toAbsolutePath().normalize()) ? model : null);
      Analyzer a =
          CustomAnalyzer.builder()
              .withTokenizer("whitespace")
              .addTokenFilter("lowercase")
              .addTokenFilter(
                  "embeddingSynonym", "model", dir.toString(), "k", "1", "minSimilarity", "0.9")
              .build();
      assertAnalyzesTo(a, "FAST dog", new String[] {"fast", "quick", "dog"}, new int[] {1, 0, 1});
      a.close();
      expectThrows(
          IllegalArgumentException.class,
          () ->
              CustomAnalyzer.builder()
                  .withTokenizer("whitespace")
                  .addTokenFilter("embeddingSynonym", "model", dir.toString(), "bogus", "1")
                  .build());
    } finally {
      Models.release(dir.toString());
      Files.delete(dir);
    }
  }

  /** Every word has two made-up neighbours, so random text exercises the stacking. */
  private static final class EveryWordModel implements Embeddings {
    private final Map<String, List<Neighbor>> cache = new HashMap<>();

    @Override
    public int dimension() {
      return 1;
    }

    @Override
    public int size() {
      return Integer.MAX_VALUE;
    }

    @Override
    public boolean contains(String word) {
      return true;
    }

    @Override
    public float[] unitVector(String word) {
      return new float[] {1};
    }

    @Override
    public long count(String word) {
      return 1;
    }

    @Override
    public List<Neighbor> nearest(float[] q, int k, float minSimilarity, Set<String> exclude) {
      return List.of();
    }

    @Override
    public synchronized List<Neighbor> nearest(String word, int k, float minSimilarity) {
      List<Neighbor> all =
          cache.computeIfAbsent(
              word,
              w ->
                  List.of(
                      new Neighbor(new StringBuilder(w).reverse() + "r", 0.9f),
                      new Neighbor(w + "s", 0.6f)));
      return all.stream().filter(n -> n.similarity() >= minSimilarity).limit(k).toList();
    }
  }

  public void testRandomData() throws IOException {
    Analyzer a = analyzer(new EveryWordModel(), 2, 0.5f);
    checkRandomData(random(), a, 100 * RANDOM_MULTIPLIER);
    a.close();
  }

  public void testEmptyTerm() throws IOException {
    Analyzer a =
        new Analyzer() {
          @Override
          protected TokenStreamComponents createComponents(String field) {
            Tokenizer t = new org.apache.lucene.analysis.core.KeywordTokenizer();
            return new TokenStreamComponents(
                t, new EmbeddingSynonymFilter(t, new EveryWordModel(), 2, 0.5f));
          }
        };
    checkOneTerm(a, "", ""); // nothing is stacked on an empty token
    a.close();
  }

  public void testKeywordsAreNotExpanded() throws IOException {
    Analyzer a =
        new Analyzer() {
          @Override
          protected TokenStreamComponents createComponents(String field) {
            Tokenizer t = new MockTokenizer(MockTokenizer.WHITESPACE, true);
            TokenStream marked =
                new org.apache.lucene.analysis.miscellaneous.SetKeywordMarkerFilter(
                    t, new org.apache.lucene.analysis.CharArraySet(Set.of("fast"), false));
            return new TokenStreamComponents(t, new EmbeddingSynonymFilter(marked, model, 2, 0.5f));
          }
        };
    assertAnalyzesTo(a, "fast", new String[] {"fast"});
    a.close();
    // sanity: the term attribute of the last token is the original again after a stack
    try (Analyzer b = analyzer(model, 1, 0.5f);
        TokenStream ts = b.tokenStream("f", "fast")) {
      CharTermAttribute t = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      assertTrue(ts.incrementToken());
      assertEquals("fast", t.toString());
      assertTrue(ts.incrementToken());
      assertEquals("quick", t.toString());
      assertFalse(ts.incrementToken());
      ts.end();
    }
  }
}
