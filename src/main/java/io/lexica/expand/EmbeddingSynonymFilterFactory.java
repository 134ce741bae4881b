package io.lexica.expand;

import io.lexica.LexicaException;
import io.lexica.vectors.Embeddings;
import java.util.Map;
import org.apache.lucene.analysis.TokenFilterFactory;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.util.ResourceLoader;
import org.apache.lucene.util.ResourceLoaderAware;

/**
 * Factory of {@link EmbeddingSynonymFilter}, SPI name {@value #NAME}, for {@code CustomAnalyzer}
 * and Solr-style configurations:
 *
 * <pre>{@code
 * CustomAnalyzer.builder()
 *     .withTokenizer("standard")
 *     .addTokenFilter("lowercase")
 *     .addTokenFilter("embeddingSynonym", "model", "/path/to/model", "k", "5", "minSimilarity", "0.7")
 *     .build();
 * }</pre>
 *
 * Parameters: {@code model} (required: the model's location, opened through {@link Models} and
 * shared by all factories naming it), {@code k} (synonyms per token, default {@value
 * ExpansionSettings#SYNONYM_FILTER_K}), {@code minSimilarity} (lowest cosine, default {@value
 * ExpansionSettings#SYNONYM_FILTER_MIN_SIMILARITY}); both checked as {@link ExpansionSettings}
 * checks them. The parameters are checked when the factory is made; the model is opened in {@link
 * #inform}, as Lucene's factories load their resources ({@code CustomAnalyzer} calls it).
 * Thread-safe once informed.
 */
public final class EmbeddingSynonymFilterFactory extends TokenFilterFactory
    implements ResourceLoaderAware {
  /** SPI name. */
  public static final String NAME = "embeddingSynonym";

  private final String model;
  private final ExpansionSettings settings;
  private volatile Embeddings embeddings;

  /**
   * Takes the parameters out of {@code args} and checks them; unknown ones are refused.
   *
   * @param args the parameters, consumed
   */
  public EmbeddingSynonymFilterFactory(Map<String, String> args) {
    super(args);
    this.model = require(args, "model");
    int k = getInt(args, "k", ExpansionSettings.SYNONYM_FILTER_K);
    float minSimilarity =
        getFloat(args, "minSimilarity", ExpansionSettings.SYNONYM_FILTER_MIN_SIMILARITY);
    if (!args.isEmpty()) {
      throw new IllegalArgumentException("Unknown parameters: " + args);
    }
    try {
      this.settings =
          ExpansionSettings.SYNONYM_FILTER.toBuilder().k(k).minSimilarity(minSimilarity).build();
    } catch (LexicaException e) {
      throw new IllegalArgumentException(e.getMessage() + " (" + e.remedy() + ")", e);
    }
  }

  /** Default constructor for the SPI; not for use. */
  public EmbeddingSynonymFilterFactory() {
    throw defaultCtorException();
  }

  /** Opens the model (once per JVM and location, shared: see {@link Models}). */
  @Override
  public void inform(ResourceLoader loader) {
    embeddings = Models.open(model);
  }

  /**
   * The settings the filter applies: {@code k} and {@code minSimilarity}.
   *
   * @return the settings
   */
  public ExpansionSettings settings() {
    return settings;
  }

  @Override
  public TokenStream create(TokenStream input) {
    Embeddings e = embeddings;
    if (e == null) {
      throw new IllegalStateException(
          NAME + " filter factory for " + model + " was not informed: call inform(ResourceLoader)");
    }
    return new EmbeddingSynonymFilter(input, e, settings.k(), settings.minSimilarity());
  }
}
