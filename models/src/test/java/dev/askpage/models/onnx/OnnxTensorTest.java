package dev.askpage.models.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class OnnxTensorTest {
  @Test
  void floatsAreLittleEndian() throws Exception {
    byte[] bytes = data(OnnxTensor.floats(new long[] {2}, 1f, -2f));
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(1f, buffer.getFloat());
    assertEquals(-2f, buffer.getFloat());
  }

  @Test
  void normalTensorsAreLargerThanOneChunkAndRepeatable() throws Exception {
    OnnxTensor tensor = OnnxTensor.normal(new long[] {300, 301}, 9, 1.0, 0.02);
    byte[] bytes = data(tensor);
    assertEquals(300 * 301 * 4, bytes.length);
    assertEquals(tensor.byteLength(), bytes.length);
    assertArrayEquals(bytes, data(OnnxTensor.normal(new long[] {300, 301}, 9, 1.0, 0.02)));
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    double sum = 0;
    while (buffer.hasRemaining()) {
      sum += buffer.getFloat();
    }
    assertEquals(1.0, sum / (300 * 301), 0.001);
  }

  @Test
  void scalarHasOneElementAndNoDimensions() {
    OnnxTensor scalar = OnnxTensor.scalar(3f);
    assertEquals(0, scalar.dims().length);
    assertEquals(1, scalar.elementCount());
  }

  @Test
  void shapeMustBeValidAndMatchTheValues() {
    assertThrows(IllegalArgumentException.class, () -> OnnxTensor.floats(new long[] {3}, 1f, 2f));
    assertThrows(IllegalArgumentException.class, () -> OnnxTensor.normal(new long[] {-1, 2}, 1, 0, 1));
  }

  private static byte[] data(OnnxTensor tensor) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    tensor.writeData(out);
    return out.toByteArray();
  }
}
