package io.lexica.expand;

import io.lexica.analysis.Tokens;
import io.lexica.vectors.Neighbor;
import io.lexica.vectors.store.LanguageView;
import io.lexica.vectors.store.VectorStore;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.tests.analysis.BaseTokenStreamTestCase;

/**
 * A synonyms file from a real model (the enwiki-17m skip-gram model), loaded by Lucene's {@link
 * SolrSynonymParser} as an engine loads it, with the standard analyzer, and a {@link
 * SynonymGraphFilter} over it expanding words to exactly the model's neighbours. Not part of the
 * suite (it needs a model outside the checkout); run it with
 *
 * <pre>
 * mvn -q test -Dtest=SynonymFileCheck -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dlexica.synonyms.model=models/enwiki-sg
 * </pre>
 */
public class SynonymFileCheck extends BaseTokenStreamTestCase {
  public void testEnginesFilterExpandsToTheModelsNeighbours() throws Exception {
    String model = System.getProperty("lexica.synonyms.model");
    assumeTrue("set -Dlexica.synonyms.model=MODEL_DIR", model != null);
    try (VectorStore store = VectorStore.open(Path.of(model));
        Analyzer standard =
            new StandardAnalyzer(org.apache.lucene.analysis.CharArraySet.EMPTY_SET)) {
      LanguageView words = store.mostFrequent(20_000);
      SynonymExport export = SynonymExport.builder().ruleAnalyzer(standard).build();
      StringWriter file = new StringWriter();
      SynonymExport.Report report = export.write(words, words.words(), model, file);
      SolrSynonymParser parser = new SolrSynonymParser(true, true, standard);
      parser.parse(new StringReader(file.toString())); // the whole file loads
      SynonymMap map = parser.build();
      Analyzer engine =
          new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
              Tokenizer t = new StandardTokenizer();
              return new TokenStreamComponents(t, new SynonymGraphFilter(t, map, true));
            }
          };
      for (String word : List.of("king", "paris", "computer")) {
        List<String> expected = new ArrayList<>(List.of(word));
        for (Neighbor n : words.nearest(word, 50, SynonymExport.Builder.DEFAULT_MIN_SIMILARITY)) {
          if (SynonymSyntax.writable(n.word())
              && List.of(n.word()).equals(Tokens.of(standard, "", n.word()))
              && expected.size() <= SynonymExport.Builder.DEFAULT_K) {
            expected.add(n.word());
          }
        }
        int[] increments = new int[expected.size()];
        increments[0] = 1;
        assertAnalyzesTo(engine, word, expected.toArray(new String[0]), increments);
        System.out.println(word + " -> " + expected.subList(1, expected.size()));
      }
      System.out.println(report);
      engine.close();
    }
  }
}
