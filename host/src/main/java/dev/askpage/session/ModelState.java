package dev.askpage.session;

/**
 * What the host can say about its model in {@code hello}.
 *
 * @param state {@code loading}, {@code ready}, {@code missing} or {@code broken}
 * @param modelId the model's id or directory name; null when missing
 * @param message a sentence for the user (how to install, or why it is broken); null when ready
 * @param precision {@code fp32} or {@code int8} when ready (the file the next ask runs), else null
 */
public record ModelState(String state, String modelId, String message, String precision) {
  public ModelState(String state, String modelId, String message) {
    this(state, modelId, message, null);
  }

  /** This state with the precision the model runs now. */
  public ModelState withPrecision(String now) {
    return new ModelState(state, modelId, message, now);
  }
}
