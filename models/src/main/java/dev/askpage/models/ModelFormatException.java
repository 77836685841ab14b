package dev.askpage.models;

import java.io.IOException;
import java.nio.file.Path;

/** A model directory that is missing a file, has a malformed {@code model.json}, or fails its checksum. */
public final class ModelFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path directory;

  public ModelFormatException(Path directory, String message) {
    super("model directory " + directory + ": " + message);
    this.directory = directory;
  }

  public ModelFormatException(Path directory, String message, Throwable cause) {
    super("model directory " + directory + ": " + message, cause);
    this.directory = directory;
  }

  /** The directory that was read. */
  public Path directory() {
    return directory;
  }
}
