// Helper of bench/expansion-examples.sh (run as a single-file program on Lexica's class path).
//   ExpansionExamples COLLECTION_DIR QUERY_IDS TERMS NAME=SETTINGS...
// Indexes the collection and trains its model as `lexica eval retrieval` does (English analyzer,
// BM25 0.9/0.4, skip-gram 100 x 20 epochs, seed 42), then for each query id (comma-separated) prints
// the query, its AP under BM25 and under each NAME=SETTINGS (as `eval retrieval --system` reads
// them, with the collection's SIF document vectors for fusions and ensembles), the ranks of its
// relevant documents in each run, and each method's TERMS heaviest added terms: term(weight) for
// feedback-only methods, term(weight, cos) when a model gave or re-weighted the term.
import io.lexica.docs.EmbeddingMethod;
import io.lexica.eval.retrieval.CollectionIndex;
import io.lexica.eval.retrieval.CollectionVectors;
import io.lexica.eval.retrieval.ExpansionSystem;
import io.lexica.eval.retrieval.RetrievalEvaluation;
import io.lexica.eval.retrieval.Run;
import io.lexica.eval.retrieval.TestCollection;
import io.lexica.eval.retrieval.TrecMetrics;
import io.lexica.eval.retrieval.Word2VecLocalTrainer;
import io.lexica.expand.AddedTerm;
import io.lexica.phrases.PhraseList;
import io.lexica.vectors.Embeddings;
import io.lexica.vectors.ExactEmbeddings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

public class ExpansionExamples {
  /** Hits per query, as the retrieval evaluation searches. */
  private static final int DEPTH = 1000;

  public static void main(String[] args) throws Exception {
    TestCollection c = TestCollection.load(Path.of(args[0]));
    List<String> ids = List.of(args[1].split(","));
    int terms = Integer.parseInt(args[2]);
    try (CollectionIndex index =
        new CollectionIndex(c.docs(), CollectionIndex.TextAnalysis.ENGLISH.create(), 0.9f, 0.4f)) {
      Embeddings model =
          new ExactEmbeddings(
              Word2VecLocalTrainer.defaults()
                  .train(CollectionIndex.analyzedDocuments(c.docs(), index), 42));
      ExpansionSystem.Models models =
          new ExpansionSystem.Models(
              model,
              null,
              PhraseList.EMPTY,
              CollectionVectors.of(c, index, model, EmbeddingMethod.SIF));
      Map<String, ExpansionSystem> systems = new LinkedHashMap<>();
      for (int a = 3; a < args.length; a++) {
        int eq = args[a].indexOf('=');
        String name = args[a].substring(0, eq);
        systems.put(name, ExpansionSystem.parse(name, args[a].substring(eq + 1), models));
      }
      Map<String, Map<String, List<Run.Hit>>> runs = new LinkedHashMap<>();
      runs.put("bm25", RetrievalEvaluation.run(c, index, null, DEPTH));
      systems.forEach((name, s) -> runs.put(name, RetrievalEvaluation.run(c, index, s, DEPTH)));
      Map<String, Map<String, TrecMetrics.Scores>> ap = new LinkedHashMap<>();
      runs.forEach((name, r) -> ap.put(name, TrecMetrics.perQuery(new Run(name, r), c.qrels())));
      for (String id : ids) {
        String text = c.queries().get(id);
        System.out.printf(Locale.ROOT, "%n== %s q%s: %s%n   AP", c.name(), id, text);
        ap.forEach(
            (name, per) ->
                System.out.printf(
                    Locale.ROOT, "  %s %.3f", name, per.containsKey(id) ? per.get(id).ap() : 0));
        System.out.println();
        System.out.print("   relevant at");
        runs.forEach(
            (name, r) -> {
              List<Integer> ranks = new ArrayList<>();
              List<Run.Hit> hits = r.getOrDefault(id, List.of());
              for (int i = 0; i < hits.size() && ranks.size() < 6; i++) {
                if (c.qrels().relevant(id).contains(hits.get(i).docId())) {
                  ranks.add(i + 1);
                }
              }
              System.out.printf(Locale.ROOT, "  %s %s", name, ranks);
            });
        System.out.println();
        var bag = index.bagOfWords(text);
        for (Map.Entry<String, ExpansionSystem> s : systems.entrySet()) {
          List<AddedTerm> added =
              new ArrayList<>(
                  s.getValue()
                      .expand(index, text, CollectionIndex.disjunction(bag), DEPTH)
                      .added());
          added.sort(Comparator.comparingDouble(AddedTerm::weight).reversed());
          String shown =
              added.stream()
                  .limit(terms)
                  .map(
                      t ->
                          Float.isNaN(t.similarity())
                              ? String.format(Locale.ROOT, "%s(%.2f)", t.term(), t.weight())
                              : String.format(
                                  Locale.ROOT,
                                  "%s(%.2f, cos %.2f)",
                                  t.term(),
                                  t.weight(),
                                  t.similarity()))
                  .collect(Collectors.joining(" "));
          System.out.printf(Locale.ROOT, "   %-9s %s%n", s.getKey(), shown);
        }
      }
    }
  }
}
