package io.lexica.vectors.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.LexicaException;
import io.lexica.cli.Main;
import io.lexica.eval.AnalogyEvaluator;
import io.lexica.eval.AnalogyQuestions;
import io.lexica.eval.AnalogyReport;
import io.lexica.vectors.Analogies;
import io.lexica.vectors.Neighbor;
import io.lexica.vectors.WordVectors;
import io.lexica.vectors.formats.Dl4jZip;
import io.lexica.vectors.formats.VectorFiles;
import io.lexica.vectors.formats.VectorFormat;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.synonym.word2vec.Dl4jModelReader;
import org.apache.lucene.analysis.synonym.word2vec.TermAndBoost;
import org.apache.lucene.analysis.synonym.word2vec.Word2VecModel;
import org.apache.lucene.analysis.synonym.word2vec.Word2VecSynonymProvider;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Import, export and the commands, end to end through the CLI, plus stock Lucene reading us. */
class StoreInteropTest {
  @TempDir Path tmp;

  /** Runs the CLI; returns {exit code, stdout, stderr}. */
  private static String[] cli(String stdin, String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    InputStream saved = System.in;
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    try {
      int code = cl.execute(args);
      return new String[] {String.valueOf(code), out.toString(), err.toString()};
    } finally {
      System.setIn(saved);
    }
  }

  private static void export(Path model, String format, Path out) {
    String[] r =
        cli("", "export", "--model", model.toString(), "--format", format, "--out", out.toString());
    assertEquals("0", r[0], r[2]);
  }

  private static int[] bits(float[] v) {
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Float.floatToRawIntBits(v[i]);
    }
    return out;
  }

  private static WordVectors withoutLastRow(WordVectors v) {
    assertEquals("zero", v.word(v.size() - 1));
    int n = v.size() - 1;
    long[] counts = new long[n];
    for (int i = 0; i < n; i++) {
      counts[i] = v.count(i);
    }
    return new WordVectors(
        v.words().subList(0, n),
        java.util.Arrays.copyOf(v.data(), n * v.dimension()),
        v.dimension(),
        counts);
  }

  @Test
  void everyFormatRoundTripsBitForBitThroughAModel() {
    WordVectors v = VectorStoreTest.planted(11);
    for (String format :
        List.of("word2vec-text", "word2vec-binary", "glove", "fasttext-vec", "dl4j-zip")) {
      Path in = tmp.resolve("in." + format);
      if (format.equals("dl4j-zip")) {
        Dl4jZip.write(v, in);
      } else {
        VectorFiles.write(v, in, VectorFormat.parse(format));
      }
      Path model = tmp.resolve("m-" + format);
      String[] r =
          cli(
              "",
              "import",
              "--input",
              in.toString(),
              "--format",
              format,
              "--model",
              model.toString(),
              "--meta",
              "algorithm=test-" + format);
      assertEquals("0", r[0], r[2]);
      Path back = tmp.resolve("back." + format);
      export(model, format, back);
      WordVectors w =
          format.equals("dl4j-zip")
              ? Dl4jZip.read(back, VectorFiles.ReadOptions.DEFAULT).vectors()
              : VectorFiles.read(back, VectorFormat.parse(format), VectorFiles.ReadOptions.DEFAULT)
                  .vectors();
      // The DL4J zip leaves out the all-zero vector (Lucene cannot load it); it is the last row.
      WordVectors expected = format.equals("dl4j-zip") ? withoutLastRow(v) : v;
      assertEquals(expected.words(), w.words(), format);
      assertArrayEquals(bits(expected.data()), bits(w.data()), format);

      r = cli("", "model", "info", model.toString());
      assertTrue(r[1].contains("algorithm = test-" + format), r[1]);
      assertTrue(r[1].contains("source.format = " + format), r[1]);
      assertTrue(r[1].contains("dimension = 16"), r[1]);
    }
  }

  @Test
  void stockLuceneReadsOurDl4jZipAndFindsTheSameSynonyms() throws Exception {
    WordVectors v = VectorStoreTest.planted(12);
    Path model = tmp.resolve("m");
    VectorStoreWriter.write(v, Map.of(), model, StoreOptions.DEFAULT);
    Path zip = tmp.resolve("model.zip");
    export(model, "dl4j-zip", zip);
    Word2VecModel lucene;
    try (InputStream in = Files.newInputStream(zip);
        Dl4jModelReader reader = new Dl4jModelReader(in)) {
      lucene = reader.read();
    }
    assertEquals(v.size() - 1, lucene.size()); // all but the zero vector
    assertEquals(v.dimension(), lucene.dimension());
    try (VectorStore store = VectorStore.open(model)) {
      for (int i = 0; i < v.size() - 1; i++) {
        assertEquals(v.word(i), lucene.termValue(i).utf8ToString());
      }
      Word2VecSynonymProvider provider = new Word2VecSynonymProvider(lucene);
      for (String word : List.of("c0_0", "c21_4", "king")) {
        Set<String> theirs = new HashSet<>();
        for (TermAndBoost t : provider.getSynonyms(new BytesRef(word), 5, -1f)) {
          theirs.add(t.term().utf8ToString());
        }
        Set<String> ours = new HashSet<>();
        for (Neighbor n : store.exact().nearest(word, 5, -1)) {
          ours.add(n.word());
        }
        assertEquals(ours, theirs, word);
      }
    }
  }

  @Test
  void analogyEvaluationOnAModelEqualsTheFileBasedOneQuestionByQuestion() {
    WordVectors v = VectorStoreTest.planted(13);
    Path file = tmp.resolve("v.bin");
    VectorFiles.write(v, file, VectorFormat.WORD2VEC_BINARY);
    Path model = tmp.resolve("m");
    assertEquals(
        "0", cli("", "import", "--input", file.toString(), "--model", model.toString())[0]);
    List<String> lines = new ArrayList<>(List.of(": planted", "man king woman queen"));
    for (int c = 0; c < 6; c++) {
      lines.add("c" + c + "_0 c" + c + "_1 c" + (c + 1) + "_0 c" + (c + 1) + "_1");
    }
    AnalogyQuestions qs = AnalogyQuestions.parse("planted", lines);
    AnalogyEvaluator.Options options = AnalogyEvaluator.Options.defaults();
    VectorFiles.ReadOptions read = VectorFiles.ReadOptions.DEFAULT;
    AnalogyReport fromFile =
        AnalogyEvaluator.evaluate(
            ModelFiles.vectors(file, VectorFormat.AUTO, read).vectors(), qs, options);
    VectorFiles.Loaded loaded = ModelFiles.vectors(model, VectorFormat.AUTO, read);
    assertEquals(null, loaded.format()); // a model, not a file
    AnalogyReport fromModel = AnalogyEvaluator.evaluate(loaded.vectors(), qs, options);
    assertEquals(fromFile.answers(), fromModel.answers());
    assertEquals("queen", fromModel.answers().get(0).predicted().get(0));
    // The store's own 3CosAdd (exact view) gives the evaluator's answers too.
    try (VectorStore store = VectorStore.open(model)) {
      for (AnalogyReport.Answer a : fromModel.answers()) {
        AnalogyQuestions.Question q = a.question();
        String ours =
            Analogies.add(store.exact(), List.of(q.b(), q.c()), List.of(q.a()), 1).get(0).word();
        assertEquals(a.predicted().get(0), ours, q.toString());
      }
    }
  }

  @Test
  void queryCommandsAnswerAndExplainUnknownWords() {
    Path model = tmp.resolve("m");
    VectorStoreWriter.write(VectorStoreTest.planted(14), Map.of(), model, StoreOptions.DEFAULT);
    String m = model.toString();

    String[] r = cli("", "neighbors", m, "c3_0", "-k", "3");
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].startsWith("c3_0\n"), r[1]);
    assertEquals(4, r[1].lines().count());
    assertTrue(r[1].lines().skip(1).allMatch(l -> l.contains("c3_")), r[1]);

    r = cli("", "neighbors", m, "c3_0", "nosuchword", "--json", "-k", "2", "--exact");
    assertEquals(String.valueOf(LexicaException.EXIT_CODE), r[0]);
    List<String> json = r[1].lines().toList();
    assertTrue(
        json.get(0).startsWith("{\"word\":\"c3_0\",\"neighbors\":[{\"word\":\"c3_"), json.get(0));
    assertTrue(json.get(1).contains("\"error\":\"'nosuchword' is not in the model's vocabulary"));

    // Interactive: words from stdin, each answered; unknown words do not stop it.
    r = cli("c1_0\nnosuchword\n\nc2_0 c4_0\n", "neighbors", m, "-k", "1");
    assertEquals("0", r[0], r[2]);
    assertEquals(
        List.of("c1_0", "c2_0", "c4_0"),
        r[1].lines().filter(l -> !l.startsWith(" ") && !l.contains("vocabulary")).toList());
    assertTrue(r[1].contains("nosuchword: 'nosuchword' is not in the model's vocabulary"));

    r = cli("", "analogy", m, "man", "king", "woman", "-k", "1");
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].lines().toList().get(1).endsWith("queen"), r[1]);
    r = cli("", "analogy", m, "man", "king", "woman", "--method", "mul", "-k", "1", "--json");
    assertTrue(r[1].contains("\"word\":\"queen\""), r[1]);

    r = cli("", "similarity", m, "c3_0", "c3_1");
    assertEquals("0", r[0], r[2]);
    assertTrue(Float.parseFloat(r[1].trim()) > 0.9f, r[1]);
    r = cli("", "similarity", m, "c3_0", "zzz");
    assertEquals(String.valueOf(LexicaException.EXIT_CODE), r[0]);
    assertTrue(r[2].contains("'zzz' is not in the model's vocabulary"), r[2]);

    r = cli("", "neighbors", tmp.resolve("missing").toString(), "x");
    assertEquals(String.valueOf(LexicaException.EXIT_CODE), r[0]);
    assertTrue(r[2].contains("no model at") && r[2].contains("fix:"), r[2]);
  }
}
