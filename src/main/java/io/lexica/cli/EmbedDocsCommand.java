package io.lexica.cli;

import io.lexica.Model;
import io.lexica.analysis.AnalyzerSpec;
import io.lexica.docs.DocumentVectorIndexer;
import io.lexica.docs.EmbeddingMethod;
import io.lexica.docs.TermWeights;
import io.lexica.index.SourceIndex;
import io.lexica.util.OutputPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.lucene.analysis.Analyzer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lexica embed-docs}: document vectors for an existing index, written to a new index. */
@Command(
    name = "embed-docs",
    mixinStandardHelpOptions = true,
    description = {
      "Embed every document of an existing index with a model and write a new index with the"
          + " vectors (KnnFloatVectorField, dot product on unit vectors) plus a copy of the stored"
          + " fields, or with --side-index only (id, vector). The source index is only read; the"
          + " output appears atomically when complete.",
      "Queries are later embedded the same way: the method, model and SIF component are recorded"
          + " in the output's commit data."
    })
final class EmbedDocsCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--index",
      required = true,
      paramLabel = "DIR",
      description = "The source Lucene index (read only).")
  Path index;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "MODEL",
      description = "Model directory or vector file.")
  String model;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Directory of the new vector index.")
  Path out;

  @Mixin OutputOptions output;

  @Option(
      names = "--method",
      paramLabel = "NAME",
      defaultValue = "sif",
      description = "mean, idf or sif.")
  String method;

  @Option(
      names = "--text-field",
      paramLabel = "NAME",
      split = ",",
      defaultValue = "title,body",
      description = "Fields whose text is embedded.")
  List<String> textFields;

  @Option(
      names = "--stats-field",
      paramLabel = "NAME",
      defaultValue = "body",
      description = "Indexed field giving the idf/SIF word statistics.")
  String statsField;

  @Option(
      names = "--id-field",
      paramLabel = "NAME",
      defaultValue = "id",
      description = "Stored field identifying documents.")
  String idField;

  @Option(
      names = "--vector-field",
      paramLabel = "NAME",
      defaultValue = "vector",
      description = "Name of the vector field written.")
  String vectorField;

  @Option(
      names = "--analyzer",
      paramLabel = "SPEC",
      description =
          "Analyzer spec for the text (default: the one recorded in the source index, else"
              + " standard).")
  String analyzer;

  @Option(
      names = "--sif-a",
      paramLabel = "X",
      defaultValue = "" + TermWeights.DEFAULT_SIF_A,
      converter = OptionTypes.PositiveNumber.class,
      description = "SIF's a: a word weighs a / (a + p(word)).")
  double sifA;

  @Option(names = "--side-index", description = "Write only id and vector, no stored fields.")
  boolean sideIndex;

  @Option(
      names = "--text-from",
      paramLabel = "WHERE",
      defaultValue = "auto",
      description =
          "Where the words come from: stored (the stored text, analysed), index (the indexed terms"
              + " and their frequencies, for indexes that do not store text) or auto (stored text"
              + " when there is some).")
  String textFrom;

  @Override
  public Integer call() {
    PrintWriter outw = spec.commandLine().getOut();
    OutputPolicy policy = output.policy(index, Path.of(model));
    output.check(DocumentVectorIndexer.KIND, out, policy);
    try (Model opened = Model.open(Path.of(model))) {
      return embed(opened, policy, outw);
    }
  }

  private int embed(Model opened, OutputPolicy policy, PrintWriter outw) {
    // A model trained with phrases sees documents with its phrases joined, as it saw its corpus.
    Analyzer a = opened.phrases().wrap(analyzerFor(index, analyzer));
    DocumentVectorIndexer.Options o =
        new DocumentVectorIndexer.Options(
            textFields,
            statsField,
            idField,
            vectorField,
            EmbeddingMethod.parse(method),
            sifA,
            20_000,
            sideIndex,
            1,
            DocumentVectorIndexer.TextSource.parse(textFrom));
    long start = System.nanoTime();
    DocumentVectorIndexer.Result r =
        DocumentVectorIndexer.run(index, out, opened.embeddings(), model, a, o, policy);
    double secs = (System.nanoTime() - start) / 1e9;
    outw.printf(
        Locale.ROOT,
        "embedded %d of %d documents (%d without any known word; words from the %s) in %.1f s,"
            + " %.0f docs/s -> %s%n",
        r.embedded(),
        r.documents(),
        r.empty(),
        r.textSource() == DocumentVectorIndexer.TextSource.STORED ? "stored text" : "indexed terms",
        secs,
        r.documents() / Math.max(1e-9, secs),
        out);
    outw.flush();
    return 0;
  }

  /** The given analyzer spec, else the one recorded in {@code index}, else standard. */
  static Analyzer analyzerFor(Path index, String given) {
    if (given != null) {
      return AnalyzerSpec.parse(given).create();
    }
    try (SourceIndex source = SourceIndex.open(index)) {
      AnalyzerSpec recorded = source.recordedAnalyzer();
      return (recorded == null ? AnalyzerSpec.builtIn("standard") : recorded).create();
    }
  }
}
