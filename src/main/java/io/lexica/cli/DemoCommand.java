package io.lexica.cli;

import io.lexica.LexicaException;
import io.lexica.analysis.AnalyzerSpec;
import io.lexica.corpus.CorpusBuilder;
import io.lexica.corpus.EncodedCorpus;
import io.lexica.corpus.IndexCorpusReader;
import io.lexica.corpus.Vocabulary;
import io.lexica.docs.DocumentEmbedder;
import io.lexica.docs.DocumentEmbeddingSpec;
import io.lexica.docs.DocumentSearcher;
import io.lexica.docs.DocumentVectorIndexer;
import io.lexica.docs.EmbeddingMethod;
import io.lexica.docs.Fusion;
import io.lexica.docs.Hit;
import io.lexica.docs.TermWeights;
import io.lexica.expand.Expansion;
import io.lexica.expand.QueryExpander;
import io.lexica.expand.TargetIndex;
import io.lexica.index.Indexer;
import io.lexica.index.SourceIndex;
import io.lexica.train.word2vec.Word2VecOptions;
import io.lexica.train.word2vec.Word2VecTrainer;
import io.lexica.util.ThreadCounts;
import io.lexica.vectors.Neighbor;
import io.lexica.vectors.store.ModelMetadata;
import io.lexica.vectors.store.StoreOptions;
import io.lexica.vectors.store.VectorStore;
import io.lexica.vectors.store.VectorStoreWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lexica demo}: the main job end to end on the bundled example corpus: index it, read the
 * corpus back, train word2vec, store the model in Lucene, show nearest words, expand a query and
 * run a hybrid (BM25 + document vectors) search. Takes about a minute on two cores.
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
    Indexer.Result r =
        new Indexer(AnalyzerSpec.builtIn("standard")).index(List.of(corpusFile), index);
    out.printf(Locale.ROOT, "   %d documents in %.1f s%n", r.documents(), r.seconds());
    out.printf(Locale.ROOT, "2. reading the training corpus back from the index%n");
    Path modelDir = work.resolve("model");
    try (EncodedCorpus corpus = readCorpus(index, out)) {
      train(corpus, index, modelDir, out);
    }
    try (VectorStore model = VectorStore.open(modelDir);
        SourceIndex source = SourceIndex.open(index)) {
      neighbours(model, out);
      expand(model, source, out);
      hybrid(model, index, source, out);
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

  private void train(EncodedCorpus corpus, Path index, Path modelDir, PrintStream out) {
    Word2VecOptions options =
        Word2VecOptions.builder()
            .architecture(Word2VecOptions.Architecture.SKIPGRAM)
            .dimension(100)
            .window(5)
            .epochs(5)
            .threads(ThreadCounts.readingDefault())
            .seed(1)
            .showProgress(true)
            .build();
    out.printf(
        Locale.ROOT,
        "3. training word2vec skip-gram (dim 100, window 5, 5 epochs, %d threads)%n",
        options.threads());
    long start = System.nanoTime();
    Word2VecTrainer.Result result = Word2VecTrainer.train(corpus, options);
    double secs = (System.nanoTime() - start) / 1e9;
    double[] loss = result.report().epochLoss();
    out.printf(
        Locale.ROOT,
        "   %.1f s, %.0f k tokens/s; loss %.3f -> %.3f%n",
        secs,
        corpus.tokenCount() * options.epochs() / secs / 1e3,
        loss[0],
        loss[loss.length - 1]);
    VectorStoreWriter.write(
        result.vectors(),
        ModelMetadata.of("word2vec")
            .params(options)
            .source(index.toString(), Indexer.BODY)
            .analyzer(AnalyzerSpec.builtIn("standard").toString())
            .corpusTokens(corpus.tokenCount())
            .toMap(),
        modelDir,
        StoreOptions.DEFAULT);
    out.printf(Locale.ROOT, "4. model stored as a Lucene index (HNSW) in %s%n", modelDir);
  }

  private static void neighbours(VectorStore model, PrintStream out) {
    out.printf(Locale.ROOT, "5. nearest words%n");
    for (String w : WORDS) {
      StringBuilder sb = new StringBuilder();
      for (Neighbor n : model.nearest(w, 6, -1f)) {
        sb.append(String.format(Locale.ROOT, " %s (%.2f)", n.word(), n.similarity()));
      }
      out.printf(Locale.ROOT, "   %-10s%s%n", w, sb);
    }
  }

  /** Added terms the demo lists. */
  private static final int SHOWN_TERMS = 12;

  private static void expand(VectorStore model, SourceIndex source, PrintStream out) {
    out.printf(Locale.ROOT, "6. query expansion of \"%s\"%n", QUERY);
    Analyzer analyzer = AnalyzerSpec.builtIn("standard").create();
    Expansion e =
        QueryExpander.builder(model)
            .build()
            .expand(
                QUERY,
                Indexer.BODY,
                analyzer,
                TargetIndex.of(new IndexSearcher(source.reader()), analyzer));
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

  private void hybrid(VectorStore model, Path index, SourceIndex source, PrintStream out) {
    Path vectors = work.resolve("doc-vectors");
    Analyzer analyzer = AnalyzerSpec.builtIn("standard").create();
    DocumentVectorIndexer.Result r =
        DocumentVectorIndexer.run(
            index,
            vectors,
            model,
            work.resolve("model").toString(),
            analyzer,
            DocumentVectorIndexer.Options.defaults(EmbeddingMethod.SIF));
    out.printf(
        Locale.ROOT,
        "7. document vectors (SIF) for %d documents in %s; hybrid search for \"%s\":%n",
        r.embedded(),
        vectors,
        QUERY);
    try (SourceIndex vectorIndex = SourceIndex.open(vectors)) {
      DocumentEmbeddingSpec spec = r.spec();
      DocumentSearcher searcher =
          new DocumentSearcher(
              new IndexSearcher(source.reader()),
              Indexer.BODY,
              analyzer,
              new IndexSearcher(vectorIndex.reader()),
              new DocumentEmbedder(
                  model,
                  analyzer,
                  TermWeights.fromIndex(
                      spec.method(), source.reader(), spec.statsField(), spec.sifA()),
                  spec.commonComponent()),
              spec);
      for (Hit h : searcher.hybrid(QUERY, 5, 100, Fusion.DEFAULT)) {
        out.printf(Locale.ROOT, "   %.3f  %s%n", h.score(), title(vectorIndex, h.id()));
      }
    }
  }

  private static String title(SourceIndex vectorIndex, String id) {
    try {
      IndexSearcher s = new IndexSearcher(vectorIndex.reader());
      TopDocs td = s.search(new TermQuery(new Term(Indexer.ID, id)), 1);
      String t =
          td.scoreDocs.length == 0
              ? null
              : s.storedFields().document(td.scoreDocs[0].doc).get(Indexer.TITLE);
      return t == null ? id : t;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the body field back and prints vocabulary statistics. */
  EncodedCorpus readCorpus(Path index, PrintStream out) {
    try (IndexCorpusReader reader = IndexCorpusReader.open(index, List.of(Indexer.BODY))) {
      Vocabulary full = reader.vocabulary();
      Vocabulary vocabulary = full.prune(minCount, 0);
      out.printf(
          Locale.ROOT,
          "   method %s; %d distinct words, %d with at least %d occurrences (%.1f%% of tokens)%n",
          reader.methodFor(Indexer.BODY).cliName(),
          full.size(),
          vocabulary.size(),
          minCount,
          100.0 * vocabulary.totalCount() / full.totalCount());
      return CorpusCommand.print(reader, vocabulary, new CorpusBuilder(vocabulary), 12, "   ", out);
    }
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
