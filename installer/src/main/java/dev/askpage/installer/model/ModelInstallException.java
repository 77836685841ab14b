package dev.askpage.installer.model;

/** A model that could not be installed, with a sentence saying why; nothing half-written is left in place. */
public class ModelInstallException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  public ModelInstallException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public ModelInstallException(String message, Throwable cause) {
    super(message, cause);
  }
}
