package io.lexica.opensearch;

import io.lexica.Lexica;
import io.lexica.LexicaException;
import io.lexica.pipeline.Trainer;
import io.lexica.train.SettingValue;
import io.lexica.train.glove.CooccurrenceOptions;
import io.lexica.train.glove.GloveOptions;
import io.lexica.train.glove.GloveSetting;
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
import java.util.function.Consumer;
import java.util.stream.Collectors;

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
   * settings ({@link Word2VecOptions.Setting#key}), fastText's n-gram settings ({@link
   * #SUBWORD_SETTINGS}) and GloVe's ({@link GloveSetting#key}).
   */
  static final Set<String> SETTINGS = settings();

  /**
   * The word2vec settings GloVe reads too, as {@code lexica train --algorithm glove} does; it
   * refuses the others (the skip-gram/CBOW training loop's).
   */
  static final Set<Word2VecOptions.Setting> GLOVE_READS =
      EnumSet.of(
          Word2VecOptions.Setting.DIMENSION,
          Word2VecOptions.Setting.WINDOW,
          Word2VecOptions.Setting.THREADS,
          Word2VecOptions.Setting.SEED);

  private static Set<String> settings() {
    Set<String> keys = new TreeSet<>(List.of("algorithm", "min_count"));
    keys.addAll(SUBWORD_SETTINGS);
    for (Word2VecOptions.Setting s : Word2VecOptions.Setting.values()) {
      keys.add(s.key());
    }
    for (GloveSetting s : GloveSetting.values()) {
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
   * The training's settings for this node's heap ({@link #options(Consumer, long)}).
   *
   * @param report told a few lines about the corpus and the training
   * @return the options
   * @throws IllegalArgumentException naming the setting and what it takes
   */
  Lexica.TrainOptions options(Consumer<String> report) {
    return options(report, Runtime.getRuntime().maxMemory());
  }

  /**
   * The training's settings: the library's defaults ({@link Lexica.TrainOptions#defaults()}), with
   * the learning rate the C tool uses for the architecture, changed by the request's settings, each
   * through the library's own {@link Word2VecOptions.Setting} and checked by {@link
   * Word2VecOptions}; for GloVe, {@code lexica train --algorithm glove}'s defaults ({@link
   * GloveOptions#defaults}, {@link CooccurrenceOptions#defaults}: window 15) with the request's
   * dimension, window, threads and seed and its {@link GloveSetting}s. A setting the algorithm does
   * not read is refused, not ignored.
   *
   * <p>GloVe's co-occurrence {@code memory} is the one setting whose default differs from the
   * command line's: {@value CooccurrenceOptions#DEFAULT_MEMORY} bytes, at most a quarter of the
   * node's heap, so that a default request fits a default node (1 GB). A {@code memory} above half
   * the heap is refused ({@link #MAX_HEAP_SHARE}).
   *
   * @param report told a few lines about the corpus and the training
   * @param heap the heap of the node that trains, in bytes
   * @return the options
   * @throws IllegalArgumentException naming the setting and what it takes
   */
  Lexica.TrainOptions options(Consumer<String> report, long heap) {
    for (String key : settings.keySet()) {
      if (!SETTINGS.contains(key)) {
        throw new IllegalArgumentException(
            "unknown training setting [" + key + "]; known: index, field, " + SETTINGS);
      }
    }
    Object name = settings.getOrDefault("algorithm", "word2vec");
    Trainer.Algorithm algorithm = Trainer.Algorithm.byId(name.toString().toLowerCase(Locale.ROOT));
    if (algorithm == null) {
      throw new IllegalArgumentException(
          "[algorithm] is one of [word2vec, fasttext, glove], got [" + name + "]");
    }
    checkApply(algorithm);
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
      return switch (algorithm) {
        case WORD2VEC -> options;
        case FASTTEXT -> options.withSubwords(subwords());
        case GLOVE ->
            options.withGlove(glove(w2v, given.contains(Word2VecOptions.Setting.WINDOW), heap));
      };
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

  /**
   * Refuses a setting {@code algorithm} does not read, as {@code lexica train} refuses the option,
   * with the fix: leave it out, or name the algorithm that reads it.
   */
  private void checkApply(Trainer.Algorithm algorithm) {
    for (String key : settings.keySet()) {
      Set<Trainer.Algorithm> readers = readers(key);
      if (!readers.contains(algorithm)) {
        String names =
            readers.stream().map(Trainer.Algorithm::id).collect(Collectors.joining(" and "));
        throw new IllegalArgumentException(
            "["
                + key
                + "] is a "
                + names
                + " setting"
                + (readers.size() == 1
                    ? ": add \"algorithm\": \"" + names + "\" or leave it out"
                    : ", not read by [" + algorithm.id() + "]: leave it out"));
      }
    }
  }

  /** The algorithms that read setting {@code key}. */
  private static Set<Trainer.Algorithm> readers(String key) {
    Word2VecOptions.Setting setting = Word2VecOptions.Setting.named(key);
    if (SUBWORD_SETTINGS.contains(key) || setting != null && setting.subwordsOnly()) {
      return EnumSet.of(Trainer.Algorithm.FASTTEXT);
    }
    if (GloveSetting.named(key) != null) {
      return EnumSet.of(Trainer.Algorithm.GLOVE);
    }
    if (setting != null && !GLOVE_READS.contains(setting)) {
      return EnumSet.of(Trainer.Algorithm.WORD2VEC, Trainer.Algorithm.FASTTEXT);
    }
    return EnumSet.allOf(Trainer.Algorithm.class);
  }

  /**
   * The share of the training node's heap GloVe may hold besides its corpus: the corpus is kept in
   * a quarter of the heap (spilled to disk past it, {@code CorpusReading}), and a quarter stays for
   * the node's own work.
   */
  static final double MAX_HEAP_SHARE = 0.5;

  /**
   * GloVe's settings: {@code lexica train --algorithm glove}'s defaults with the word2vec settings
   * GloVe shares ({@link #GLOVE_READS}, already checked in {@code w2v}) and the request's {@link
   * GloveSetting}s; the window defaults to GloVe's 15 unless given.
   */
  private Trainer.Glove glove(Word2VecOptions w2v, boolean windowGiven, long heap) {
    if (windowGiven && w2v.window() > CooccurrenceOptions.MAX_WINDOW) {
      throw new IllegalArgumentException(
          "[window] is at most "
              + CooccurrenceOptions.MAX_WINDOW
              + " for glove, got ["
              + w2v.window()
              + "]");
    }
    Trainer.Glove glove =
        new Trainer.Glove(
            CooccurrenceOptions.defaults()
                .withWindow(windowGiven ? w2v.window() : CooccurrenceOptions.DEFAULT_WINDOW)
                .withMemory(
                    Math.max(
                        CooccurrenceOptions.MIN_MEMORY,
                        Math.min(CooccurrenceOptions.DEFAULT_MEMORY, heap / 4))),
            GloveOptions.defaults()
                .withDimension(w2v.dimension())
                .withThreads(w2v.threads())
                .withSeed(w2v.seed()));
    Object symmetric = settings.get(GloveSetting.SYMMETRIC.key());
    Object leftOnly = settings.get(GloveSetting.LEFT_ONLY.key());
    if (symmetric != null && leftOnly != null) {
      throw new IllegalArgumentException(
          "[symmetric] and [left_only] say the same thing: give one of them");
    }
    for (Map.Entry<String, Object> e : settings.entrySet()) {
      GloveSetting setting = GloveSetting.named(e.getKey());
      if (setting != null && e.getValue() != null) {
        try {
          glove = glove.with(setting, e.getValue());
        } catch (SettingValue.Malformed m) {
          throw new IllegalArgumentException("[" + setting.key() + "] " + m.getMessage(), m);
        }
      }
    }
    long memory = glove.counting().memoryBytes();
    if (memory > MAX_HEAP_SHARE * heap) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "[memory] %s is more than half of this node's heap (%s): GloVe's counting and"
                  + " shuffling hold that much, beside the corpus; lower [memory] to %s or less"
                  + " (past it they spill to disk), or give the node more heap",
              megabytes(memory),
              megabytes(heap),
              megabytes((long) (MAX_HEAP_SHARE * heap))));
    }
    return glove;
  }

  /**
   * Refuses a GloVe training whose heap would not fit the node, once its vocabulary is known and
   * before any document is read: the co-occurrence counting and shuffling hold at most {@code
   * memory} (by construction: past it they spill to disk) and the training holds its parameters
   * ({@link Trainer.Glove#heapBytes}); together they must fit in {@link #MAX_HEAP_SHARE} of the
   * heap. The co-occurrence table itself is on disk, and its size is not known before counting.
   *
   * @param glove the training's settings
   * @param vocabularySize the words the model will have
   * @param heap the heap of the node that trains, in bytes
   * @throws IllegalArgumentException naming the settings to change
   */
  static void checkHeap(Trainer.Glove glove, int vocabularySize, long heap) {
    long needed = glove.heapBytes(vocabularySize);
    if (needed > MAX_HEAP_SHARE * heap) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "GloVe on %,d words needs %s of heap beside the corpus ([memory] %s for counting"
                  + " and shuffling, %s of word and context rows for [dim] %d), more than half of"
                  + " this node's heap (%s): lower [memory], raise [min_count] or lower [dim], or"
                  + " give the node more heap",
              vocabularySize,
              megabytes(needed),
              megabytes(glove.counting().memoryBytes()),
              megabytes(needed - glove.counting().memoryBytes()),
              glove.options().dimension(),
              megabytes(heap)));
    }
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%,.0f MB", bytes / (double) (1 << 20));
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
      return SettingValue.wholeNumber(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("[" + key + "] is a whole number, got [" + v + "]", e);
    }
  }
}
