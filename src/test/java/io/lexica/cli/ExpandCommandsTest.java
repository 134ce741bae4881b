package io.lexica.cli;

import static io.lexica.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.vectors.WordVectors;
import io.lexica.vectors.formats.VectorFiles;
import io.lexica.vectors.formats.VectorFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpandCommandsTest {
  @TempDir Path tmp;

  private Path model() {
    Path m = tmp.resolve("model.txt");
    WordVectors v =
        new WordVectors(
            List.of("car", "automobile", "banana", "vehicle"),
            new float[] {1, 0, 0.95f, 0.31f, 0, 1, 0.8f, 0.6f},
            2,
            null);
    VectorFiles.write(v, m, VectorFormat.WORD2VEC_TEXT);
    return m;
  }

  private Path index() throws IOException {
    Path dir = tmp.resolve("index");
    try (FSDirectory d = FSDirectory.open(dir);
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig(new StandardAnalyzer()))) {
      String[][] docs = {{"d1", "a red car"}, {"d2", "an old automobile"}, {"d3", "banana"}};
      for (String[] doc : docs) {
        Document x = new Document();
        x.add(new StringField("id", doc[0], Field.Store.YES));
        x.add(new TextField("body", doc[1], Field.Store.YES));
        w.addDocument(x);
      }
    }
    return dir;
  }

  @Test
  void expandPrintsQueryAndAddedTerms() throws IOException {
    CliRun r =
        run(
            "expand",
            model().toString(),
            "--index",
            index().toString(),
            "--no-first-pass",
            "--expansion-mode",
            "per_term",
            "-k",
            "3",
            "--min-df",
            "1",
            "Car");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("original: car"), r.out());
    // vehicle is not in the index: dropped; banana is not similar enough
    assertTrue(r.out().matches("(?s).*expanded: car \\(automobile\\)\\^0\\.\\d+.*"), r.out());
    assertTrue(r.out().contains("automobile  car"), r.out());
    assertTrue(!r.out().contains("vehicle"), r.out());
    // The default searches first: the three documents give no feedback term (every term is in
    // more than 10% of them), and the centroid's neighbour gets a tenth of twice the query
    CliRun d = run("expand", model().toString(), "--index", index().toString(), "Car");
    assertEquals(0, d.code(), d.err());
    assertTrue(d.out().matches("(?s).*expanded: car \\(automobile\\)\\^0\\.2000.*"), d.out());
    assertTrue(d.out().contains("automobile  <query>"), d.out());
  }

  @Test
  void exportSynonymsWritesRulesForTheIndexsWords() throws IOException {
    Path model = tmp.resolve("m");
    assertEquals(
        0, run("import", "--input", model().toString(), "--model", model.toString()).code());
    Path out = tmp.resolve("synonyms.txt");
    CliRun r =
        run(
            "export",
            "--model",
            model.toString(),
            "--format",
            "synonyms",
            "-k",
            "2",
            "--min-similarity",
            "0.7",
            "--index",
            index().toString(),
            "--max-df",
            "1",
            "--out",
            out.toString());
    assertEquals(0, r.code(), r.err());
    // vehicle is not in the index: neither written nor anyone's neighbour
    List<String> rules = Files.readAllLines(out).stream().filter(l -> !l.startsWith("#")).toList();
    assertEquals(List.of("car => car, automobile", "automobile => automobile, car"), rules);
    assertTrue(r.out().contains("wrote 2 rules with 2 neighbours"), r.out());
    assertTrue(r.err().contains("left out 1 word(s) absent from --field"), r.err());

    CliRun wrongFormat =
        run(
            "export",
            "--model",
            model.toString(),
            "--format",
            "glove",
            "-k",
            "2",
            "--out",
            tmp.resolve("v.txt").toString());
    assertEquals(2, wrongFormat.code(), wrongFormat.err());
    assertTrue(
        wrongFormat.err().contains("-k is an option of --format synonyms"), wrongFormat.err());
  }

  @Test
  void searchShowsNewHitsAfterExpansion() throws IOException {
    CliRun r =
        run("search", model().toString(), "--index", index().toString(), "--show", "id", "car");
    assertEquals(0, r.code(), r.err());
    String after = r.out().substring(r.out().lastIndexOf("expanded:"));
    assertTrue(after.contains("+  2") && after.contains("d2"), r.out());
  }

  @Test
  void embedDocsThenKnnAndHybridSearchFindDocumentsWithoutTheQueryWord() throws IOException {
    Path index = index();
    Path vectors = tmp.resolve("vectors");
    CliRun e = embedDocs(index, vectors);
    assertEquals(0, e.code(), e.err());
    assertTrue(e.out().contains("embedded 3 of 3 documents"), e.out());
    assertTrue(e.out().contains("words from the stored text"), e.out());
    CliRun fromIndex = embedDocs(index, tmp.resolve("vectors-from-terms"), "--text-from", "index");
    assertEquals(0, fromIndex.code(), fromIndex.err());
    assertTrue(fromIndex.out().contains("3 of 3 documents"), fromIndex.out());
    assertTrue(fromIndex.out().contains("words from the indexed terms"), fromIndex.out());
    // "vehicle" is in the model but in no document: BM25 finds nothing, kNN ranks automobile
    // (cosine 0.95) before car (0.8) before banana (0.6).
    CliRun r =
        run(
            "search",
            model().toString(),
            "--index",
            index.toString(),
            "--vectors",
            vectors.toString(),
            "--mode",
            "bm25,knn,hybrid",
            "vehicle");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("bm25: 0 hits"), r.out());
    String knn = r.out().substring(r.out().indexOf("knn:"), r.out().indexOf("hybrid:"));
    assertTrue(knn.indexOf("d2") < knn.indexOf("d1") && knn.indexOf("d1") < knn.indexOf("d3"), knn);
    assertTrue(r.out().substring(r.out().indexOf("hybrid:")).contains("d2"), r.out());
    CliRun noVectors =
        run("search", model().toString(), "--index", index.toString(), "--mode", "knn", "car");
    assertEquals(3, noVectors.code());
    assertTrue(noVectors.err().contains("embed-docs"), noVectors.err());
  }

  /** {@code lexica embed-docs} with the mean method and {@code more} options. */
  private CliRun embedDocs(Path index, Path out, String... more) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "embed-docs",
                "--index",
                index.toString(),
                "--model",
                model().toString(),
                "--out",
                out.toString(),
                "--method",
                "mean"));
    args.addAll(List.of(more));
    return run(args.toArray(new String[0]));
  }

  @Test
  void indexWithEmbedGivesDocumentsVectorsForKnnSearch() throws IOException {
    Path input = tmp.resolve("docs.jsonl");
    Files.writeString(
        input,
        "{\"id\":\"d1\",\"title\":\"\",\"text\":\"a red car\"}\n"
            + "{\"id\":\"d2\",\"title\":\"\",\"text\":\"an old automobile\"}\n"
            + "{\"id\":\"d3\",\"title\":\"\",\"text\":\"banana\"}\n");
    Path index = tmp.resolve("embedded");
    CliRun i =
        run(
            "index",
            "--input",
            input.toString(),
            "--index",
            index.toString(),
            "--embed",
            model().toString(),
            "--threads",
            "1");
    assertEquals(0, i.code(), i.err());
    CliRun r =
        run(
            "search",
            model().toString(),
            "--index",
            index.toString(),
            "--vectors",
            index.toString(),
            "--mode",
            "knn",
            "vehicle");
    assertEquals(0, r.code(), r.err());
    String knn = r.out().substring(r.out().indexOf("knn:"));
    assertTrue(knn.indexOf("d2") < knn.indexOf("d1") && knn.indexOf("d1") < knn.indexOf("d3"), knn);
  }

  @Test
  void badInputIsAUserErrorWithRemedy() throws IOException {
    CliRun r = run("expand", model().toString(), "--index", tmp.resolve("none").toString(), "x");
    assertEquals(3, r.code());
    assertTrue(r.err().contains("does not exist") && r.err().contains("fix:"), r.err());
    CliRun bad = run("expand", model().toString(), "--index", index().toString(), "-k", "0", "x");
    assertEquals(3, bad.code(), bad.err());
  }

  @Test
  void expansionOptionsAreTheBuilderSettingsCheckedWhileParsing() throws IOException {
    String m = model().toString();
    String i = index().toString();
    // Without feedback the centroid's one neighbour takes the whole expansion: twice the query.
    CliRun option = run("expand", m, "--index", i, "--feedback-docs", "0", "Car");
    assertEquals(0, option.code(), option.err());
    assertTrue(option.out().contains("expanded: car (automobile)^2.0"), option.out());
    CliRun settings = run("expand", m, "--index", i, "--settings", "fbdocs=0", "Car");
    assertEquals(option.out().lines().limit(2).toList(), settings.out().lines().limit(2).toList());
    // the OpenSearch query's settings: the centroid's neighbours in at least 2 documents, sharing
    // a quarter of the query's weight; every word of this index is in one document only
    CliRun pre = run("expand", m, "--index", i, "--no-first-pass", "Car");
    assertTrue(pre.out().contains("expanded: car\n"), pre.out());
    CliRun pre1 = run("expand", m, "--index", i, "--no-first-pass", "--min-df", "1", "Car");
    assertTrue(pre1.out().contains("expanded: car (automobile)^0.25\n"), pre1.out());
    assertTrue(pre1.out().contains("automobile  <query>"), pre1.out());
    CliRun both = run("expand", m, "--index", i, "--no-first-pass", "--feedback-docs", "5", "x");
    assertEquals(3, both.code(), both.err());
    assertTrue(both.err().contains("--no-first-pass"), both.err());
    for (String[] bad :
        new String[][] {
          {"--feedback-share", "1.5"}, {"--feedback-reweight", "-1"}, {"--local-docs", "-2"}
        }) {
      CliRun r = run("expand", m, "--index", i, bad[0], bad[1], "x");
      assertEquals(3, r.code(), r.err());
      assertTrue(r.err().contains(bad[0]), r.err());
    }
  }

  @Test
  void evalRetrievalTrainsALocalModelAndPrintsJson() throws IOException {
    Path c = tmp.resolve("toy");
    Files.createDirectories(c);
    StringBuilder docs = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      String text = i % 2 == 0 ? "wing lift airfoil flow number " + i : "heart blood flow rate";
      docs.append("{\"id\": \"d").append(i).append("\", \"title\": \"\", \"text\": \"");
      docs.append(text).append("\"}\n");
    }
    Files.writeString(c.resolve("docs.jsonl"), docs);
    Files.writeString(c.resolve("queries.tsv"), "1\tairfoil lift\n2\tblood\n");
    Files.writeString(c.resolve("qrels.txt"), "1 0 d0 1\n1 0 d2 1\n2 0 d1 1\n");
    CliRun r = run("eval", "retrieval", "--collection", c.toString(), "--json", "--trials", "100");
    assertEquals(0, r.code(), r.err());
    for (String run : List.of("bm25", "bm25+rm3", "bm25+emb", "bm25+emb-pre")) {
      assertTrue(r.out().contains("\"name\":\"" + run + "\""), r.out());
    }
    assertTrue(r.out().startsWith("{\"collection\":\"toy\",\"queries\":2,"), r.out());
  }

  @Test
  void evalRetrievalsDefaultRunIsTheEnsembleMethodAndNoneTheQueryAlone() throws IOException {
    Path c = tmp.resolve("toy");
    Files.createDirectories(c);
    StringBuilder docs = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      String text =
          i % 3 == 0
              ? "wing lift airfoil flow number " + i
              : i % 3 == 1 ? "heart blood flow rate " + i : "wing heart pump lift";
      docs.append("{\"id\": \"d").append(i).append("\", \"title\": \"\", \"text\": \"");
      docs.append(text).append("\"}\n");
    }
    Files.writeString(c.resolve("docs.jsonl"), docs);
    Files.writeString(c.resolve("queries.tsv"), "1\tairfoil lift\n2\tblood\n3\twing\n");
    Files.writeString(c.resolve("qrels.txt"), "1 0 d0 1\n1 0 d3 1\n2 0 d1 1\n3 0 d2 1\n");
    // the winner's settings by name, as the README's cross-validation spells them
    String query =
        "localdocs=0,idfcentroid=false,mode=centroid,k=10,fbreweight=2,fbdocs=10,fbterms=50,"
            + "fbshare=0.9,weight=2";
    String winner = query + ",ensemble=sum,ensbm25=0,ensrm3=0.5,ensknn=0.25,keeptop=2";
    for (String ensemble : List.of("default", "none")) {
      Path runs = tmp.resolve("runs-" + ensemble);
      CliRun r =
          run(
              "eval",
              "retrieval",
              "--collection",
              c.toString(),
              "--trials",
              "10",
              "--doc-methods",
              "none",
              "--ensemble",
              ensemble,
              "--system",
              "winner=" + winner,
              "--system",
              "query=" + query,
              "--runs",
              runs.toString());
      assertEquals(0, r.code(), r.err());
      String same = ensemble.equals("default") ? "winner" : "query";
      String other = ensemble.equals("default") ? "query" : "winner";
      assertEquals(ranking(runs, "bm25+" + same), ranking(runs, "bm25+emb"), ensemble);
      assertTrue(!ranking(runs, "bm25+" + other).equals(ranking(runs, "bm25+emb")), ensemble);
    }
  }

  /** A run file's lines without the run's name (the last column). */
  private static List<String> ranking(Path runs, String name) throws IOException {
    return Files.readAllLines(runs.resolve("toy." + name + ".txt")).stream()
        .map(l -> l.substring(0, l.lastIndexOf(' ')))
        .toList();
  }

  /** A toy collection in {@code dir}: "lift" queries find the airfoil documents. */
  private static void toyCollection(Path dir, String word) throws IOException {
    Files.createDirectories(dir);
    StringBuilder docs = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      String text = i % 2 == 0 ? word + " lift flow " + i : "heart blood flow rate";
      docs.append("{\"id\": \"d").append(i).append("\", \"title\": \"\", \"text\": \"");
      docs.append(text).append("\"}\n");
    }
    Files.writeString(dir.resolve("docs.jsonl"), docs);
    Files.writeString(dir.resolve("queries.tsv"), "1\tlift\n2\tblood\n");
    Files.writeString(dir.resolve("qrels.txt"), "1 0 d0 1\n1 0 d2 1\n2 0 d1 1\n");
  }

  @Test
  void crossValidationTakesOneModelPerCollection() throws IOException {
    toyCollection(tmp.resolve("a"), "airfoil");
    toyCollection(tmp.resolve("b"), "wing");
    Path models = Files.createDirectories(tmp.resolve("models"));
    for (String c : List.of("a", "b")) {
      WordVectors v =
          new WordVectors(
              List.of("lift", c.equals("a") ? "airfoil" : "wing", "blood", "heart"),
              new float[] {1, 0, 0.9f, 0.4f, 0, 1, 0.3f, 0.95f},
              2,
              null);
      VectorFiles.write(v, models.resolve(c + ".txt"), VectorFormat.WORD2VEC_TEXT);
    }
    String pattern = models.resolve("{collection}.txt").toString();
    String[] common = {
      "eval", "retrieval", "--cross-validate", "--methods", "emb-joint", "--trials", "10"
    };
    List<String> args = new ArrayList<>(List.of(common));
    args.addAll(List.of("--collection", tmp.resolve("a").toString()));
    args.addAll(List.of("--collection", tmp.resolve("b").toString()));
    args.addAll(List.of("--collection-model", pattern));
    CliRun r = run(args.toArray(String[]::new));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("collection model of b: " + models.resolve("b.txt")), r.err());
    assertTrue(r.out().contains("emb-joint"), r.out());
    // a missing model is named before any work
    Files.delete(models.resolve("b.txt"));
    CliRun missing = run(args.toArray(String[]::new));
    assertEquals(3, missing.code(), missing.err());
    assertTrue(missing.err().contains(models.resolve("b.txt").toString()), missing.err());
    assertTrue(!missing.err().contains("collection model of a"), missing.err());
  }
}
