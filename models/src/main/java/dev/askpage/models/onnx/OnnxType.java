package dev.askpage.models.onnx;

/** ONNX tensor element types this writer emits, with their {@code TensorProto.DataType} numbers. */
public enum OnnxType {
  FLOAT(1, 4),
  INT32(6, 4),
  INT64(7, 8),
  BOOL(9, 1);

  final int code;
  final int bytes;

  OnnxType(int code, int bytes) {
    this.code = code;
    this.bytes = bytes;
  }

  /** The {@code TensorProto.DataType} number, as the {@code to} attribute of {@code Cast} takes it. */
  public long code() {
    return code;
  }
}
