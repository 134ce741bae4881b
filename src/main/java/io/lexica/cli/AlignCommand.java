package io.lexica.cli;

import io.lexica.LexicaException;
import io.lexica.align.AlignOptions;
import io.lexica.align.Aligner;
import io.lexica.align.Alignment;
import io.lexica.align.BilingualDictionary;
import io.lexica.align.Normalization;
import io.lexica.util.OutputPolicy;
import io.lexica.vectors.WordVectors;
import io.lexica.vectors.store.ModelFiles;
import io.lexica.vectors.store.ModelMetadata;
import io.lexica.vectors.store.ModelWriter;
import io.lexica.vectors.store.VectorStoreWriter.LanguagePart;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lexica align}: two monolingual models into one cross-lingual model. */
@Command(
    name = "align",
    mixinStandardHelpOptions = true,
    description = {
      "Aligns two models of different languages into one space with a seed dictionary: orthogonal"
          + " Procrustes (Smith et al. 2017), refined with mutual CSLS nearest neighbours"
          + " (Conneau et al. 2018). Writes one model holding both languages; 'lexica neighbors"
          + " --target-language' and 'lexica expand --target-language' answer across them, and"
          + " 'lexica eval translation' measures word translation."
    },
    sortOptions = false)
final class AlignCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--source",
      required = true,
      paramLabel = "FILE|MODEL",
      description = "The model (or vector file) to map: the dictionary's first column.")
  Path source;

  @Option(
      names = "--target",
      required = true,
      paramLabel = "FILE|MODEL",
      description = "The model whose space the source is mapped into: the second column.")
  Path target;

  @Option(
      names = "--dictionary",
      required = true,
      paramLabel = "FILE",
      description =
          "Seed dictionary: 'source target' word pairs, one a line (MUSE's format, e.g."
              + " zh-en.0-5000.txt).")
  Path dictionary;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Model to write.")
  Path out;

  @Option(
      names = "--source-language",
      paramLabel = "NAME",
      description = "Name of the source language, e.g. zh. Default: from a MUSE file name.")
  String sourceLanguage;

  @Option(
      names = "--target-language",
      paramLabel = "NAME",
      description = "Name of the target language, e.g. en. Default: from a MUSE file name.")
  String targetLanguage;

  @Option(
      names = "--normalize",
      defaultValue = "unit-center-unit",
      paramLabel = "HOW",
      description = "Preprocessing: unit-center-unit (default), unit or none.")
  String normalize;

  @Option(
      names = "--refinements",
      defaultValue = "" + AlignOptions.DEFAULT_REFINEMENTS,
      paramLabel = "N",
      converter = OptionTypes.NonNegativeInt.class,
      description = "Refinement iterations after the seed fit; 0 keeps the seed fit.")
  int refinements;

  @Option(
      names = "--refine-vocabulary",
      defaultValue = "" + AlignOptions.DEFAULT_REFINE_VOCABULARY,
      paramLabel = "N",
      converter = OptionTypes.PositiveInt.class,
      description = "Most frequent words per language that refinement pairs are induced from.")
  int refineVocabulary;

  @Option(
      names = "--keep-seed",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Fit each refinement to the seed pairs too, not only to the induced ones;"
              + " --no-keep-seed fits the induced pairs alone, as MUSE does.")
  boolean keepSeed;

  @Mixin CslsOptions scans;

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    OutputPolicy policy = output.policy(source, target, dictionary);
    ModelWriter writer = ModelWriter.directory(out, policy);
    output.check(writer);
    BilingualDictionary seed = BilingualDictionary.read(dictionary);
    String[] named = seed.languagesFromName();
    String from = language(sourceLanguage, named, 0, "--source-language");
    String to = language(targetLanguage, named, 1, "--target-language");
    if (from.equals(to)) {
      throw new LexicaException(
          "source and target language are both '" + from + "'",
          "name two different languages with --source-language and --target-language");
    }
    Normalization normalization;
    try {
      normalization = Normalization.parse(normalize);
    } catch (IllegalArgumentException e) {
      throw new LexicaException(
          "unknown --normalize '" + normalize + "'", "use unit-center-unit, unit or none");
    }
    AlignOptions options =
        new AlignOptions(
            normalization, refinements, refineVocabulary, keepSeed, scans.k, scans.threads());
    WordVectors src = EvalCommand.Source.vectors(spec, source);
    WordVectors tgt = EvalCommand.Source.vectors(spec, target);
    PrintWriter err = spec.commandLine().getErr();
    Alignment a =
        Aligner.align(
            src,
            tgt,
            seed,
            options,
            line -> {
              err.println(Main.prefix(spec.commandLine()) + line);
              err.flush();
            });
    ModelMetadata metadata =
        ModelMetadata.of("alignment (orthogonal Procrustes + CSLS refinement)")
            .params(options)
            .param("dictionary", dictionary.toAbsolutePath())
            .param("seed_pairs", a.steps().get(0).pairs())
            .param("chosen_iteration", a.chosen());
    recordInput(metadata, from, source);
    recordInput(metadata, to, target);
    for (Alignment.Step s : a.steps()) {
      metadata.put(
          "alignment.step." + s.iteration(),
          String.format(Locale.ROOT, "pairs=%d criterion=%.4f", s.pairs(), s.criterion()));
    }
    writer.write(
        List.of(
            new LanguagePart(from, a.source(), a.hubness().a()),
            new LanguagePart(to, a.target(), a.hubness().b())),
        metadata);
    PrintWriter o = spec.commandLine().getOut();
    o.printf(
        Locale.ROOT,
        "aligned %,d %s words to %,d %s words (%d seed pairs, map of %s) into %s%n",
        src.size(),
        from,
        tgt.size(),
        to,
        a.steps().get(0).pairs(),
        a.chosen() == 0 ? "the seed fit" : "refinement " + a.chosen(),
        out);
    o.flush();
    return 0;
  }

  /** The given name, else the one in the dictionary's file name, else an error. */
  private String language(String given, String[] named, int which, String option) {
    if (given != null) {
      if (!given.matches("[A-Za-z0-9_-]+")) {
        throw new LexicaException(
            "bad language name '" + given + "'", "use letters, digits, - or _, e.g. en or zh");
      }
      return given;
    }
    if (named == null) {
      throw new LexicaException(
          "the dictionary's name (" + dictionary.getFileName() + ") does not name the languages",
          "give " + option + " (e.g. zh and en), or name the file like MUSE's zh-en.0-5000.txt");
    }
    return named[which];
  }

  /** The input's path and, for a model, its own metadata, under the language's prefix. */
  private static void recordInput(ModelMetadata metadata, String language, Path path) {
    metadata.put(language + ".model", path.toAbsolutePath());
    ModelFiles.metadata(path).forEach((k, v) -> metadata.put(language + "." + k, v));
  }
}
