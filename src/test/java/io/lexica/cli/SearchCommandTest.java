package io.lexica.cli;

import static io.lexica.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.DocumentSearch;
import io.lexica.Model;
import io.lexica.docs.DocumentSearcher;
import io.lexica.docs.Hit;
import io.lexica.docs.RankingEnsemble;
import io.lexica.expand.Expansion;
import io.lexica.expand.ExpansionSettings;
import io.lexica.expand.QueryExpander;
import io.lexica.expand.TargetIndex;
import io.lexica.vectors.WordVectors;
import io.lexica.vectors.formats.VectorFiles;
import io.lexica.vectors.formats.VectorFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lexica search}'s expanded mode ranks by the library's {@link RankingEnsemble}. */
class SearchCommandTest {
  @TempDir Path tmp;

  /** Car words near each other, fruit words near each other, the two groups apart. */
  private Path model() {
    Path m = tmp.resolve("model.txt");
    WordVectors v =
        new WordVectors(
            List.of("car", "automobile", "vehicle", "engine", "banana", "fruit"),
            new float[] {1, 0, 0.95f, 0.31f, 0.9f, 0.44f, 0.8f, 0.6f, 0, 1, 0.2f, 0.98f},
            2,
            null);
    VectorFiles.write(v, m, VectorFormat.WORD2VEC_TEXT);
    return m;
  }

  private Path index() throws IOException {
    Path dir = tmp.resolve("index");
    String[] texts = {
      "car car engine",
      "a red car on the road",
      "automobile engine garage",
      "old automobile on the road",
      "vehicle road traffic",
      "banana fruit",
      "banana split",
      "engine oil garage car",
      "traffic jam road",
      "fruit salad",
      "car park fruit stall",
      "vehicle engine automobile"
    };
    try (FSDirectory d = FSDirectory.open(dir);
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig(new StandardAnalyzer()))) {
      for (int i = 0; i < texts.length; i++) {
        Document x = new Document();
        x.add(new StringField("id", "d" + (i + 1), Field.Store.YES));
        x.add(new TextField("body", texts[i], Field.Store.YES));
        w.addDocument(x);
      }
    }
    return dir;
  }

  /** The hits (id, score as printed) of the section {@code mode} of the search's output. */
  private static List<Hit> section(String out, String mode) {
    Matcher m = Pattern.compile("\n" + mode + ": \\d+ hits\n").matcher(out);
    assertTrue(m.find(), out);
    List<Hit> hits = new ArrayList<>();
    Pattern line = Pattern.compile("^[ +]\\s*\\d+\\s+(-?[\\d.]+)\\s+(\\S+)");
    for (String l : out.substring(m.end()).split("\n")) {
      Matcher h = line.matcher(l);
      if (!h.find()) {
        break;
      }
      hits.add(new Hit(h.group(2), Float.parseFloat(h.group(1))));
    }
    return hits;
  }

  /** The hits as the search prints them: scores to 4 decimals. */
  private static List<Hit> printed(List<Hit> hits) {
    return hits.stream()
        .map(h -> new Hit(h.id(), Float.parseFloat(String.format(Locale.ROOT, "%.4f", h.score()))))
        .toList();
  }

  @Test
  void expandedModeRanksByTheDefaultEnsembleOfTheSeparateRankings() throws IOException {
    Path model = model();
    Path index = index();
    String query = "car";
    CliRun r = run("search", model.toString(), "--index", index.toString(), "--show", "id", query);
    assertEquals(0, r.code(), r.err());
    assertTrue(
        r.out()
            .contains(
                "ranking: expanded 1 + rm3 0.5 by sum of scores over each ranking's best"
                    + ", BM25's top 2 kept on top (left out: knn: no --vectors)"),
        r.out());
    List<Hit> expected;
    List<Hit> own;
    List<Hit> bm25;
    try (Model m = Model.open(model);
        FSDirectory d = FSDirectory.open(index);
        DirectoryReader reader = DirectoryReader.open(d)) {
      Analyzer analyzer = new StandardAnalyzer();
      IndexSearcher searcher = new IndexSearcher(reader);
      TargetIndex target = TargetIndex.of(searcher, analyzer);
      DocumentSearcher documents = DocumentSearcher.textOnly(searcher, "body", analyzer);
      QueryExpander expander = m.expander(ExpansionSettings.DEFAULTS);
      Expansion e = expander.expand(query, "body", analyzer, target);
      QueryExpander rm3 = QueryExpander.of(null, ExpansionSettings.DEFAULTS.plainFeedback());
      int depth = RankingEnsemble.DEPTH;
      own = documents.search(e.expanded(), depth);
      bm25 = documents.search(e.original(), depth);
      List<Hit> feedback =
          documents.search(rm3.expand(query, "body", analyzer, target).expanded(), depth);
      expected = RankingEnsemble.DEFAULT.rank(own, bm25, feedback, null, 10);
    }
    List<Hit> got = section(r.out(), "expanded");
    assertEquals(printed(expected), got);
    // BM25's top 2 first, in its order
    assertEquals(
        section(r.out(), "bm25").subList(0, 2).stream().map(Hit::id).toList(),
        got.subList(0, 2).stream().map(Hit::id).toList());
    assertNotEquals(
        printed(own.subList(0, got.size())), got, "the ensemble changes the expanded ranking");
    // --ensemble none: the expanded query's own ranking
    CliRun none =
        run(
            "search",
            model.toString(),
            "--index",
            index.toString(),
            "--show",
            "id",
            "--ensemble",
            "none",
            query);
    assertEquals(0, none.code(), none.err());
    assertTrue(none.out().contains("ranking: the expanded query's own ranking\n"), none.out());
    assertEquals(
        printed(own.subList(0, Math.min(10, own.size()))), section(none.out(), "expanded"));
    // a spec of one's own; a bad one is refused before any search
    CliRun keep =
        run(
            "search",
            model.toString(),
            "--index",
            index.toString(),
            "--ensemble",
            "keeptop=1",
            query);
    assertTrue(keep.out().contains("ranking: the expanded query's own ranking, BM25's top 1"));
    CliRun bad =
        run(
            "search",
            model.toString(),
            "--index",
            tmp.resolve("missing").toString(),
            "--ensemble",
            "ensrm3=1",
            query);
    assertEquals(3, bad.code(), bad.err());
    assertTrue(bad.err().contains("--ensemble") && bad.err().contains("how to fuse"), bad.err());
  }

  @Test
  void withDocumentVectorsTheKnnRankingJoinsAsTheFacadeRanks() throws IOException {
    Path model = model();
    Path index = index();
    Path vectors = tmp.resolve("vectors");
    CliRun e =
        run(
            "embed-docs",
            "--index",
            index.toString(),
            "--model",
            model.toString(),
            "--out",
            vectors.toString(),
            "--method",
            "mean");
    assertEquals(0, e.code(), e.err());
    CliRun r =
        run(
            "search",
            model.toString(),
            "--index",
            index.toString(),
            "--vectors",
            vectors.toString(),
            "--mode",
            "bm25,expanded",
            "--show",
            "id",
            "car");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("ranking: expanded 1 + rm3 0.5 + knn 0.25 by sum"), r.out());
    try (Model m = Model.open(model);
        DocumentSearch search = DocumentSearch.open(index, "body", m, vectors)) {
      assertEquals(printed(search.expanded("car", 10)), section(r.out(), "expanded"));
    }
  }
}
