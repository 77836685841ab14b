package dev.askpage.models.export;

/** The model's inputs or outputs are not a question-answering export askpage can feed; the message says why. */
public final class UnsupportedExportException extends Exception {
  public UnsupportedExportException(String message) {
    super(message);
  }
}
