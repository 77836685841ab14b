package dev.askpage.installer.doctor;

import java.io.IOException;

/** A frame from the host that is not one whole UTF-8 JSON object under the size limit. */
public final class MalformedFrameException extends IOException {
  private static final long serialVersionUID = 1L;

  /** A frame that could not be read, with the reason. */
  public MalformedFrameException(String message) {
    super(message);
  }

  /** A frame that could not be read, with the reason and the parser's error. */
  public MalformedFrameException(String message, Throwable cause) {
    super(message, cause);
  }
}
