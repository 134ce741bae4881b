package io.lexica.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Whether standard error is an interactive terminal, and how wide: what decides if a {@link
 * Progress} line is drawn and where it is cut. Standard error, not the console: {@code lexica train
 * ... 2> log} has a terminal on standard output but must not fill the log with redraws ({@link
 * System#console()} looks at standard input and output, and from JDK 22 on is not null even when
 * both are redirected).
 *
 * <p>The JVM cannot ask the terminal itself, so the answer comes, in this order, from:
 *
 * <ol>
 *   <li>{@code CI} or {@code LEXICA_QUIET} in the environment: never a terminal (scripts, CI logs);
 *   <li>the system property {@value #COLUMNS_PROPERTY}, which the {@code lexica} launcher sets from
 *       {@code [ -t 2 ]} and {@code stty size}: 0 when standard error is not a terminal, else its
 *       width;
 *   <li>without the launcher, on Linux, where {@code /proc/self/fd/2} points: a terminal device
 *       ({@code /dev/pts/N}, {@code /dev/ttyN}) is a terminal, of {@code COLUMNS} columns when that
 *       variable is exported, else {@value #DEFAULT_COLUMNS}; anything else, or another system, is
 *       not (quiet is the safe side).
 * </ol>
 *
 * <p>Stateless; thread-safe. The answer is computed once per JVM.
 */
final class Terminal {
  /** The launcher's answer: standard error's width in columns, 0 when it is not a terminal. */
  public static final String COLUMNS_PROPERTY = "lexica.terminal.columns";

  /** The width assumed for a terminal whose width is unknown. */
  static final int DEFAULT_COLUMNS = 80;

  private static final int COLUMNS = columns(System.getenv(), System.getProperties()::getProperty);

  private Terminal() {}

  /** Columns of the terminal that standard error is, or 0 when it is not one. */
  public static int standardErrorColumns() {
    return COLUMNS;
  }

  /** The rule above, on the given environment and properties; visible for tests. */
  static int columns(Map<String, String> env, java.util.function.UnaryOperator<String> property) {
    if (env.get("CI") != null || env.get("LEXICA_QUIET") != null) {
      return 0;
    }
    String given = property.apply(COLUMNS_PROPERTY);
    if (given != null) {
      return Math.max(0, parse(given, 0));
    }
    if (!isTerminalDevice(standardErrorTarget())) {
      return 0;
    }
    int columns = parse(env.get("COLUMNS"), DEFAULT_COLUMNS);
    return columns > 0 ? columns : DEFAULT_COLUMNS;
  }

  /** True for the path of a terminal device, as {@code /proc/self/fd/2} shows it. */
  static boolean isTerminalDevice(String target) {
    return target != null && (target.startsWith("/dev/pts/") || target.startsWith("/dev/tty"));
  }

  /** Where descriptor 2 points (Linux), or null when that cannot be told. */
  private static String standardErrorTarget() {
    try {
      return Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return null;
    }
  }

  private static int parse(String value, int fallback) {
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
