package dev.askpage.session;

/**
 * What the host can say about its model in {@code hello}.
 *
 * @param state {@code loading}, {@code ready}, {@code missing} or {@code broken}
 * @param modelId the model's id or directory name; null when missing
 * @param message a sentence for the user (how to install, or why it is broken); null when ready
 */
public record ModelState(String state, String modelId, String message) {}
