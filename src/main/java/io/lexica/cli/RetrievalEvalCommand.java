package io.lexica.cli;

import io.lexica.LexicaException;
import io.lexica.docs.EmbeddingMethod;
import io.lexica.docs.Fusion;
import io.lexica.docs.RankingEnsemble;
import io.lexica.eval.retrieval.CollectionIndex;
import io.lexica.eval.retrieval.CollectionVectors;
import io.lexica.eval.retrieval.CrossValidation;
import io.lexica.eval.retrieval.DocumentVectorRuns;
import io.lexica.eval.retrieval.ExpansionMethods;
import io.lexica.eval.retrieval.ExpansionSystem;
import io.lexica.eval.retrieval.LocalModelTrainer;
import io.lexica.eval.retrieval.RetrievalEvaluation;
import io.lexica.eval.retrieval.Rm3;
import io.lexica.eval.retrieval.TestCollection;
import io.lexica.eval.retrieval.Word2VecLocalTrainer;
import io.lexica.expand.Models;
import io.lexica.expand.QueryExpander;
import io.lexica.phrases.PhraseList;
import io.lexica.util.AtomicOutput;
import io.lexica.util.OutputKind;
import io.lexica.util.OutputPolicy;
import io.lexica.util.Progress;
import io.lexica.vectors.Embeddings;
import io.lexica.vectors.ExactEmbeddings;
import io.lexica.vectors.ModelWeights;
import io.lexica.vectors.WordVectors;
import io.lexica.vectors.formats.VectorFormat;
import io.lexica.vectors.store.ModelMetadata;
import io.lexica.vectors.store.ModelWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lexica eval retrieval}: BM25, RM3 and expansions on a test collection, or the
 * leave-one-collection-out cross-validation of every expansion method over several.
 */
@Command(
    name = "retrieval",
    mixinStandardHelpOptions = true,
    description = {
      "Index a test collection (docs.jsonl, queries.tsv, qrels.txt) in memory and compare BM25,"
          + " BM25+RM3 and BM25+expansion: MAP, nDCG@10, P@10, Recall@1000 (trec_eval"
          + " definitions) and a paired randomization test of MAP against BM25.",
      "Without --local-model it trains a model on the collection itself (default settings, fixed"
          + " seed); --model adds a general-purpose model (emb-general) and the"
          + " collection+general combination.",
      "The default run bm25+emb is the default expansion ranked as lexica search ranks it"
          + " (--ensemble; --ensemble none: the expanded query's own ranking, the run of README"
          + " tables before the ranking ensemble became the default).",
      "With --cross-validate and several --collection folders: every expansion method's"
          + " settings are tuned on all collections but one and measured on that one, in turn"
          + " (leave-one-collection-out); prints the test figures per collection, their mean and"
          + " the settings each fold chose."
    })
final class RetrievalEvalCommand implements Callable<Integer> {
  /** The trainer of collection models. */
  static LocalModelTrainer trainer = Word2VecLocalTrainer.defaults();

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--collection",
      required = true,
      paramLabel = "DIR",
      description = "Collection folder; repeat it for --cross-validate.")
  List<Path> collections;

  @Option(
      names = "--cross-validate",
      description =
          "Leave-one-collection-out cross-validation of the expansion methods over the"
              + " collections.")
  boolean crossValidate;

  @Option(
      names = "--methods",
      paramLabel = "NAME",
      split = ",",
      description =
          "With --cross-validate: only these methods (default: all but those fused with the"
              + " collection's document vectors, hybrid, rm3+hybrid and prf-emb+centroid+hybrid,"
              + " and the ensembles, prf-emb+centroid+ens, +ens+keep and +bag, which run by"
              + " name only).")
  List<String> methods;

  @Option(
      names = "--grid",
      paramLabel = "NAME=SETTINGS",
      description =
          "With --cross-validate: a method of your own, NAME=SETTINGS where a value may list"
              + " alternatives separated by |, e.g. --grid 'mine=model=none,fbdocs=5|10,weight=1|2'."
              + " Repeatable; replaces the built-in methods unless --methods names some (default:"
              + " none).")
  Map<String, String> grids = new LinkedHashMap<>();

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "1",
      converter = OptionTypes.PositiveInt.class,
      description = "With --cross-validate: settings evaluated at once.")
  int threads;

  @Option(
      names = "--model",
      paramLabel = "MODEL",
      description =
          "A general-purpose model (words lower-cased, unstemmed), e.g. one trained on enwiki"
              + " (default: none).")
  String model;

  @Option(
      names = {"--collection-model", "--local-model"},
      paramLabel = "MODEL",
      description =
          "A model whose words are the collection's index terms, instead of training one on the"
              + " collection (default: none, one is trained): e.g. a general model trained with"
              + " the same analyzer, or one continued on the collection (lexica train --init)."
              + " {collection} in the path stands for each collection's folder name, so that"
              + " --cross-validate can take one model per collection.")
  String collectionModel;

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

  @Mixin EnsembleOption ensemble;

  @Mixin OutputOptions output;

  @Option(
      names = "--system",
      paramLabel = "NAME=SETTINGS",
      description =
          "An extra expansion run NAME=SETTINGS (model=collection|general|both|none,"
              + " fbfusion=FUSION and fusion=FUSION to fuse the first pass or the final ranking with"
              + " the collection's SIF document vectors, keeptop=N to keep the unexpanded run's top N"
              + " documents on top, ensemble=rrf:K|sum with ensbm25=W, ensrm3=W, ensknn=W to fuse"
              + " the ranking with the unexpanded run, RM3 of the same feedback and the document"
              + " vectors' ranking, fbbags=B to average feedback over B bootstrap samples of its"
              + " documents, plus the keys of io.lexica.expand.ExpansionSettings), e.g."
              + " --system c5=mode=centroid,k=5."
              + " Repeatable (default: none).")
  Map<String, String> extra = new LinkedHashMap<>();

  @Option(
      names = "--save-local-model",
      paramLabel = "FILE",
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
          "Document embedding methods for the knn-METHOD and hybrid-METHOD runs (collection"
              + " model); 'none' for no document-vector runs.")
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

  @Option(
      names = "--save-grid",
      paramLabel = "FILE",
      description =
          "With --cross-validate: write every setting's MAP per collection to this file (TSV;"
              + " default: none).")
  Path saveGrid;

  @Override
  public Integer call() throws Exception {
    List<Path> inputs = new ArrayList<>(collections);
    inputs.add(model == null ? null : Path.of(model));
    for (Path dir : collections) {
      if (collectionModel != null) {
        Path m = collectionModelPath(TestCollection.nameOf(dir));
        if (!Files.exists(m)) {
          throw new LexicaException(
              "--collection-model: no model at " + m + " for collection " + dir,
              "train one (lexica train ... --out " + m + ") or correct the path");
        }
        inputs.add(m);
      }
    }
    OutputPolicy policy = output.policy(inputs.toArray(Path[]::new));
    checkOutputs(policy);
    if (crossValidate) {
      return crossValidate(policy);
    }
    if (collections.size() != 1) {
      throw new LexicaException(
          "several --collection folders are for --cross-validate",
          "pass one --collection, or add --cross-validate");
    }
    Rm3 rm3 = new Rm3(fbDocs, fbTerms, (float) fbWeight); // checked before any work
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    TestCollection c = TestCollection.load(collections.get(0));
    try (CollectionIndex index =
        new CollectionIndex(c.docs(), analysis.create(), (float) k1, (float) b)) {
      List<ExpansionSystem> systems = new ArrayList<>();
      systems.add(ExpansionSystem.of("rm3", rm3.expander(), false));
      RetrievalEvaluation.ExtraRuns docRuns = bm25 -> Map.of();
      int depth = 1000;
      if (!baselinesOnly) {
        Embeddings local = collectionModel(c, index, err, saveLocalModel, policy);
        Embeddings global = model == null ? null : Models.open(model);
        systems.addAll(systems(models(c, index, local, global)));
        List<EmbeddingMethod> methods =
            docMethods.contains("none")
                ? List.of()
                : docMethods.stream().map(EmbeddingMethod::parse).toList();
        Fusion f = Fusion.parse(fusion);
        docRuns = bm25 -> DocumentVectorRuns.runs(c, index, local, methods, bm25, f, depth);
      }
      RetrievalEvaluation.Settings settings = new RetrievalEvaluation.Settings(depth, trials, seed);
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
    for (Path file : new Path[] {saveJson, saveLocalModel, saveGrid}) {
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

  private int crossValidate(OutputPolicy policy) throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (collections.size() < 2) {
      throw new LexicaException(
          "--cross-validate needs at least two --collection folders",
          "pass e.g. --collection ../shared/data/ir/cran --collection ../shared/data/ir/med ...");
    }
    if (saveLocalModel != null || runsDir != null || saveJson != null) {
      throw new LexicaException(
          "--save-local-model, --runs and --save-json are for one collection",
          "leave them out: --cross-validate prints a table (--save-grid writes every setting's"
              + " figures)");
    }
    Embeddings general = model == null ? null : Models.open(model);
    List<CrossValidation.Method> chosen = new ArrayList<>();
    if (methods != null) {
      chosen.addAll(ExpansionMethods.named(methods, general != null));
    } else if (grids.isEmpty()) {
      chosen.addAll(ExpansionMethods.all(general != null));
    }
    grids.forEach((name, settings) -> chosen.add(ExpansionMethods.parse(name, settings)));
    List<CrossValidation.Collection> setups = new ArrayList<>();
    List<CollectionIndex> open = new ArrayList<>();
    try {
      for (Path dir : collections) {
        TestCollection c = TestCollection.load(dir);
        CollectionIndex index =
            new CollectionIndex(c.docs(), analysis.create(), (float) k1, (float) b);
        open.add(index);
        Embeddings local = collectionModel(c, index, err, null, policy);
        setups.add(new CrossValidation.Collection(c, index, models(c, index, local, general)));
      }
      long total = chosen.stream().mapToLong(m -> m.grid().size()).sum() * (long) setups.size();
      try (Progress progress = Progress.start("cross-validating", total, "runs")) {
        CrossValidation.Report report =
            CrossValidation.run(
                setups,
                chosen,
                new RetrievalEvaluation.Settings(1000, trials, seed),
                threads,
                done -> progress.add(1));
        out.print(report.table());
        if (saveGrid != null) {
          try (AtomicOutput file = AtomicOutput.file(saveGrid, policy)) {
            Files.writeString(file.path(), report.gridTable());
            file.commit();
          }
        }
      }
      out.flush();
    } finally {
      for (CollectionIndex index : open) {
        index.close(); // in memory: nothing to lose
      }
    }
    return 0;
  }

  /** The path --collection-model gives for the collection named {@code name}. */
  private Path collectionModelPath(String name) {
    return Path.of(collectionModel.replace("{collection}", name));
  }

  private Embeddings collectionModel(
      TestCollection c, CollectionIndex index, PrintWriter err, Path save, OutputPolicy policy) {
    if (collectionModel != null) {
      Path path = collectionModelPath(c.name());
      err.println("collection model of " + c.name() + ": " + path);
      err.flush();
      return Models.open(path.toString());
    }
    if (trainer == null) {
      throw new LexicaException(
          "this build has no word2vec trainer to train a model on the collection",
          "pass --collection-model with a model trained on the collection's terms");
    }
    err.println("training a model on " + c.name() + " ...");
    err.flush();
    WordVectors vectors = trainer.train(CollectionIndex.analyzedDocuments(c.docs(), index), seed);
    if (save != null) {
      ModelWriter.of(save, VectorFormat.WORD2VEC_BINARY.id(), policy)
          .write(ModelWeights.of(vectors), PhraseList.EMPTY, ModelMetadata.of("word2vec"));
    }
    return new ExactEmbeddings(vectors);
  }

  /**
   * The default expansion (with the options given) ranked by {@code --ensemble} (its kNN member
   * left out without document vectors, its RM3 member without feedback documents), the best one
   * without a first pass (what the OpenSearch query runs), then the general model's and extra runs.
   */
  private List<ExpansionSystem> systems(ExpansionSystem.Models models) {
    List<ExpansionSystem> systems = new ArrayList<>();
    QueryExpander def = expansion.expander(models.collection());
    RankingEnsemble ranking =
        ensemble.ensemble.runnable(def.plainFeedback() != null, models.vectors() != null);
    systems.add(ExpansionSystem.of("emb", def, false).ranked(ranking, models.vectors()));
    if (def.needsFirstPass()) {
      QueryExpander pre = QueryExpander.of(models.collection(), expansion.settings(false));
      systems.add(ExpansionSystem.of("emb-pre", pre, false));
    }
    if (models.general() != null) {
      QueryExpander g = models.generalExpander(def);
      systems.add(ExpansionSystem.of("emb-general", g, true));
      systems.add(
          new ExpansionSystem("emb-collection+general", List.of(def, g), List.of(false, true)));
    }
    for (Map.Entry<String, String> e : extra.entrySet()) {
      systems.add(ExpansionSystem.parse(e.getKey(), e.getValue(), models));
    }
    return systems;
  }

  /**
   * The models of a run: the collection's, the general one of --model and its phrases, and the
   * collection's SIF document vectors by the collection's model (the {@code hybrid-sif} run's), for
   * systems that fuse with them ({@code fbfusion}, {@code fusion}).
   */
  private ExpansionSystem.Models models(
      TestCollection c, CollectionIndex index, Embeddings collection, Embeddings general) {
    return new ExpansionSystem.Models(
        collection,
        general,
        model == null ? PhraseList.EMPTY : PhraseList.ofModel(Path.of(model)),
        collection == null
            ? null
            : CollectionVectors.of(c, index, collection, EmbeddingMethod.SIF));
  }
}
