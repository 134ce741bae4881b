package io.lexica.cli;

import io.lexica.LexicaException;
import io.lexica.docs.EmbeddingMethod;
import io.lexica.docs.Fusion;
import io.lexica.eval.retrieval.CollectionIndex;
import io.lexica.eval.retrieval.DocumentVectorRuns;
import io.lexica.eval.retrieval.ExpansionSystem;
import io.lexica.eval.retrieval.LocalModelTrainer;
import io.lexica.eval.retrieval.RetrievalEvaluation;
import io.lexica.eval.retrieval.Rm3;
import io.lexica.eval.retrieval.TestCollection;
import io.lexica.eval.retrieval.Word2VecLocalTrainer;
import io.lexica.expand.ExpanderSpec;
import io.lexica.expand.Models;
import io.lexica.expand.QueryExpander;
import io.lexica.util.AtomicOutput;
import io.lexica.util.OutputKind;
import io.lexica.util.OutputPolicy;
import io.lexica.vectors.Embeddings;
import io.lexica.vectors.ExactEmbeddings;
import io.lexica.vectors.VectorFiles;
import io.lexica.vectors.VectorFormat;
import io.lexica.vectors.WordVectors;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lexica eval retrieval}: BM25, RM3 and embedding expansion on a test collection. */
@Command(
    name = "retrieval",
    mixinStandardHelpOptions = true,
    description = {
      "Index a test collection (docs.jsonl, queries.tsv, qrels.txt) in memory and compare BM25,"
          + " BM25+RM3, BM25+embedding expansion and BM25+RM3+embedding expansion: MAP, nDCG@10,"
          + " P@10, Recall@1000 (trec_eval definitions) and a paired randomization test of MAP"
          + " against BM25.",
      "Without --local-model it trains a model on the collection itself (default settings, fixed"
          + " seed); --model adds a general-purpose model (global) and the local+global"
          + " combination."
    })
final class RetrievalEvalCommand implements Callable<Integer> {
  /** The trainer of local models; set once the word2vec trainer is available. */
  static LocalModelTrainer trainer = Word2VecLocalTrainer.defaults();

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--collection",
      required = true,
      paramLabel = "DIR",
      description = "Collection folder.")
  Path collection;

  @Option(
      names = "--model",
      paramLabel = "MODEL",
      description =
          "A general-purpose model (words lower-cased, unstemmed), e.g. one trained on enwiki"
              + " (default: none).")
  String model;

  @Option(
      names = "--local-model",
      paramLabel = "MODEL",
      description =
          "A model trained on this collection's index terms (default: none, one is trained).")
  String localModel;

  @Option(
      names = "--analyzer",
      paramLabel = "SPEC",
      defaultValue = "english",
      description = "english (Porter + stop words, as Anserini) or standard.")
  CollectionIndex.TextAnalysis analysis;

  @Option(
      names = "--k1",
      paramLabel = "X",
      defaultValue = "0.9",
      converter = OptionTypes.NonNegativeNumber.class,
      description = "BM25 k1.")
  double k1;

  @Option(
      names = "--b",
      paramLabel = "X",
      defaultValue = "0.4",
      converter = OptionTypes.Fraction.class,
      description = "BM25 b.")
  double b;

  @Option(
      names = "--fb-docs",
      paramLabel = "N",
      defaultValue = "10",
      converter = OptionTypes.PositiveInt.class,
      description = "RM3 feedback documents.")
  int fbDocs;

  @Option(
      names = "--fb-terms",
      paramLabel = "N",
      defaultValue = "10",
      converter = OptionTypes.PositiveInt.class,
      description = "RM3 feedback terms.")
  int fbTerms;

  @Option(
      names = "--fb-weight",
      paramLabel = "X",
      defaultValue = "0.5",
      converter = OptionTypes.Fraction.class,
      description = "RM3 original query weight.")
  double fbWeight;

  @Mixin ExpansionOptions expansion;

  @Mixin OutputOptions output;

  @Option(
      names = "--system",
      paramLabel = "NAME=SETTINGS",
      description =
          "An extra expansion run NAME=SETTINGS (model=local|global|both plus the keys of"
              + " io.lexica.expand.ExpanderSpec), e.g. --system c5=model=local,mode=centroid,k=5."
              + " Repeatable (default: none).")
  Map<String, String> extra;

  @Option(
      names = "--save-local-model",
      description =
          "Write the model trained on the collection to this file (word2vec binary; default:"
              + " none).")
  Path saveLocalModel;

  @Option(
      names = "--runs",
      paramLabel = "DIR",
      description = "Write each run as a TREC run file into this folder (default: none).")
  Path runsDir;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "42",
      description = "Training and test seed.")
  long seed;

  @Option(
      names = "--trials",
      paramLabel = "N",
      defaultValue = "10000",
      converter = OptionTypes.PositiveInt.class,
      description = "Randomization test trials.")
  int trials;

  @Option(names = "--baselines", description = "Only BM25 and BM25+RM3 (no model needed).")
  boolean baselinesOnly;

  @Option(names = "--json", description = "Print the table as JSON.")
  boolean json;

  @Option(
      names = "--doc-methods",
      paramLabel = "NAME",
      split = ",",
      defaultValue = "mean,idf,sif",
      description =
          "Document embedding methods for the knn-METHOD and hybrid-METHOD runs (local model);"
              + " 'none' for no document-vector runs.")
  List<String> docMethods;

  @Option(
      names = "--fusion",
      paramLabel = "SPEC",
      defaultValue = "weighted:0.7",
      description =
          "How hybrid runs fuse BM25 and kNN: rrf, rrf:K, weighted or weighted:W (BM25 share).")
  String fusion;

  @Option(
      names = "--save-json",
      paramLabel = "FILE",
      description = "Also write the table as JSON to this file (default: none).")
  Path saveJson;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    OutputPolicy policy =
        output.policy(
            collection,
            model == null ? null : Path.of(model),
            localModel == null ? null : Path.of(localModel));
    checkOutputs(policy);
    TestCollection c = TestCollection.load(collection);
    try (CollectionIndex index =
        new CollectionIndex(c.docs(), analysis.create(), (float) k1, (float) b)) {
      List<ExpansionSystem> systems = List.of();
      RetrievalEvaluation.ExtraRuns docRuns = bm25 -> Map.of();
      int depth = 1000;
      if (!baselinesOnly) {
        Embeddings local = localModel(c, index, err, policy);
        Embeddings global = model == null ? null : Models.open(model);
        systems = systems(local, global);
        List<EmbeddingMethod> methods =
            docMethods.contains("none")
                ? List.of()
                : docMethods.stream().map(EmbeddingMethod::parse).toList();
        Fusion f = Fusion.parse(fusion);
        docRuns = bm25 -> DocumentVectorRuns.runs(c, index, local, methods, bm25, f, depth);
      }
      RetrievalEvaluation.Settings settings =
          new RetrievalEvaluation.Settings(
              new Rm3(fbDocs, fbTerms, (float) fbWeight), depth, trials, seed);
      RetrievalEvaluation.Report report =
          RetrievalEvaluation.evaluate(c, index, systems, settings, docRuns);
      if (runsDir != null) {
        for (RetrievalEvaluation.RunResult r : report.runs()) {
          r.run().write(runsDir.resolve(c.name() + "." + r.name() + ".txt"), policy);
        }
      }
      if (saveJson != null) {
        try (AtomicOutput file = AtomicOutput.file(saveJson, policy)) {
          Files.writeString(file.path(), report.json() + "\n");
          file.commit();
        }
      }
      out.println(json ? report.json() : report.table());
      out.flush();
    }
    return 0;
  }

  /** Refuses outputs that would replace what they must not, before anything is trained. */
  private void checkOutputs(OutputPolicy policy) {
    for (Path file : new Path[] {saveJson, saveLocalModel}) {
      if (file != null) {
        output.check(OutputKind.FILE, file, policy);
      }
    }
    if (runsDir != null) {
      if (Files.exists(runsDir) && !Files.isDirectory(runsDir)) {
        throw new LexicaException(
            "--runs " + runsDir + " is a file, not a folder",
            "name a folder for the run files (it is created if missing)");
      }
      OutputKind.checkNotInput(runsDir, policy);
    }
  }

  private Embeddings localModel(
      TestCollection c, CollectionIndex index, PrintWriter err, OutputPolicy policy) {
    if (localModel != null) {
      return Models.open(localModel);
    }
    if (trainer == null) {
      throw new LexicaException(
          "this build has no word2vec trainer to train a model on the collection",
          "pass --local-model with a model trained on the collection's terms");
    }
    err.println("training a model on " + c.name() + " ...");
    err.flush();
    WordVectors vectors = trainer.train(CollectionIndex.analyzedDocuments(c.docs(), index), seed);
    if (saveLocalModel != null) {
      VectorFiles.write(vectors, saveLocalModel, VectorFormat.WORD2VEC_BINARY, policy);
    }
    return new ExactEmbeddings(vectors);
  }

  private List<ExpansionSystem> systems(Embeddings local, Embeddings global) {
    List<ExpansionSystem> systems = new ArrayList<>();
    QueryExpander def = expansion.applyTo(QueryExpander.builder(local)).build();
    systems.add(ExpansionSystem.of("emb", def, false));
    QueryExpander.Mode other =
        def.mode() == QueryExpander.Mode.PER_TERM
            ? QueryExpander.Mode.CENTROID
            : QueryExpander.Mode.PER_TERM;
    systems.add(
        ExpansionSystem.of(
            "emb-" + other.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
            def.toBuilder().mode(other).build(),
            false));
    if (global != null) {
      QueryExpander g = globalExpander(def, global);
      systems.add(ExpansionSystem.of("emb-global", g, true));
      systems.add(new ExpansionSystem("emb-local+global", List.of(def, g), List.of(false, true)));
    }
    for (Map.Entry<String, String> e :
        extra == null ? Map.<String, String>of().entrySet() : extra.entrySet()) {
      systems.add(extraSystem(e.getKey(), e.getValue(), local, global));
    }
    return systems;
  }

  private static QueryExpander globalExpander(QueryExpander base, Embeddings global) {
    return base.toBuilder(global)
        .modelAnalyzer(new StandardAnalyzer(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET))
        .build();
  }

  private ExpansionSystem extraSystem(
      String name, String settings, Embeddings local, Embeddings global) {
    String which = "local";
    StringBuilder rest = new StringBuilder();
    for (String part : settings.split(",")) {
      if (part.trim().startsWith("model=")) {
        which = part.trim().substring("model=".length());
      } else {
        rest.append(part).append(',');
      }
    }
    if (!which.equals("local") && global == null) {
      throw new LexicaException(
          "the run " + name + " uses the global model but no --model was given",
          "pass --model or use model=local");
    }
    QueryExpander l = ExpanderSpec.apply(rest.toString(), QueryExpander.builder(local)).build();
    return switch (which) {
      case "local" -> ExpansionSystem.of(name, l, false);
      case "global" -> ExpansionSystem.of(name, globalExpander(l, global), true);
      case "both" ->
          new ExpansionSystem(name, List.of(l, globalExpander(l, global)), List.of(false, true));
      default ->
          throw new LexicaException(
              "unknown model '" + which + "' in --system " + name, "use local, global or both");
    };
  }
}
