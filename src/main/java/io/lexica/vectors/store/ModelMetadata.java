package io.lexica.vectors.store;

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

  /** The entries, in insertion order. */
  public Map<String, String> toMap() {
    return new LinkedHashMap<>(entries);
  }
}
