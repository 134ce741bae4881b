package io.lexica.vectors.store;

import io.lexica.LexicaException;
import io.lexica.index.IndexSnapshot;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the metadata a trainer records in a model (see the {@code KEY_*} constants of {@link
 * VectorStore}): the algorithm, every hyperparameter, and where the corpus came from.
 * Hyperparameters are taken from the trainer's options record, component by component, so a new
 * option is recorded without anyone remembering to add it here.
 */
public final class ModelMetadata {
  private final Map<String, String> entries = new LinkedHashMap<>();

  private ModelMetadata(String algorithm) {
    entries.put(VectorStore.KEY_ALGORITHM, algorithm);
  }

  /** Metadata of a model made by {@code algorithm} (e.g. "word2vec", "glove", "fasttext"). */
  public static ModelMetadata of(String algorithm) {
    return new ModelMetadata(algorithm);
  }

  /** Records every component of an options record as {@code param.<name>}. */
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

  /** Records one parameter that is not part of an options record. */
  public ModelMetadata param(String name, Object value) {
    entries.put(VectorStore.KEY_PARAM_PREFIX + name, String.valueOf(value));
    return this;
  }

  /** Where the corpus came from: an index and field, or a text file (field null). */
  public ModelMetadata source(String indexOrFile, String field) {
    entries.put(VectorStore.KEY_SOURCE_INDEX, indexOrFile);
    if (field != null) {
      entries.put(VectorStore.KEY_SOURCE_FIELD, field);
    }
    return this;
  }

  /** The analyzer spec that produced the tokens. */
  public ModelMetadata analyzer(String spec) {
    if (spec != null) {
      entries.put(VectorStore.KEY_ANALYZER, spec);
    }
    return this;
  }

  /** The number of corpus tokens trained on. */
  public ModelMetadata corpusTokens(long tokens) {
    entries.put(VectorStore.KEY_CORPUS_TOKENS, Long.toString(tokens));
    return this;
  }

  /** Which documents of its index the model has seen ({@link IndexSnapshot}). */
  public ModelMetadata index(IndexSnapshot snapshot) {
    entries.putAll(snapshot.toMetadata());
    return this;
  }

  /** How the model came to be ({@link Lineage}). */
  public ModelMetadata lineage(Lineage lineage) {
    lineage.writeTo(entries);
    return this;
  }

  /** The entries, in insertion order. */
  public Map<String, String> toMap() {
    return new LinkedHashMap<>(entries);
  }
}
