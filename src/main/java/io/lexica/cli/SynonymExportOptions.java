package io.lexica.cli;

import io.lexica.analysis.AnalyzerSpec;
import io.lexica.expand.ExpansionSettings;
import io.lexica.expand.SynonymExport;
import java.nio.file.Path;
import org.apache.lucene.index.IndexReader;
import picocli.CommandLine.Option;

/**
 * The options of {@code lexica export --format synonyms}, turned into the library's {@link
 * SynonymExport}. Defaults are the library's ({@link SynonymExport.Builder}; the document frequency
 * bounds are the expander's, {@link ExpansionSettings}), named here so that help shows them.
 */
final class SynonymExportOptions {
  @Option(
      names = "--style",
      paramLabel = "STYLE",
      defaultValue = "explicit",
      description =
          "explicit (word => word, n1, n2: a word expands to its own neighbours, as Lexica's"
              + " filter does) or equivalence (word, n1, n2: with expand=true every word of a line"
              + " maps to every other).")
  SynonymExport.Style style;

  @Option(
      names = "-k",
      paramLabel = "N",
      defaultValue = "" + SynonymExport.Builder.DEFAULT_K,
      converter = OptionTypes.PositiveInt.class,
      description = "Neighbours per word.")
  int k;

  @Option(
      names = "--min-similarity",
      paramLabel = "COSINE",
      defaultValue = "" + SynonymExport.Builder.DEFAULT_MIN_SIMILARITY,
      converter = OptionTypes.Cosine.class,
      description = "Lowest cosine of a neighbour.")
  float minSimilarity;

  @Option(
      names = "--index",
      paramLabel = "DIR",
      description =
          "The index the synonyms are for (read only): only words of its --field within the"
              + " document frequency bounds are written (default: none, every word).")
  Path index;

  @Option(
      names = "--field",
      paramLabel = "NAME",
      defaultValue = "body",
      description = "The field of --index.")
  String field;

  @Option(
      names = "--min-df",
      paramLabel = "N",
      defaultValue = "" + ExpansionSettings.DEFAULT_MIN_DOC_FREQ,
      converter = OptionTypes.NonNegativeInt.class,
      description = "With --index: lowest document frequency of a word (absent words never).")
  int minDf;

  @Option(
      names = "--max-df",
      paramLabel = "SHARE",
      defaultValue = "" + ExpansionSettings.DEFAULT_MAX_DOC_FREQ_RATIO,
      converter = OptionTypes.Share.class,
      description = "With --index: highest share of the documents a word may occur in.")
  double maxDf;

  @Option(
      names = "--rule-analyzer",
      paramLabel = "SPEC",
      description =
          "The analyzer the engine reads the rules with (the chain before its synonym filter, a"
              + " name such as standard or a chain; see lexica index): words it changes or"
              + " removes, such as stop words, are left out (default: none, no such check).")
  String ruleAnalyzer;

  /** The export these options describe; {@code reader} is the open {@code --index}, or null. */
  SynonymExport export(IndexReader reader) {
    SynonymExport.Builder b =
        SynonymExport.builder().style(style).k(k).minSimilarity(minSimilarity);
    if (reader != null) {
      b.docFreqBounds(reader, field, minDf, maxDf);
    }
    if (ruleAnalyzer != null) {
      b.ruleAnalyzer(AnalyzerSpec.parse(ruleAnalyzer).create());
    }
    return b.build();
  }
}
