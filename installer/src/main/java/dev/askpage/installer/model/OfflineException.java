package dev.askpage.installer.model;

/** The model's server cannot be reached (no network, no DNS, refused connection). */
public final class OfflineException extends ModelInstallException {
  private static final long serialVersionUID = 1L;

  /** The server of {@code url} is unreachable. */
  public OfflineException(String url, Throwable cause) {
    super("cannot reach " + url + " (" + cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + "); are you offline?", cause);
  }
}
