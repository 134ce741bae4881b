package io.lexica.cli;

import io.lexica.DocumentSearch;
import io.lexica.Lexica;
import io.lexica.Lexica.TrainOptions;
import io.lexica.LexicaException;
import io.lexica.Model;
import io.lexica.docs.Hit;
import io.lexica.expand.Expansion;
import io.lexica.expand.ExpansionSettings;
import io.lexica.index.Indexer;
import io.lexica.vectors.Neighbor;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lexica demo}: the main job end to end on the bundled example corpus, through the {@link
 * Lexica} facade as a Java application would do it: index it, read the corpus back, train word2vec,
 * store the model in Lucene, show nearest words, expand a query and run a hybrid (BM25 + document
 * vectors) search. Takes about a minute on two cores.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Index the bundled example corpus (examples/kjv.tsv.gz), read the training corpus back from"
            + " the index, train word2vec on it, store the model in Lucene, and show nearest words,"
            + " an expanded query and a hybrid search.")
final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--work",
      paramLabel = "DIR",
      defaultValue = "work/demo",
      description = "Where the demo writes its index and models.")
  Path work;

  @Option(
      names = "--input",
      paramLabel = "FILE",
      description =
          "Corpus to use instead of the bundled one (text, TSV or JSONL; default:"
              + " examples/kjv.tsv.gz).")
  Path input;

  @Option(
      names = "--min-count",
      paramLabel = "N",
      defaultValue = "5",
      converter = OptionTypes.NonNegativeLong.class,
      description = "Words rarer than this are left out.")
  long minCount;

  @Override
  public Integer call() {
    PrintStream out = System.out;
    Path corpusFile = input != null ? input : exampleCorpus();
    Path index = work.resolve("index");
    out.printf(Locale.ROOT, "1. indexing %s into %s (standard analyzer)%n", corpusFile, index);
    var indexed = Lexica.index(List.of(corpusFile), index);
    out.printf(Locale.ROOT, "   %d documents in %.1f s%n", indexed.documents(), indexed.seconds());
    out.printf(
        Locale.ROOT,
        "2. reading the training corpus back from the index and training word2vec on it%n");
    Path modelDir = work.resolve("model");
    TrainOptions defaults = TrainOptions.defaults();
    TrainOptions options =
        defaults
            .withMinCount(minCount)
            .withWord2Vec(defaults.word2vec().toBuilder().showProgress(true).build())
            .withReport(line -> out.printf(Locale.ROOT, "   %s%n", line));
    try (Model model = Lexica.train(index, Indexer.BODY, modelDir, options)) {
      neighbours(model, out);
      Path vectors = work.resolve("doc-vectors");
      int embedded = Lexica.embedDocuments(index, model, vectors);
      try (DocumentSearch search = DocumentSearch.open(index, Indexer.BODY, model, vectors)) {
        expand(model, search, out);
        out.printf(
            Locale.ROOT,
            "5. document vectors (SIF) for %d documents in %s; hybrid search for \"%s\":%n",
            embedded,
            vectors,
            QUERY);
        for (Hit h : search.hybrid(QUERY, 5)) {
          String title = search.stored(h, Indexer.TITLE);
          out.printf(Locale.ROOT, "   %.3f  %s%n", h.score(), title == null ? h.id() : title);
        }
      }
    }
    out.printf(
        Locale.ROOT,
        "%nNext: ./lexica neighbors %s <word>...   ./lexica expand %s --index %s \"<query>\"%n",
        modelDir,
        modelDir,
        index);
    return 0;
  }

  private static final String[] WORDS = {"king", "egypt", "sword", "bread", "jerusalem"};
  private static final String QUERY = "famine in the land of egypt";

  private static void neighbours(Model model, PrintStream out) {
    out.printf(Locale.ROOT, "3. nearest words%n");
    for (String w : WORDS) {
      StringBuilder sb = new StringBuilder();
      for (Neighbor n : model.neighbors(w, 6)) {
        sb.append(String.format(Locale.ROOT, " %s (%.2f)", n.word(), n.similarity()));
      }
      out.printf(Locale.ROOT, "   %-10s%s%n", w, sb);
    }
  }

  /** Added terms the demo lists. */
  private static final int SHOWN_TERMS = 12;

  private static void expand(Model model, DocumentSearch search, PrintStream out) {
    out.printf(Locale.ROOT, "4. query expansion of \"%s\"%n", QUERY);
    Expansion e = search.expand(QUERY, model.expander(ExpansionSettings.DEFAULTS));
    // the whole expanded query runs to a hundred terms: show the weightiest, as a person would read
    // it
    List<String> table = e.explain().lines().toList();
    int shown = Math.min(table.size(), 1 + SHOWN_TERMS);
    out.printf(
        Locale.ROOT,
        "   %d terms added (top documents' terms re-weighted by the model, the model's"
            + " neighbours); the %d weightiest:%n",
        e.added().size(),
        shown - 1);
    table.subList(0, shown).forEach(l -> out.printf(Locale.ROOT, "   %s%n", l));
  }

  /** examples/kjv.tsv.gz beside the launcher (lexica.home), else under the working directory. */
  static Path exampleCorpus() {
    String home = System.getProperty("lexica.home");
    Path p = Path.of(home != null ? home : ".").resolve("examples").resolve("kjv.tsv.gz");
    if (!Files.isRegularFile(p)) {
      throw new LexicaException(
          "the example corpus " + p + " is missing",
          "run from a Lexica checkout, or pass your own corpus with --input FILE");
    }
    return p;
  }
}
