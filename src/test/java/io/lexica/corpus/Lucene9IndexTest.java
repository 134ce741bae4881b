package io.lexica.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.analysis.AnalyzerSpec;
import io.lexica.corpus.IndexCorpusReader.Method;
import java.lang.reflect.Constructor;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads an index written by Lucene 9.12: the test writes it with lucene-core 9.12.3 (copied to
 * target/lucene9 by Maven) in a class loader that cannot see Lucene 10, driving it by reflection,
 * then reads it through lucene-backward-codecs.
 */
class Lucene9IndexTest {
  @TempDir Path tmp;

  @Test
  void readsAnIndexWrittenByLucene912() throws Exception {
    Path jar = Path.of("target/lucene9/lucene-core-9.jar");
    assertTrue(Files.isRegularFile(jar), "run through Maven, which copies " + jar);
    Random random = new Random(912);
    Map<String, String[]> docs = TestIndexes.randomDocs(random, 30);
    Path dir = tmp.resolve("lucene9");
    try (URLClassLoader cl =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      writeWithLucene9(cl, dir, docs);
    }
    Map<String, String> before = TestIndexes.checksums(dir);
    try (FSDirectory d = FSDirectory.open(dir)) {
      assertEquals(9, SegmentInfos.readLatestCommit(d).getCommitLuceneVersion().major);
    }

    AnalyzerSpec standard = AnalyzerSpec.parse("standard"); // Lucene 9's default: no stop words
    for (Method m : List.of(Method.POSTINGS, Method.TERM_VECTORS)) {
      try (IndexCorpusReader r = IndexCorpusReader.open(dir, List.of("body")).method(m)) {
        Vocabulary v = r.vocabulary();
        Map<String, Integer> rank = new HashMap<>();
        for (int i = 0; i < v.size(); i++) {
          rank.put(v.word(i), i);
        }
        Map<String, List<String>> expected = new TreeMap<>();
        int doc = 0;
        try (Analyzer a = standard.create()) {
          for (String[] d : docs.values()) {
            List<String> words = TestIndexes.expected(a, d[1], rank);
            if (!words.isEmpty()) {
              expected.put(doc + "/0", words);
            }
            doc++;
          }
        }
        assertEquals(expected, TestIndexes.read(r, v), m.toString());
      }
    }
    assertEquals(before, TestIndexes.checksums(dir));
  }

  /** Lucene 9 API, by reflection: body = TextField-like with positions and term vectors. */
  private static void writeWithLucene9(ClassLoader cl, Path dir, Map<String, String[]> docs)
      throws Exception {
    Class<?> analyzerClass = cl.loadClass("org.apache.lucene.analysis.Analyzer");
    Class<?> directoryClass = cl.loadClass("org.apache.lucene.store.Directory");
    Class<?> configClass = cl.loadClass("org.apache.lucene.index.IndexWriterConfig");
    Class<?> writerClass = cl.loadClass("org.apache.lucene.index.IndexWriter");
    Class<?> docClass = cl.loadClass("org.apache.lucene.document.Document");
    Class<?> fieldClass = cl.loadClass("org.apache.lucene.document.Field");
    Class<?> fieldTypeClass = cl.loadClass("org.apache.lucene.document.FieldType");
    Class<?> indexableClass = cl.loadClass("org.apache.lucene.index.IndexableField");
    Class<?> indexableTypeClass = cl.loadClass("org.apache.lucene.index.IndexableFieldType");

    Object analyzer =
        cl.loadClass("org.apache.lucene.analysis.standard.StandardAnalyzer")
            .getConstructor()
            .newInstance();
    Object directory =
        cl.loadClass("org.apache.lucene.store.FSDirectory")
            .getMethod("open", Path.class)
            .invoke(null, dir);
    Object config = configClass.getConstructor(analyzerClass).newInstance(analyzer);
    configClass.getMethod("setMaxBufferedDocs", int.class).invoke(config, 11);
    Object writer =
        writerClass.getConstructor(directoryClass, configClass).newInstance(directory, config);

    Object type =
        fieldTypeClass
            .getConstructor(indexableTypeClass)
            .newInstance(
                cl.loadClass("org.apache.lucene.document.TextField")
                    .getField("TYPE_STORED")
                    .get(null));
    fieldTypeClass.getMethod("setStoreTermVectors", boolean.class).invoke(type, true);
    fieldTypeClass.getMethod("setStoreTermVectorPositions", boolean.class).invoke(type, true);
    Constructor<?> newField =
        fieldClass.getConstructor(String.class, CharSequence.class, indexableTypeClass);
    for (String[] d : docs.values()) {
      Object doc = docClass.getConstructor().newInstance();
      docClass
          .getMethod("add", indexableClass)
          .invoke(doc, newField.newInstance("body", d[1], type));
      writerClass.getMethod("addDocument", Iterable.class).invoke(writer, doc);
    }
    writerClass.getMethod("commit").invoke(writer);
    writerClass.getMethod("close").invoke(writer);
    directoryClass.getMethod("close").invoke(directory);
  }
}
