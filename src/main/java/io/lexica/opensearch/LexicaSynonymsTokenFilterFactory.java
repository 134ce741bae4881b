package io.lexica.opensearch;

import io.lexica.LexicaException;
import io.lexica.expand.EmbeddingSynonymFilter;
import io.lexica.expand.ExpansionSettings;
import io.lexica.vectors.Embeddings;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.search.BoostAttribute;
import org.opensearch.common.settings.Settings;
import org.opensearch.index.IndexSettings;
import org.opensearch.index.analysis.AbstractTokenFilterFactory;

/**
 * The {@value #TYPE} token filter: the library's {@link EmbeddingSynonymFilter} (each token's
 * nearest words in a Lexica model stacked on it as synonyms) configured from index settings.
 * Settings: {@code model} (required: a folder under {@code <config>/lexica/}), {@code k} (default
 * {@value #DEFAULT_K}), {@code min_similarity} (cosine, default {@value #DEFAULT_MIN_SIMILARITY}),
 * {@code boost} (default true: synonyms weigh their similarity). The model is opened when the index
 * is created or opened, so a missing model fails there with a clear reason.
 *
 * <p>Thread-safe: one factory serves every analyzer instance of the index.
 */
final class LexicaSynonymsTokenFilterFactory extends AbstractTokenFilterFactory {
  static final String TYPE = "lexica_synonyms";
  static final int DEFAULT_K = ExpansionSettings.SYNONYM_FILTER_K;
  static final float DEFAULT_MIN_SIMILARITY = ExpansionSettings.SYNONYM_FILTER_MIN_SIMILARITY;
  private static final Set<String> KEYS = Set.of("type", "model", "k", "min_similarity", "boost");

  private final Embeddings model;
  private final int k;
  private final float minSimilarity;
  private final boolean boost;

  LexicaSynonymsTokenFilterFactory(
      IndexSettings indexSettings, String name, Settings settings, ModelRegistry models) {
    super(indexSettings, name, settings);
    for (String key : settings.keySet()) {
      // index.* keys are OpenSearch's own (e.g. index.version.created on _analyze's inline filters)
      if (!KEYS.contains(key) && !key.startsWith("index.")) {
        throw bad(name, "unknown setting [" + key + "]; known: " + KEYS);
      }
    }
    int givenK = settings.getAsInt("k", DEFAULT_K);
    float givenMin = settings.getAsFloat("min_similarity", DEFAULT_MIN_SIMILARITY);
    this.k = checked(name, "k", b -> b.k(givenK)).k();
    this.minSimilarity =
        checked(name, "min_similarity", b -> b.minSimilarity(givenMin)).minSimilarity();
    this.boost = settings.getAsBoolean("boost", true);
    String modelName = settings.get("model");
    if (modelName == null) {
      throw bad(
          name,
          "[model] is required: the name of a model kept in the cluster (GET /_lexica/models) or"
              + " of a folder under "
              + models.root());
    }
    this.model = models.get(modelName);
  }

  /** The filter's settings with one changed, checked by {@link ExpansionSettings}. */
  private static ExpansionSettings checked(
      String filter, String key, UnaryOperator<ExpansionSettings.Builder> change) {
    try {
      return change.apply(ExpansionSettings.SYNONYM_FILTER.toBuilder()).build();
    } catch (LexicaException e) {
      throw bad(filter, "[" + key + "] " + e.getMessage() + "; " + e.remedy());
    }
  }

  private static IllegalArgumentException bad(String filter, String problem) {
    return new IllegalArgumentException(
        String.format(Locale.ROOT, "[%s] token filter [%s]: %s", TYPE, filter, problem));
  }

  @Override
  public TokenStream create(TokenStream input) {
    TokenStream synonyms = new EmbeddingSynonymFilter(input, model, k, minSimilarity);
    return boost ? synonyms : new FullWeight(synonyms);
  }

  /** With {@code boost: false}: synonyms count as much as the word typed. */
  private static final class FullWeight extends TokenFilter {
    private final BoostAttribute boostAtt = addAttribute(BoostAttribute.class);

    FullWeight(TokenStream input) {
      super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
      if (!input.incrementToken()) {
        return false;
      }
      boostAtt.setBoost(1f);
      return true;
    }
  }
}
