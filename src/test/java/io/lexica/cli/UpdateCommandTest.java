package io.lexica.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.Lexica;
import io.lexica.phrases.PhraseList;
import io.lexica.train.word2vec.Word2VecOptions;
import io.lexica.vectors.WordVectors;
import io.lexica.vectors.store.ModelFiles;
import io.lexica.vectors.store.VectorStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** An index grows by 'lexica index --append'; 'lexica update' trains the model on what is new. */
class UpdateCommandTest {
  @TempDir Path dir;

  private static final String[] ANIMALS = {"cat", "dog", "horse", "cow", "sheep", "goat"};
  private static final String[] FOODS = {"bread", "rice", "apple", "cheese", "soup", "cake"};

  private static List<String> text(int lines, long seed, String newAnimal) {
    SplittableRandom r = new SplittableRandom(seed);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < lines; i++) {
      String a = newAnimal != null && i % 3 == 0 ? newAnimal : ANIMALS[r.nextInt(ANIMALS.length)];
      out.add(
          r.nextBoolean()
              ? "the " + a + " runs near the " + ANIMALS[r.nextInt(ANIMALS.length)]
              : "some " + FOODS[r.nextInt(FOODS.length)] + " tastes good");
    }
    return out;
  }

  private record Run(int code, String out, String err) {}

  private static Run lexica(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private static void ok(String... args) {
    Run r = lexica(args);
    assertEquals(0, r.code(), String.join(" ", args) + "\n" + r.err());
  }

  /** Indexes {@code lines} into {@code idx} and trains a small model on it: the model's path. */
  private Path indexAndTrain(List<String> lines, Path idx) throws Exception {
    Path old = dir.resolve("old.txt");
    Files.write(old, lines);
    Path model = dir.resolve("model");
    ok("index", "--input", old.toString(), "--index", idx.toString(), "--threads", "1");
    ok(
        "train",
        "--index",
        idx.toString(),
        "--dim",
        "10",
        "--window",
        "2",
        "--sample",
        "0",
        "--epochs",
        "3",
        "--threads",
        "1",
        "--quiet",
        "--out",
        model.toString());
    return model;
  }

  private static long tokens(List<String> lines) {
    return lines.stream().mapToLong(l -> l.split(" ").length).sum();
  }

  @Test
  void anUpdateTrainsOnTheAppendedDocumentsOnlyAndRecordsItsLineage() throws Exception {
    List<String> newLines = text(300, 2, "zebra");
    Path more = dir.resolve("more.txt");
    Files.write(more, newLines);
    Path idx = dir.resolve("idx");
    Path model = indexAndTrain(text(600, 1, null), idx);
    WordVectors before;
    try (VectorStore store = VectorStore.open(model)) {
      before = store.exportWordVectors();
      assertEquals("1", store.metadata().get("source.segments").split(",").length + "");
    }
    Run nothing = lexica("update", model.toString(), "--threads", "1");
    assertEquals(0, nothing.code(), nothing.err());
    assertTrue(nothing.err().contains("nothing to do"), nothing.err());

    Run otherAnalyzer =
        lexica(
            "index",
            "--append",
            "--input",
            more.toString(),
            "--index",
            idx.toString(),
            "--analyzer",
            "english");
    assertEquals(3, otherAnalyzer.code(), "tokens of another analyzer would not meet the old ones");
    ok("index", "--append", "--input", more.toString(), "--index", idx.toString());
    // no --old-rate: an update freezes the words the model had, so their vectors stay bit for bit
    Run update = lexica("update", model.toString(), "--threads", "1");
    assertEquals(0, update.code(), update.err());
    // indexing threads fill a segment each: how many the append made depends on timing
    Matcher fresh =
        Pattern.compile("(\\d+) new segments? of (\\d+) \\(300 documents\\)").matcher(update.err());
    assertTrue(fresh.find(), update.err());
    assertEquals(
        Integer.parseInt(fresh.group(2)),
        1 + Integer.parseInt(fresh.group(1)),
        "the one old segment is not read");
    try (VectorStore after = VectorStore.open(model)) {
      assertTrue(after.contains("zebra"));
      for (int row = 0; row < before.size(); row++) {
        assertArrayEquals(before.vector(row), after.rawVector(before.word(row)), before.word(row));
      }
      Map<String, String> meta = after.metadata();
      assertEquals(
          Long.toString(tokens(newLines)),
          meta.get(VectorStore.KEY_CORPUS_TOKENS),
          "only the appended documents were trained on");
      assertEquals("update", meta.get("lineage.0002.kind"));
      assertEquals("300", meta.get("lineage.0002.documents"));
      assertEquals("1", meta.get("lineage.0002.words.added"));
      assertEquals(
          Integer.parseInt(fresh.group(2)),
          meta.get("source.segments").split(",").length,
          "the model records the commit it has now seen");
      assertEquals("10", meta.get("param.dimension"), "the model's settings carry over");
      assertEquals("3", meta.get("param.epochs"));
    }
    Run again = lexica("update", model.toString());
    assertTrue(again.err().contains("nothing to do"), again.err());
    Run info = lexica("model", "info", model.toString());
    String line =
        String.format(
            java.util.Locale.ROOT, "  update: %,d tokens in 300 documents", tokens(newLines));
    assertTrue(info.out().contains(line), info.out());

    Path adapted = dir.resolve("adapted");
    ok(
        "train",
        "--init",
        model.toString(),
        "--index",
        idx.toString(),
        "--epochs",
        "1",
        "--threads",
        "1",
        "--quiet",
        "--out",
        adapted.toString());
    try (VectorStore store = VectorStore.open(adapted)) {
      assertFalse(
          java.util.Arrays.equals(before.vector(0), store.rawVector(before.word(0))),
          "unlike update, train --init adapts the model's words unless --old-rate says otherwise");
    }
  }

  private static long occurrences(List<String> lines, String word) {
    return lines.stream()
        .flatMap(l -> java.util.Arrays.stream(l.split(" ")))
        .filter(word::equals)
        .count();
  }

  private static Map<String, float[]> vectors(Path model) {
    try (VectorStore store = VectorStore.open(model)) {
      WordVectors v = store.exportWordVectors();
      Map<String, float[]> out = new java.util.HashMap<>();
      for (int row = 0; row < v.size(); row++) {
        out.put(v.word(row), v.vector(row));
      }
      return out;
    }
  }

  @Test
  void wordsJoinByTheirCountInTheWholeIndexAndAReplayTrainsOnItCountingOldDocumentsOnce()
      throws Exception {
    // "quokka": 3 times in the old documents, 2 in the new ones: 5, the min-count, only overall
    List<String> oldLines = new ArrayList<>(text(600, 1, null));
    List<String> newLines = new ArrayList<>(text(300, 2, "zebra"));
    for (int i = 0; i < 3; i++) {
      oldLines.add("the quokka runs near the cat");
    }
    for (int i = 0; i < 2; i++) {
      newLines.add("the quokka runs near the dog");
    }
    Path more = dir.resolve("more.txt");
    Files.write(more, newLines);
    Path idx = dir.resolve("idx");
    Path model = indexAndTrain(oldLines, idx);
    Map<String, float[]> before = vectors(model);
    assertFalse(before.containsKey("quokka"), "3 < 5 in the old documents");
    ok("index", "--append", "--input", more.toString(), "--index", idx.toString());

    Path frozen = dir.resolve("frozen");
    ok("update", model.toString(), "--out", frozen.toString(), "--threads", "1", "--quiet");
    try (VectorStore store = VectorStore.open(frozen)) {
      assertTrue(store.contains("quokka"), "5 in the whole index: it joins");
      assertEquals(2, store.count("quokka"), "trained on (and counted as) its 2 new occurrences");
      assertEquals(
          Long.toString(tokens(newLines)), store.metadata().get(VectorStore.KEY_CORPUS_TOKENS));
    }

    Path replayed = dir.resolve("replayed");
    Path again = dir.resolve("again");
    for (Path out : List.of(replayed, again)) {
      ok(
          "update",
          model.toString(),
          "--replay",
          "--out",
          out.toString(),
          "--threads",
          "1",
          "--seed",
          "7",
          "--quiet");
    }
    Path share = dir.resolve("share");
    ok(
        "update",
        model.toString(),
        "--replay",
        "--replay-share",
        "0.5",
        "--replay-passes",
        "1",
        "--out",
        share.toString(),
        "--threads",
        "1",
        "--quiet");
    try (VectorStore store = VectorStore.open(share)) {
      int replayedDocuments = Integer.parseInt(store.metadata().get("lineage.0003.documents"));
      assertTrue(
          replayedDocuments > 302 + 200 && replayedDocuments < 302 + 400,
          "the new documents and about half of the 603 old ones: " + replayedDocuments);
    }
    // The replay's subsampling: a threshold so low that every occurrence is dropped (keep
    // probability below 2^-24 for every word) leaves each word where the update put it, the
    // model's words bit for bit (frozen in the update), while the update still placed the new ones.
    Path dropped = dir.resolve("dropped");
    ok(
        "update",
        model.toString(),
        "--replay",
        "--replay-sample",
        "1e-30",
        "--out",
        dropped.toString(),
        "--threads",
        "1",
        "--quiet");
    Map<String, float[]> untrained = vectors(dropped);
    for (String word : before.keySet()) {
      assertArrayEquals(before.get(word), untrained.get(word), "nothing replayed: " + word);
    }
    assertTrue(untrained.containsKey("zebra") && untrained.containsKey("quokka"));
    Map<String, float[]> after = vectors(replayed);
    Map<String, float[]> repeat = vectors(again);
    assertEquals(after.keySet(), repeat.keySet());
    for (String word : after.keySet()) {
      assertArrayEquals(after.get(word), repeat.get(word), "one thread, one seed: " + word);
    }
    assertFalse(
        java.util.Arrays.equals(before.get("cat"), after.get("cat")),
        "a replay moves the words the model had");
    try (VectorStore store = VectorStore.open(replayed)) {
      Map<String, String> meta = store.metadata();
      assertEquals(
          Long.toString(tokens(oldLines) + tokens(newLines)),
          meta.get(VectorStore.KEY_CORPUS_TOKENS),
          "old and new documents trained on");
      assertEquals("update", meta.get("lineage.0002.kind"));
      assertEquals("302", meta.get("lineage.0002.documents"), "the new documents first");
      assertEquals("replay", meta.get("lineage.0003.kind"));
      assertEquals("905", meta.get("lineage.0003.documents"), "then all of them");
      assertEquals("3", meta.get("param.epochs"), "the model's own schedule is kept for later");
      for (String word : List.of("the", "cat", "zebra", "quokka")) {
        assertEquals(
            occurrences(oldLines, word) + occurrences(newLines, word),
            store.count(word),
            word + ": the old documents are counted once");
      }
    }
  }

  /** Lines where "machine learning" always comes as a pair, among filler words. */
  private static List<String> phraseText(int lines, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<String> out = new ArrayList<>();
    for (int d = 0; d < lines; d++) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 20; i++) {
        sb.append(r.nextInt(8) == 0 ? "machine learning " : "w" + r.nextInt(100) + " ");
      }
      out.add(sb.toString());
    }
    return out;
  }

  @Test
  void anUpdateKeepsTheModelsPhrasesAndUpdatesAModelTheFacadeTrained() throws Exception {
    Path old = dir.resolve("old.txt");
    Path more = dir.resolve("more.txt");
    Files.write(old, phraseText(200, 1));
    Files.write(more, phraseText(100, 2));
    Path idx = dir.resolve("idx");
    ok("index", "--input", old.toString(), "--index", idx.toString(), "--threads", "1");
    Path model = dir.resolve("model");
    ok(
        "train",
        "--index",
        idx.toString(),
        "--phrases",
        "--phrase-threshold",
        "5",
        "--dim",
        "8",
        "--epochs",
        "1",
        "--threads",
        "1",
        "--min-count",
        "1",
        "--quiet",
        "--out",
        model.toString());
    assertEquals(List.of("machine_learning"), PhraseList.read(model).tokens());
    Path facade = dir.resolve("facade");
    Lexica.TrainOptions small =
        Lexica.TrainOptions.defaults()
            .withMinCount(1)
            .withWord2Vec(
                Word2VecOptions.builder().dimension(8).epochs(1).threads(1).seed(1).build());
    Lexica.train(idx, "body", facade, small).close();

    ok("index", "--append", "--input", more.toString(), "--index", idx.toString());
    ok("update", model.toString(), "--threads", "1", "--quiet");
    assertEquals(
        List.of("machine_learning"),
        PhraseList.read(model).tokens(),
        "the phrases stay with the updated model: its phrase rows are still its words");
    // Lexica.train records the index's commit, so 'lexica update' finds what was added since;
    // it records its run as lexica train does (the same pipeline), so the update is the second step
    ok("update", facade.toString(), "--threads", "1", "--quiet");
    Map<String, String> meta = ModelFiles.metadata(facade);
    assertEquals("train", meta.get("lineage.0001.kind"));
    assertEquals("update", meta.get("lineage.0002.kind"));
    assertEquals("100", meta.get("lineage.0002.documents"));
  }

  @Test
  void modelsWithoutARecordOfTheirIndexAndOtherInputsAreRefused() throws Exception {
    Path text = dir.resolve("t.txt");
    Files.write(text, text(200, 3, null));
    Path model = dir.resolve("m");
    ok(
        "train",
        "--input",
        text.toString(),
        "--dim",
        "8",
        "--epochs",
        "1",
        "--threads",
        "1",
        "--quiet",
        "--out",
        model.toString());
    Run noIndex = lexica("update", model.toString());
    assertEquals(3, noIndex.code());
    assertTrue(noIndex.err().contains("does not record which documents"), noIndex.err());
    Path idx = dir.resolve("idx");
    ok("index", "--input", text.toString(), "--index", idx.toString());
    Run r = lexica("update", model.toString(), "--index", idx.toString());
    assertEquals(3, r.code());
    assertTrue(r.err().contains("does not record which documents"), r.err());
    Run inside = lexica("update", model.toString(), "--index", dir.toString());
    assertEquals(3, inside.code(), "an index holding the model: the model would replace an input");
    Run input = lexica("update", model.toString(), "--input", text.toString());
    assertEquals(3, input.code());
    assertFalse(input.err().contains("Exception"), input.err());
  }
}
