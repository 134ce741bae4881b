package io.lexica.cli;

import io.lexica.analysis.AnalyzerSpec;
import io.lexica.retrofit.Lexicon;
import io.lexica.retrofit.LexiconSpec;
import io.lexica.retrofit.RetrofitOptions;
import io.lexica.retrofit.Retrofitter;
import io.lexica.retrofit.WordNetRelation;
import io.lexica.util.OutputPolicy;
import io.lexica.vectors.store.Lineage;
import io.lexica.vectors.store.ModelFiles;
import io.lexica.vectors.store.ModelMetadata;
import io.lexica.vectors.store.ModelWriter;
import io.lexica.vectors.store.StoreOptions;
import io.lexica.vectors.store.VectorStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.lucene.analysis.Analyzer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lexica retrofit}: a model moved towards lexicons ({@link Retrofitter}), written as a new
 * model that records the lexicons, the method and its settings, and keeps the input's phrases and
 * n-grams.
 */
@Command(
    name = "retrofit",
    mixinStandardHelpOptions = true,
    description = {
      "Retrofits a model to lexicons: words a synonym file or WordNet calls close move closer"
          + " (Faruqui et al. 2015), and with antonyms (WordNet's) opposed words move apart"
          + " (counter-fitting, Mrkšić et al. 2016), so similarity stops confusing 'cheap' with"
          + " 'expensive'. The rest of the space stays as it was.",
      "Lexicons: [solr:]FILE (a Solr synonym file, read by Lucene's SolrSynonymParser),"
          + " wordnet-prolog:wn_s.pl (Lucene's WordnetSynonymParser), wordnet[:DIR] (WordNet's"
          + " database: Debian's wordnet-base in /usr/share/wordnet by default)."
    },
    sortOptions = false)
final class RetrofitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL|FILE", description = "The model or vector file.")
  Path model;

  @Option(
      names = "--lexicon",
      required = true,
      paramLabel = "[FORMAT:]PATH",
      description =
          "A lexicon: solr:FILE, wordnet-prolog:FILE, wordnet[:DIR]; repeat for several (their"
              + " union is used).")
  List<String> lexicons;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Model to write.")
  Path out;

  @Option(
      names = "--method",
      paramLabel = "NAME",
      defaultValue = "auto",
      description =
          "retrofit (Faruqui), counterfit (Mrkšić: antonyms apart too) or auto (counterfit when"
              + " the lexicons have antonyms).")
  RetrofitOptions.Method method;

  @Option(
      names = "--wordnet-relations",
      paramLabel = "R[,R...]",
      split = ",",
      defaultValue = "synonyms,hypernyms",
      description =
          "WordNet relations to use: synonyms, hypernyms, hyponyms, antonyms (with antonyms,"
              + " --method auto counter-fits).")
  List<String> relations;

  @Option(
      names = "--wordnet-senses",
      paramLabel = "K",
      defaultValue = "1",
      converter = OptionTypes.NonNegativeInt.class,
      description =
          "WordNet: relate a word through a synset only when it is one of the word's K most"
              + " frequent senses over all parts of speech (SemCor counts); 0 = every sense (on"
              + " enwiki's skip-gram model every sense lost 4 more analogy points and 0.07 of WS-353"
              + " for the same SimLex-999).")
  int senses;

  @Option(
      names = "--inflections",
      negatable = true,
      defaultValue = "false",
      fallbackValue = "true",
      description =
          "WordNet: a word's inflected forms (\"cars\", \"went\", by WordNet's morphology) move"
              + " with it (default: only the lexicon's own words move; on enwiki's skip-gram model"
              + " this cost 1.6 analogy points with retrofitting and gained 1.5 with"
              + " counter-fitting).")
  boolean inflections;

  @Option(
      names = "--wordnet-proper-nouns",
      negatable = true,
      defaultValue = "false",
      fallbackValue = "true",
      description =
          "WordNet: also relate the lemmas it writes with a capital letter (place and person"
              + " names, abbreviations; default: left out, as they move place names to"
              + " abbreviations such as \"in\" for Indiana).")
  boolean properNouns;

  @Option(
      names = "--analyzer",
      paramLabel = "SPEC",
      description =
          "Analyzer for the lexicons' entries (default: the model's recorded analyzer, else"
              + " standard), so they are spelled as the model's words.")
  String analyzer;

  @Option(
      names = "--iterations",
      paramLabel = "N",
      defaultValue = "0",
      converter = OptionTypes.NonNegativeInt.class,
      description = "Passes; 0 = the method's default (retrofit 10, counterfit 20).")
  int iterations;

  @Option(
      names = "--alpha",
      paramLabel = "X",
      defaultValue = "1",
      converter = OptionTypes.PositiveNumber.class,
      description =
          "retrofit: weight of a word's own vector against its neighbours' mean (of a word as"
              + " frequent as the model's 30,000th, with --alpha-exponent).")
  double alpha;

  @Option(
      names = "--alpha-exponent",
      paramLabel = "P",
      defaultValue = "0.25",
      converter = OptionTypes.NonNegativeNumber.class,
      description =
          "retrofit: each word's alpha is alpha x (its count / the count of the model's 30,000th"
              + " word)^P, so frequent words move less; 0 = one alpha for all (Faruqui).")
  double alphaExponent;

  @Option(
      names = "--interpolation",
      paramLabel = "L",
      defaultValue = "0.5",
      converter = OptionTypes.Share.class,
      description =
          "Each moved word ends at (1 - L) x its original direction + L x the method's result;"
              + " 1 = the method alone.")
  double interpolation;

  @Option(
      names = "--antonym-weight",
      paramLabel = "X",
      defaultValue = "0.1",
      converter = OptionTypes.NonNegativeNumber.class,
      description = "counterfit: k1, weight of pushing antonyms apart.")
  double antonymWeight;

  @Option(
      names = "--synonym-weight",
      paramLabel = "X",
      defaultValue = "0.1",
      converter = OptionTypes.NonNegativeNumber.class,
      description = "counterfit: k2, weight of pulling synonyms together.")
  double synonymWeight;

  @Option(
      names = "--preservation-weight",
      paramLabel = "X",
      defaultValue = "0.1",
      converter = OptionTypes.NonNegativeNumber.class,
      description = "counterfit: k3, weight of keeping a moved word's old neighbours; 0 = off.")
  double preservationWeight;

  @Option(
      names = "--antonym-margin",
      paramLabel = "D",
      defaultValue = "1.0",
      converter = OptionTypes.NonNegativeNumber.class,
      description = "counterfit: δ, the cosine distance antonyms are pushed to.")
  double antonymMargin;

  @Option(
      names = "--synonym-margin",
      paramLabel = "D",
      defaultValue = "0.0",
      converter = OptionTypes.NonNegativeNumber.class,
      description = "counterfit: γ, the cosine distance synonyms are pulled to.")
  double synonymMargin;

  @Option(
      names = "--preservation-radius",
      paramLabel = "D",
      defaultValue = "0.2",
      converter = OptionTypes.NonNegativeNumber.class,
      description = "counterfit: ρ, old neighbours within this cosine distance are kept.")
  double preservationRadius;

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    RetrofitOptions options =
        new RetrofitOptions(
            method,
            iterations,
            alpha,
            alphaExponent,
            interpolation,
            antonymWeight,
            synonymWeight,
            preservationWeight,
            antonymMargin,
            synonymMargin,
            preservationRadius);
    Set<WordNetRelation> wordnet = EnumSet.noneOf(WordNetRelation.class);
    relations.forEach(r -> wordnet.add(WordNetRelation.parse(r)));
    List<LexiconSpec> specs = new ArrayList<>();
    for (String l : lexicons) {
      specs.add(LexiconSpec.parse(l, wordnet, senses, properNouns));
    }
    OutputPolicy policy =
        output.policy(specs.stream().map(LexiconSpec::path).toArray(Path[]::new)).reading(model);
    ModelWriter writer = ModelWriter.directory(out, policy);
    output.check(writer);
    String recordedAnalyzer = ModelFiles.metadata(model).get(VectorStore.KEY_ANALYZER);
    String analyzerSpec =
        analyzer != null ? analyzer : recordedAnalyzer != null ? recordedAnalyzer : "standard";
    Analyzer entries = AnalyzerSpec.parse(analyzerSpec).create();
    PrintWriter err = spec.commandLine().getErr();
    List<Lexicon> read = new ArrayList<>();
    for (LexiconSpec s : specs) {
      Lexicon l = s.read(entries);
      log(err, "lexicon " + l);
      read.add(l);
    }
    Lexicon lexicon = Lexicon.union(read);
    if (!inflections) {
      lexicon = lexicon.withoutMorphology();
    }
    long start = System.nanoTime();
    ModelFiles.Contents source = ModelFiles.read(model);
    Retrofitter.Result result = Retrofitter.apply(source.weights(), lexicon, options);
    double seconds = (System.nanoTime() - start) / 1e9;
    Retrofitter.Report r = result.report();
    String method = r.method().id();
    ModelMetadata metadata = ModelMetadata.derivedFrom(source);
    metadata.put("retrofit.lexicons", lexicon.description());
    metadata.put("retrofit.method", method);
    metadata.put("retrofit.iterations", r.iterations());
    metadata.put("retrofit.interpolation", interpolation);
    if (r.method() == RetrofitOptions.Method.RETROFIT) {
      metadata.put("retrofit.alpha", alpha);
      metadata.put("retrofit.alpha-exponent", alphaExponent);
    } else {
      metadata.put(
          "retrofit.counterfit",
          String.format(
              Locale.ROOT,
              "k1=%s k2=%s k3=%s delta=%s gamma=%s rho=%s",
              antonymWeight,
              synonymWeight,
              preservationWeight,
              antonymMargin,
              synonymMargin,
              preservationRadius));
    }
    metadata.put("retrofit.analyzer", analyzerSpec);
    metadata.put("retrofit.words.covered", r.coveredWords());
    metadata.put("retrofit.words.changed", r.changedWords());
    metadata.put("retrofit.words.inflected", r.inflectedForms());
    Lineage.Step step =
        new Lineage.Step(
            "retrofit",
            Instant.now().toString(),
            lexicon.description(),
            null,
            method,
            -1,
            0,
            0,
            seconds,
            model.toAbsolutePath().toString());
    metadata.then(step);
    // The input's index settings (graph, quantization): retrofitting changes only vectors.
    writer
        .storeOptions(StoreOptions.recordedIn(source.metadata()))
        .write(result.weights(), source.phrases(), metadata);
    PrintWriter o = spec.commandLine().getOut();
    o.println(
        String.format(
            Locale.ROOT,
            "%s: %,d of the lexicons' %,d words are in the model (%,d close pairs, %,d opposed"
                + " pairs between them%s); %,d words moved (%,d of them inflected forms following"
                + " their lemma; mean cosine to their old vectors"
                + " %.3f), %d iterations, in %.1f s; model written to %s",
            method,
            r.coveredWords(),
            r.lexiconWords(),
            r.synonymPairs(),
            r.antonymPairs(),
            r.preservationPairs() > 0
                ? String.format(Locale.ROOT, ", %,d neighbour pairs kept", r.preservationPairs())
                : "",
            r.changedWords(),
            r.inflectedForms(),
            r.meanCosine(),
            r.iterations(),
            seconds,
            out));
    o.flush();
    return 0;
  }

  private static void log(PrintWriter err, String line) {
    err.println(line);
    err.flush();
  }
}
