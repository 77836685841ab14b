package dev.askpage.bench;

/** The ort-web baseline started but failed: the page, the model or the session run went wrong, or it timed out. */
public final class OrtWebException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A failed run, with what run.mjs said on stderr. */
  public OrtWebException(String message) {
    super(message);
  }

  /** A failed run caused by another error. */
  public OrtWebException(String message, Throwable cause) {
    super(message, cause);
  }
}
