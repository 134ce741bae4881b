package io.lexica.cli;

import io.lexica.Model;
import io.lexica.analysis.AnalyzerSpec;
import io.lexica.expand.Expansion;
import io.lexica.expand.QueryExpander;
import io.lexica.expand.TargetIndex;
import io.lexica.index.SourceIndex;
import io.lexica.vectors.store.CrossLingualEmbeddings;
import io.lexica.vectors.store.ModelFiles;
import io.lexica.vectors.store.VectorStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lexica expand}: shows how a query is expanded. */
@Command(
    name = "expand",
    mixinStandardHelpOptions = true,
    description = {
      "Expand a query with the nearest words of a model and print the expanded Lucene query and"
          + " a table of the added terms (source word, similarity, weight).",
      "Neighbours absent from the field or outside the document frequency bounds are dropped.",
      "This is the query part of the default method; its ranking part (fusion with RM3's and"
          + " kNN's rankings, BM25's top kept on top) runs in 'lexica search' (--ensemble)."
    })
final class ExpandCommand implements Callable<Integer> {
  /** Options every command that expands queries of an index shares. */
  static final class Target {
    @Parameters(
        index = "0",
        paramLabel = "MODEL",
        description = "The model: a model directory or a vector file.")
    String model;

    @Option(
        names = "--index",
        required = true,
        paramLabel = "DIR",
        description = "The Lucene index to search.")
    Path index;

    @Option(
        names = "--field",
        paramLabel = "NAME",
        defaultValue = "body",
        description = "The field to search.")
    String field;

    @Option(
        names = "--analyzer",
        paramLabel = "SPEC",
        description =
            "The field's analyzer (a name such as english, or a chain; see lexica index; default:"
                + " the one the index records, else standard).")
    String analyzer;

    @Option(
        names = "--model-analyzer",
        paramLabel = "SPEC",
        description =
            "When the model's words are not the field's terms (e.g. an unstemmed model for a"
                + " stemmed field): the analyzer that made them (default: the field's).")
    String modelAnalyzer;

    @Mixin ExpansionOptions expansion;

    @Mixin CrossLingualOptions languages;

    /** The aligned model a cross-lingual expander reads; closed by {@link #close()}. */
    private VectorStore aligned;

    /** The model, once opened by {@link #model()}; closed by {@link #close()}. */
    private Model opened;

    /** The model, opened on first use (any model directory or vector file) until {@link #close}. */
    Model model() {
      if (opened == null) {
        opened = Model.open(Path.of(model));
      }
      return opened;
    }

    /** Opens the index and checks that it has the field, so a typo is not an empty result. */
    SourceIndex openIndex() {
      SourceIndex source = SourceIndex.open(index);
      try {
        source.requireFields(List.of(field), "--field");
      } catch (RuntimeException e) {
        source.close();
        throw e;
      }
      return source;
    }

    /** The field's analyzer: the one given, else the one the index records, else standard. */
    Analyzer fieldAnalyzer(SourceIndex source) {
      if (analyzer != null) {
        return AnalyzerSpec.parse(analyzer).create();
      }
      AnalyzerSpec recorded = source.recordedAnalyzer();
      return (recorded == null ? AnalyzerSpec.builtIn("standard") : recorded).create();
    }

    /**
     * The expander: over the model, or, with {@code --target-language}, over the aligned model's
     * cross-lingual view, translating queries; then the query language's analyzer, recorded at
     * alignment ({@code <language>.analyzer}), finds the query's words unless {@code
     * --model-analyzer} names one.
     */
    QueryExpander expander() {
      QueryExpander.Builder b;
      String analyzerSpec = modelAnalyzer;
      if (languages.active()) {
        aligned = ModelFiles.store(Path.of(model));
        CrossLingualEmbeddings cross = languages.open(aligned, false);
        if (analyzerSpec == null) {
          analyzerSpec = aligned.metadata().get(cross.from() + "." + VectorStore.KEY_ANALYZER);
        }
        b = expansion.builder(cross).crossLingual(true);
      } else {
        b = model().expanderBuilder(expansion.settings());
      }
      if (analyzerSpec != null) {
        b.modelAnalyzer(AnalyzerSpec.parse(analyzerSpec).create());
      }
      return b.build();
    }

    /** Closes what {@link #expander()} and {@link #model()} opened. */
    void close() {
      if (aligned != null) {
        aligned.close();
        aligned = null;
      }
      if (opened != null) {
        opened.close();
        opened = null;
      }
    }
  }

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin Target target;

  @Parameters(index = "1", paramLabel = "QUERY", description = "The query text.")
  String query;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    try (SourceIndex source = target.openIndex()) {
      DirectoryReader reader = source.reader();
      Analyzer analyzer = target.fieldAnalyzer(source);
      QueryExpander expander = target.expander(); // opens the model: not part of the timing
      try {
        print(expander, analyzer, TargetIndex.of(new IndexSearcher(reader), analyzer), out);
      } finally {
        target.close();
      }
    }
    return 0;
  }

  private void print(
      QueryExpander expander, Analyzer analyzer, TargetIndex index, PrintWriter out) {
    long start = System.nanoTime();
    Expansion e = expander.expand(query, target.field, analyzer, index);
    long micros = (System.nanoTime() - start) / 1000;
    out.println("original: " + e.original().toString(target.field));
    out.println("expanded: " + e.expanded().toString(target.field));
    out.println();
    out.print(e.explain());
    out.printf(
        Locale.ROOT,
        "%n%d terms added in %d us (a cold first query; bench/expand-latency.sh measures warm"
            + " ones)%n",
        e.added().size(),
        micros);
    out.flush();
  }
}
