package io.lexica.cli;

import io.lexica.LexicaException;
import io.lexica.docs.RankingEnsemble;
import io.lexica.train.word2vec.Word2VecOptions;
import io.lexica.util.ByteSizes;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The kinds of values the options take, one picocli converter per kind, so that a kind's rule and
 * its wording live once: every count that must be at least 1 ({@code --threads}, {@code -k}, {@code
 * --candidates} ...) is a {@link PositiveInt}, every "0 means no limit" number a {@link
 * NonNegativeInt}, and so on. An option names its kind with {@code converter = ...}; picocli then
 * rejects a bad value while parsing, before anything is opened or read, with a message naming the
 * option ({@code Invalid value for option '--read-threads': '0' is not a whole number of at least
 * 1}). The library's settings types check the same ranges for Java callers ({@code
 * Word2VecOptions}, {@code StoreOptions}, {@code QueryExpander.Builder} ...): these converters only
 * say it earlier, in the option's terms. Stateless.
 */
final class OptionTypes {
  private OptionTypes() {}

  /**
   * The error a word2vec setting the library refused makes on the command line: the option as the
   * user spelled it ({@code --window}), what is wrong, and where the option's range is told.
   *
   * @param e the library's refusal, naming the setting
   * @param command the command, e.g. {@code train}
   */
  static LexicaException invalid(Word2VecOptions.InvalidSetting e, String command) {
    String option = e.setting() == null ? null : "--" + e.setting().optionName();
    return new LexicaException(
        option == null
            ? "bad training option: " + e.getMessage()
            : e.malformed()
                ? option + " " + e.getMessage()
                : "bad training option " + option + ": " + e.getMessage(),
        option == null
            ? "see lexica " + command + " --help"
            : "change " + option + " ('lexica " + command + " --help' says what it takes)");
  }

  /** A whole number of at least 1: counts of threads, neighbours, candidates, epochs ... */
  static final class PositiveInt implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return (int) whole(value, 1, Integer.MAX_VALUE);
    }
  }

  /** A whole number of at least 0, where 0 means "none" or "no limit". */
  static final class NonNegativeInt implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return (int) whole(value, 0, Integer.MAX_VALUE);
    }
  }

  /** A whole number of at least 0 that may exceed an int, such as a word count. */
  static final class NonNegativeLong implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      return whole(value, 0, Long.MAX_VALUE);
    }
  }

  /** A whole number of at least 1 that may exceed an int, such as a minimum count. */
  static final class PositiveLong implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      return whole(value, 1, Long.MAX_VALUE);
    }
  }

  /** A finite number above 0: rates, thresholds, weights. */
  static final class PositiveNumber implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      return number(value, 0, false, Double.MAX_VALUE, "a number above 0");
    }
  }

  /** A finite number of at least 0, where 0 switches something off. */
  static final class NonNegativeNumber implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      return number(value, 0, true, Double.MAX_VALUE, "a number of at least 0");
    }
  }

  /** A cosine similarity: a number from -1 to 1. */
  static final class Cosine implements ITypeConverter<Float> {
    @Override
    public Float convert(String value) {
      return (float) number(value, -1, true, 1, "a cosine from -1 to 1");
    }
  }

  /** A share of something: a number above 0 and at most 1. */
  static final class Share implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      return number(value, 0, false, 1, "a share above 0 and at most 1");
    }
  }

  /** A fraction: a number from 0 to 1. */
  static final class Fraction implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      return number(value, 0, true, 1, "a number from 0 to 1");
    }
  }

  /** A ranking ensemble's text form ({@link RankingEnsemble#parse}): none, default or keys. */
  static final class Ensemble implements ITypeConverter<RankingEnsemble> {
    @Override
    public RankingEnsemble convert(String value) {
      try {
        return RankingEnsemble.parse(value);
      } catch (LexicaException e) {
        throw new TypeConversionException(e.getMessage() + "; " + e.remedy());
      }
    }
  }

  /** A number of bytes such as 4096, 512k, 64m or 2g ({@link ByteSizes}). */
  static final class ByteSize implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      try {
        return ByteSizes.parse(value);
      } catch (LexicaException e) {
        throw new TypeConversionException(e.getMessage() + "; " + e.remedy());
      }
    }
  }

  private static long whole(String value, long min, long max) {
    String rule = "a whole number of at least " + min;
    long n;
    try {
      n = Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not " + rule);
    }
    if (n < min) {
      throw new TypeConversionException("'" + value + "' is not " + rule);
    }
    if (n > max) {
      throw new TypeConversionException("'" + value + "' is larger than " + max);
    }
    return n;
  }

  private static double number(
      String value, double min, boolean minIncluded, double max, String rule) {
    double x;
    try {
      x = Double.parseDouble(value.strip());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not " + rule);
    }
    boolean aboveMin = minIncluded ? x >= min : x > min;
    if (!aboveMin || !(x <= max) || Double.isNaN(x)) {
      throw new TypeConversionException("'" + value + "' is not " + rule);
    }
    return x;
  }
}
