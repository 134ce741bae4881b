package io.lexica.cli;

import io.lexica.debias.DebiasWordLists;
import io.lexica.debias.HardDebias;
import io.lexica.phrases.PhraseList;
import io.lexica.util.OutputPolicy;
import io.lexica.vectors.ModelWeights;
import io.lexica.vectors.WordVectors;
import io.lexica.vectors.store.ModelMetadata;
import io.lexica.vectors.store.ModelWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lexica debias}: hard debiasing of a model. */
@Command(
    name = "debias",
    mixinStandardHelpOptions = true,
    description = {
      "Hard debiasing (Bolukbasi et al. 2016): finds the bias direction from definitional pairs"
          + " (woman/man, she/he, ...), removes it from every word that is not a specific word"
          + " (neutralize) and makes the equalize pairs symmetric about the neutral words"
          + " (equalize). Writes a normal model (unit vectors) whose metadata records what was"
          + " done.",
      "The word lists default to the authors' (gender); --definitional, --equalize and"
          + " --specific take your own files (pairs or words, one a line). Measure the effect"
          + " with 'lexica eval bias' and the cost with 'lexica eval analogy' / 'similarity'."
    },
    sortOptions = false)
final class DebiasCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE|MODEL", description = "The model to debias.")
  Path model;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Model to write.")
  Path out;

  @Option(
      names = "--definitional",
      paramLabel = "FILE",
      description = "Definitional pairs (default: bundled " + DebiasWordLists.DEFINITIONAL + ").")
  Path definitional;

  @Option(
      names = "--equalize",
      paramLabel = "FILE",
      description = "Equalize pairs (default: bundled " + DebiasWordLists.EQUALIZE + ").")
  Path equalize;

  @Option(
      names = "--specific",
      paramLabel = "FILE",
      description =
          "Words left out of neutralisation (default: bundled " + DebiasWordLists.SPECIFIC + ").")
  Path specific;

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    OutputPolicy policy = output.policy(model, definitional, equalize, specific);
    ModelWriter writer = ModelWriter.directory(out, policy);
    output.check(writer);
    DebiasWordLists lists = DebiasWordLists.of(definitional, equalize, specific);
    WordVectors vectors = EvalCommand.Source.vectors(spec, model);
    HardDebias.Result r = HardDebias.debias(vectors, lists);
    // The source's own record (algorithm, hyperparameters, corpus, analyzer) stays true of the
    // debiased model; the writer sets its own keys (format, size, creation time) afresh.
    ModelMetadata metadata =
        ModelMetadata.derivedFrom(model)
            .put("debias.method", "hard debiasing, neutralize and equalize (Bolukbasi et al. 2016)")
            .put("debias.source", model.toAbsolutePath());
    List<String> names = List.of("definitional", "equalize", "specific");
    for (int i = 0; i < names.size(); i++) {
      metadata.put("debias." + names.get(i), lists.sources().get(i));
    }
    metadata
        .put("debias.definitional_pairs_found", r.definitionalPairs())
        .put("debias.direction_variance", String.format(Locale.ROOT, "%.4f", r.explained()))
        .put("debias.neutralized", r.neutralized())
        .put("debias.equalized", r.equalized());
    // Only the vectors: the source's output rows no longer belong to the debiased vectors; the
    // phrases do not go either (a debiased model is for measuring and serving words).
    writer.write(ModelWeights.of(r.vectors()), PhraseList.EMPTY, metadata);
    PrintWriter o = spec.commandLine().getOut();
    o.printf(
        Locale.ROOT,
        "debiased %,d words: direction from %d definitional pairs (%.1f %% of their variance),"
            + " %,d neutralized, %d pairs equalized; wrote %s%n",
        vectors.size(),
        r.definitionalPairs(),
        100 * r.explained(),
        r.neutralized(),
        r.equalized(),
        out);
    o.flush();
    return 0;
  }
}
