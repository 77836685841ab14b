package dev.askpage.installer.registry;

/** A registry command that failed, with its output. */
public final class RegistryException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  public RegistryException(String message) {
    super(message);
  }
}
