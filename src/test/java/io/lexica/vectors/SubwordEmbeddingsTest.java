package io.lexica.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubwordEmbeddingsTest {
  @TempDir Path dir;

  private FastTextModel tiny() throws IOException {
    Path p = dir.resolve("tiny.bin");
    try (InputStream in = getClass().getResourceAsStream("fasttext-tiny.bin")) {
      Files.copy(in, p);
    }
    return FastTextBin.read(p, false);
  }

  @Test
  void knownWordsKeepTheirVectorsUnknownOnesComeFromNgrams() throws IOException {
    FastTextModel m = tiny();
    Embeddings plain = new ExactEmbeddings(m.wordVectors());
    Embeddings e = new SubwordEmbeddings(plain, m.ngrams());
    assertArrayEquals(plain.unitVector("cat"), e.unitVector("cat"));
    assertFalse(e.contains("cats"));
    float[] cats = e.unitVector("cats");
    assertNotNull(cats);
    float[] expected = m.ngrams().vector("cats");
    WordVectors.normalizeRow(expected, 0, expected.length);
    assertArrayEquals(expected, cats, 1e-6f);
    assertFalse(e.nearest("cats", 3, -1f).isEmpty());
    assertFalse(e.nearest("北京大学", 3, -1f).isEmpty(), "Chinese words get character n-grams");
    assertTrue(Float.isFinite(e.similarity("cat", "cats")));
    assertEquals(0, e.count("cats"));
    assertEquals(plain.size(), e.size());
  }

  @Test
  void aWordWhoseNgramsWereNeverTrainedHasNoVector() {
    Subwords sw = new Subwords(3, 3, 1000);
    int dim = 2;
    int[] rowOfBucket = new int[1000];
    Arrays.fill(rowOfBucket, -1);
    int[] abc = sw.buckets("abc"); // "<ab", "abc", "bc>"
    float[] input = new float[(1 + abc.length) * dim];
    for (int i = 0; i < abc.length; i++) {
      rowOfBucket[abc[i]] = i;
      input[(1 + i) * dim] = 1f;
    }
    SubwordMatrix ngrams = SubwordMatrix.sparse(sw, dim, input, 1, rowOfBucket);
    WordVectors words = new WordVectors(List.of("abc"), new float[] {1f, 0f}, dim, null);
    Embeddings e = new SubwordEmbeddings(new ExactEmbeddings(words), ngrams);
    assertArrayEquals(new float[] {1f, 0f}, e.unitVector("xabc"), "shares \"abc\" and \"bc>\"");
    assertNull(e.unitVector("zzzz"), "no n-gram of zzzz was trained");
    assertTrue(Float.isNaN(e.similarity("abc", "zzzz")));
  }

  @Test
  void aModelDirectoryWithAnNgramFileGetsSubwordVectors() throws IOException {
    FastTextModel m = tiny();
    Embeddings plain = new ExactEmbeddings(m.wordVectors());
    Path model = Files.createDirectories(dir.resolve("model"));
    assertSame(plain, SubwordEmbeddings.withSubwords(model, plain), "no n-gram file: unchanged");
    m.ngrams().write(model.resolve(SubwordMatrix.FILE_NAME));
    Embeddings e = SubwordEmbeddings.withSubwords(model, plain);
    assertNotNull(e.unitVector("naïveté"));
    assertArrayEquals(plain.unitVector("cat"), e.unitVector("cat"));
  }
}
