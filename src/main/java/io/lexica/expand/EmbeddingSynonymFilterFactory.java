package io.lexica.expand;

import io.lexica.vectors.Embeddings;
import java.util.Map;
import org.apache.lucene.analysis.TokenFilterFactory;
import org.apache.lucene.analysis.TokenStream;

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
 * shared by all factories naming it), {@code k} (synonyms per token, default {@value #DEFAULT_K}),
 * {@code minSimilarity} (lowest cosine, default {@value #DEFAULT_MIN_SIMILARITY}). Thread-safe.
 */
public final class EmbeddingSynonymFilterFactory extends TokenFilterFactory {
  /** SPI name. */
  public static final String NAME = "embeddingSynonym";

  public static final int DEFAULT_K = 5;
  public static final float DEFAULT_MIN_SIMILARITY = 0.7f;

  private final Embeddings embeddings;
  private final int k;
  private final float minSimilarity;

  public EmbeddingSynonymFilterFactory(Map<String, String> args) {
    super(args);
    String model = require(args, "model");
    this.k = getInt(args, "k", DEFAULT_K);
    this.minSimilarity = getFloat(args, "minSimilarity", DEFAULT_MIN_SIMILARITY);
    if (k < 1 || !(minSimilarity >= -1 && minSimilarity <= 1)) {
      throw new IllegalArgumentException(
          "k must be at least 1 and minSimilarity in [-1, 1]; got k="
              + k
              + " minSimilarity="
              + minSimilarity);
    }
    if (!args.isEmpty()) {
      throw new IllegalArgumentException("Unknown parameters: " + args);
    }
    this.embeddings = Models.open(model);
  }

  /** Default constructor for the SPI; not for use. */
  public EmbeddingSynonymFilterFactory() {
    throw defaultCtorException();
  }

  @Override
  public TokenStream create(TokenStream input) {
    return new EmbeddingSynonymFilter(input, embeddings, k, minSimilarity);
  }
}
