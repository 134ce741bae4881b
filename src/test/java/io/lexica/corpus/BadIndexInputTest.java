package io.lexica.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.LexicaException;
import io.lexica.analysis.AnalyzerSpec;
import io.lexica.corpus.IndexCorpusReader.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of bad input gives a LexicaException that names the remedy; indexes stay unchanged. */
class BadIndexInputTest {
  @TempDir Path tmp;

  private static LexicaException fails(Path dir, List<String> fields, Method method) {
    return assertThrows(
        LexicaException.class,
        () -> {
          try (IndexCorpusReader r = IndexCorpusReader.open(dir, fields).method(method)) {
            TestIndexes.read(r, r.vocabulary());
          }
        });
  }

  /** Body text with positions, not stored; tags indexed as single terms, not stored. */
  private Path plainIndex(boolean recordAnalyzer) throws Exception {
    Path dir = tmp.resolve("plain");
    try (FSDirectory d = FSDirectory.open(dir);
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig(new StandardAnalyzer()))) {
      for (int i = 0; i < 5; i++) {
        Document doc = new Document();
        doc.add(new TextField("body", "some text number " + i, Field.Store.NO));
        doc.add(new StringField("tags", "tag" + i, Field.Store.NO));
        w.addDocument(doc);
      }
      if (recordAnalyzer) {
        w.setLiveCommitData(Map.of(AnalyzerSpec.USER_DATA_KEY, "standard").entrySet());
      }
      w.commit();
    }
    return dir;
  }

  @Test
  void missingDirectoryAndNonIndex() throws Exception {
    LexicaException e = fails(tmp.resolve("nope"), List.of("body"), Method.AUTO);
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    assertTrue(e.remedy().contains("lexica index"), e.remedy());
    Path notIndex = Files.createDirectories(tmp.resolve("docs"));
    Files.writeString(notIndex.resolve("readme.txt"), "hello");
    e = fails(notIndex, List.of("body"), Method.AUTO);
    assertTrue(e.getMessage().contains("not a Lucene index"), e.getMessage());
    assertTrue(e.remedy().contains("segments_N"), e.remedy());
  }

  @Test
  void unknownFieldListsTheFields() throws Exception {
    Path dir = plainIndex(true);
    Map<String, String> before = TestIndexes.checksums(dir);
    LexicaException e = fails(dir, List.of("text"), Method.AUTO);
    assertTrue(e.getMessage().contains("no field 'text'"), e.getMessage());
    assertTrue(e.remedy().contains("body, tags"), e.remedy());
    assertEquals(before, TestIndexes.checksums(dir));
  }

  @Test
  void fieldWithoutPositionsOrStoredValues() throws Exception {
    Path dir = plainIndex(true);
    Map<String, String> before = TestIndexes.checksums(dir);
    LexicaException e = fails(dir, List.of("tags"), Method.AUTO);
    assertTrue(e.getMessage().contains("neither positions nor stored values"), e.getMessage());
    assertTrue(e.remedy().contains("re-index"), e.remedy());
    e = fails(dir, List.of("body"), Method.TERM_VECTORS);
    assertTrue(e.getMessage().contains("no term vectors"), e.getMessage());
    e = fails(dir, List.of("body"), Method.REANALYZE);
    assertTrue(e.getMessage().contains("no stored values"), e.getMessage());
    assertTrue(e.remedy().contains("--method postings"), e.remedy());
    try (IndexCorpusReader r = IndexCorpusReader.open(dir, List.of("body"))) {
      assertEquals(20, r.vocabulary().totalCount()); // the postings still work
    }
    assertEquals(before, TestIndexes.checksums(dir));
  }

  @Test
  void reanalysisNeedsAnAnalyzerWhenNoneIsRecorded() throws Exception {
    Path dir = tmp.resolve("stored");
    try (FSDirectory d = FSDirectory.open(dir);
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig(new StandardAnalyzer()))) {
      Document doc = new Document();
      doc.add(new TextField("body", "Stored Text here", Field.Store.YES));
      w.addDocument(doc);
      w.commit();
    }
    LexicaException e = fails(dir, List.of("body"), Method.REANALYZE);
    assertTrue(e.remedy().contains("--analyzer"), e.remedy());
    try (IndexCorpusReader r =
        IndexCorpusReader.open(dir, List.of("body"))
            .method(Method.REANALYZE)
            .analyzer(AnalyzerSpec.parse("standard"))) {
      assertEquals(
          Map.of("0/0", List.of("stored", "text", "here")), TestIndexes.read(r, r.vocabulary()));
    }
  }

  @Test
  void emptyAndFullyDeletedIndexes() throws Exception {
    Path empty = tmp.resolve("empty");
    try (FSDirectory d = FSDirectory.open(empty);
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig(new StandardAnalyzer()))) {
      w.commit();
    }
    LexicaException e = fails(empty, List.of("body"), Method.AUTO);
    assertTrue(e.getMessage().contains("no documents"), e.getMessage());
    assertTrue(e.remedy().contains("lexica index"), e.remedy());

    Path dir = plainIndex(true);
    try (FSDirectory d = FSDirectory.open(dir);
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig(new StandardAnalyzer()))) {
      w.deleteDocuments(new Term("body", "text"));
      w.commit();
    }
    e = fails(dir, List.of("body"), Method.AUTO); // Lucene drops fully deleted segments
    assertTrue(e.getMessage().contains("no documents"), e.getMessage());
  }

  @Test
  void corruptIndexIsReportedNotThrownRaw() throws Exception {
    Path dir = plainIndex(true);
    for (Path p : Files.list(dir).toList()) {
      if (p.getFileName().toString().startsWith("segments_")) {
        byte[] b = Files.readAllBytes(p);
        b[b.length / 2] ^= 0x7f;
        Files.write(p, b);
      }
    }
    LexicaException e = fails(dir, List.of("body"), Method.AUTO);
    assertTrue(
        e.getMessage().contains("corrupt") || e.getMessage().contains("cannot read"),
        e.getMessage());
  }
}
