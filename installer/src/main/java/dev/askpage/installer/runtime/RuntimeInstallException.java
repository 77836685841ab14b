package dev.askpage.installer.runtime;

/** The runtime image or application could not be installed. */
public final class RuntimeInstallException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  public RuntimeInstallException(String message) {
    super(message);
  }
}
