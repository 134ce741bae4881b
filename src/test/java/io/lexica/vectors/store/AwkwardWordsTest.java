package io.lexica.vectors.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.vectors.FastTextBin;
import io.lexica.vectors.FastTextModel;
import io.lexica.vectors.WordVectors;
import io.lexica.vectors.formats.Dl4jZip;
import io.lexica.vectors.formats.UncheckedVectorFiles;
import io.lexica.vectors.formats.VectorFiles;
import io.lexica.vectors.formats.VectorFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Words holding control characters (a terminal's ESC in a scraped corpus), tabs, CR, DEL and
 * characters outside the BMP survive every container Lexica writes and reads: a model, every vector
 * file format (model to file to model), the DL4J zip and fastText's {@code .bin}. Before, a model
 * exported to word2vec binary with such a word could not be read back.
 */
class AwkwardWordsTest {
  @TempDir Path dir;

  private static WordVectors awkward() {
    List<String> words = UncheckedVectorFiles.AWKWARD_WORDS;
    float[] data = new float[words.size() * 4];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) Math.sin(i + 1);
    }
    return new WordVectors(words, data, 4, null);
  }

  private static void assertSame(WordVectors expected, WordVectors actual) {
    assertEquals(expected.words(), actual.words());
    assertArrayEquals(expected.data(), actual.data());
  }

  @Test
  void aModelStoresAndFindsEveryWord() {
    WordVectors v = awkward();
    Path model = dir.resolve("model");
    VectorStoreWriter.write(v, Map.of(), model, StoreOptions.DEFAULT);
    try (VectorStore store = VectorStore.open(model)) {
      assertSame(v, store.exportWordVectors());
      for (String w : v.words()) {
        assertTrue(store.contains(w), w);
        assertArrayEquals(v.vector(v.indexOf(w)), store.rawVector(w), w);
      }
    }
    assertTrue(ModelCheck.run(model).intact());
  }

  @Test
  void modelToEveryFileFormatAndBackToAModel() {
    WordVectors v = awkward();
    Path model = dir.resolve("model");
    VectorStoreWriter.write(v, Map.of(), model, StoreOptions.DEFAULT);
    for (VectorFormat format :
        new VectorFormat[] {
          VectorFormat.WORD2VEC_BINARY,
          VectorFormat.WORD2VEC_TEXT,
          VectorFormat.GLOVE,
          VectorFormat.FASTTEXT_VEC
        }) {
      Path file = dir.resolve("export." + format.id());
      try (VectorStore store = VectorStore.open(model)) {
        VectorFiles.write(store.exportWordVectors(), file, format);
      }
      Path again = dir.resolve("again-" + format.id());
      VectorStoreWriter.write(VectorFiles.read(file), Map.of(), again, StoreOptions.DEFAULT);
      try (VectorStore store = VectorStore.open(again)) {
        assertSame(v, store.exportWordVectors());
      }
    }
  }

  @Test
  void theDl4jZipAndFastTextBinHoldThemToo() {
    WordVectors v = awkward();
    Path zip = dir.resolve("w.zip");
    Dl4jZip.write(v, zip);
    assertSame(v, Dl4jZip.read(zip, VectorFiles.ReadOptions.DEFAULT).vectors());

    FastTextModel.Settings s =
        new FastTextModel.Settings(
            4,
            5,
            5,
            1,
            5,
            FastTextModel.Loss.NS,
            FastTextModel.Architecture.SKIPGRAM,
            0,
            0,
            0,
            100,
            1e-4);
    Path bin = dir.resolve("w.bin");
    FastTextBin.write(
        new FastTextModel(s, v.words(), new long[v.size()], 0, v.data(), null, null), bin);
    assertSame(v, FastTextBin.read(bin, false).wordVectors());
  }
}
