package io.lexica.expand;

import io.lexica.LexicaException;
import io.lexica.analysis.Tokens;
import io.lexica.util.AtomicOutput;
import io.lexica.util.OutputPolicy;
import io.lexica.util.Progress;
import io.lexica.vectors.Embeddings;
import io.lexica.vectors.Neighbor;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;

/**
 * A model's nearest words written as a Solr synonyms file, which Lucene's {@code SolrSynonymParser}
 * reads and Solr, Elasticsearch and OpenSearch load into their {@code synonym} and {@code
 * synonym_graph} filters: users of any engine get the model's expansions without a plugin. One line
 * per word that has neighbours, in the order the words are given (a model's frequency order), its
 * neighbours best first:
 *
 * <ul>
 *   <li>{@link Style#EXPLICIT} (default): {@code word => word, n1, n2}. The word expands to itself
 *       and its own neighbours only, which is what {@link EmbeddingSynonymFilter} does: the model's
 *       neighbour relation is not symmetric, and this keeps it so.
 *   <li>{@link Style#EQUIVALENCE}: {@code word, n1, n2}. With the filter's {@code expand=true}
 *       every word of a line maps to every other, so a word expands to the union of all lines it is
 *       on (its neighbours, the words it is a neighbour of, and their neighbours); with {@code
 *       expand=false} every word of the line is replaced by the first. For engines' tools that
 *       expect groups of equivalents.
 * </ul>
 *
 * <p>A synonym file carries no weights, so the engine counts a neighbour as a match of the word
 * itself; {@link Builder#k} and {@link Builder#minSimilarity} are the only brakes (with defaults
 * stricter than the expander's for that reason). Words are written through {@link SynonymSyntax}:
 * characters the parser would misread are escaped; words it cannot hold as one token (whitespace,
 * control characters) are left out and counted. When the document-frequency bounds of a target
 * index are given ({@link Builder#docFreqBounds}), only the words of that index's field within the
 * bounds appear, as in {@link ExpansionSettings#minDocFreq}: a word outside them is neither
 * expanded nor added. When the analyzer that reads the rules is given ({@link
 * Builder#ruleAnalyzer}: in the engine, the chain before the synonym filter), only words it keeps
 * as exactly themselves are written: the parser analyzes every entry, and a word it changes would
 * map other tokens, and one it removes (a stop word) makes the engine refuse the whole file.
 *
 * <p>Neighbours dropped by those rules are replaced by the next ones, so a line has {@code k}
 * neighbours whenever the model has that many admissible ones above the cosine: the model is asked
 * for more candidates (four times as many each round) until it has them or runs out.
 *
 * <p>Immutable; {@link #write} may run on several threads at once when the model, reader and
 * analyzer allow it (Lexica's models and Lucene's readers and analyzers do).
 */
public final class SynonymExport {
  /** How a word and its neighbours are written; see the class comment. */
  public enum Style {
    /** {@code word => word, n1, n2}: the word expands to its own neighbours. */
    EXPLICIT,
    /** {@code word, n1, n2}: a group of equivalent words. */
    EQUIVALENCE
  }

  /**
   * What an export wrote and left out.
   *
   * @param lines rules written (words with at least one neighbour)
   * @param neighbours neighbour entries written, over all lines
   * @param escaped distinct words written that needed escaping
   * @param unwritable distinct words left out because a synonyms file cannot hold them
   * @param changedByAnalyzer distinct words left out because the rule analyzer changes or removes
   *     them
   * @param outOfDocFreqBounds distinct words left out for their document frequency in the target
   *     field (absent ones included)
   * @param withoutNeighbours admissible words with no admissible neighbour above the cosine
   */
  public record Report(
      int lines,
      long neighbours,
      int escaped,
      int unwritable,
      int changedByAnalyzer,
      int outOfDocFreqBounds,
      int withoutNeighbours) {}

  /** The most candidates asked of the model for one word while dropped ones are replaced. */
  static final int MAX_CANDIDATES = 4096;

  private final Style style;
  private final int k;
  private final float minSimilarity;
  private final IndexReader reader;
  private final String field;
  private final int minDocFreq;
  private final double maxDocFreqRatio;
  private final Analyzer ruleAnalyzer;

  private SynonymExport(Builder b) {
    this.style = b.style;
    this.k = b.k;
    this.minSimilarity = b.minSimilarity;
    this.reader = b.reader;
    this.field = b.field;
    this.minDocFreq = b.minDocFreq;
    this.maxDocFreqRatio = b.maxDocFreqRatio;
    this.ruleAnalyzer = b.ruleAnalyzer;
  }

  /**
   * A builder with the defaults: explicit mappings, {@value Builder#DEFAULT_K} neighbours, cosine
   * at least {@value Builder#DEFAULT_MIN_SIMILARITY}, no document-frequency bounds, no rule
   * analyzer.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Writes the rules for {@code words} to {@code file}, atomically (see {@link AtomicOutput}),
   * replacing what {@code policy} allows (a file).
   *
   * @param model where neighbours come from; restrict it to the exported vocabulary (e.g. {@code
   *     VectorStore.mostFrequent}) so that neighbours come from the same words
   * @param words the words to write rules for, in the order of the file
   * @param source what the model is, for the file's header comment (e.g. its path); may be null
   * @param file the synonyms file
   * @param policy whether any existing file may be replaced, and the inputs never replaced
   * @return what was written and left out
   * @throws io.lexica.LexicaException when {@code file} holds something the policy protects
   */
  public Report write(
      Embeddings model, List<String> words, String source, Path file, OutputPolicy policy) {
    try (AtomicOutput out = AtomicOutput.file(file, policy)) {
      Report report;
      try (Writer w =
          new BufferedWriter(
              new OutputStreamWriter(Files.newOutputStream(out.path()), StandardCharsets.UTF_8))) {
        report = write(model, words, source, w);
      } catch (IOException e) {
        throw new LexicaException(
            "cannot write " + file + ": " + e.getMessage(),
            "check that the folder is writable and has free space",
            e);
      }
      out.commit();
      return report;
    }
  }

  /**
   * Writes a header comment and the rules for {@code words} to {@code out} (not closed); see {@link
   * #write(Embeddings, List, String, Path, OutputPolicy)}.
   *
   * @param model where neighbours come from
   * @param words the words to write rules for, in the order of the file
   * @param source what the model is, for the header comment; may be null
   * @param out the writer; not flushed, not closed
   * @return what was written and left out
   * @throws java.io.IOException when {@code out} fails
   */
  public Report write(Embeddings model, List<String> words, String source, Writer out)
      throws IOException {
    Objects.requireNonNull(model, "model");
    header(words.size(), source, out);
    Map<String, Verdict> verdicts = new HashMap<>();
    Set<String> escaped = new HashSet<>();
    int lines = 0;
    long neighbours = 0;
    int without = 0;
    try (Progress progress = Progress.start("exporting synonyms", words.size(), "words")) {
      for (String word : words) {
        progress.add(1);
        if (verdict(word, verdicts) != Verdict.OK) {
          continue;
        }
        List<String> chosen = neighbours(model, word, verdicts);
        if (chosen.isEmpty()) {
          without++;
          continue;
        }
        out.write(line(word, chosen));
        out.write('\n');
        for (String w : chosen) {
          noteEscaped(w, escaped);
        }
        noteEscaped(word, escaped);
        lines++;
        neighbours += chosen.size();
      }
    }
    int[] counts = new int[Verdict.values().length];
    for (Verdict v : verdicts.values()) {
      counts[v.ordinal()]++;
    }
    return new Report(
        lines,
        neighbours,
        escaped.size(),
        counts[Verdict.UNWRITABLE.ordinal()],
        counts[Verdict.CHANGED_BY_ANALYZER.ordinal()],
        counts[Verdict.OUT_OF_BOUNDS.ordinal()],
        without);
  }

  /** The admissible neighbours of {@code word}, at most {@code k}, best first. */
  private List<String> neighbours(Embeddings model, String word, Map<String, Verdict> verdicts) {
    float[] v = model.unitVector(word);
    if (v == null) {
      return List.of();
    }
    int fetch = k;
    while (true) {
      List<Neighbor> candidates = model.nearest(v, fetch, minSimilarity, Set.of(word));
      List<String> chosen = new ArrayList<>(k);
      for (Neighbor n : candidates) {
        if (verdict(n.word(), verdicts) == Verdict.OK) {
          chosen.add(n.word());
          if (chosen.size() == k) {
            break;
          }
        }
      }
      if (chosen.size() == k || candidates.size() < fetch || fetch >= MAX_CANDIDATES) {
        return chosen;
      }
      fetch = Math.min(MAX_CANDIDATES, fetch * 4);
    }
  }

  /** The rule for a word and its neighbours, escaped, in this export's style. */
  String line(String word, List<String> neighbours) {
    StringBuilder sb = new StringBuilder();
    String head = SynonymSyntax.escape(word);
    sb.append(head);
    sb.append(style == Style.EXPLICIT ? " => " + head : "");
    for (String n : neighbours) {
      sb.append(", ").append(SynonymSyntax.escape(n));
    }
    return sb.toString();
  }

  /** Why a word may or may not appear in the file. */
  private enum Verdict {
    OK,
    UNWRITABLE,
    CHANGED_BY_ANALYZER,
    OUT_OF_BOUNDS
  }

  private Verdict verdict(String word, Map<String, Verdict> verdicts) {
    return verdicts.computeIfAbsent(word, this::judge);
  }

  private Verdict judge(String word) {
    if (!SynonymSyntax.writable(word)) {
      return Verdict.UNWRITABLE;
    }
    if (ruleAnalyzer != null && !List.of(word).equals(Tokens.of(ruleAnalyzer, "", word))) {
      return Verdict.CHANGED_BY_ANALYZER;
    }
    if (reader != null) {
      try {
        int df = reader.docFreq(new Term(field, word));
        if (df < Math.max(1, minDocFreq) || df > maxDocFreqRatio * reader.numDocs()) {
          return Verdict.OUT_OF_BOUNDS;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return Verdict.OK;
  }

  private static void noteEscaped(String word, Set<String> escaped) {
    if (SynonymSyntax.needsEscaping(word)) {
      escaped.add(word);
    }
  }

  /** Comment lines that say what made the file and how, so it can be made again. */
  private void header(int words, String source, Writer out) throws IOException {
    out.write("# Synonyms from a Lexica model" + (source == null ? "" : ": " + source) + "\n");
    out.write(
        String.format(
            Locale.ROOT,
            "# %s rules for up to %d words: k=%d, min cosine %s%s%s%n",
            style.name().toLowerCase(Locale.ROOT),
            words,
            k,
            minSimilarity,
            reader == null
                ? ""
                : String.format(
                    Locale.ROOT,
                    ", field '%s' document frequency in [%d, %s of %d documents]",
                    field,
                    Math.max(1, minDocFreq),
                    maxDocFreqRatio,
                    reader.numDocs()),
            ruleAnalyzer == null ? "" : ", words the rule analyzer keeps as they are"));
  }

  /** Settings of a {@link SynonymExport}, each checked when set. */
  public static final class Builder {
    /**
     * Default neighbours per word: fewer than the expander's, because the engine counts every
     * neighbour in the file as the word itself (a file has no weights). A choice, not a
     * measurement.
     */
    public static final int DEFAULT_K = 5;

    /** Default lowest cosine: stricter than the expander's, for the same reason. A choice. */
    public static final float DEFAULT_MIN_SIMILARITY = 0.6f;

    private Style style = Style.EXPLICIT;
    private int k = DEFAULT_K;
    private float minSimilarity = DEFAULT_MIN_SIMILARITY;
    private IndexReader reader;
    private String field;
    private int minDocFreq = ExpansionSettings.DEFAULT_MIN_DOC_FREQ;
    private double maxDocFreqRatio = ExpansionSettings.DEFAULT_MAX_DOC_FREQ_RATIO;
    private Analyzer ruleAnalyzer;

    private Builder() {}

    /**
     * How rules are written; {@link Style#EXPLICIT} by default.
     *
     * @param style equivalence or explicit mappings
     * @return this builder
     */
    public Builder style(Style style) {
      this.style = Objects.requireNonNull(style, "style");
      return this;
    }

    /**
     * Neighbours per word, at least 1; {@link #DEFAULT_K} by default.
     *
     * @param k the neighbours
     * @return this builder
     * @throws io.lexica.LexicaException when {@code k < 1}
     */
    public Builder k(int k) {
      this.k = ExpansionSettings.checkK(k);
      return this;
    }

    /**
     * Lowest cosine of a neighbour, in [-1, 1]; {@link #DEFAULT_MIN_SIMILARITY} by default.
     *
     * @param minSimilarity the lowest cosine
     * @return this builder
     * @throws io.lexica.LexicaException when it is outside [-1, 1]
     */
    public Builder minSimilarity(float minSimilarity) {
      this.minSimilarity = ExpansionSettings.checkMinSimilarity(minSimilarity);
      return this;
    }

    /**
     * Only words of {@code field} in the index {@code reader} reads, in at least {@code minDocFreq}
     * documents (at least 1: absent words are left out) and at most {@code maxRatio} of them, as
     * the expander's bounds; none by default.
     *
     * @param reader the target index
     * @param field the field whose document frequencies count
     * @param minDocFreq the lowest document frequency, at least 0 (absent words are left out
     *     whatever it is)
     * @param maxRatio the highest share of documents, in (0, 1]
     * @return this builder
     * @throws io.lexica.LexicaException when a bound is out of range
     */
    public Builder docFreqBounds(
        IndexReader reader, String field, int minDocFreq, double maxRatio) {
      ExpansionSettings.checkDocFreqBounds(minDocFreq, maxRatio);
      this.reader = Objects.requireNonNull(reader, "reader");
      this.field = Objects.requireNonNull(field, "field");
      this.minDocFreq = minDocFreq;
      this.maxDocFreqRatio = maxRatio;
      return this;
    }

    /**
     * The analyzer the engine reads the rules with (the chain before its synonym filter): only
     * words it keeps as exactly one token equal to themselves are written. None by default.
     *
     * @param ruleAnalyzer the analyzer, or null
     * @return this builder
     */
    public Builder ruleAnalyzer(Analyzer ruleAnalyzer) {
      this.ruleAnalyzer = ruleAnalyzer;
      return this;
    }

    /**
     * Builds the exporter.
     *
     * @return the exporter, immutable
     */
    public SynonymExport build() {
      return new SynonymExport(this);
    }
  }
}
