package dev.askpage.infer;

/** ONNX Runtime failed while running a batch. */
public final class InferenceException extends Exception {
  public InferenceException(String message, Throwable cause) {
    super(message, cause);
  }
}
