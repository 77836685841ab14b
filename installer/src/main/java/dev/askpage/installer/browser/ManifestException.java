package dev.askpage.installer.browser;

/** A host manifest that cannot be read as one. */
public final class ManifestException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A manifest problem. */
  public ManifestException(String message) {
    super(message);
  }

  /** A manifest problem with its cause. */
  public ManifestException(String message, Throwable cause) {
    super(message, cause);
  }
}
