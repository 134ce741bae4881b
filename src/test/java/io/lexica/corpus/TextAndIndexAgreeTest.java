package io.lexica.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.analysis.AnalyzerSpec;
import io.lexica.index.Indexer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same text read as a plain-text corpus and through {@code lexica index} + the index gives the
 * same vocabulary, the same sequences and the same export; the index records its analyzer.
 */
class TextAndIndexAgreeTest {
  @TempDir Path tmp;

  @Test
  void textCorpusAndIndexedCorpusAreTheSame() throws Exception {
    Random random = new Random(5);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      lines.add(TestIndexes.text(random, random.nextInt(40)));
    }
    Path input = Files.write(tmp.resolve("docs.txt"), lines);
    AnalyzerSpec spec = AnalyzerSpec.parse("english");
    Path index = tmp.resolve("index");
    Indexer.Result result = new Indexer(spec).threads(1).index(List.of(input), index);
    assertEquals(lines.stream().filter(l -> !l.isBlank()).count(), result.documents());

    TextCorpusReader text = new TextCorpusReader(List.of(input), spec, null);
    try (IndexCorpusReader indexed = IndexCorpusReader.open(index, List.of(Indexer.BODY))) {
      assertEquals(spec, indexed.recordedAnalyzer());
      Vocabulary tv = text.vocabulary();
      Vocabulary iv = indexed.vocabulary();
      assertEquals(tv.size(), iv.size());
      for (int i = 0; i < tv.size(); i++) {
        assertEquals(tv.word(i), iv.word(i));
        assertEquals(tv.count(i), iv.count(i));
        assertEquals(tv.docFreq(i), iv.docFreq(i));
      }
      Vocabulary pruned = iv.prune(2, 0);
      List<List<String>> fromText = new ArrayList<>(TestIndexes.read(text, pruned).values());
      List<List<String>> fromIndex = new ArrayList<>(TestIndexes.read(indexed, pruned).values());
      assertEquals(fromText, fromIndex);
      assertTrue(
          fromText.stream().anyMatch(l -> l.contains(null)), "english leaves stop-word gaps");

      Path a = tmp.resolve("a.txt");
      Path b = tmp.resolve("b.txt");
      CorpusExporter.Result ra = CorpusExporter.export(text, pruned, a);
      CorpusExporter.export(indexed, pruned, b);
      assertEquals(Files.readAllLines(a), Files.readAllLines(b));
      List<String> exported = Files.readAllLines(a);
      assertEquals(ra.lines(), exported.size());
      long tokens = 0;
      for (String line : exported) {
        assertTrue(!line.isEmpty() && !line.contains("  ") && !line.startsWith(" "), line);
        tokens += line.split(" ").length;
      }
      assertEquals(ra.tokens(), tokens);
      EncodedCorpus corpus = indexed.encode(pruned, new CorpusBuilder(pruned));
      assertEquals(tokens, corpus.tokenCount());
      Map<String, Long> count = TestIndexes.counts(spec.create(), lines);
      assertEquals(count.get(iv.word(0)), iv.count(0));
    }
  }
}
