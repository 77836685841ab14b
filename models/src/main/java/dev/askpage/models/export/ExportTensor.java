package dev.askpage.models.export;

import java.util.Arrays;
import java.util.Locale;

/**
 * One graph input or output as a model declares it.
 *
 * @param name the tensor's name
 * @param type element type in ONNX's lower-case spelling ({@code int64}, {@code int32}, {@code float}, ...)
 * @param dims the shape; -1 marks a dynamic (symbolic) dimension
 */
public record ExportTensor(String name, String type, long[] dims) {
  public static final long DYNAMIC = -1;

  public ExportTensor {
    type = type.toLowerCase(Locale.ROOT);
    dims = dims.clone();
  }

  @Override
  public long[] dims() {
    return dims.clone();
  }

  int rank() {
    return dims.length;
  }

  long dim(int i) {
    return dims[i];
  }

  /** The name with a TensorFlow {@code :N} output-index suffix removed. */
  String baseName() {
    return name.replaceFirst(":\\d+$", "");
  }

  /** {@code input_ids:0 int32 [1, 384]}; dynamic dimensions print as {@code ?}. */
  @Override
  public String toString() {
    StringBuilder shape = new StringBuilder();
    for (long dim : dims) {
      shape.append(shape.length() == 0 ? "" : ", ").append(dim < 0 ? "?" : Long.toString(dim));
    }
    return name + " " + type + " [" + shape + "]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ExportTensor t && t.name.equals(name) && t.type.equals(type) && Arrays.equals(t.dims, dims);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(dims);
  }
}
