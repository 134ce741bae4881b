package io.lexica.cli;

import io.lexica.eval.Weat;
import io.lexica.eval.WeatResult;
import io.lexica.eval.WeatSets;
import io.lexica.vectors.WordLookup;
import io.lexica.vectors.formats.VectorFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lexica eval bias}: Word Embedding Association Tests. */
@Command(
    name = "bias",
    mixinStandardHelpOptions = true,
    description = {
      "Word Embedding Association Tests (WEAT, Caliskan et al. 2017): for target word sets X, Y"
          + " and attribute sets A, B, the effect size (Cohen's d of how much more X than Y is"
          + " associated with A than with B) and a one-sided permutation p-value.",
      "Without --tests, the paper's ten tests (WEAT 1-10). A test file holds tests like:",
      "  [my test]",
      "  X careers: engineer, doctor, pilot",
      "  Y care: nurse, nanny, teacher",
      "  A male: he, him, man",
      "  B female: she, her, woman",
      "Words the model lacks are left out and counted."
    })
final class BiasEvalCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin EvalCommand.Source source;

  @Option(
      names = "--tests",
      arity = "1..*",
      paramLabel = "FILE",
      description = "Test files (format above). Default: the ten tests of Caliskan et al.")
  List<Path> tests;

  @Option(
      names = "--permutations",
      defaultValue = "" + Weat.DEFAULT_SAMPLES,
      paramLabel = "N",
      converter = OptionTypes.PositiveInt.class,
      description =
          "Random partitions for the p-value when there are more than "
              + Weat.DEFAULT_EXACT_LIMIT
              + " (else all are enumerated).")
  int permutations;

  @Option(
      names = "--seed",
      defaultValue = "1",
      paramLabel = "N",
      description = "Seed of the random partitions.")
  long seed;

  @Option(names = "--show-missing", description = "List the words the model lacks.")
  boolean showMissing;

  @Override
  public void run() {
    List<WeatSets> sets = new ArrayList<>();
    if (tests == null) {
      sets.addAll(WeatSets.published());
    } else {
      tests.forEach(t -> sets.addAll(WeatSets.read(t)));
    }
    VectorFiles.Loaded loaded = source.load(0);
    WordLookup lookup = new WordLookup(loaded.vectors());
    List<WeatResult> results = new ArrayList<>();
    for (WeatSets s : sets) {
      results.add(Weat.run(lookup, s, Weat.DEFAULT_EXACT_LIMIT, permutations, seed));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (source.json) {
      EvalCommand.json(
          out,
          g -> {
            g.writeStartObject();
            g.writeStringField("vectors", source.path.toString());
            g.writeNumberField("seed", seed);
            g.writeArrayFieldStart("tests");
            for (WeatResult r : results) {
              g.writeStartObject();
              g.writeStringField("name", r.sets().name());
              g.writeArrayFieldStart("found");
              for (int f : r.found()) {
                g.writeNumber(f);
              }
              g.writeEndArray();
              g.writeArrayFieldStart("missing");
              for (String w : r.missing()) {
                g.writeString(w);
              }
              g.writeEndArray();
              if (Double.isNaN(r.effectSize())) {
                g.writeNullField("difference");
                g.writeNullField("effectSize");
                g.writeNullField("pValue");
              } else {
                g.writeNumberField("difference", r.difference());
                g.writeNumberField("effectSize", r.effectSize());
                g.writeNumberField("pValue", r.pValue());
              }
              g.writeBooleanField("exact", r.exact());
              g.writeNumberField("permutations", r.permutations());
              g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
          });
      out.flush();
      return;
    }
    out.printf(Locale.ROOT, "vectors: %s (%,d words)%n%n", source.path, loaded.vectors().size());
    out.printf(
        Locale.ROOT, "%-72s %-15s %8s %8s %10s%n", "test", "found X/Y/A/B", "assoc", "effect", "p");
    for (WeatResult r : results) {
      int[] f = r.found();
      String found = f[0] + "/" + f[1] + "/" + f[2] + "/" + f[3];
      String name = r.sets().name();
      if (name.length() > 72) {
        name = name.substring(0, 71) + "…";
      }
      if (Double.isNaN(r.effectSize())) {
        out.printf(Locale.ROOT, "%-72s %-15s %8s %8s %10s%n", name, found, "-", "-", "-");
      } else {
        out.printf(
            Locale.ROOT,
            "%-72s %-15s %8.4f %8.3f %10s%n",
            name,
            found,
            r.difference(),
            r.effectSize(),
            String.format(Locale.ROOT, r.pValue() < 1e-3 ? "%.1e" : "%.4f", r.pValue())
                + (r.exact() ? "" : "*"));
      }
      if (showMissing && !r.missing().isEmpty()) {
        out.println("  missing: " + String.join(" ", r.missing()));
      }
    }
    out.printf(
        Locale.ROOT,
        "%nassoc: mean_X s - mean_Y s, s(w) = mean cos(w, A) - mean cos(w, B); effect: Cohen's"
            + " d = assoc / sd(s), in [-2, 2]; p: one-sided permutation test (* = %,d random"
            + " partitions, seed %d; else exact)%n",
        permutations,
        seed);
    out.flush();
  }
}
