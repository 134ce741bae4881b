package io.lexica.train;

/**
 * A trainer's setting as users name it: {@code lexica train --name} ({@link #optionName}) and the
 * OpenSearch plugin's {@code _train} in snake case ({@link #key}). Implemented by each trainer's
 * table of settings ({@code Word2VecOptions.Setting}, {@code GloveSetting}), whose values {@link
 * SettingValue} reads.
 */
public interface TrainerSetting {
  /**
   * The command line's name without its dashes, e.g. {@code ns-exponent} ({@code --ns-exponent}).
   *
   * @return the name
   */
  String optionName();

  /**
   * The name in snake case, as the plugin's REST settings spell it, e.g. {@code ns_exponent}.
   *
   * @return the key
   */
  default String key() {
    return optionName().replace('-', '_');
  }

  /**
   * The setting of {@code type} that {@code key} names, in either spelling ({@code ns-exponent} or
   * {@code ns_exponent}).
   *
   * @param <S> the table of settings
   * @param type the table's class
   * @param key the name
   * @return the setting, or null when no setting of {@code type} has that name
   */
  static <S extends Enum<S> & TrainerSetting> S named(Class<S> type, String key) {
    for (S s : type.getEnumConstants()) {
      if (s.optionName().equals(key) || s.key().equals(key)) {
        return s;
      }
    }
    return null;
  }
}
