package io.lexica.cli;

import io.lexica.expand.SynonymExport;
import io.lexica.index.SourceIndex;
import io.lexica.util.OutputKind;
import io.lexica.util.OutputPolicy;
import io.lexica.vectors.WordVectors;
import io.lexica.vectors.formats.Dl4jZip;
import io.lexica.vectors.formats.VectorFiles;
import io.lexica.vectors.formats.VectorFormat;
import io.lexica.vectors.store.LanguageView;
import io.lexica.vectors.store.ModelFiles;
import io.lexica.vectors.store.VectorStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** {@code lexica export}: a model's raw vectors to a file. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a model's raw vectors, in frequency order and bit for bit as stored, to a vector"
          + " file: word2vec text or binary, GloVe, fastText .vec, or the DL4J zip that Lucene's"
          + " Word2VecSynonymFilter reads (format dl4j-zip). A name ending in .gz is gzipped"
          + " (not for dl4j-zip).",
      "Format synonyms writes a Solr / Elasticsearch / OpenSearch synonyms file instead: each"
          + " word's nearest words, for the engine's synonym_graph filter (options below --style)."
    })
final class ExportCommand implements Callable<Integer> {
  /** The format that writes a synonyms file rather than vectors. */
  static final String SYNONYMS = "synonyms";

  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory.")
  Path model;

  @Option(
      names = "--format",
      required = true,
      paramLabel = "FORMAT",
      description =
          "word2vec-text, word2vec-binary, glove, fasttext-vec, "
              + ImportCommand.DL4J_ZIP
              + " or "
              + SYNONYMS
              + ".")
  String format;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "File to write.")
  Path out;

  @Mixin OutputOptions output;

  @Option(
      names = "--limit",
      defaultValue = "0",
      paramLabel = "N",
      converter = OptionTypes.NonNegativeInt.class,
      description =
          "The first (most frequent) N words only; 0 = all. For synonyms, neighbours come from"
              + " these words too.")
  int limit;

  @Option(
      names = "--language",
      paramLabel = "NAME",
      description =
          "For an aligned model ('lexica align'): the language to write, e.g. en; its words only,"
              + " in the shared space (default: none; a model with two languages needs it).")
  String language;

  @Mixin(name = SYNONYMS)
  SynonymExportOptions synonyms;

  @Override
  public Integer call() {
    if (format.equalsIgnoreCase(SYNONYMS)) {
      return writeSynonyms();
    }
    refuseSynonymOptions();
    boolean dl4j = format.equalsIgnoreCase(ImportCommand.DL4J_ZIP);
    VectorFormat fileFormat = dl4j ? null : VectorFormat.parse(format);
    if (fileFormat != null) {
      VectorFiles.checkWritable(fileFormat);
    }
    OutputPolicy policy = output.policy(model);
    output.check(OutputKind.FILE, out, policy);
    WordVectors vectors;
    try (VectorStore store = ModelFiles.store(model)) {
      vectors =
          language == null
              ? store.exportWordVectors(limit)
              : store.inLanguage(language).exportWordVectors(limit);
    }
    if (dl4j) {
      java.util.List<String> zero = Dl4jZip.write(vectors, out, policy);
      if (!zero.isEmpty()) {
        Main.warn(
            spec,
            "left out "
                + zero.size()
                + " word(s) with an all-zero vector, which Lucene's reader cannot load; first: '"
                + zero.get(0)
                + "'");
      }
    } else {
      VectorFiles.write(vectors, out, fileFormat, policy);
    }
    PrintWriter o = spec.commandLine().getOut();
    o.println(
        String.format(
            Locale.ROOT,
            "wrote %,d words x %d dims to %s (%s)",
            vectors.size(),
            vectors.dimension(),
            out,
            format));
    o.flush();
    return 0;
  }

  /** {@code --format synonyms}: the library's {@link SynonymExport} over the model's words. */
  private int writeSynonyms() {
    OutputPolicy policy = output.policy(model, synonyms.index);
    output.check(OutputKind.FILE, out, policy);
    SynonymExport.Report r;
    try (VectorStore store = ModelFiles.store(model);
        SourceIndex index = synonyms.index == null ? null : SourceIndex.open(synonyms.index)) {
      if (index != null) {
        index.requireFields(List.of(synonyms.field), "--field");
      }
      LanguageView words =
          language == null
              ? store.mostFrequent(limit)
              : store.inLanguage(language).mostFrequent(limit);
      r =
          synonyms
              .export(index == null ? null : index.reader())
              .write(words, words.words(), model.toString(), out, policy);
    }
    PrintWriter o = spec.commandLine().getOut();
    o.println(
        String.format(
            Locale.ROOT,
            "wrote %,d rules with %,d neighbours to %s (synonyms, %s); %,d words without"
                + " neighbours above the cosine; %,d words escaped (holding \\ , = or a leading #)",
            r.lines(),
            r.neighbours(),
            out,
            synonyms.style.name().toLowerCase(Locale.ROOT),
            r.withoutNeighbours(),
            r.escaped()));
    o.flush();
    if (r.unwritable() > 0) {
      Main.warn(
          spec,
          "left out "
              + r.unwritable()
              + " word(s) with whitespace or control characters, which a synonyms file cannot"
              + " hold as one token");
    }
    if (r.changedByAnalyzer() > 0) {
      Main.warn(
          spec,
          "left out " + r.changedByAnalyzer() + " word(s) that --rule-analyzer changes or removes");
    }
    if (r.outOfDocFreqBounds() > 0) {
      Main.warn(
          spec,
          "left out "
              + r.outOfDocFreqBounds()
              + " word(s) absent from --field or outside --min-df/--max-df");
    }
    return 0;
  }

  /** The synonym options mean nothing for a vector file: given there, they are a mistake. */
  private void refuseSynonymOptions() {
    ParseResult parsed = spec.commandLine().getParseResult();
    for (OptionSpec option : spec.mixins().get(SYNONYMS).options()) {
      if (parsed.hasMatchedOption(option)) {
        throw new ParameterException(
            spec.commandLine(),
            option.longestName() + " is an option of --format " + SYNONYMS + ", not of " + format);
      }
    }
  }
}
