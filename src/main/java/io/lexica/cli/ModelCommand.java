package io.lexica.cli;

import io.lexica.LexicaException;
import io.lexica.vectors.store.Lineage;
import io.lexica.vectors.store.ModelCheck;
import io.lexica.vectors.store.ModelFiles;
import io.lexica.vectors.store.VectorStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lexica model}: commands about a model as a whole. */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description = "Commands about a model as a whole.",
    subcommands = {ModelCommand.Info.class, ModelCommand.Check.class})
final class ModelCommand {
  /** {@code lexica model info}: the metadata. */
  @Command(
      name = "info",
      mixinStandardHelpOptions = true,
      description =
          "Prints a model's metadata (how it was made: algorithm, hyperparameters, source,"
              + " analyzer, versions, creation time), its size on disk and its lineage (the first"
              + " training and each continuation or update).")
  static final class Info implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "Model directory.")
    Path model;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      try (VectorStore store = ModelFiles.store(model)) {
        for (Map.Entry<String, String> e : store.metadata().entrySet()) {
          out.println(e.getKey() + " = " + e.getValue());
        }
        long bytes;
        try (Stream<Path> files = Files.list(model)) {
          bytes = files.mapToLong(p -> p.toFile().length()).sum();
        }
        out.println("size.on.disk = " + bytes);
        Lineage lineage = Lineage.of(store.metadata());
        if (!lineage.steps().isEmpty()) {
          out.println("lineage (oldest first):");
          for (int i = 0; i < lineage.steps().size(); i++) {
            if (i == 1 && lineage.omitted() > 0) {
              out.println("  ... " + lineage.omitted() + " steps not kept");
            }
            out.println("  " + lineage.steps().get(i).describe());
          }
        }
      }
      out.flush();
      return 0;
    }
  }

  /** {@code lexica model check}: is every byte of the model intact? */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
        "Verifies a model: every file against its checksum, Lucene's CheckIndex, and Lexica's"
            + " invariants (metadata, one vector per word, unique words, finite vectors, search"
            + " vectors = normalised raw vectors, the subword file). Reads everything, writes"
            + " nothing. Run it after copying a model between machines, before deploying it to"
            + " OpenSearch nodes, and after a disk incident.",
        "Exit code 0: intact; 3: damaged or not a model (the message names the file or the"
            + " word)."
      })
  static final class Check implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "model directory")
    Path model;

    @Override
    public Integer call() {
      ModelCheck.Report report = ModelCheck.run(model);
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      report.passed().forEach(p -> out.println("ok      " + p));
      report.problems().forEach(p -> out.println("FAILED  " + p));
      out.flush();
      report.warnings().forEach(w -> err.println("lexica model check: warning: " + w));
      err.flush();
      if (!report.intact()) {
        throw new LexicaException(
            "the model at "
                + model
                + " is damaged ("
                + report.problems().size()
                + " problem(s)); first: "
                + report.problems().get(0),
            "do not use or deploy it: copy it again from an intact copy (then check the copy),"
                + " or re-create it with 'lexica train' or 'lexica import'");
      }
      out.println("intact: " + model);
      out.flush();
      return 0;
    }
  }
}
