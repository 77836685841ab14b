package dev.askpage.infer;

/** The model file cannot be used: missing, corrupt, or with inputs and outputs askpage cannot feed. */
public final class ModelLoadException extends Exception {
  public ModelLoadException(String message) {
    super(message);
  }

  public ModelLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
