package io.lexica.cli;

import io.lexica.LexicaException;
import io.lexica.align.BilingualDictionary;
import io.lexica.eval.TranslationEvaluator;
import io.lexica.eval.TranslationReport;
import io.lexica.vectors.WordVectors;
import io.lexica.vectors.store.ModelFiles;
import io.lexica.vectors.store.VectorStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lexica eval translation}: bilingual lexicon induction on an aligned model. */
@Command(
    name = "translation",
    mixinStandardHelpOptions = true,
    description = {
      "Word translation (bilingual lexicon induction): each source word of a test dictionary is"
          + " translated by its nearest target words; precision@1 and @5 by nearest neighbour"
          + " and by CSLS, over all source words of the dictionary and over those both models"
          + " know (the usual protocol).",
      "Give an aligned model (lexica align), or two vector files already in one space with"
          + " --source and --target."
    },
    sortOptions = false)
final class TranslationEvalCommand implements Runnable {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "MODEL",
      description = "An aligned model (two languages).")
  Path model;

  @Option(
      names = "--dictionary",
      required = true,
      arity = "1..*",
      paramLabel = "FILE",
      description = "Test dictionaries: 'source target' pairs, one a line (MUSE's format).")
  List<Path> dictionaries;

  @Option(
      names = "--source-language",
      paramLabel = "NAME",
      description = "Query language in MODEL. Default: from the dictionary's name (zh-en.*).")
  String sourceLanguage;

  @Option(
      names = "--target-language",
      paramLabel = "NAME",
      description = "Answer language in MODEL. Default: from the dictionary's name.")
  String targetLanguage;

  @Option(
      names = "--source",
      paramLabel = "FILE|MODEL",
      description =
          "Instead of MODEL: source vectors already in the target's space (default: none, MODEL"
              + " is read).")
  Path source;

  @Option(
      names = "--target",
      paramLabel = "FILE|MODEL",
      description = "With --source: the target vectors (default: none).")
  Path target;

  @Option(
      names = "--restrict",
      defaultValue = "0",
      paramLabel = "N",
      converter = OptionTypes.NonNegativeInt.class,
      description =
          "Search only the N most frequent words of each language; others count as unknown"
              + " (MUSE: 200000); 0 searches all.")
  int restrict;

  @Mixin CslsOptions scans;

  @Option(names = "--json", description = "Print the results as JSON.")
  boolean json;

  @Override
  public void run() {
    if ((model == null) == (source == null || target == null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give an aligned MODEL, or --source and --target (not both)");
    }
    List<BilingualDictionary> dicts = new ArrayList<>();
    for (Path d : dictionaries) {
      dicts.add(BilingualDictionary.read(d));
    }
    int n = scans.threads();
    List<TranslationReport> reports = new ArrayList<>();
    List<String> directions = new ArrayList<>();
    if (model != null) {
      try (VectorStore store = ModelFiles.store(model)) {
        for (BilingualDictionary d : dicts) {
          String[] named = d.languagesFromName();
          String from = pick(sourceLanguage, named, 0, store);
          String to = pick(targetLanguage, named, 1, store);
          WordVectors s = store.inLanguage(from).exportWordVectors(0);
          WordVectors t = store.inLanguage(to).exportWordVectors(0);
          reports.add(TranslationEvaluator.evaluate(s, t, d, restrict, scans.k, n));
          directions.add(from + " -> " + to);
        }
      }
    } else {
      WordVectors s = EvalCommand.Source.vectors(spec, source);
      WordVectors t = EvalCommand.Source.vectors(spec, target);
      for (BilingualDictionary d : dicts) {
        reports.add(TranslationEvaluator.evaluate(s, t, d, restrict, scans.k, n));
        directions.add(source.getFileName() + " -> " + target.getFileName());
      }
    }
    print(reports, directions);
  }

  /** The language given, else the dictionary name's, else the model's (first or second). */
  private String pick(String given, String[] named, int which, VectorStore store) {
    if (given != null) {
      return given;
    }
    if (named != null) {
      return named[which];
    }
    if (store.languages().size() == 2) {
      return store.languages().get(which).language();
    }
    throw new LexicaException(
        "cannot tell which languages of " + model + " to translate between",
        "give --source-language and --target-language");
  }

  private void print(List<TranslationReport> reports, List<String> directions) {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      EvalCommand.json(
          out,
          g -> {
            g.writeStartArray();
            for (int i = 0; i < reports.size(); i++) {
              TranslationReport r = reports.get(i);
              g.writeStartObject();
              g.writeStringField("dictionary", r.name());
              g.writeStringField("direction", directions.get(i));
              g.writeNumberField("sourceWords", r.sourceWords());
              g.writeNumberField("inSourceModel", r.inSource());
              g.writeNumberField("medianCount", r.medianCount());
              g.writeNumberField("known", r.known());
              g.writeNumberField("cslsK", r.cslsNeighbours());
              for (String method : List.of("nn", "csls")) {
                TranslationReport.Precision p = method.equals("nn") ? r.nn() : r.csls();
                g.writeObjectFieldStart(method);
                g.writeNumberField("hitsAt1", p.hitsAt1());
                g.writeNumberField("hitsAt5", p.hitsAt5());
                g.writeNumberField("p1Known", r.p1Known(p));
                g.writeNumberField("p5Known", r.p5Known(p));
                g.writeNumberField("p1All", r.p1All(p));
                g.writeNumberField("p5All", r.p5All(p));
                g.writeEndObject();
              }
              g.writeEndObject();
            }
            g.writeEndArray();
          });
      out.flush();
      return;
    }
    for (int i = 0; i < reports.size(); i++) {
      TranslationReport r = reports.get(i);
      out.printf(
          Locale.ROOT,
          "%s (%s): %,d source words, %,d in the source model (median count %,d), %,d with a"
              + " translation both models know%n",
          r.name(),
          directions.get(i),
          r.sourceWords(),
          r.inSource(),
          r.medianCount(),
          r.known());
      out.printf(
          Locale.ROOT,
          "%-10s %10s %10s %10s %10s%n",
          "method",
          "P@1 known",
          "P@5 known",
          "P@1 all",
          "P@5 all");
      for (String method : List.of("nn", "csls")) {
        TranslationReport.Precision p = method.equals("nn") ? r.nn() : r.csls();
        out.printf(
            Locale.ROOT,
            "%-10s %9.2f%% %9.2f%% %9.2f%% %9.2f%%%n",
            method.equals("nn") ? "NN" : "CSLS-" + r.cslsNeighbours(),
            100 * r.p1Known(p),
            100 * r.p5Known(p),
            100 * r.p1All(p),
            100 * r.p5All(p));
      }
      if (i + 1 < reports.size()) {
        out.println();
      }
    }
    out.flush();
  }
}
