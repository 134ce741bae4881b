package io.lexica;

/**
 * An error caused by the user's input or environment (a missing index, a corrupt file, a bad
 * option), as opposed to a bug. Its message says what is wrong; {@link #remedy()} says how to fix
 * it. The CLI prints both without a stack trace and exits with {@link #EXIT_CODE}.
 */
public class LexicaException extends RuntimeException {
  /** Exit code of the CLI for bad input (2 is picocli's usage error, 1 an internal failure). */
  public static final int EXIT_CODE = 3;

  /** How to fix the problem; null when there is no advice. */
  private final String remedy;

  /**
   * An error with its remedy.
   *
   * @param problem what is wrong, naming the input (the exception's message)
   * @param remedy how to fix it, in one sentence; null or empty when there is no advice
   */
  public LexicaException(String problem, String remedy) {
    this(problem, remedy, null);
  }

  /**
   * An error with its remedy and the exception that revealed it.
   *
   * @param problem what is wrong, naming the input (the exception's message)
   * @param remedy how to fix it, in one sentence; null or empty when there is no advice
   * @param cause the underlying exception (an {@code IOException}, a parse error), or null
   */
  public LexicaException(String problem, String remedy, Throwable cause) {
    super(problem, cause);
    this.remedy = remedy;
  }

  /**
   * How to fix the problem.
   *
   * @return one sentence; empty (never null) when there is no advice
   */
  public String remedy() {
    return remedy == null ? "" : remedy;
  }

  /**
   * The problem and the remedy in one message, as the CLI prints them.
   *
   * @return the message, then {@code "\n fix: "} and the remedy when there is one
   */
  public String describe() {
    return remedy().isEmpty() ? getMessage() : getMessage() + "\n  fix: " + remedy();
  }
}
