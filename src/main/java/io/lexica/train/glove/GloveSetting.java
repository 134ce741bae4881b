package io.lexica.train.glove;

import io.lexica.LexicaException;
import io.lexica.train.SettingValue;
import io.lexica.train.TrainerSetting;
import io.lexica.util.ByteSizes;

/**
 * A GloVe setting a user gives, beyond those every trainer shares (dimension, window, threads,
 * seed), by the name {@code lexica train} spells {@code --name} ({@link #optionName}) and the
 * OpenSearch plugin's {@code _train} in snake case ({@link #key}). {@link #parse} reads a value in
 * any of their forms and checks its range, so a bad value is refused naming the setting in its
 * user's spelling; {@link GloveOptions} and {@link CooccurrenceOptions} check the same ranges for
 * Java callers.
 */
public enum GloveSetting implements TrainerSetting {
  /** {@link GloveOptions#xMax()}: positive. */
  X_MAX("x-max", double.class),
  /** {@link GloveOptions#alpha()}: positive. */
  ALPHA("alpha", double.class),
  /** {@link GloveOptions#iterations()}: positive. */
  ITERATIONS("iterations", int.class),
  /** {@link GloveOptions#eta()}: positive. */
  ETA("eta", double.class),
  /** {@link GloveOptions#gradientClip()}: positive. */
  GRAD_CLIP("grad-clip", double.class),
  /** {@link GloveOptions#output()}: sum or word. */
  OUTPUT("glove-output", GloveOptions.Output.class),
  /**
   * {@link CooccurrenceOptions#memoryBytes()}: bytes as a whole number, or a size with a unit
   * ({@code 512m}, {@code 4g}), at least {@value CooccurrenceOptions#MIN_MEMORY} bytes.
   */
  MEMORY("memory", long.class),
  /** {@link CooccurrenceOptions#symmetric()}: true counts words on both sides. */
  SYMMETRIC("symmetric", boolean.class),
  /** The opposite of {@link CooccurrenceOptions#symmetric()}: true counts the left side only. */
  LEFT_ONLY("left-only", boolean.class);

  private final String name;
  private final Class<?> type;

  GloveSetting(String name, Class<?> type) {
    this.name = name;
    this.type = type;
  }

  @Override
  public String optionName() {
    return name;
  }

  /**
   * The setting a key names, in either spelling ({@code x-max} or {@code x_max}).
   *
   * @param key the name
   * @return the setting, or null when no GloVe setting has that name
   */
  public static GloveSetting named(String key) {
    return TrainerSetting.named(GloveSetting.class, key);
  }

  /**
   * The value {@code raw} gives this setting, checked against the setting's range.
   *
   * @param raw the value, as a user gives it (text, a number, a boolean, an output's name)
   * @return the value: a {@code Double}, {@code Integer}, {@code Long} (bytes), {@code Boolean} or
   *     {@link GloveOptions.Output}
   * @throws SettingValue.Malformed when {@code raw} is not a value of this setting; the message
   *     follows the setting's name ({@code is a positive number, got [0]})
   */
  public Object parse(Object raw) {
    if (this == MEMORY) {
      long bytes;
      try {
        bytes =
            raw instanceof Number ? SettingValue.wholeNumber(raw) : ByteSizes.parse(raw.toString());
      } catch (NumberFormatException | LexicaException e) {
        throw new SettingValue.Malformed("is a size such as 512m or 4g, got [" + raw + "]");
      }
      if (bytes < CooccurrenceOptions.MIN_MEMORY) {
        throw new SettingValue.Malformed(
            "is at least " + CooccurrenceOptions.MIN_MEMORY + " bytes (64k), got [" + raw + "]");
      }
      return bytes;
    }
    Object v = SettingValue.parse(type, raw);
    if (v instanceof Number n && !(n.doubleValue() > 0)) {
      throw new SettingValue.Malformed(
          (type == double.class ? "is a positive number" : "is a positive whole number")
              + ", got ["
              + raw
              + "]");
    }
    return v;
  }
}
