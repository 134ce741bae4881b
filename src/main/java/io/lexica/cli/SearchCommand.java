package io.lexica.cli;

import io.lexica.DocumentSearch;
import io.lexica.LexicaException;
import io.lexica.docs.DocumentSearcher;
import io.lexica.docs.Fusion;
import io.lexica.docs.Hit;
import io.lexica.docs.RankingEnsemble;
import io.lexica.expand.Expansion;
import io.lexica.expand.QueryExpander;
import io.lexica.expand.TargetIndex;
import io.lexica.index.SourceIndex;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lexica search}: the hits of a query by BM25, expanded BM25, kNN and hybrid, side by side.
 */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = {
      "Search an index and show the hits of each mode: bm25 (the query as typed), expanded (with"
          + " the model's nearest words, and what was added; ranked by --ensemble: by default the"
          + " expanded query's ranking fused with plain RM3's and, with --vectors, kNN's, BM25's"
          + " top 2 kept on top), knn (document vectors nearest the query's embedding) and hybrid"
          + " (BM25 and kNN fused).",
      "knn and hybrid need --vectors, a document-vector index made by 'lexica embed-docs'. '+'"
          + " marks a hit that BM25 did not find in its top N."
    })
final class SearchCommand implements Callable<Integer> {
  /** The modes, in display order. */
  enum Mode {
    BM25,
    EXPANDED,
    KNN,
    HYBRID
  }

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ExpandCommand.Target target;

  @Parameters(index = "1", paramLabel = "QUERY", description = "The query text.")
  String query;

  @Option(
      names = "--mode",
      split = ",",
      paramLabel = "MODE",
      description =
          "bm25, expanded, knn, hybrid (comma-separated; default: bm25,expanded, plus knn,hybrid"
              + " with --vectors).")
  List<Mode> modes;

  @Option(
      names = "--vectors",
      paramLabel = "DIR",
      description =
          "Document-vector index from 'lexica embed-docs', for knn and hybrid (default: none).")
  Path vectors;

  @Option(
      names = "--fusion",
      paramLabel = "SPEC",
      defaultValue = "weighted:0.7",
      description = "Hybrid fusion: rrf, rrf:K, weighted or weighted:W.")
  String fusion;

  @Mixin EnsembleOption ensemble;

  @Option(
      names = "--hits",
      paramLabel = "N",
      defaultValue = "10",
      converter = OptionTypes.PositiveInt.class,
      description = "Hits shown.")
  int hits;

  @Option(
      names = "--show",
      paramLabel = "FIELD",
      description = "Stored field shown for a hit (default: title, else the first stored field).")
  String show;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    List<Mode> todo =
        modes != null
            ? modes
            : vectors == null
                ? List.of(Mode.BM25, Mode.EXPANDED)
                : List.of(Mode.BM25, Mode.EXPANDED, Mode.KNN, Mode.HYBRID);
    Fusion fused = Fusion.parse(fusion); // checked before any search
    if (vectors == null && (todo.contains(Mode.KNN) || todo.contains(Mode.HYBRID))) {
      throw new LexicaException(
          "modes knn and hybrid need a document-vector index",
          "make one with 'lexica embed-docs --index "
              + target.index
              + " --model "
              + target.model
              + " --out DIR' and pass --vectors DIR");
    }
    try (SourceIndex source = target.openIndex()) {
      search(source, todo, fused, out);
    } finally {
      target.close();
    }
    return 0;
  }

  private void search(SourceIndex source, List<Mode> todo, Fusion fused, PrintWriter out)
      throws IOException {
    DirectoryReader reader = source.reader();
    IndexSearcher searcher = new IndexSearcher(reader);
    Analyzer analyzer = target.fieldAnalyzer(source);
    TargetIndex index = TargetIndex.of(searcher, analyzer);
    QueryExpander expander = target.expander();
    Expansion e = expander.expand(query, target.field, analyzer, index);
    TopDocs bm25 = searcher.search(e.original(), hits);
    Set<String> found = new HashSet<>();
    List<Hit> bm25Hits = hits(searcher, bm25);
    bm25Hits.forEach(h -> found.add(h.id()));
    Labels labels = new Labels(searcher);
    try (SourceIndex vectorIndex = vectors == null ? null : SourceIndex.open(vectors)) {
      DocumentSearcher ds =
          vectorIndex == null
              ? DocumentSearcher.textOnly(searcher, target.field, analyzer)
              : documentSearcher(searcher, analyzer, vectorIndex);
      for (Mode m : todo) {
        switch (m) {
          case BM25 -> print(out, "bm25", bm25Hits, labels, Set.of());
          case EXPANDED -> {
            out.println("\nexpanded: " + e.expanded().toString(target.field));
            out.print(e.explain());
            print(out, "expanded", expanded(ds, expander, e, index, analyzer, out), labels, found);
          }
          case KNN, HYBRID -> {
            List<Hit> list =
                m == Mode.KNN
                    ? ds.knn(query, hits)
                    : ds.hybrid(query, hits, Math.max(100, hits), fused);
            print(out, m.name().toLowerCase(Locale.ROOT), list, labels, found);
          }
          default -> throw new IllegalStateException(m.name());
        }
      }
    }
    out.flush();
  }

  /**
   * The expanded mode's hits, ranked by {@code --ensemble} with the members that can run here: RM3
   * with feedback documents, kNN with {@code --vectors}; none across languages (BM25 and RM3 of the
   * untranslated query are no rankings of the translation). Prints how the ranking was made.
   */
  private List<Hit> expanded(
      DocumentSearcher ds,
      QueryExpander expander,
      Expansion e,
      TargetIndex index,
      Analyzer analyzer,
      PrintWriter out) {
    RankingEnsemble asked = target.languages.active() ? RankingEnsemble.NONE : ensemble.ensemble;
    RankingEnsemble how = asked.runnable(expander.plainFeedback() != null, ds.hasVectors());
    List<String> leftOut = new ArrayList<>();
    if (asked.rm3() > 0 && how.rm3() == 0) {
      leftOut.add("rm3: no feedback documents");
    }
    if (asked.knn() > 0 && how.knn() == 0) {
      leftOut.add("knn: no --vectors");
    }
    out.println(
        "ranking: "
            + how.describe()
            + (leftOut.isEmpty() ? "" : " (left out: " + String.join("; ", leftOut) + ")")
            + (target.languages.active() ? " (across languages: no ensemble)" : ""));
    return DocumentSearch.ranked(ds, index, target.field, analyzer, query, e, expander, how, hits);
  }

  private DocumentSearcher documentSearcher(
      IndexSearcher text, Analyzer analyzer, SourceIndex vectorIndex) {
    return DocumentSearcher.withVectors(
        text,
        target.field,
        analyzer,
        vectorIndex,
        vectors.toString(),
        target.model().embeddings(),
        target.model().phrases().wrap(analyzer));
  }

  /** BM25 hits by the source's id field ("id"), else by Lucene doc number. */
  private static List<Hit> hits(IndexSearcher searcher, TopDocs top) throws IOException {
    List<Hit> out = new ArrayList<>();
    for (ScoreDoc sd : top.scoreDocs) {
      String id = searcher.storedFields().document(sd.doc, Set.of("id")).get("id");
      out.add(new Hit(id == null ? "#" + sd.doc : id, sd.score));
    }
    return out;
  }

  private void print(PrintWriter out, String name, List<Hit> list, Labels labels, Set<String> known)
      throws IOException {
    out.printf(Locale.ROOT, "%n%s: %d hits%n", name, list.size());
    int rank = 0;
    for (Hit h : list) {
      String mark = known.isEmpty() || known.contains(h.id()) ? " " : "+";
      out.printf(
          Locale.ROOT,
          "%s%3d  %8.4f  %-12s %s%n",
          mark,
          ++rank,
          h.score(),
          h.id(),
          labels.of(h.id()));
    }
  }

  /** Short text shown for a hit, from the source index's stored fields. */
  private final class Labels {
    private final IndexSearcher searcher;

    Labels(IndexSearcher searcher) {
      this.searcher = searcher;
    }

    String of(String id) throws IOException {
      Document d;
      if (id.startsWith("#")) {
        d = searcher.storedFields().document(Integer.parseInt(id.substring(1)));
      } else {
        TopDocs td = searcher.search(new TermQuery(new Term("id", id)), 1);
        if (td.scoreDocs.length == 0) {
          return "";
        }
        d = searcher.storedFields().document(td.scoreDocs[0].doc);
      }
      String v = show != null ? d.get(show) : d.get("title");
      if (v == null && show == null && !d.getFields().isEmpty()) {
        v = d.getFields().get(0).stringValue();
      }
      if (v == null) {
        return "";
      }
      v = v.replaceAll("\\s+", " ");
      return v.length() > 90 ? v.substring(0, 90) + "..." : v;
    }
  }
}
