package dev.askpage.installer.model;

/** A downloaded or copied file that does not match its pin (size, SHA-256, graph inputs and outputs). */
public final class VerificationException extends ModelInstallException {
  private static final long serialVersionUID = 1L;

  /** A mismatch described by {@code message}. */
  public VerificationException(String message) {
    super(message);
  }
}
