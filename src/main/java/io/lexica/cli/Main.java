package io.lexica.cli;

import io.lexica.LexicaException;
import io.lexica.math.VectorMath;
import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code lexica} command. Exit codes: 0 success, 1 internal failure (a bug: stack trace
 * printed), 2 the command line's shape is wrong (an unknown option, a missing or extra argument), 3
 * bad input: a value that cannot be used, whether the option's type rejects it ({@link
 * OptionTypes}) or the library does ({@link LexicaException}), a missing or broken file. Every
 * error is one line prefixed with the full command ({@code lexica corpus export: ...}) and a {@code
 * fix:} line, never a usage screen.
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
      AlignCommand.class,
      DebiasCommand.class,
      ExportCommand.class,
      PlotCommand.class,
      ExpandCommand.class,
      SearchCommand.class,
      TrainCommand.class,
      RetrofitCommand.class,
      UpdateCommand.class,
      PublishCommand.class,
    })
public final class Main {
  /** Lucene logs "vector incubator API enabled" at INFO on every start; users need not see it. */
  private static final java.util.logging.Logger LUCENE_LOG =
      java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization");

  /**
   * Set by the {@code lexica} launcher when the JVM's standard error goes through its filter (a
   * child process that drops the JVM's "Using incubator modules" line): see {@link
   * #drainStandardError()}.
   */
  static final String STDERR_FILTERED_PROPERTY = "lexica.stderr.filtered";

  /** The root command object: only {@link #commandLine()} makes one. */
  private Main() {}

  /**
   * The {@code lexica} command: runs it and exits the JVM with its exit code (0 success, 1 an
   * internal failure, 2 a usage error, {@value io.lexica.LexicaException#EXIT_CODE} bad input).
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    LUCENE_LOG.setLevel(java.util.logging.Level.WARNING);
    int code = run(args);
    drainStandardError();
    System.exit(code);
  }

  /**
   * Runs the CLI and returns its exit code; for tests.
   *
   * @param args the command line
   * @return the exit code, as {@link #main} would exit with
   */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /**
   * The configured command line, with every subcommand, the error handlers and every option's
   * default shown in its help.
   *
   * @return a new command line; each call builds a fresh one, so tests do not share option state
   */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(Main::handle);
    cl.setParameterExceptionHandler(Main::handleUsage);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    showDefaults(cl);
    return cl;
  }

  /** Every command's help shows each option's default (picocli appends "Default: ..."). */
  private static void showDefaults(CommandLine cl) {
    cl.getCommandSpec().usageMessage().showDefaultValues(true);
    cl.getSubcommands().values().forEach(Main::showDefaults);
  }

  /** What messages of a command start with: its full name, e.g. {@code lexica corpus export: }. */
  static String prefix(CommandLine cl) {
    return cl.getCommandSpec().qualifiedName(" ") + ": ";
  }

  /** Prints a warning on the command's standard error, prefixed like its errors. */
  static void warn(CommandSpec command, String message) {
    PrintWriter err = command.commandLine().getErr();
    err.println(prefix(command.commandLine()) + "warning: " + message);
    err.flush();
  }

  private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    Throwable t = e;
    while (t != null && !(t instanceof LexicaException)) {
      t = t.getCause();
    }
    if (t instanceof LexicaException le) {
      err.println(prefix(cl) + le.describe());
      err.flush();
      return LexicaException.EXIT_CODE;
    }
    err.println(prefix(cl) + "internal error (please report):");
    e.printStackTrace(err);
    err.flush();
    return 1;
  }

  /**
   * A command line picocli cannot take: one line naming the problem (and picocli's suggestions for
   * a mistyped option) instead of the whole usage screen, which buried the message. A value the
   * option's type rejects is bad input (exit 3, as when the library rejects it); anything else is a
   * usage error (exit 2).
   */
  private static int handleUsage(CommandLine.ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println(prefix(cl) + e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println("  fix: see '" + cl.getCommandSpec().qualifiedName(" ") + " --help'");
    err.flush();
    boolean badValue = e.getArgSpec() != null && e.getCause() != null;
    return badValue ? LexicaException.EXIT_CODE : cl.getCommandSpec().exitCodeOnInvalidInput();
  }

  /**
   * Waits until the launcher's standard error filter has written everything this process sent it,
   * so that a caller reading the error output right after the exit (a log file, a terminal prompt)
   * sees all of it. The filter is this process's child (the launcher started it, then became this
   * JVM); closing standard error ends its input. Without the launcher's filter, does nothing.
   */
  private static void drainStandardError() {
    if (!Boolean.getBoolean(STDERR_FILTERED_PROPERTY)) {
      return;
    }
    System.out.flush();
    System.err.close(); // the JDK points descriptor 2 at /dev/null rather than closing it
    ProcessHandle.current()
        .children()
        .forEach(
            child -> {
              try {
                child.onExit().get(2, TimeUnit.SECONDS);
              } catch (Exception stillRunning) {
                // not ours to wait for any longer
              }
            });
  }

  /**
   * Prints the library version from the jar manifest, the JVM's, and whether the trainers' SIMD
   * path (the Vector API) is on: the launcher turns it on, without the JVM's warning about it.
   */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {
        "lexica " + (v == null ? "dev" : v),
        "Java "
            + Runtime.version()
            + ", Vector API "
            + (VectorMath.SIMD ? "on" : "off (add --add-modules jdk.incubator.vector)")
      };
    }
  }
}
