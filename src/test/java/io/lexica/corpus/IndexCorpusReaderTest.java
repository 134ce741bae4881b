package io.lexica.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.corpus.IndexCorpusReader.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Round trip: randomized documents indexed over several segments with deletions read back as
 * exactly the analyzer's token sequences (gaps where stop words were, one token per stacked
 * position) by each reconstruction method, and the index files are left byte-identical.
 */
class IndexCorpusReaderTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void everyMethodRebuildsTheAnalyzersTokens(long seed) throws Exception {
    Random random = new Random(seed);
    Map<String, String[]> docs = TestIndexes.randomDocs(random, 80);
    List<String> deleted = new ArrayList<>();
    for (String id : docs.keySet()) {
      if (random.nextInt(8) == 0) {
        deleted.add(id);
      }
    }
    Path dir = tmp.resolve("index");
    TestIndexes.write(dir, TestIndexes.STACKING, docs, deleted);
    Map<String, String> before = TestIndexes.checksums(dir);

    Map<String, String[]> live = new TreeMap<>(docs);
    deleted.forEach(live::remove);
    Map<String, Long> expectedCounts;
    try (Analyzer a = TestIndexes.STACKING.create()) {
      expectedCounts = TestIndexes.counts(a, live.values().stream().map(d -> d[1]).toList());
    }
    Map<Integer, String> idOf = storedIds(dir);

    for (Method method : List.of(Method.TERM_VECTORS, Method.POSTINGS, Method.REANALYZE)) {
      try (IndexCorpusReader reader =
          IndexCorpusReader.open(dir, List.of("body"))
              .method(method)
              .threads(2)
              .batchPositions(500)) {
        Vocabulary vocabulary = reader.vocabulary();
        // Deleted documents are not counted, although the terms dictionary still holds them.
        assertEquals(expectedCounts.size(), vocabulary.size(), method + ": vocabulary size");
        for (Map.Entry<String, Long> e : expectedCounts.entrySet()) {
          int id = vocabulary.id(e.getKey());
          assertTrue(id >= 0, e.getKey());
          assertEquals(e.getValue(), vocabulary.count(id), method + ": count of " + e.getKey());
        }
        Map<String, Integer> rank = new HashMap<>();
        for (int i = 0; i < vocabulary.size(); i++) {
          rank.put(vocabulary.word(i), i);
        }
        Map<String, List<String>> actual = TestIndexes.read(reader, vocabulary);
        Map<String, List<String>> expected = new TreeMap<>();
        try (Analyzer a = TestIndexes.STACKING.create()) {
          for (Map.Entry<Integer, String> e : idOf.entrySet()) {
            if (live.containsKey(e.getValue())) {
              List<String> words = TestIndexes.expected(a, live.get(e.getValue())[1], rank);
              if (!words.isEmpty()) {
                expected.put(e.getKey() + "/0", words);
              }
            }
          }
        }
        assertEquals(expected, actual, method.toString());
        assertTrue(actual.values().stream().anyMatch(l -> l.contains(null)), "has gaps");
      }
      assertEquals(before, TestIndexes.checksums(dir), method + " left the index unchanged");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"AUTO", "POSTINGS"})
  void fieldsAreSeparateSequencesAndPrunedWordsAreDropped(String m) throws Exception {
    Random random = new Random(7);
    Map<String, String[]> docs = TestIndexes.randomDocs(random, 40);
    Path dir = tmp.resolve("index");
    TestIndexes.write(dir, TestIndexes.STACKING, docs, List.of());
    Map<Integer, String> idOf = storedIds(dir);
    try (IndexCorpusReader reader =
        IndexCorpusReader.open(dir, List.of("title", "body")).method(Method.valueOf(m))) {
      Vocabulary full = reader.vocabulary();
      Vocabulary pruned = full.prune(full.count(full.size() / 2), 0);
      Set<String> kept = new java.util.HashSet<>();
      for (int i = 0; i < pruned.size(); i++) {
        kept.add(pruned.word(i));
      }
      Map<String, List<String>> actual = TestIndexes.read(reader, pruned);
      Map<String, Integer> rank = new HashMap<>();
      for (int i = 0; i < full.size(); i++) {
        rank.put(full.word(i), i);
      }
      try (Analyzer a = TestIndexes.STACKING.create()) {
        for (Map.Entry<Integer, String> e : idOf.entrySet()) {
          String[] doc = docs.get(e.getValue());
          for (int f = 0; f < 2; f++) {
            List<String> words = new ArrayList<>(TestIndexes.expected(a, doc[f], rank));
            // A pruned word is dropped, not a gap. Pruning keeps a prefix of the frequency order,
            // so a stacked position keeps a word exactly when its most frequent token is kept.
            List<String> want = new ArrayList<>();
            for (String w : words) {
              want.add(w == null ? null : kept.contains(w) ? w : "<dropped>");
            }
            List<String> got = actual.get(e.getKey() + "/" + f);
            if (want.isEmpty()) {
              assertEquals(null, got);
              continue;
            }
            assertEquals(want, got, e.getValue() + " field " + f);
          }
        }
      }
      assertFalse(actual.isEmpty());
    }
  }

  private static Map<Integer, String> storedIds(Path dir) throws Exception {
    Map<Integer, String> out = new TreeMap<>();
    try (FSDirectory d = FSDirectory.open(dir);
        DirectoryReader r = DirectoryReader.open(d)) {
      for (int doc = 0; doc < r.maxDoc(); doc++) {
        out.put(doc, r.storedFields().document(doc).get("id"));
      }
    }
    return out;
  }
}
