package io.lexica.analysis;

import io.lexica.LexicaException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.CharFilterFactory;
import org.apache.lucene.analysis.TokenFilterFactory;
import org.apache.lucene.analysis.TokenizerFactory;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.core.SimpleAnalyzer;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.analysis.custom.CustomAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * Names a Lucene analyzer in one string, so that the analyzer an index was built with can be
 * recorded in the index (commit user data, key {@link #USER_DATA_KEY}) and rebuilt later.
 *
 * <p>Two forms:
 *
 * <ul>
 *   <li>A built-in name: {@code standard} (StandardAnalyzer: Unicode word breaks, lowercase, no
 *       stop words), {@code english} (EnglishAnalyzer: standard + possessives + English stop words
 *       + Porter stemming), {@code cjk} (CJKAnalyzer: CJK bigrams), {@code smartcn}
 *       (SmartChineseAnalyzer: Chinese word segmentation), {@code whitespace} (split on whitespace,
 *       case kept), {@code simple} (letters only, lowercase).
 *   <li>A custom chain of Lucene analysis factories by their SPI names: components separated by
 *       {@code ;}, each {@code charfilter=NAME}, {@code tokenizer=NAME} (exactly one) or {@code
 *       filter=NAME}, optionally followed by parameters in parentheses, {@code
 *       (key=value,key=value)}; a value containing {@code ,}, {@code ;} or parentheses is quoted
 *       with single quotes. Example: {@code
 *       tokenizer=standard;filter=lowercase;filter=stop(ignoreCase=true,words='a.txt,b.txt')}.
 *       Files named in parameters are resolved against the working directory, then the class path.
 * </ul>
 *
 * <p>Immutable and thread-safe; the analyzers it creates are thread-safe too (Lucene analyzers keep
 * per-thread token streams).
 */
public final class AnalyzerSpec {
  /** The commit user data key under which {@code lexica index} records the spec. */
  public static final String USER_DATA_KEY = "lexica.analyzer";

  /** The built-in names, in the order they are documented. */
  static final List<String> BUILT_IN =
      List.of("standard", "english", "cjk", "smartcn", "whitespace", "simple");

  private static final String SYNTAX =
      "a custom chain looks like tokenizer=standard;filter=lowercase;filter=stop(ignoreCase=true)";

  private final String name; // a built-in name, or null for a custom chain
  private final List<Component> components; // empty for a built-in name

  /**
   * One factory of a custom chain: its kind, SPI name and parameters (in the given order).
   *
   * @param kind whether the factory makes a char filter, the tokenizer or a token filter
   * @param name the factory's SPI name, as Lucene's {@code CustomAnalyzer} looks it up (e.g. {@code
   *     lowercase})
   * @param params the factory's arguments, copied; iteration keeps the given order
   */
  public record Component(Kind kind, String name, Map<String, String> params) {
    /** Copies {@code params}, so a component never changes after it is built. */
    public Component {
      params = Map.copyOf(new LinkedHashMap<>(params));
    }
  }

  /** The kinds of factories a custom chain combines. */
  public enum Kind {
    /**
     * A {@link org.apache.lucene.analysis.CharFilterFactory}: rewrites the characters before the
     * tokenizer sees them.
     */
    CHARFILTER,
    /** A {@link org.apache.lucene.analysis.TokenizerFactory}: the chain's one tokenizer. */
    TOKENIZER,
    /**
     * A {@link org.apache.lucene.analysis.TokenFilterFactory}: applied in order after the
     * tokenizer.
     */
    FILTER
  }

  private AnalyzerSpec(String name, List<Component> components) {
    this.name = name;
    this.components = List.copyOf(components);
  }

  /**
   * The spec of a built-in analyzer.
   *
   * @param name a built-in analyzer's name (the list is in this class's summary), any case
   * @return the spec naming that analyzer
   * @throws LexicaException when the name is unknown, listing the known ones
   */
  public static AnalyzerSpec builtIn(String name) {
    return parse(name);
  }

  /**
   * Parses a spec string (a built-in name or a custom chain).
   *
   * @param spec a built-in analyzer's name, or a custom chain in the syntax this class's summary
   *     gives
   * @return the parsed spec; a chain's factory names are checked now, their parameters (and any
   *     files they name) only by {@link #create}
   * @throws LexicaException when the string is neither, naming the known analyzers
   */
  public static AnalyzerSpec parse(String spec) {
    String s = Objects.requireNonNull(spec, "spec").strip();
    if (!s.contains("=")) {
      String lower = s.toLowerCase(Locale.ROOT);
      if (BUILT_IN.contains(lower)) {
        return new AnalyzerSpec(lower, List.of());
      }
      throw new LexicaException(
          "unknown analyzer '" + spec + "'",
          "use one of " + String.join(", ", BUILT_IN) + ", or " + SYNTAX);
    }
    List<Component> components = new ArrayList<>();
    for (String part : split(s, ';')) {
      if (part.isBlank()) {
        continue;
      }
      components.add(parseComponent(part.strip(), spec));
    }
    long tokenizers = components.stream().filter(c -> c.kind() == Kind.TOKENIZER).count();
    if (tokenizers != 1) {
      throw new LexicaException(
          "analyzer chain '" + spec + "' has " + tokenizers + " tokenizers; it needs exactly one",
          SYNTAX);
    }
    AnalyzerSpec parsed = new AnalyzerSpec(null, components);
    parsed.checkNames(spec);
    return parsed;
  }

  private static Component parseComponent(String part, String spec) {
    int eq = part.indexOf('=');
    String kindText = eq < 0 ? "" : part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
    Kind kind =
        switch (kindText) {
          case "charfilter" -> Kind.CHARFILTER;
          case "tokenizer" -> Kind.TOKENIZER;
          case "filter" -> Kind.FILTER;
          default ->
              throw new LexicaException(
                  "cannot read '" + part + "' in analyzer chain '" + spec + "'",
                  "each part is charfilter=NAME, tokenizer=NAME or filter=NAME(key=value,...); "
                      + SYNTAX);
        };
    String rest = part.substring(eq + 1).strip();
    int open = rest.indexOf('(');
    String factory = (open < 0 ? rest : rest.substring(0, open)).strip();
    Map<String, String> params = new LinkedHashMap<>();
    if (open >= 0) {
      if (!rest.endsWith(")")) {
        throw new LexicaException(
            "unbalanced parentheses in '" + part + "' of analyzer chain '" + spec + "'", SYNTAX);
      }
      for (String kv : split(rest.substring(open + 1, rest.length() - 1), ',')) {
        if (kv.isBlank()) {
          continue;
        }
        int e = kv.indexOf('=');
        if (e <= 0) {
          throw new LexicaException(
              "parameter '" + kv.strip() + "' in analyzer chain '" + spec + "' is not key=value",
              SYNTAX);
        }
        params.put(kv.substring(0, e).strip(), unquote(kv.substring(e + 1).strip()));
      }
    }
    if (factory.isEmpty()) {
      throw new LexicaException("empty factory name in analyzer chain '" + spec + "'", SYNTAX);
    }
    return new Component(kind, factory, params);
  }

  /** Splits on {@code sep} outside single quotes and parentheses. */
  private static List<String> split(String s, char sep) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')') {
        depth--;
      } else if (!quoted && depth == 0 && c == sep) {
        out.add(s.substring(start, i));
        start = i + 1;
      }
    }
    out.add(s.substring(start));
    return out;
  }

  private static String unquote(String v) {
    if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }

  private void checkNames(String spec) {
    for (Component c : components) {
      java.util.Set<String> known =
          switch (c.kind()) {
            case CHARFILTER -> CharFilterFactory.availableCharFilters();
            case TOKENIZER -> TokenizerFactory.availableTokenizers();
            case FILTER -> TokenFilterFactory.availableTokenFilters();
          };
      boolean found = known.stream().anyMatch(k -> k.equalsIgnoreCase(c.name()));
      if (!found) {
        throw new LexicaException(
            "unknown "
                + c.kind().name().toLowerCase(Locale.ROOT)
                + " '"
                + c.name()
                + "' in analyzer chain '"
                + spec
                + "'",
            "use a Lucene SPI name, one of: " + String.join(", ", new java.util.TreeSet<>(known)));
      }
    }
  }

  /** True for a built-in name, false for a custom chain. */
  boolean isBuiltIn() {
    return name != null;
  }

  /**
   * The factories of a custom chain, in order; empty for a built-in name.
   *
   * @return an unmodifiable list; empty for a built-in name
   */
  public List<Component> components() {
    return components;
  }

  /**
   * Creates the analyzer. Each call returns a new instance; close it when done.
   *
   * @return a new analyzer the caller owns and closes
   * @throws LexicaException when a custom chain's parameters are rejected by a factory
   */
  public Analyzer create() {
    if (name != null) {
      return switch (name) {
        case "standard" -> new StandardAnalyzer(CharArraySet.EMPTY_SET);
        case "english" -> new EnglishAnalyzer();
        case "cjk" -> new CJKAnalyzer();
        case "smartcn" -> new SmartChineseAnalyzer();
        case "whitespace" -> new WhitespaceAnalyzer();
        case "simple" -> new SimpleAnalyzer();
        default -> throw new AssertionError(name);
      };
    }
    try {
      CustomAnalyzer.Builder b = CustomAnalyzer.builder(Path.of("").toAbsolutePath());
      for (Component c : components) {
        Map<String, String> params = new java.util.HashMap<>(c.params());
        switch (c.kind()) {
          case CHARFILTER -> b.addCharFilter(c.name(), params);
          case TOKENIZER -> b.withTokenizer(c.name(), params);
          case FILTER -> b.addTokenFilter(c.name(), params);
        }
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new LexicaException(
          "analyzer chain '" + this + "' is invalid: " + e.getMessage(),
          "fix the parameters (see the Lucene javadoc of the named factory); " + SYNTAX,
          e);
    } catch (IOException e) {
      throw new LexicaException(
          "analyzer chain '" + this + "' cannot load a resource: " + e.getMessage(),
          "check that files named in its parameters exist relative to the working directory",
          e);
    } catch (UncheckedIOException e) {
      throw new LexicaException(
          "analyzer chain '" + this + "' cannot load a resource: " + e.getMessage(),
          "check that files named in its parameters exist relative to the working directory",
          e);
    }
  }

  /** The canonical spec string; {@code parse(spec.toString())} equals {@code spec}. */
  @Override
  public String toString() {
    if (name != null) {
      return name;
    }
    StringBuilder sb = new StringBuilder();
    for (Component c : components) {
      if (!sb.isEmpty()) {
        sb.append(';');
      }
      sb.append(c.kind().name().toLowerCase(Locale.ROOT)).append('=').append(c.name());
      if (!c.params().isEmpty()) {
        sb.append('(');
        boolean first = true;
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(c.params()).entrySet()) {
          if (!first) {
            sb.append(',');
          }
          first = false;
          String v = e.getValue();
          boolean quote = v.matches(".*[,;()=\\s].*") || v.isEmpty();
          sb.append(e.getKey()).append('=').append(quote ? "'" + v + "'" : v);
        }
        sb.append(')');
      }
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AnalyzerSpec other && toString().equals(other.toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }
}
