package io.lexica.vectors.store;

import io.lexica.LexicaException;
import io.lexica.index.IndexSnapshot;
import io.lexica.phrases.PhraseList;
import io.lexica.phrases.PhraseOptions;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a model records about how it was made (see the {@code KEY_*} constants of {@link
 * VectorStore}): the algorithm, every hyperparameter, where the corpus came from, its {@link
 * Lineage}, and the entries of the step that made it (retrofitting, debiasing, alignment). Every
 * model {@link ModelWriter} writes takes its record from here, so each key is spelled in one place.
 *
 * <p>Hyperparameters are taken from the trainer's options record, component by component, so a new
 * option is recorded without anyone remembering to add it here. The entries that describe the
 * written index itself ({@link #WRITER_KEYS}: format, dimension, size, HNSW settings, versions,
 * creation time) are the writer's: a record never carries them, so a model derived from another
 * cannot inherit a stale size or creation time. Not thread-safe (a builder).
 */
public final class ModelMetadata {
  /**
   * The keys {@link VectorStoreWriter} records itself, from what it writes: {@link #put} refuses
   * them and {@link #derivedFrom} drops them.
   */
  static final Set<String> WRITER_KEYS =
      Set.of(
          VectorStore.KEY_FORMAT,
          VectorStore.KEY_DIMENSION,
          VectorStore.KEY_SIZE,
          VectorStore.KEY_SIMILARITY,
          VectorStore.KEY_HNSW_M,
          VectorStore.KEY_HNSW_BEAM_WIDTH,
          VectorStore.KEY_QUANTIZATION_BITS,
          VectorStore.KEY_LUCENE_VERSION,
          VectorStore.KEY_LEXICA_VERSION,
          VectorStore.KEY_CREATED);

  /** The value of {@link VectorStore#KEY_ALGORITHM} for vectors made elsewhere. */
  public static final String IMPORTED = "imported";

  /** The file a model was imported or derived from (when it is not a model directory). */
  public static final String KEY_SOURCE_FILE = "source.file";

  /** The format that file was read as. */
  public static final String KEY_SOURCE_FORMAT = "source.format";

  private final Map<String, String> entries = new LinkedHashMap<>();

  private ModelMetadata(String algorithm) {
    entries.put(VectorStore.KEY_ALGORITHM, algorithm);
  }

  private ModelMetadata(Map<String, String> recorded) {
    entries.putAll(recorded);
    entries.keySet().removeAll(WRITER_KEYS);
  }

  /**
   * The record of a model made by {@code algorithm}, to be completed.
   *
   * @param algorithm e.g. "word2vec", "glove", "fasttext", or what made an alignment
   * @return the metadata
   */
  public static ModelMetadata of(String algorithm) {
    return new ModelMetadata(algorithm);
  }

  /**
   * Where a trainer's corpus came from.
   *
   * @param source the index folder or the text files (comma-separated), as absolute paths
   * @param fields the index field(s), comma-separated; null for text files
   * @param analyzer the analyzer spec that made the tokens; null when unknown
   * @param tokens corpus tokens trained on (one pass)
   * @param snapshot the index commit read ({@link IndexSnapshot}), so {@code lexica update} finds
   *     what is added later; null for text files
   */
  public record Corpus(
      String source, String fields, String analyzer, long tokens, IndexSnapshot snapshot) {}

  /**
   * The record of a training run: {@code algorithm}, every component of {@code options} and the
   * minimum count as parameters, and the {@code corpus}. {@code lexica train}, {@code lexica
   * update} and {@code Lexica.train} all record their runs so, which is what lets an update read
   * the options back ({@link #readParams}).
   *
   * @param algorithm e.g. "word2vec", "glove", "fasttext"
   * @param options the trainer's options record
   * @param minCount the corpus's minimum count (recorded as {@code param.min_count})
   * @param corpus where the tokens came from
   * @return the metadata, to be completed (lineage, phrases ...)
   */
  public static ModelMetadata trained(
      String algorithm, Record options, long minCount, Corpus corpus) {
    ModelMetadata m = of(algorithm).params(options).param("min_count", minCount);
    m.entries.put(VectorStore.KEY_CORPUS_TOKENS, Long.toString(corpus.tokens()));
    m.entries.put(VectorStore.KEY_SOURCE_INDEX, corpus.source());
    if (corpus.fields() != null) {
      m.entries.put(VectorStore.KEY_SOURCE_FIELD, corpus.fields());
    }
    if (corpus.analyzer() != null) {
      m.entries.put(VectorStore.KEY_ANALYZER, corpus.analyzer());
    }
    if (corpus.snapshot() != null) {
      m.entries.putAll(corpus.snapshot().toMetadata());
    }
    return m;
  }

  /**
   * The record of vectors read from a file made elsewhere ({@code lexica import}).
   *
   * @param file the vector file
   * @param format the format it was read as (e.g. {@code word2vec-binary}); null if not known
   * @return the metadata
   */
  public static ModelMetadata imported(Path file, String format) {
    ModelMetadata m = of(IMPORTED);
    m.entries.put(KEY_SOURCE_FILE, file.toAbsolutePath().toString());
    if (format != null) {
      m.entries.put(KEY_SOURCE_FORMAT, format);
    }
    return m;
  }

  /**
   * The record a model derived from {@code source}'s rows starts from (retrofitting, debiasing):
   * the source's own record (algorithm, hyperparameters, corpus, analyzer, lineage), which stays
   * true of the derived vectors, without the {@link #WRITER_KEYS}, which the writer sets afresh. A
   * vector file records nothing, so its record is {@link #imported} (format not detected).
   *
   * @param source a model directory or vector file
   * @return the metadata, to be completed with the step's own entries
   */
  public static ModelMetadata derivedFrom(Path source) {
    return Files.isDirectory(source)
        ? new ModelMetadata(ModelFiles.metadata(source))
        : imported(source, null);
  }

  /**
   * As {@link #derivedFrom(Path)}, from a model already read.
   *
   * @param source the model derived from
   * @return the metadata
   */
  public static ModelMetadata derivedFrom(ModelFiles.Contents source) {
    return source.metadata().isEmpty()
        ? imported(source.path(), null)
        : new ModelMetadata(source.metadata());
  }

  /**
   * Records every component of an options record as {@code param.<name>} (nested records component
   * by component), so {@link #readParams} can rebuild it.
   *
   * @param options a trainer's or aligner's options record
   * @return this
   */
  public ModelMetadata params(Record options) {
    for (RecordComponent c : options.getClass().getRecordComponents()) {
      try {
        Object value = c.getAccessor().invoke(options);
        if (value instanceof Record nested) {
          params(nested);
        } else {
          entries.put(VectorStore.KEY_PARAM_PREFIX + c.getName(), String.valueOf(value));
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read option " + c.getName(), e);
      }
    }
    return this;
  }

  /**
   * Rebuilds the options record that {@link #params} recorded in a model's metadata: each component
   * is parsed from its {@code param.<name>} entry (numbers, booleans, enum constants; nested
   * records component by component) and the record's own constructor validates the whole.
   *
   * @param <R> the options record's type
   * @param type its class
   * @param metadata a model's metadata
   * @return the options the model was made with
   * @throws LexicaException naming a component the metadata lacks or holds in another form
   */
  public static <R extends Record> R readParams(Class<R> type, Map<String, String> metadata) {
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      Class<?> t = components[i].getType();
      types[i] = t;
      if (t.isRecord()) {
        values[i] = readParams(t.asSubclass(Record.class), metadata);
        continue;
      }
      String name = components[i].getName();
      String value = metadata.get(VectorStore.KEY_PARAM_PREFIX + name);
      if (value == null) {
        throw new LexicaException(
            "the model does not record its training parameter '" + name + "'",
            "it was written by another Lexica version: retrain it, or continue it with 'lexica"
                + " train --init' and the options spelled out");
      }
      values[i] = parse(name, value, t);
    }
    try {
      return type.getDeclaredConstructor(types).newInstance(values);
    } catch (InvocationTargetException e) {
      throw new LexicaException(
          "the model's recorded training parameters are invalid: " + e.getCause().getMessage(),
          "retrain the model");
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot rebuild " + type.getSimpleName(), e);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object parse(String name, String value, Class<?> type) {
    try {
      if (type == int.class) {
        return Integer.parseInt(value);
      } else if (type == long.class) {
        return Long.parseLong(value);
      } else if (type == double.class) {
        return Double.parseDouble(value);
      } else if (type == float.class) {
        return Float.parseFloat(value);
      } else if (type == boolean.class) {
        return Boolean.parseBoolean(value);
      } else if (type.isEnum()) {
        return Enum.valueOf((Class<? extends Enum>) type, value);
      } else if (type == String.class) {
        return value;
      }
    } catch (IllegalArgumentException e) {
      // below
    }
    throw new LexicaException(
        "the model records training parameter '" + name + "' as '" + value + "', not a " + type,
        "retrain the model");
  }

  /**
   * Records one parameter that is not part of an options record, as {@code param.<name>}.
   *
   * @param name the parameter's name
   * @param value recorded as {@link String#valueOf}
   * @return this
   */
  public ModelMetadata param(String name, Object value) {
    entries.put(VectorStore.KEY_PARAM_PREFIX + name, String.valueOf(value));
    return this;
  }

  /**
   * Records how the model came to be, replacing the steps recorded so far.
   *
   * @param lineage every step, oldest first ({@link Lineage})
   * @return this
   */
  public ModelMetadata lineage(Lineage lineage) {
    lineage.writeTo(entries);
    return this;
  }

  /**
   * Records an entry of the step that made the model, under its own prefix (e.g. {@code
   * retrofit.method}, {@code debias.neutralized}), or an entry a user asked for ({@code lexica
   * import --meta}).
   *
   * @param key the key; not one of the {@link #WRITER_KEYS}
   * @param value recorded as {@link String#valueOf}
   * @return this
   * @throws LexicaException for a key the writer records itself
   */
  public ModelMetadata put(String key, Object value) {
    if (WRITER_KEYS.contains(key)) {
      throw new LexicaException(
          "metadata key '" + key + "' is recorded by the model writer, from what it writes",
          "leave it out; 'lexica model info' shows it for every model");
    }
    entries.put(key, String.valueOf(value));
    return this;
  }

  /**
   * Records every entry of {@code more}, as {@link #put} does each one (e.g. a document embedder's
   * SIF component).
   *
   * @param more the entries
   * @return this
   */
  public ModelMetadata putAll(Map<String, ?> more) {
    more.forEach(this::put);
    return this;
  }

  /**
   * Records the phrase detection a model was trained with: its settings and the number of phrases
   * learned (the phrases themselves are a file of the model directory, {@value
   * PhraseList#FILE_NAME}).
   *
   * @param options the detection's settings
   * @param phrases what it learned
   * @return this
   */
  public ModelMetadata phrases(PhraseOptions options, PhraseList phrases) {
    return param("phrase_scorer", options.scorer().id())
        .param("phrase_thresholds", options.thresholds())
        .param("phrase_min_count", options.minCount())
        .param("phrases", phrases.size());
  }

  /**
   * Appends {@code step} to the lineage recorded so far (that of the model derived from, or none).
   *
   * @param step the run that made this model
   * @return this
   */
  public ModelMetadata then(Lineage.Step step) {
    return lineage(Lineage.of(entries).then(step));
  }

  /**
   * The value recorded under {@code key}.
   *
   * @param key a metadata key
   * @return the value, or null
   */
  public String get(String key) {
    return entries.get(key);
  }

  /**
   * The entries, in insertion order.
   *
   * @return a copy
   */
  public Map<String, String> toMap() {
    return new LinkedHashMap<>(entries);
  }
}
