package io.lexica.cli;

import io.lexica.LexicaException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code lexica} command. Exit codes: 0 success, 1 internal failure (a bug: stack trace
 * printed), 2 usage error, 3 bad input ({@link LexicaException}: message and remedy, no stack
 * trace).
 */
@Command(
    name = "lexica",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Word embeddings for Lucene: train on an index, store in Lucene, expand queries.",
    subcommands = {
      CommandLine.HelpCommand.class,
      IndexCommand.class,
      CorpusCommand.class,
      DemoCommand.class,
      EvalCommand.class,
      EmbedDocsCommand.class,
      NeighborsCommand.class,
      AnalogyCommand.class,
      SimilarityCommand.class,
      ModelCommand.class,
      ImportCommand.class,
      ExportCommand.class,
      ExpandCommand.class,
      SearchCommand.class,
      TrainCommand.class,
      UpdateCommand.class,
    })
public final class Main {
  /** Lucene logs "vector incubator API enabled" at INFO on every start; users need not see it. */
  private static final java.util.logging.Logger LUCENE_LOG =
      java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization");

  public static void main(String[] args) {
    LUCENE_LOG.setLevel(java.util.logging.Level.WARNING);
    System.exit(run(args));
  }

  /** Runs the CLI and returns its exit code; for tests. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** The configured command line, with every subcommand and the error handler. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(Main::handle);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }

  private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    Throwable t = e;
    while (t != null && !(t instanceof LexicaException)) {
      t = t.getCause();
    }
    if (t instanceof LexicaException le) {
      err.println("lexica " + cl.getCommandName() + ": " + le.describe());
      err.flush();
      return LexicaException.EXIT_CODE;
    }
    err.println("lexica " + cl.getCommandName() + ": internal error (please report):");
    e.printStackTrace(err);
    err.flush();
    return 1;
  }

  /** Prints the library version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"lexica " + (v == null ? "dev" : v)};
    }
  }
}
