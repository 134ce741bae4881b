package io.lexica.cli;

import io.lexica.expand.Expansion;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lexica search}: the hits of a query before and after expansion, side by side. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description =
        "Search an index with a query as typed and expanded with a model's nearest words, and show"
            + " both hit lists; '+' marks a hit the original query did not find in its top N.")
final class SearchCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ExpandCommand.Target target;

  @Parameters(index = "1", paramLabel = "QUERY", description = "The query text.")
  String query;

  @Option(names = "--hits", defaultValue = "10", description = "Hits shown. Default: 10.")
  int hits;

  @Option(
      names = "--show",
      description = "Stored field shown for a hit (default: the first stored field).")
  String show;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    try (DirectoryReader reader = target.openIndex()) {
      IndexSearcher searcher = new IndexSearcher(reader);
      Expansion e =
          target.expander().expand(query, target.field, target.fieldAnalyzer(reader), reader);
      TopDocs before = searcher.search(e.original(), hits);
      TopDocs after = searcher.search(e.expanded(), hits);
      out.println("expanded: " + e.expanded().toString(target.field));
      out.print(e.explain());
      Set<Integer> found = new HashSet<>();
      for (ScoreDoc sd : before.scoreDocs) {
        found.add(sd.doc);
      }
      StoredFields stored = reader.storedFields();
      out.printf(
          Locale.ROOT,
          "%nbefore: %d matches%s%n",
          before.totalHits.value(),
          before.totalHits.relation().toString().contains("GREATER") ? "+" : "");
      print(out, before, stored, Set.of());
      out.printf(
          Locale.ROOT,
          "%nafter: %d matches%s%n",
          after.totalHits.value(),
          after.totalHits.relation().toString().contains("GREATER") ? "+" : "");
      print(out, after, stored, found);
      out.flush();
    }
    return 0;
  }

  private void print(PrintWriter out, TopDocs top, StoredFields stored, Set<Integer> known)
      throws IOException {
    int rank = 0;
    for (ScoreDoc sd : top.scoreDocs) {
      String mark = known.isEmpty() || known.contains(sd.doc) ? " " : "+";
      out.printf(Locale.ROOT, "%s%3d  %8.4f  %s%n", mark, ++rank, sd.score, label(stored, sd.doc));
    }
  }

  private String label(StoredFields stored, int doc) throws IOException {
    var d = stored.document(doc);
    String v = null;
    if (show != null) {
      v = d.get(show);
    } else if (!d.getFields().isEmpty()) {
      v = d.getFields().get(0).stringValue();
    }
    if (v == null) {
      return "doc " + doc;
    }
    v = v.replaceAll("\\s+", " ");
    return v.length() > 100 ? v.substring(0, 100) + "..." : v;
  }
}
