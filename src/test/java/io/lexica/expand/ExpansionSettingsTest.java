package io.lexica.expand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.LexicaException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpansionSettingsTest {
  @Test
  void textFormRoundTripsEverySetting() {
    ExpansionSettings s =
        ExpansionSettings.builder()
            .mode(QueryExpander.Mode.PER_TERM)
            .form(QueryExpander.Form.SYNONYMS)
            .k(7)
            .minSimilarity(0.25f)
            .weight(0.3f)
            .normalize(false)
            .maxTerms(12)
            .docFreqBounds(0, 0.2)
            .idfCentroid(true)
            .feedback(5, 20)
            .feedbackShare(0.3f)
            .feedbackReweight(1f)
            .adaptiveWeight(0.5f)
            .queryReweight(2f)
            .feedbackMaxSimilarity(0.8f)
            .guard(0.3f)
            .localDocs(50)
            .localFrom(30)
            .localTemperature(0.5f)
            .localDimension(24)
            .localEpochs(3)
            .localLearningRate(0.05f)
            .localWindow(4)
            .localMinCount(1)
            .localSeed(7)
            .localShare(0.2f)
            .proximity(new SequentialDependence(0.2f, 0.1f, 4))
            .build();
    String text = s.format(ExpansionSettings.DEFAULTS);
    assertEquals(31, text.split(",").length, text); // every setting differs from the default
    assertEquals(s, ExpansionSettings.parse(text));
    assertEquals("", ExpansionSettings.DEFAULTS.format(ExpansionSettings.DEFAULTS));
    assertEquals(
        "k=3,weight=0.3",
        ExpansionSettings.DEFAULTS.toBuilder()
            .k(3)
            .weight(0.3f)
            .build()
            .format(ExpansionSettings.DEFAULTS));
  }

  @Test
  void keysNotGivenKeepTheirValues() {
    ExpansionSettings s = ExpansionSettings.WITHOUT_FIRST_PASS.with("k=3, MinSim = 0.6");
    assertEquals(3, s.k());
    assertEquals(0.6f, s.minSimilarity());
    assertEquals(ExpansionSettings.WITHOUT_FIRST_PASS.mode(), s.mode());
    assertEquals(0, s.feedbackDocs());
    assertTrue(!s.needsFirstPass() && ExpansionSettings.DEFAULTS.needsFirstPass());
    assertEquals(s, s.with(" "));
    assertEquals(s, s.with((String) null));
  }

  @Test
  void everyWayInIsCheckedOnceWithTheSameMessage() {
    LexicaException built =
        assertThrows(LexicaException.class, () -> ExpansionSettings.builder().k(0).build());
    LexicaException parsed =
        assertThrows(LexicaException.class, () -> ExpansionSettings.parse("k=0"));
    assertEquals("k must be at least 1, not 0", built.getMessage());
    assertEquals(built.getMessage(), parsed.getMessage());
    IllegalArgumentException filter =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new EmbeddingSynonymFilterFactory(
                    new java.util.HashMap<>(Map.of("model", "m", "k", "0"))));
    assertTrue(filter.getMessage().contains(built.getMessage()), filter.getMessage());
    for (String bad :
        new String[] {
          "maxdf=0", "mindf=-1", "weight=0", "fbshare=1.5", "locallr=1", "localtemp=0", "minsim=2"
        }) {
      assertThrows(LexicaException.class, () -> ExpansionSettings.parse(bad), bad);
    }
  }

  @Test
  void badTextNamesThePairAndTheKeys() {
    LexicaException unknown =
        assertThrows(LexicaException.class, () -> ExpansionSettings.parse("k=3,bogus=1"));
    assertTrue(unknown.getMessage().contains("unknown key 'bogus'"), unknown.getMessage());
    assertTrue(unknown.remedy().contains("localshare"), unknown.remedy());
    LexicaException value =
        assertThrows(LexicaException.class, () -> ExpansionSettings.parse("mode=sideways"));
    assertTrue(value.getMessage().contains("bad value for mode"), value.getMessage());
    LexicaException shape = assertThrows(LexicaException.class, () -> ExpansionSettings.parse("k"));
    assertTrue(shape.getMessage().contains("'k' is not key=value"), shape.getMessage());
    Map<String, String> pairs = ExpansionSettings.pairs("model=none,K=3");
    assertEquals(Map.of("model", "none", "k", "3"), pairs);
  }

  @Test
  void filterFactoryOpensItsModelWhenInformedNotWhenMade() {
    EmbeddingSynonymFilterFactory f =
        new EmbeddingSynonymFilterFactory(
            new java.util.HashMap<>(Map.of("model", "/nonexistent/model", "k", "2")));
    assertEquals(2, f.settings().k());
    assertEquals(ExpansionSettings.SYNONYM_FILTER_MIN_SIMILARITY, f.settings().minSimilarity());
    assertThrows(IllegalStateException.class, () -> f.create(null));
    LexicaException e = assertThrows(LexicaException.class, () -> f.inform(null));
    assertTrue(e.getMessage().contains("/nonexistent/model"), e.getMessage());
  }
}
