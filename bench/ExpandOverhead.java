// Helper of bench/expand-overhead.sh (run as a single-file program on Lexica's class path).
//   ExpandOverhead MODEL COLLECTION_DIR [QUERIES]
// Indexes the collection (English analyzer, as lexica eval retrieval does), draws QUERIES random
// 3-term queries from the model's words that occur in the index (seeded), and times
// QueryExpander.expand (k = 10, document frequency checks on) per query for both modes after a
// warm-up: prints p50/p99/mean in microseconds. One thread; the expander is shared and immutable.
import io.lexica.eval.retrieval.CollectionIndex;
import io.lexica.eval.retrieval.TestCollection;
import io.lexica.expand.Models;
import io.lexica.expand.QueryExpander;
import io.lexica.vectors.Embeddings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

public class ExpandOverhead {
  public static void main(String[] args) throws Exception {
    Embeddings model = Models.open(args[0]);
    TestCollection c = TestCollection.load(Path.of(args[1]));
    int n = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
    try (CollectionIndex index =
        new CollectionIndex(c.docs(), CollectionIndex.TextAnalysis.ENGLISH.create(), 0.9f, 0.4f)) {
      List<String> words = new ArrayList<>();
      var terms = org.apache.lucene.index.MultiTerms.getTerms(index.reader(), CollectionIndex.FIELD);
      var te = terms.iterator();
      for (var t = te.next(); t != null; t = te.next()) {
        String w = t.utf8ToString();
        if (te.docFreq() >= 2 && model.contains(w)) {
          words.add(w);
        }
      }
      SplittableRandom rnd = new SplittableRandom(5);
      List<Query> queries = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (int j = 0; j < 3; j++) {
          String w = words.get(rnd.nextInt(words.size()));
          b.add(new TermQuery(new Term(CollectionIndex.FIELD, w)), Occur.SHOULD);
        }
        queries.add(b.build());
      }
      System.out.printf(
          Locale.ROOT,
          "model %s: %d words, dim %d; %s: %d docs; %d queries of 3 terms, k=10%n",
          args[0], model.size(), model.dimension(), c.name(), c.docs().size(), n);
      System.out.printf(Locale.ROOT, "%-9s %8s %8s %8s %8s%n", "mode", "p50_us", "p99_us", "mean_us", "added");
      for (QueryExpander.Mode mode : QueryExpander.Mode.values()) {
        QueryExpander x = QueryExpander.builder(model).settings(s -> s.mode(mode).k(10)).build();
        for (Query q : queries) { // warm-up
          x.expand(q, index.reader());
        }
        long[] micros = new long[n];
        long added = 0;
        for (int i = 0; i < n; i++) {
          long t0 = System.nanoTime();
          added += x.expand(queries.get(i), index.reader()).added().size();
          micros[i] = (System.nanoTime() - t0) / 1000;
        }
        Arrays.sort(micros);
        double mean = Arrays.stream(micros).average().orElse(0);
        System.out.printf(
            Locale.ROOT, "%-9s %8d %8d %8.0f %8.1f%n",
            mode, micros[n / 2], micros[(int) (n * 0.99)], mean, (double) added / n);
      }
    }
  }
}
