package io.lexica.train.word2vec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.train.word2vec.Word2VecOptions.Architecture;
import io.lexica.train.word2vec.Word2VecOptions.InvalidSetting;
import io.lexica.train.word2vec.Word2VecOptions.Setting;
import org.junit.jupiter.api.Test;

/** The one word2vec settings type: its settings' names, the forms they take, its one check. */
class Word2VecOptionsTest {
  @Test
  void aSettingHasTheCommandLinesNameAndItsSnakeCase() {
    assertEquals("ns-exponent", Setting.NEGATIVE_POWER.optionName());
    assertEquals("ns_exponent", Setting.NEGATIVE_POWER.key());
    assertEquals(Setting.NEGATIVE_POWER, Setting.named("ns-exponent"));
    assertEquals(Setting.NEGATIVE_POWER, Setting.named("ns_exponent"));
    assertEquals(Setting.DIMENSION, Setting.named("dim"));
    assertNull(Setting.named("dims"));
    assertNull(Setting.named("negativeTableSize"), "code-only settings have no user name");
  }

  @Test
  void textNumbersAndBooleansSetTheSameValues() {
    Word2VecOptions fromText =
        Word2VecOptions.builder()
            .set(Setting.ARCHITECTURE, "CBOW")
            .set(Setting.DIMENSION, "12")
            .set(Setting.LEARNING_RATE, "0.1")
            .set(Setting.SEED, "7")
            .set(Setting.PER_PREDICTION_UPDATES, "true")
            .build();
    Word2VecOptions fromValues =
        Word2VecOptions.builder()
            .set(Setting.ARCHITECTURE, "cbow")
            .set(Setting.DIMENSION, 12)
            .set(Setting.LEARNING_RATE, 0.1)
            .set(Setting.SEED, 7L)
            .set(Setting.PER_PREDICTION_UPDATES, true)
            .build();
    Word2VecOptions typed =
        Word2VecOptions.builder()
            .architecture(Architecture.CBOW)
            .dimension(12)
            .learningRate(0.1)
            .seed(7)
            .perPredictionUpdates(true)
            .build();
    assertEquals(typed, fromText);
    assertEquals(typed, fromValues);
  }

  @Test
  void aValueOfTheWrongKindSaysWhatTheSettingTakes() {
    Word2VecOptions.Builder b = Word2VecOptions.builder();
    InvalidSetting e = assertThrows(InvalidSetting.class, () -> b.set(Setting.DIMENSION, 1.5));
    assertEquals(Setting.DIMENSION, e.setting());
    assertTrue(e.malformed());
    assertEquals("is a whole number, got [1.5]", e.getMessage());
    e = assertThrows(InvalidSetting.class, () -> b.set(Setting.ARCHITECTURE, "cbo"));
    assertEquals("is one of [skipgram, cbow], got [cbo]", e.getMessage());
    e = assertThrows(InvalidSetting.class, () -> b.set(Setting.SHARED_NEGATIVES, "yes"));
    assertEquals("is true or false, got [yes]", e.getMessage());
    e = assertThrows(InvalidSetting.class, () -> b.set(Setting.SAMPLE, "often"));
    assertEquals("is a number, got [often]", e.getMessage());
    e = assertThrows(InvalidSetting.class, () -> b.set(Setting.EPOCHS, Long.toString(1L << 40)));
    assertEquals(Setting.EPOCHS, e.setting(), "beyond an int");
  }

  @Test
  void theCheckNamesTheSettingOutOfRange() {
    InvalidSetting e =
        assertThrows(InvalidSetting.class, () -> Word2VecOptions.builder().window(0).build());
    assertEquals(Setting.WINDOW, e.setting());
    assertFalse(e.malformed());
    assertEquals("window must be positive: 0", e.getMessage());
    e =
        assertThrows(
            InvalidSetting.class,
            () ->
                Word2VecOptions.builder()
                    .architecture(Architecture.CBOW)
                    .sharedNegatives(true)
                    .build());
    assertEquals(Setting.SHARED_NEGATIVES, e.setting());
    e =
        assertThrows(
            InvalidSetting.class, () -> Word2VecOptions.builder().negativeTableSize(0).build());
    assertNull(e.setting(), "set by code only");
  }
}
