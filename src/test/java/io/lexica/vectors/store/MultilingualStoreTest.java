package io.lexica.vectors.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.LexicaException;
import io.lexica.util.OutputPolicy;
import io.lexica.vectors.Neighbor;
import io.lexica.vectors.WordVectors;
import io.lexica.vectors.store.VectorStore.LanguageRows;
import io.lexica.vectors.store.VectorStoreWriter.LanguagePart;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultilingualStoreTest {
  @TempDir Path tmp;

  /**
   * Two languages in one 4-dimensional space. Each Chinese word points along the axis of its
   * English translation with a share of a fourth, "hub" axis; the English "hub" lies near every
   * Chinese word (cosine 0.8 to 国王, more than king's 0.6) but has a high hubness, so CSLS ranks
   * king first. "linux" is a word of both languages, with the same vector.
   */
  private Path write() {
    WordVectors zh =
        new WordVectors(
            List.of("国王", "电脑", "女王", "linux"),
            new float[] {0.6f, 0, 0, 0.8f, 0, 0.6f, 0, 0.8f, 0, 0, 0.6f, 0.8f, 0, 0.9f, 0.1f, 0},
            4,
            new long[] {40, 30, 20, 10});
    WordVectors en =
        new WordVectors(
            List.of("king", "computer", "queen", "linux", "hub"),
            new float[] {1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 3, 0, 0, 0.9f, 0.1f, 0, 0, 0, 0, 1},
            4,
            new long[] {500, 400, 300, 200, 100});
    Path dir = tmp.resolve("aligned");
    VectorStoreWriter.write(
        List.of(
            new LanguagePart("zh", zh, new float[] {0.7f, 0.7f, 0.7f, 0.5f}),
            new LanguagePart("en", en, new float[] {0.3f, 0.3f, 0.3f, 0.2f, 0.8f})),
        Map.of(VectorStore.KEY_ALGORITHM, "test"),
        dir,
        StoreOptions.DEFAULT,
        OutputPolicy.SAFE);
    return dir;
  }

  @Test
  void languagesAreRowRangesWithTheirOwnLookupsNeighboursAndExports() {
    try (VectorStore store = VectorStore.open(write())) {
      assertEquals(
          List.of(new LanguageRows("zh", 0, 4), new LanguageRows("en", 4, 9)), store.languages());
      assertEquals("zh:4,en:5", store.metadata().get(VectorStore.KEY_LANGUAGES));
      assertTrue(store.hasHubness());
      assertEquals(0.8f, store.hubness(8));
      // an unqualified lookup finds the first language's row
      assertEquals(3, store.row("linux"));
      LanguageView en = store.inLanguage("en");
      assertEquals(7, en.row("linux"));
      assertFalse(en.contains("国王"));
      assertEquals(5, en.size());
      assertEquals(200, en.count("linux"));
      assertEquals(10, store.inLanguage("zh").count("linux"));
      for (Neighbor n : en.nearest("king", 4, -1)) {
        assertTrue(en.contains(n.word()), n.word());
      }
      assertEquals("queen", en.nearest(new float[] {0, 0, 1, 0}, 1, -1, null).get(0).word());
      // the language's rows export bit for bit; the whole model has no single vocabulary
      WordVectors back = en.exportWordVectors(0);
      assertEquals(List.of("king", "computer", "queen", "linux", "hub"), back.words());
      assertArrayEquals(new float[] {0, 2, 0, 0}, back.vector(1));
      assertEquals(300, back.count(2));
      LexicaException e = assertThrows(LexicaException.class, store::exportWordVectors);
      assertTrue(e.getMessage().contains("[zh, en]"), e.getMessage());
      LexicaException unknown = assertThrows(LexicaException.class, () -> store.inLanguage("fr"));
      assertTrue(unknown.getMessage().contains("not 'fr'"), unknown.getMessage());
    }
  }

  @Test
  void crossLingualNeighboursAreTargetWordsRankedByCslsWithCosinesReported() {
    try (VectorStore store = VectorStore.open(write())) {
      for (boolean exact : new boolean[] {false, true}) {
        CrossLingualEmbeddings zhEn = store.crossLingual("zh", "en", exact);
        assertTrue(zhEn.csls());
        List<Neighbor> n = zhEn.nearest("国王", 2, -1);
        // cosines: hub 0.8, king 0.6; CSLS 2 cos - r: hub 0.8, king 0.9
        assertEquals("king", n.get(0).word(), n.toString());
        assertEquals(0.6f, n.get(0).similarity(), 1e-6);
        assertEquals("hub", n.get(1).word());
        assertEquals(0.8f, n.get(1).similarity(), 1e-6);
        // a cosine floor applies to the cosine, not to the CSLS score
        assertEquals(
            List.of("hub"), zhEn.nearest("国王", 2, 0.7f).stream().map(Neighbor::word).toList());
        // a source word spelled like a target word is not excluded from its own translations
        assertEquals("linux", zhEn.nearest("linux", 1, -1).get(0).word());
        // a word only the target language has is looked up there (mixed queries) and is among
        // its own translations; CSLS ranks it after linux, whose hubness is lower (2 x 0.994 - 0.2
        // = 1.79 against 2 x 1 - 0.3 = 1.7)
        assertTrue(zhEn.contains("computer"));
        assertEquals(
            List.of("linux", "computer"),
            zhEn.nearest("computer", 2, -1).stream().map(Neighbor::word).toList());
        assertEquals(5, zhEn.size());
      }
      LexicaException same =
          assertThrows(LexicaException.class, () -> store.crossLingual("en", "en", false));
      assertTrue(same.getMessage().contains("both 'en'"));
    }
  }

  @Test
  void aModelOfOneLanguageHasNoLanguagesAndSaysSo() {
    Path dir = tmp.resolve("mono");
    VectorStoreWriter.write(
        new WordVectors(List.of("a", "b"), new float[] {1, 0, 0, 1}, 2, null),
        Map.of(),
        dir,
        StoreOptions.DEFAULT);
    try (VectorStore store = VectorStore.open(dir)) {
      assertEquals(List.of(), store.languages());
      assertFalse(store.hasHubness());
      LexicaException e = assertThrows(LexicaException.class, () -> store.language("en"));
      assertTrue(e.getMessage().contains("not an aligned model"), e.getMessage());
      assertTrue(e.remedy().contains("lexica align"));
    }
  }
}
