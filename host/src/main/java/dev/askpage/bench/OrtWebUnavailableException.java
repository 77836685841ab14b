package dev.askpage.bench;

/** The ort-web baseline cannot run on this machine: node, the node_modules folder, run.mjs or Chromium is missing. */
public final class OrtWebUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What is missing. */
  public enum Missing {
    /** No {@code node} executable. */
    NODE,
    /** No {@code run.mjs} in the script folder. */
    SCRIPT,
    /** {@code npm ci} has not been run in the script folder. */
    NODE_MODULES,
    /** No Chromium executable, or it does not start. */
    CHROMIUM
  }

  private final Missing missing;

  /** Names what is missing and how to get it. */
  public OrtWebUnavailableException(Missing missing, String message) {
    super(message);
    this.missing = missing;
  }

  /** What is missing. */
  public Missing missing() {
    return missing;
  }
}
