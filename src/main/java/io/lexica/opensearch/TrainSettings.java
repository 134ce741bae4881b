package io.lexica.opensearch;

import io.lexica.Lexica;
import io.lexica.LexicaException;
import io.lexica.pipeline.Trainer;
import io.lexica.train.word2vec.Word2VecOptions;
import io.lexica.vectors.Subwords;
import io.lexica.vectors.VectorFieldLimits;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings of a training request ({@code POST /_lexica/models/<name>/_train}), read into the
 * library's {@link Lexica.TrainOptions}: {@code lexica train}'s options in snake case, each through
 * the library's own setting types and checks, so that a bad one is refused, naming it as the
 * request spells it, before the training starts. Immutable; thread-safe.
 */
final class TrainSettings {
  /**
   * fastText's n-gram settings, {@code lexica train}'s {@code --minn}, {@code --maxn} and {@code
   * --buckets}.
   */
  static final Set<String> SUBWORD_SETTINGS = Set.of("minn", "maxn", "buckets");

  /**
   * The settings a training takes besides {@code index} and {@code field}: {@code lexica train}'s
   * options of the same names, in snake case: the algorithm, the minimum count, the word2vec
   * settings ({@link Word2VecOptions.Setting#key}) and fastText's n-gram settings ({@link
   * #SUBWORD_SETTINGS}).
   */
  static final Set<String> SETTINGS = settings();

  private static Set<String> settings() {
    Set<String> keys = new TreeSet<>(List.of("algorithm", "min_count"));
    keys.addAll(SUBWORD_SETTINGS);
    for (Word2VecOptions.Setting s : Word2VecOptions.Setting.values()) {
      keys.add(s.key());
    }
    return keys;
  }

  private final Map<String, Object> settings;

  /**
   * The settings of a request.
   *
   * @param settings the request's settings besides {@code index} and {@code field}
   */
  TrainSettings(Map<String, Object> settings) {
    this.settings = new LinkedHashMap<>(settings);
  }

  /**
   * The training's settings: the library's defaults ({@link Lexica.TrainOptions#defaults()}), with
   * the learning rate the C tool uses for the architecture, changed by the request's settings, each
   * through the library's own {@link Word2VecOptions.Setting} and checked by {@link
   * Word2VecOptions}.
   *
   * @throws IllegalArgumentException naming the setting and what it takes
   */
  Lexica.TrainOptions options(java.util.function.Consumer<String> report) {
    for (String key : settings.keySet()) {
      if (!SETTINGS.contains(key)) {
        throw new IllegalArgumentException(
            "unknown training setting [" + key + "]; known: index, field, " + SETTINGS);
      }
    }
    Object name = settings.getOrDefault("algorithm", "word2vec");
    Trainer.Algorithm algorithm = Trainer.Algorithm.byId(name.toString().toLowerCase(Locale.ROOT));
    if (algorithm != Trainer.Algorithm.WORD2VEC && algorithm != Trainer.Algorithm.FASTTEXT) {
      throw new IllegalArgumentException(
          "[algorithm] ["
              + name
              + "] is not trained in the cluster (word2vec and fasttext are): train it with"
              + " `lexica train --algorithm "
              + name
              + "` and upload it with `lexica publish`");
    }
    boolean fastText = algorithm == Trainer.Algorithm.FASTTEXT;
    for (String key : settings.keySet()) {
      Word2VecOptions.Setting setting = Word2VecOptions.Setting.named(key);
      if (!fastText
          && (SUBWORD_SETTINGS.contains(key) || setting != null && setting.subwordsOnly())) {
        throw new IllegalArgumentException(
            "[" + key + "] is a fasttext setting: add \"algorithm\": \"fasttext\" or leave it out");
      }
    }
    Lexica.TrainOptions defaults = Lexica.TrainOptions.defaults();
    Word2VecOptions.Builder b = defaults.word2vec().toBuilder();
    Set<Word2VecOptions.Setting> given = EnumSet.noneOf(Word2VecOptions.Setting.class);
    try {
      for (Map.Entry<String, Object> e : settings.entrySet()) {
        Word2VecOptions.Setting setting = Word2VecOptions.Setting.named(e.getKey());
        if (setting != null && e.getValue() != null) {
          b.set(setting, e.getValue());
          given.add(setting);
        }
      }
      Word2VecOptions w2v = algorithm.withDefaults(b, given).build();
      VectorFieldLimits.checkDimension(
          w2v.dimension(), "lower [dim] to " + VectorFieldLimits.MAX_DIMENSION + " or less");
      Lexica.TrainOptions options =
          new Lexica.TrainOptions(w2v, wholeNumber("min_count", defaults.minCount()), report);
      return fastText ? options.withSubwords(subwords()) : options;
    } catch (LexicaException e) {
      throw new IllegalArgumentException(e.getMessage() + "; fix: " + e.remedy(), e);
    } catch (Word2VecOptions.InvalidSetting e) {
      String key = e.setting() == null ? null : e.setting().key();
      throw new IllegalArgumentException(
          e.malformed()
              ? "[" + key + "] " + e.getMessage()
              : "bad training setting"
                  + (key == null ? "" : " [" + key + "]")
                  + ": "
                  + e.getMessage()
                  + " (the settings are lexica train's)",
          e);
    }
  }

  /** fastText's n-gram scheme: its defaults, with the request's {@link #SUBWORD_SETTINGS}. */
  private Subwords subwords() {
    Subwords d = Subwords.defaults();
    return Subwords.asked(
        smallNumber("minn", d.minn()),
        smallNumber("maxn", d.maxn()),
        smallNumber("buckets", d.buckets()));
  }

  private int smallNumber(String key, int otherwise) {
    long v = wholeNumber(key, otherwise);
    if (v != (int) v) {
      throw new IllegalArgumentException("[" + key + "] is too large: " + v);
    }
    return (int) v;
  }

  private long wholeNumber(String key, long otherwise) {
    Object v = settings.get(key);
    if (v == null) {
      return otherwise;
    }
    try {
      return Word2VecOptions.wholeNumber(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("[" + key + "] is a whole number, got [" + v + "]", e);
    }
  }
}
