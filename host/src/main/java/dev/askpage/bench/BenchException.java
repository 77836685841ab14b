package dev.askpage.bench;

/** The benchmark cannot go on: the host did not start, replied with an error, or the data is missing. */
public final class BenchException extends Exception {
  private static final long serialVersionUID = 1L;

  public BenchException(String message) {
    super(message);
  }

  public BenchException(String message, Throwable cause) {
    super(message, cause);
  }
}
