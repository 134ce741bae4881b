package io.lexica.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.LexicaException;
import io.lexica.analysis.AnalyzerSpec;
import io.lexica.corpus.IndexCorpusReader;
import io.lexica.corpus.Vocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MergePolicy;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An index grows by commits; a snapshot taken after the first must select exactly the documents
 * added later, through deletions, updates and merges.
 */
class DocumentSelectionTest {
  @TempDir Path dir;
  @TempDir Path inputs;

  private long sequence;
  private String sequenceField = "seq";

  /** A writer that never merges. */
  private IndexWriter writer() throws IOException {
    return writer(NoMergePolicy.INSTANCE);
  }

  private IndexWriter writer(MergePolicy policy) throws IOException {
    IndexWriterConfig config = new IndexWriterConfig(new StandardAnalyzer());
    config.setMergePolicy(policy);
    return new IndexWriter(FSDirectory.open(dir), config);
  }

  /** Adds documents "id<TAB>text", each with the next sequence number, in one commit. */
  private void add(IndexWriter w, String... docs) throws IOException {
    for (String d : docs) {
      w.addDocument(doc(d));
    }
    w.commit();
  }

  private Document doc(String d) {
    String[] parts = d.split("\t");
    Document doc = new Document();
    doc.add(new StringField("id", parts[0], Field.Store.YES));
    doc.add(new TextField("body", parts[1], Field.Store.YES));
    doc.add(new LongPoint(sequenceField, sequence++));
    return doc;
  }

  private IndexSnapshot snapshot() throws IOException {
    try (DirectoryReader r = DirectoryReader.open(FSDirectory.open(dir))) {
      return IndexSnapshot.of(r);
    }
  }

  /** The ids of the selected documents and the vocabulary the corpus reader counts on them. */
  private record Selected(List<String> ids, Vocabulary vocabulary, String description) {}

  private Selected select(IndexSnapshot since, String field) throws IOException {
    try (IndexCorpusReader reader = IndexCorpusReader.open(dir, List.of("body"));
        DocumentSelection sel = DocumentSelection.addedSince(reader.index(), since, field)) {
      List<String> ids = ids(sel);
      if (sel.isEmpty()) {
        return new Selected(ids, null, sel.describe());
      }
      Vocabulary v = reader.select(sel).vocabulary();
      return new Selected(new ArrayList<>(new TreeSet<>(ids)), v, sel.describe());
    }
  }

  @Test
  void theDocumentsOfNewSegmentsAreNewAndOnlyTheirWordsAreCounted() throws IOException {
    try (IndexWriter w = writer()) {
      add(w, "a\tthe cat sat", "b\tthe dog ran");
      IndexSnapshot since = snapshot();
      assertTrue(select(since, null).ids().isEmpty(), "nothing added yet");
      add(w, "c\tthe zebra ran", "d\ta zebra and a cat");
      add(w, "e\tthe okapi");
      Selected s = select(since, null);
      assertEquals(List.of("c", "d", "e"), s.ids());
      assertEquals(2, s.vocabulary().count(s.vocabulary().id("zebra")));
      assertEquals(1, s.vocabulary().count(s.vocabulary().id("cat")), "the old 'cat' not counted");
      assertEquals(-1, s.vocabulary().id("dog"), "old documents' words are not read");
      assertTrue(s.description().startsWith("2 new segments of 3 (3 documents)"), s.description());
      // By sequence the same documents are new.
      assertEquals(List.of("c", "d", "e"), select(since, "seq").ids());
    }
  }

  /** The ids of the selected documents, checked against the selection's count. */
  private static List<String> ids(DocumentSelection sel) throws IOException {
    List<String> ids = new ArrayList<>();
    var stored = sel.reader().storedFields();
    var live = org.apache.lucene.index.MultiBits.getLiveDocs(sel.reader());
    for (int d = 0; d < sel.reader().maxDoc(); d++) {
      if (live == null || live.get(d)) {
        ids.add(stored.document(d).get("id"));
      }
    }
    assertEquals(ids.size(), sel.documents());
    return ids;
  }

  /** The ids of the documents a replay with {@code share} of the old ones selects. */
  private List<String> replayed(IndexSnapshot since, double share, long seed) throws IOException {
    try (DirectoryReader index = DirectoryReader.open(FSDirectory.open(dir));
        DocumentSelection fresh = DocumentSelection.addedSince(index, since, null);
        DocumentSelection sel = fresh.withShareOfOthers(index, share, seed)) {
      return ids(sel);
    }
  }

  @Test
  void aReplayTakesTheNewDocumentsAndASeededShareOfTheOthers() throws IOException {
    try (IndexWriter w = writer()) {
      List<String> old = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        old.add("o" + i + "\tthe cat sat " + i);
      }
      add(w, old.subList(0, 200).toArray(new String[0]));
      add(w, old.subList(200, 400).toArray(new String[0]));
      w.deleteDocuments(new Term("id", "o7")); // deleted: never drawn
      w.commit();
      IndexSnapshot since = snapshot();
      add(w, "n1\tthe zebra ran", "n2\ta zebra and a cat");
      List<String> half = replayed(since, 0.5, 42);
      assertTrue(half.containsAll(List.of("n1", "n2")), "every new document");
      assertTrue(half.size() > 2 + 150 && half.size() < 2 + 250, "about half: " + half.size());
      assertTrue(!half.contains("o7"));
      assertEquals(half, replayed(since, 0.5, 42), "the same seed draws the same documents");
      assertTrue(!half.equals(replayed(since, 0.5, 43)), "another seed, others");
      assertEquals(List.of("n1", "n2"), replayed(since, 0, 42));
      assertEquals(2 + 399, replayed(since, 1, 42).size(), "all live documents");
    }
  }

  @Test
  void deletedDocumentsAreGoneAndUpdatedOnesAreNew() throws IOException {
    try (IndexWriter w = writer()) {
      add(w, "a\tthe cat sat", "b\tthe dog ran", "c\tthe cow");
      IndexSnapshot since = snapshot();
      w.deleteDocuments(new Term("id", "a")); // deleted: not selected, nothing else
      w.updateDocument(new Term("id", "b"), doc("b\tthe dog ran home")); // updated: new
      add(w, "d\tthe zebra ran");
      w.deleteDocuments(new Term("id", "d")); // added then deleted: gone
      w.commit();
      assertEquals(List.of("b"), select(since, null).ids());
      assertEquals(List.of("b"), select(since, "seq").ids());
    }
  }

  @Test
  void afterAMergeSegmentsCannotTellButASequenceFieldCan() throws IOException {
    try (IndexWriter w = writer(new TieredMergePolicy())) {
      add(w, "a\tthe cat sat", "b\tthe dog ran");
      add(w, "c\tthe cow");
      IndexSnapshot since = snapshot();
      add(w, "d\tthe zebra ran", "e\tthe okapi");
      w.forceMerge(1);
      w.commit();
      LexicaException e = assertThrows(LexicaException.class, () -> select(since, null));
      assertTrue(e.getMessage().contains("2 of the 2 segments"), e.getMessage());
      assertTrue(e.remedy().contains("--sequence-field") && e.remedy().contains("seq"));
      Selected s = select(since, "seq");
      assertEquals(List.of("d", "e"), s.ids(), "one segment, partly selected");
      assertEquals(2, s.vocabulary().count(s.vocabulary().id("the")));
      assertEquals(-1, s.vocabulary().id("cat"), "the old documents of the segment look deleted");
      assertThrows(LexicaException.class, () -> select(since, "nope"));
    }
  }

  @Test
  void openSearchSequenceNumbersAreUsedWhenSegmentsWereMerged() throws IOException {
    sequenceField = IndexSnapshot.OPENSEARCH_SEQ_NO;
    try (IndexWriter w = writer(new TieredMergePolicy())) {
      add(w, "a\tthe cat sat", "b\tthe dog ran");
      add(w, "c\tthe cow");
      IndexSnapshot since = snapshot();
      add(w, "d\tthe zebra ran");
      w.forceMerge(1);
      w.commit();
      Selected s = select(since, null);
      assertEquals(List.of("d"), s.ids());
      assertTrue(s.description().contains("_seq_no past its recorded maximum"), s.description());
    }
  }

  @Test
  void anIndexLexicaBuiltIsFollowedThroughMergesByItsIndexingRuns() throws IOException {
    Indexer indexer = new Indexer(AnalyzerSpec.builtIn("standard")).threads(2);
    indexer.index(List.of(lines("old.txt", "the cat sat", "the dog ran", "the cow")), dir);
    IndexSnapshot first = snapshot();
    assertEquals("8000000000000001", first.sequenceMax().get(Indexer.RUN), "run 1");
    indexer.append(List.of(lines("more.txt", "a zebra ran", "an okapi")), dir);
    IndexSnapshot second = snapshot();
    indexer.forceMerge(true); // the third run merges everything, old and new, into one segment
    indexer.append(List.of(lines("last.txt", "the gnu")), dir);
    assertEquals(1, snapshot().segments().size());

    Selected sinceFirst = select(first, null);
    assertEquals(List.of("zebra", "okapi", "gnu"), words(sinceFirst), "runs 2 and 3");
    assertTrue(
        sinceFirst.description().contains("lexica.run past its recorded maximum"),
        sinceFirst.description());
    assertEquals(List.of("gnu"), words(select(second, null)), "run 3 only");
  }

  /** Writes a text file of one document a line (outside the index). */
  private Path lines(String name, String... docs) throws IOException {
    return Files.write(inputs.resolve(name), List.of(docs));
  }

  /** The selected documents' words that only one of them has, in order of first occurrence. */
  private static List<String> words(Selected s) {
    List<String> out = new ArrayList<>();
    for (String w : List.of("cat", "dog", "cow", "zebra", "okapi", "gnu")) {
      if (s.vocabulary().id(w) >= 0) {
        out.add(w);
      }
    }
    return out;
  }

  @Test
  void aSegmentWhoseDocumentsWereAllDeletedIsNoMerge() throws IOException {
    try (IndexWriter w = writer()) {
      add(w, "a\tthe cat sat");
      add(w, "b\tthe dog ran");
      IndexSnapshot since = snapshot();
      w.deleteDocuments(new Term("id", "a")); // its segment is dropped
      add(w, "c\tthe cow");
      assertEquals(List.of("c"), select(since, null).ids());
    }
  }

  @Test
  void theSnapshotRoundTripsThroughModelMetadata() throws IOException {
    try (IndexWriter w = writer()) {
      add(w, "a\tthe cat sat");
      add(w, "b\tthe dog ran");
      IndexSnapshot s = snapshot();
      assertEquals(2, s.segments().size());
      assertEquals(2, s.documents());
      assertEquals("8000000000000001", s.sequenceMax().get("seq"), "LongPoint's sortable bytes");
      assertEquals(s, IndexSnapshot.fromMetadata(s.toMetadata()));
      assertThrows(LexicaException.class, () -> IndexSnapshot.fromMetadata(Map.of()));
    }
  }
}
