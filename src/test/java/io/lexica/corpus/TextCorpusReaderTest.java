package io.lexica.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.LexicaException;
import io.lexica.analysis.AnalyzerSpec;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.lucene.analysis.Analyzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text files analysed on worker threads give the corpus one thread gives: the same counts, document
 * frequencies, document numbers and token ids, in file order, across files and batches.
 */
class TextCorpusReaderTest {
  @TempDir Path tmp;

  @Test
  void anyNumberOfThreadsGivesTheSameCorpus() throws Exception {
    Random random = new Random(11);
    List<String> all = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    // More lines than one batch holds, a blank line (no document tokens) and a gzip file.
    for (int f = 0; f < 3; f++) {
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < 3500; i++) {
        lines.add(i == 17 ? "" : TestIndexes.text(random, 1 + random.nextInt(12)));
      }
      all.addAll(lines);
      Path p = tmp.resolve("part" + f + (f == 1 ? ".txt.gz" : ".txt"));
      byte[] bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
      if (f == 1) {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
          out.write(bytes);
        }
      } else {
        Files.write(p, bytes);
      }
      files.add(p);
    }
    AnalyzerSpec spec = AnalyzerSpec.parse("english");
    TextCorpusReader one = new TextCorpusReader(files, spec, null).threads(1);
    TextCorpusReader three = new TextCorpusReader(files, spec, null).threads(3);
    Vocabulary v1 = one.vocabulary();
    Vocabulary v3 = three.vocabulary();
    assertEquals(v1.size(), v3.size());
    for (int i = 0; i < v1.size(); i++) {
      assertEquals(v1.word(i), v3.word(i));
      assertEquals(v1.count(i), v3.count(i));
      assertEquals(v1.docFreq(i), v3.docFreq(i));
    }
    try (Analyzer a = spec.create()) {
      Map<String, Long> expected = TestIndexes.counts(a, all);
      assertEquals(expected.size(), v1.size());
      for (Map.Entry<String, Long> e : expected.entrySet()) {
        assertEquals(e.getValue(), v1.count(v1.id(e.getKey())), e.getKey());
      }
    }

    Vocabulary pruned = v1.prune(3, 0);
    List<int[]> docs1 = documents(one, pruned);
    List<int[]> docs3 = documents(three, pruned);
    assertEquals(docs1.size(), docs3.size());
    for (int i = 0; i < docs1.size(); i++) {
      assertArrayEquals(docs1.get(i), docs3.get(i), "document " + i);
    }
    // Documents are numbered across files in order, blank lines skipped; a document is handed
    // over when the analyzer leaves at least one token in it.
    List<Integer> expectedDocs = new ArrayList<>();
    try (Analyzer a = spec.create()) {
      int doc = 0;
      for (String line : all) {
        if (line.isBlank()) {
          continue;
        }
        if (!TestIndexes.counts(a, List.of(line)).isEmpty()) {
          expectedDocs.add(doc);
        }
        doc++;
      }
    }
    assertEquals(expectedDocs, docs1.stream().map(d -> d[0]).toList());
    assertTrue(expectedDocs.get(expectedDocs.size() - 1) > 7000, "the third file is read");
  }

  @Test
  void aTokenLongerThanLuceneAllowsIsAClearError() throws Exception {
    Path p = tmp.resolve("long.txt");
    Files.writeString(p, "short words\n" + "x".repeat(40_000) + "\n");
    TextCorpusReader r =
        new TextCorpusReader(
                List.of(p), AnalyzerSpec.parse("tokenizer=whitespace(maxTokenLen=100000)"), null)
            .threads(2);
    LexicaException e = assertThrows(LexicaException.class, r::vocabulary);
    assertTrue(e.getMessage().contains("40000 bytes"), e.getMessage());
  }

  /** Each document as {doc number, ids...}. */
  private static List<int[]> documents(TokenSource source, Vocabulary vocabulary) {
    List<int[]> out = new ArrayList<>();
    source.forEachDocument(
        vocabulary,
        (doc, field, ids, offset, length) -> {
          int[] d = new int[length + 1];
          d[0] = doc;
          System.arraycopy(ids, offset, d, 1, length);
          out.add(d);
        });
    return out;
  }
}
