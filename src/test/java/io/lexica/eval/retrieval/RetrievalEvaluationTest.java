package io.lexica.eval.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.LexicaException;
import io.lexica.expand.FakeEmbeddings;
import io.lexica.expand.QueryExpander;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetrievalEvaluationTest {
  /**
   * 50 documents: three about apple cider vinegar, one about cider vinegar without the word apple,
   * the rest filler (so that cider, in 4 of 50, passes RM3's 10% document frequency limit). The
   * query "apple" finds the first three; feedback or the model's "cider" should find the fourth.
   */
  static TestCollection collection() {
    List<TestCollection.Doc> docs = new ArrayList<>();
    docs.add(new TestCollection.Doc("a1", "apple", "apple cider vinegar recipe"));
    docs.add(new TestCollection.Doc("a2", "", "apple cider vinegar cider"));
    docs.add(new TestCollection.Doc("a3", "", "apple orchard cider vinegar"));
    docs.add(new TestCollection.Doc("c1", "", "cider vinegar for salad"));
    for (int i = 0; i < 46; i++) {
      docs.add(new TestCollection.Doc("f" + i, "", "filler" + i + " text" + (i % 3) + " salad"));
    }
    Map<String, String> queries = new LinkedHashMap<>();
    queries.put("1", "apple");
    queries.put("2", "nothingmatches");
    Qrels qrels =
        new Qrels(Map.of("1", Map.of("a1", 1, "a2", 1, "a3", 1, "c1", 2), "2", Map.of("f1", 1)));
    return new TestCollection("toy", docs, queries, qrels);
  }

  @Test
  void evaluatesAllRunsAndWritesJson() throws IOException {
    TestCollection c = collection();
    FakeEmbeddings model =
        new FakeEmbeddings(2).put("apple", 1, 0).put("cider", 0.9f, 0.3f).put("text0", 0, 1);
    try (CollectionIndex index =
        new CollectionIndex(c.docs(), new WhitespaceAnalyzer(), 0.9f, 0.4f)) {
      QueryExpander x =
          QueryExpander.builder(model)
              .settings(set -> set.k(2).minSimilarity(0.5f))
              .build(); // the default
      RetrievalEvaluation.Report r =
          RetrievalEvaluation.evaluate(
              c,
              index,
              List.of(
                  ExpansionSystem.of("rm3", Rm3.ANSERINI.expander(), false),
                  ExpansionSystem.of("emb", x, false)),
              new RetrievalEvaluation.Settings(1000, 1000, 1));
      assertEquals(
          List.of("bm25", "bm25+rm3", "bm25+emb"),
          r.runs().stream().map(RetrievalEvaluation.RunResult::name).toList());
      // Query 2 matches nothing: no run has it, and only query 1 is evaluated.
      assertEquals(1, r.queries());
      // BM25 misses c1 (grade 2): recall 3/4; the expansion finds it.
      assertEquals(0.75, r.run("bm25").mean().recall1000(), 1e-12);
      assertEquals(1.0, r.run("bm25+emb").mean().recall1000(), 1e-12);
      assertEquals(1.0, r.run("bm25+rm3").mean().recall1000(), 1e-12);
      String json = r.json();
      assertTrue(json.startsWith("{\"collection\":\"toy\""), json);
      assertTrue(json.contains("\"name\":\"bm25+emb\",\"map\":"), json);
      assertTrue(json.contains("\"p_vs_bm25\":null"), json);
      assertTrue(r.table().contains("bm25+emb"));
    }
  }

  @Test
  void loadsCollectionFolderAndReportsMissingFiles(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("docs.jsonl"),
        "{\"id\": \"d1\", \"title\": \"T\", \"text\": \"x\", \"extra\": [1, {\"a\": 2}]}\n\n"
            + "{\"id\": \"d2\", \"title\": null, \"text\": \"y\"}\n");
    Files.writeString(dir.resolve("queries.tsv"), "1\tfirst query\n2\tsecond\n");
    assertThrows(LexicaException.class, () -> TestCollection.load(dir));
    Files.writeString(dir.resolve("qrels.txt"), "1 0 d1 1\n1 0 d2 0\n");
    TestCollection c = TestCollection.load(dir);
    assertEquals(2, c.docs().size());
    assertEquals("", c.docs().get(1).title());
    assertEquals("first query", c.queries().get("1"));
    assertEquals(1, c.qrels().relevantCount("1"));
    Files.writeString(dir.resolve("qrels.txt"), "1 0 d1\n");
    LexicaException e = assertThrows(LexicaException.class, () -> TestCollection.load(dir));
    assertTrue(e.getMessage().contains("line 1"), e.getMessage());
  }
}
