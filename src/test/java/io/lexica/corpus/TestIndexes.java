package io.lexica.corpus;

import io.lexica.analysis.AnalyzerSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.FSDirectory;

/** Builds small randomized indexes and the token sequences their analyzer must yield. */
final class TestIndexes {
  private TestIndexes() {}

  /** Words with inflections (stacked stems) and stop words (gaps). */
  static final String[] WORDS = {
    "the",
    "a",
    "of",
    "and",
    "cat",
    "cats",
    "dog",
    "dogs",
    "running",
    "runs",
    "run",
    "Runner",
    "lucene",
    "index",
    "indexes",
    "indexing",
    "vector",
    "vectors",
    "word",
    "words",
    "train",
    "trained",
    "training",
    "query",
    "queries",
    "search",
    "searching",
    "is",
    "was",
    "to",
    "be",
    "river",
    "bank",
    "banks",
    "money",
    "Paris",
    "France",
    "king",
    "queen",
    "zebra",
    "quark",
    "x1",
    "héllo",
    "日本"
  };

  /** A chain with stop words (gaps) and stems stacked on their originals (shared positions). */
  static final AnalyzerSpec STACKING =
      AnalyzerSpec.parse(
          "tokenizer=whitespace;filter=lowercase;filter=stop;filter=keywordrepeat;"
              + "filter=porterstem;filter=removeduplicates");

  /** Random documents: id -> {title, body}. Zipf-like word choice, some long and empty bodies. */
  static Map<String, String[]> randomDocs(Random random, int n) {
    Map<String, String[]> docs = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      int length = random.nextInt(10) == 0 ? 1000 + random.nextInt(800) : random.nextInt(60);
      docs.put("d" + i, new String[] {text(random, 1 + random.nextInt(6)), text(random, length)});
    }
    return docs;
  }

  static String text(Random random, int words) {
    StringBuilder sb = new StringBuilder();
    for (int w = 0; w < words; w++) {
      double u = random.nextDouble();
      int idx = (int) (WORDS.length * u * u); // more weight on the first words
      sb.append(w == 0 ? "" : " ").append(WORDS[idx]);
    }
    return sb.toString();
  }

  /**
   * Indexes docs the way an ordinary Lucene application would: body with positions, stored, term
   * vectors with positions; title with positions, stored, no term vectors; several segments;
   * deletes the given ids; records the analyzer spec in the commit.
   */
  static void write(Path dir, AnalyzerSpec spec, Map<String, String[]> docs, List<String> deleted)
      throws IOException {
    FieldType body = new FieldType();
    body.setTokenized(true);
    body.setStored(true);
    body.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
    body.setStoreTermVectors(true);
    body.setStoreTermVectorPositions(true);
    body.freeze();
    FieldType title = new FieldType(body);
    title.setStoreTermVectors(false);
    title.setStoreTermVectorPositions(false);
    title.freeze();
    try (Analyzer a = spec.create();
        FSDirectory d = FSDirectory.open(dir);
        IndexWriter w =
            new IndexWriter(
                d,
                new IndexWriterConfig(a)
                    .setMaxBufferedDocs(17)
                    .setMergePolicy(NoMergePolicy.INSTANCE))) {
      for (Map.Entry<String, String[]> e : docs.entrySet()) {
        Document doc = new Document();
        doc.add(new StringField("id", e.getKey(), Field.Store.YES));
        doc.add(new Field("title", e.getValue()[0], title));
        doc.add(new Field("body", e.getValue()[1], body));
        w.addDocument(doc);
      }
      for (String id : deleted) {
        w.deleteDocuments(new Term("id", id));
      }
      w.setLiveCommitData(Map.of(AnalyzerSpec.USER_DATA_KEY, spec.toString()).entrySet());
      w.commit();
    }
  }

  /**
   * The analyzer's output for {@code text} by position, as the corpus must rebuild it: null where
   * no token is, and where tokens stack the one the {@code rank} function ranks lowest (the most
   * frequent word).
   */
  static List<String> expected(Analyzer a, String text, Map<String, Integer> rank) {
    TreeMap<Integer, String> byPosition = new TreeMap<>();
    try (TokenStream ts = a.tokenStream("body", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      int pos = -1;
      while (ts.incrementToken()) {
        pos += inc.getPositionIncrement();
        String w = term.toString();
        byPosition.merge(pos, w, (x, y) -> rank.get(x) <= rank.get(y) ? x : y);
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> out = new ArrayList<>();
    if (byPosition.isEmpty()) {
      return out;
    }
    for (int p = 0; p <= byPosition.lastKey(); p++) {
      out.add(byPosition.get(p));
    }
    return out;
  }

  /** Counts of each token over the given texts (stacked tokens included, as the index counts). */
  static Map<String, Long> counts(Analyzer a, Iterable<String> texts) {
    Map<String, Long> counts = new HashMap<>();
    for (String text : texts) {
      try (TokenStream ts = a.tokenStream("body", text)) {
        CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
        ts.reset();
        while (ts.incrementToken()) {
          counts.merge(term.toString(), 1L, Long::sum);
        }
        ts.end();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return counts;
  }

  /**
   * SHA-256 of every file under {@code dir}, by relative name: to prove an index was not touched.
   */
  static Map<String, String> checksums(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        try {
          MessageDigest md = MessageDigest.getInstance("SHA-256");
          out.put(
              dir.relativize(p).toString(),
              HexFormat.of().formatHex(md.digest(Files.readAllBytes(p))));
        } catch (java.security.NoSuchAlgorithmException e) {
          throw new AssertionError(e);
        }
      }
    }
    return out;
  }

  /** Collects a source's documents as words by position (null for gaps), keyed by doc and field. */
  static Map<String, List<String>> read(TokenSource source, Vocabulary vocabulary) {
    Map<String, List<String>> out = new TreeMap<>();
    int[] last = {-1};
    source.forEachDocument(
        vocabulary,
        (doc, field, ids, offset, length) -> {
          if (doc < last[0]) {
            throw new AssertionError("documents out of order: " + doc + " after " + last[0]);
          }
          last[0] = doc;
          List<String> words = new ArrayList<>();
          for (int i = 0; i < length; i++) {
            int id = ids[offset + i];
            words.add(
                id >= 0 ? vocabulary.word(id) : id == CorpusBuilder.DROPPED ? "<dropped>" : null);
          }
          while (!words.isEmpty() && words.get(words.size() - 1) == null) {
            words.remove(words.size() - 1);
          }
          out.put(doc + "/" + field, words);
        });
    return out;
  }
}
