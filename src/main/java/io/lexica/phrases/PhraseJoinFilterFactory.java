package io.lexica.phrases;

import java.nio.file.Path;
import java.util.Map;
import org.apache.lucene.analysis.TokenFilterFactory;
import org.apache.lucene.analysis.TokenStream;

/**
 * Factory of {@link PhraseJoinFilter}s, SPI name {@value #NAME}: joins the phrases of a model
 * trained with {@code lexica train --phrases}, or of a phrase file, so that an analyzer makes the
 * tokens the model knows:
 *
 * <pre>{@code
 * CustomAnalyzer.builder()
 *     .withTokenizer("standard")
 *     .addTokenFilter("lowercase")
 *     .addTokenFilter("phraseJoin", "phrases", "/path/to/model")
 *     .build();
 * }</pre>
 *
 * or, in a Lexica analyzer spec, {@code tokenizer=standard;filter=lowercase;filter=phraseJoin(
 * phrases=/path/to/model)}. Parameter: {@code phrases} (required: a model directory or a {@value
 * PhraseList#FILE_NAME} file, read when the factory is made). Every pass of the list is applied, in
 * order. Thread-safe.
 */
public final class PhraseJoinFilterFactory extends TokenFilterFactory {
  /** SPI name. */
  public static final String NAME = "phraseJoin";

  private final PhraseList phrases;

  /**
   * Creates the factory from its arguments; reads the phrase file now, so a bad path fails when the
   * analyzer is built, not at the first document.
   *
   * @param args {@code phrases}: a phrase file or model directory (required); no other key
   * @throws IllegalArgumentException when {@code phrases} is missing or another key is given
   */
  public PhraseJoinFilterFactory(Map<String, String> args) {
    super(args);
    Path location = Path.of(require(args, "phrases"));
    if (!args.isEmpty()) {
      throw new IllegalArgumentException("Unknown parameters: " + args);
    }
    this.phrases = PhraseList.read(location);
  }

  /** Default constructor for the SPI; not for use. */
  public PhraseJoinFilterFactory() {
    throw defaultCtorException();
  }

  /**
   * The phrases this factory joins.
   *
   * @return the list read from the {@code phrases} argument
   */
  public PhraseList phrases() {
    return phrases;
  }

  @Override
  public TokenStream create(TokenStream input) {
    return phrases.filter(input);
  }
}
