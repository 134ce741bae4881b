package io.lexica;

/**
 * An error caused by the user's input or environment (a missing index, a corrupt file, a bad
 * option), as opposed to a bug. Its message says what is wrong; {@link #remedy()} says how to fix
 * it. The CLI prints both without a stack trace and exits with {@link #EXIT_CODE}.
 */
public class LexicaException extends RuntimeException {
  /** Exit code of the CLI for bad input (2 is picocli's usage error, 1 an internal failure). */
  public static final int EXIT_CODE = 3;

  private final String remedy;

  public LexicaException(String problem, String remedy) {
    this(problem, remedy, null);
  }

  public LexicaException(String problem, String remedy, Throwable cause) {
    super(problem, cause);
    this.remedy = remedy;
  }

  /** How to fix the problem, in one sentence; may be empty. */
  public String remedy() {
    return remedy == null ? "" : remedy;
  }

  /** The problem and the remedy in one message, as the CLI prints them. */
  public String describe() {
    return remedy().isEmpty() ? getMessage() : getMessage() + "\n  fix: " + remedy();
  }
}
