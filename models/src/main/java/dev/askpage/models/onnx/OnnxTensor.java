package dev.askpage.models.onnx;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The type, shape and contents of a constant tensor; contents are produced when the file is written.
 *
 * <p>Random tensors hold only their seed, so a 100 MB model never sits in memory: its bytes are generated straight into
 * the output stream, the same bytes every time for the same seed.
 */
public final class OnnxTensor {
  private static final int CHUNK_ELEMENTS = 16 * 1024;

  private final OnnxType type;
  private final long[] dims;
  private final Contents contents;

  private OnnxTensor(OnnxType type, long[] dims, Contents contents) {
    for (long dim : dims) {
      if (dim < 0) {
        throw new IllegalArgumentException("negative dimension in " + Arrays.toString(dims));
      }
    }
    this.type = type;
    this.dims = dims.clone();
    this.contents = contents;
  }

  /** A float tensor with the given values, row-major. */
  public static OnnxTensor floats(long[] dims, float... values) {
    checkCount(dims, values.length);
    float[] copy = values.clone();
    return new OnnxTensor(OnnxType.FLOAT, dims, (buffer, out) -> {
      for (float value : copy) {
        buffer.putFloat(value);
        flushIfFull(buffer, out, 4);
      }
    });
  }

  /** An int64 tensor with the given values, row-major. */
  public static OnnxTensor int64s(long[] dims, long... values) {
    checkCount(dims, values.length);
    long[] copy = values.clone();
    return new OnnxTensor(OnnxType.INT64, dims, (buffer, out) -> {
      for (long value : copy) {
        buffer.putLong(value);
        flushIfFull(buffer, out, 8);
      }
    });
  }

  /** A float scalar (rank 0). */
  public static OnnxTensor scalar(float value) {
    return floats(new long[0], value);
  }

  /** A one-dimensional int64 tensor, the usual form of shape, axis and index operands. */
  public static OnnxTensor vector(long... values) {
    return int64s(new long[] {values.length}, values);
  }

  /** A float tensor of independent normal samples {@code mean + std * N(0, 1)} drawn from a {@link SplittableRandom}. */
  public static OnnxTensor normal(long[] dims, long seed, double mean, double std) {
    long count = elementCount(dims);
    return new OnnxTensor(OnnxType.FLOAT, dims, (buffer, out) -> {
      SplittableRandom random = new SplittableRandom(seed);
      for (long i = 0; i < count; i++) {
        buffer.putFloat((float) (mean + std * random.nextGaussian()));
        flushIfFull(buffer, out, 4);
      }
    });
  }

  public OnnxType type() {
    return type;
  }

  public long[] dims() {
    return dims.clone();
  }

  /** The number of elements: the product of the dimensions (1 for a scalar). */
  public long elementCount() {
    return elementCount(dims);
  }

  long byteLength() {
    return elementCount() * type.bytes;
  }

  long[] rawDims() {
    return dims;
  }

  /** Writes the little-endian element bytes, exactly {@link #byteLength()} of them. */
  void writeData(OutputStream out) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(CHUNK_ELEMENTS * 8).order(ByteOrder.LITTLE_ENDIAN);
    contents.write(buffer, out);
    out.write(buffer.array(), 0, buffer.position());
  }

  private static void flushIfFull(ByteBuffer buffer, OutputStream out, int next) throws IOException {
    if (buffer.remaining() < next) {
      out.write(buffer.array(), 0, buffer.position());
      buffer.clear();
    }
  }

  private static long elementCount(long[] dims) {
    long count = 1;
    for (long dim : dims) {
      count = Math.multiplyExact(count, dim);
    }
    return count;
  }

  private static void checkCount(long[] dims, int length) {
    if (elementCount(dims) != length) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(dims) + " needs " + elementCount(dims) + " values, got " + length);
    }
  }

  /** Fills the buffer with elements, flushing it to the stream whenever it is full. */
  private interface Contents {
    void write(ByteBuffer buffer, OutputStream out) throws IOException;
  }
}
