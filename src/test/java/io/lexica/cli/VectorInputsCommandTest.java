package io.lexica.cli;

import static io.lexica.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.vectors.WordVectors;
import io.lexica.vectors.formats.UncheckedVectorFiles;
import io.lexica.vectors.formats.VectorFiles;
import io.lexica.vectors.formats.VectorFormat;
import io.lexica.vectors.store.VectorStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that read vectors answer careless inputs with exit code 3 and a message naming the
 * problem (issue 20): a NaN vector in {@code eval}, a negative {@code --limit}, a header with a
 * negative dimension, a directory for {@code --input}, a damaged model in {@code model check}; and
 * they carry words with control characters through import and export.
 */
class VectorInputsCommandTest {
  @TempDir Path dir;

  private Path vectors(String name, float bad) throws IOException {
    Path f = dir.resolve(name);
    UncheckedVectorFiles.write(
        List.of("cat", "dog", "car", "truck", "king", "queen"),
        new float[] {1, 0, 1, bad, 0.9f, 0, 0, 1, 0, 0.1f, 0.9f, 0.2f, 1, 1, 1, 0.9f, 1, 1.1f},
        3,
        f,
        VectorFormat.WORD2VEC_TEXT);
    return f;
  }

  @Test
  void evalRefusesANanVectorAsImportDoes() throws IOException {
    Path nan = vectors("nan.vec", Float.NaN);
    Path pairs = dir.resolve("pairs.txt");
    Files.writeString(pairs, "cat\tdog\t9\ncar\ttruck\t8\ncat\tcar\t1\nking\tqueen\t8.5\n");
    Path questions = dir.resolve("q.txt");
    Files.writeString(questions, ": s\ncat dog car truck\n");
    for (String[] args :
        new String[][] {
          {"eval", "similarity", nan.toString(), "--pairs", pairs.toString()},
          {"eval", "analogy", nan.toString(), "--questions", questions.toString()},
          {"import", "--input", nan.toString(), "--model", dir.resolve("m").toString()}
        }) {
      CliRun r = run(args);
      assertEquals(3, r.code(), String.join(" ", args) + ": " + r.out() + r.err());
      assertTrue(r.err().contains("line 3 ('dog'): value 1 of 3 is NaN"), r.err());
    }
    CliRun ok =
        run("eval", "similarity", vectors("ok.vec", 1).toString(), "--pairs", pairs.toString());
    assertEquals(0, ok.code(), ok.err());
  }

  @Test
  void importWarnsOnceAboutZeroVectorsWithTheirCount() throws IOException {
    Path f = dir.resolve("zero.vec");
    Files.writeString(f, "4 2\na 1 2\nb 0 0\nc 0.0 -0.0\nd 3 4\n");
    CliRun r = run("import", "--input", f.toString(), "--model", dir.resolve("z").toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(
        r.err().startsWith("lexica import: warning: 2 word(s) have an all-zero vector"), r.err());
  }

  @Test
  void importValidatesLimitHeaderAndInputBeforeReading() throws IOException {
    Path ok = vectors("ok.vec", 1);
    Path model = dir.resolve("m");
    CliRun r =
        run("import", "--input", ok.toString(), "--model", model.toString(), "--limit", "-1");
    assertEquals(3, r.code(), r.err());
    // The wording is the option validation's (issue-20c's converters word it their own way).
    assertTrue(r.err().contains("--limit") && r.err().contains("-1"), r.err());
    assertTrue(!r.err().contains("internal error"), r.err());
    assertTrue(Files.notExists(model));

    Path neg = dir.resolve("neg.vec");
    Files.writeString(neg, "300 -5\na 0.1 0.2 0.3\n");
    r = run("import", "--input", neg.toString(), "--model", model.toString());
    assertEquals(3, r.code(), r.err());
    assertTrue(
        r.err().contains("the header line '300 -5' gives a dimension that is not positive"),
        r.err());

    Path directory = Files.createDirectory(dir.resolve("vectors"));
    r = run("import", "--input", directory.toString(), "--model", model.toString());
    assertEquals(3, r.code(), r.err());
    assertTrue(r.err().contains("is a directory, not a vector file"), r.err());
    assertTrue(Files.notExists(model));
  }

  @Test
  void modelCheckPassesAnIntactModelAndNamesTheDamagedFile() throws IOException {
    Path model = dir.resolve("m");
    assertEquals(
        0,
        run("import", "--input", vectors("ok.vec", 1).toString(), "--model", model.toString())
            .code());
    CliRun r = run("model", "check", model.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().endsWith("intact: " + model + System.lineSeparator()), r.out());

    Path vec;
    try (Stream<Path> files = Files.list(model)) {
      vec = files.filter(p -> p.toString().endsWith(".vec")).sorted().findFirst().orElseThrow();
    }
    byte[] b = Files.readAllBytes(vec);
    b[b.length / 2] ^= 1;
    Files.write(vec, b);
    r = run("model", "check", model.toString());
    assertEquals(3, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("FAILED  " + vec.getFileName() + ": damaged"), r.out());
    assertTrue(r.err().contains("is damaged (1 problem(s)); first: " + vec.getFileName()), r.err());
  }

  @Test
  void wordsWithControlCharactersGoThroughImportExportAndTraining() throws IOException {
    WordVectors v =
        new WordVectors(
            UncheckedVectorFiles.AWKWARD_WORDS,
            new float[UncheckedVectorFiles.AWKWARD_WORDS.size() * 2],
            2,
            null);
    float[] data = v.data();
    for (int i = 0; i < data.length; i++) {
      data[i] = i + 1;
    }
    Path text = dir.resolve("awkward.vec");
    VectorFiles.write(v, text, VectorFormat.WORD2VEC_TEXT);
    Path model = dir.resolve("m1");
    Path bin = dir.resolve("awkward.bin");
    Path model2 = dir.resolve("m2");
    assertEquals(0, run("import", "--input", text.toString(), "--model", model.toString()).code());
    assertEquals(
        0,
        run(
                "export",
                "--model",
                model.toString(),
                "--format",
                "word2vec-binary",
                "--out",
                bin.toString())
            .code());
    CliRun r = run("import", "--input", bin.toString(), "--model", model2.toString());
    assertEquals(0, r.code(), r.err());
    try (VectorStore store = VectorStore.open(model2)) {
      assertEquals(v.words(), store.exportWordVectors().words());
    }

    // The case: a corpus with terminal escape codes, trained to a binary file and read
    // back.
    Path corpus = dir.resolve("corpus.txt");
    Files.writeString(corpus, "红色 \u001b[31m 文字 \u001b[0m 红色\n文字 \u001b[31m 红色 \u001b[0m\n");
    Path trained = dir.resolve("esc.bin");
    r = trainTiny(corpus, "whitespace", trained);
    assertEquals(0, r.code(), r.err());
    Path model3 = dir.resolve("m3");
    r = run("import", "--input", trained.toString(), "--model", model3.toString());
    assertEquals(0, r.code(), r.err());
    try (VectorStore store = VectorStore.open(model3)) {
      assertTrue(store.contains("\u001b[31m"));
      assertTrue(store.contains("\u001b[0m"));
    }
  }

  @Test
  void trainingToAVectorFileRefusesAWordWithASpaceBeforeTraining() throws IOException {
    Path corpus = dir.resolve("phrases.txt");
    Files.writeString(corpus, "new york city\nnew york\n");
    Path vec = dir.resolve("phrases.vec");
    CliRun r = trainTiny(corpus, "tokenizer=keyword", vec);
    assertEquals(3, r.code(), r.err());
    assertTrue(r.err().contains("('new york') holds a space or a line feed"), r.err());
    assertTrue(r.err().contains("write a Lexica model instead"), r.err());
    assertTrue(!r.err().contains("epoch"), "refused before training: " + r.err());
    assertTrue(Files.notExists(vec));
    // A model directory holds any word.
    Path model = dir.resolve("phrases-model");
    r = trainTiny(corpus, "tokenizer=keyword", model);
    assertEquals(0, r.code(), r.err());
    try (VectorStore store = VectorStore.open(model)) {
      assertTrue(store.contains("new york"));
    }
  }

  /** A tiny word2vec training run (one epoch, 4 dimensions, every word kept). */
  private static CliRun trainTiny(Path corpus, String analyzer, Path out) {
    return run(
        "train",
        "--input",
        corpus.toString(),
        "--analyzer",
        analyzer,
        "--min-count",
        "1",
        "--dim",
        "4",
        "--epochs",
        "1",
        "--threads",
        "1",
        "--seed",
        "1",
        "--out",
        out.toString());
  }
}
