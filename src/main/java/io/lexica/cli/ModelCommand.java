package io.lexica.cli;

import io.lexica.vectors.store.Lineage;
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
    subcommands = {ModelCommand.Info.class})
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

    @Parameters(index = "0", paramLabel = "MODEL", description = "model directory")
    Path model;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      try (VectorStore store = VectorStore.open(model)) {
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
}
