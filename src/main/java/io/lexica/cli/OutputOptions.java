package io.lexica.cli;

import io.lexica.util.OutputKind;
import io.lexica.util.OutputPolicy;
import io.lexica.vectors.store.ModelWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code --overwrite} option of every command that writes, and the {@link OutputPolicy} it
 * makes with the command's inputs. A picocli mixin; the commands check each output against it
 * before any long work starts, and pass it to the library's writers, which check again.
 */
final class OutputOptions {
  @Option(
      names = "--overwrite",
      description =
          "Replace an existing output whatever it holds. Without it, only what this command"
              + " itself writes is replaced (a model by a model, an index made by 'lexica index'"
              + " by another, a file by a file) and anything else is refused. Outputs that are,"
              + " hold or lie inside an input are refused either way.")
  boolean overwrite;

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  /**
   * Checks that {@code kind} may be written at {@code target} under {@code policy} (a {@link
   * io.lexica.LexicaException} otherwise), and says on standard error when something there will be
   * replaced, so that a replacement is never silent.
   */
  void check(OutputKind kind, Path target, OutputPolicy policy) {
    kind.check(target, policy);
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !isEmptyFolder(target)) {
      PrintWriter err = command.commandLine().getErr();
      err.println(
          Main.prefix(command.commandLine())
              + "replacing "
              + target
              + " ("
              + (kind.recognises(target) ? kind.description() : OutputKind.describe(target))
              + ")");
      err.flush();
    }
  }

  /**
   * Checks every output of {@code writer} as {@link #check(OutputKind, Path, OutputPolicy)} does,
   * under the writer's policy.
   */
  void check(ModelWriter writer) {
    for (ModelWriter.Output o : writer.outputs()) {
      check(o.kind(), o.path(), writer.policy());
    }
  }

  private static boolean isEmptyFolder(Path p) {
    try (var entries = Files.newDirectoryStream(p)) {
      return !entries.iterator().hasNext();
    } catch (IOException e) {
      return false;
    }
  }

  /** The policy for a command reading {@code inputs}; null entries (options not given) skipped. */
  OutputPolicy policy(Path... inputs) {
    return OutputPolicy.overwrite(overwrite).reading(inputs);
  }
}
