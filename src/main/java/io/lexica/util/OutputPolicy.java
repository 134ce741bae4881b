package io.lexica.util;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a command allows its outputs to replace: the user's {@code --overwrite}, and the paths the
 * command reads. An output that is, contains or lies inside one of the inputs is refused whatever
 * the overwrite flag says (see {@link OutputKind#check}), because replacing it would destroy what
 * the command is reading. Immutable.
 *
 * @param overwrite replace an existing target whatever it holds (still never an input)
 * @param inputs files and folders the command reads
 */
public record OutputPolicy(boolean overwrite, List<Path> inputs) {
  /** The library's default: replace only the same kind of Lexica output; no inputs known. */
  public static final OutputPolicy SAFE = new OutputPolicy(false, List.of());

  /** Copies the inputs, so a policy is immutable. */
  public OutputPolicy {
    inputs = List.copyOf(inputs);
  }

  /**
   * A policy with {@code overwrite} and no inputs yet.
   *
   * @param overwrite whether an existing target may be replaced whatever it holds
   * @return the policy
   */
  public static OutputPolicy overwrite(boolean overwrite) {
    return new OutputPolicy(overwrite, List.of());
  }

  /**
   * This policy with more inputs; null entries (options not given) are skipped.
   *
   * @param more inputs of the command, or nulls for options not given
   * @return a new policy; this one is unchanged
   */
  public OutputPolicy reading(Path... more) {
    return reading(java.util.Arrays.asList(more));
  }

  /**
   * This policy with more inputs; null entries (options not given) are skipped.
   *
   * @param more inputs of the command, or nulls for options not given
   * @return a new policy; this one is unchanged
   */
  public OutputPolicy reading(List<Path> more) {
    List<Path> all = new ArrayList<>(inputs);
    if (more == null) {
      return this;
    }
    more.stream().filter(Objects::nonNull).forEach(all::add);
    return new OutputPolicy(overwrite, all);
  }
}
