package dev.askpage.eval;

/** A SQuAD evaluation that cannot run: an unreadable data set or predictions file, or no engine for {@code --model}. */
public final class EvalException extends Exception {
  private static final long serialVersionUID = 1L;

  /** An evaluation error with a message fit for the command line. */
  public EvalException(String message) {
    super(message);
  }

  /** An evaluation error caused by another (an I/O or JSON error). */
  public EvalException(String message, Throwable cause) {
    super(message, cause);
  }
}
