package dev.askpage.models.onnx;

/** A file that is not a whole, well-formed ONNX model (truncated, corrupt, or some other kind of file). */
public final class OnnxFormatException extends Exception {
  public OnnxFormatException(String message) {
    super(message);
  }
}
