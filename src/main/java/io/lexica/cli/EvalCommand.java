package io.lexica.cli;

import picocli.CommandLine.Command;

/** {@code lexica eval}: quality evaluations; each kind is a subcommand. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Evaluate quality: retrieval with query expansion on test collections.",
    subcommands = {RetrievalEvalCommand.class})
final class EvalCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
