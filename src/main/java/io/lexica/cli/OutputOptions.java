package io.lexica.cli;

import io.lexica.util.OutputPolicy;
import java.nio.file.Path;
import picocli.CommandLine.Option;

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

  /** The policy for a command reading {@code inputs}; null entries (options not given) skipped. */
  OutputPolicy policy(Path... inputs) {
    return OutputPolicy.overwrite(overwrite).reading(inputs);
  }
}
