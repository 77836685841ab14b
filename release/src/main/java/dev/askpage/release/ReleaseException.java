package dev.askpage.release;

/** A release cannot be built from these inputs; the message says what is missing or wrong. */
public final class ReleaseException extends Exception {
  private static final long serialVersionUID = 1L;

  /** An error with a sentence for the person running the build. */
  public ReleaseException(String message) {
    super(message);
  }
}
