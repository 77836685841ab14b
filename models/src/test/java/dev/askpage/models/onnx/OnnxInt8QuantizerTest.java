package dev.askpage.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxInt8QuantizerTest {
  /** TensorProto's external_data and data_location (EXTERNAL = 1). */
  private static final int TENSOR_EXTERNAL_DATA = 13;
  private static final int TENSOR_DATA_LOCATION = 14;

  @TempDir Path temp;

  @Test
  void weightsInExternalDataAreNamedNotCalledNothing() throws Exception {
    OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> quantize(model(true)));
    assertTrue(e.getMessage().contains("external data"), e.getMessage());
  }

  @Test
  void aModelWithoutLargeEnoughProductsHasNothingToQuantize() throws Exception {
    OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> quantize(model(false)));
    assertTrue(e.getMessage().contains("nothing to quantize"), e.getMessage());
  }

  /**
   * Every CPU must compute the same product: on x86 without VNNI two uint8 × int8 products share a saturating int16,
   * so no weight may pass 64 in magnitude (2 × 255 × 64 fits; 2 × 255 × 127 does not), and each column still uses
   * that whole range, for precision.
   */
  @Test
  void weightsStayWithinWhatEveryCpuAddsWithoutSaturating() throws Exception {
    OnnxGraph g = new OnnxGraph("product");
    String x = g.input("x", OnnxType.FLOAT, "batch", 32);
    g.output("y", OnnxType.FLOAT, "batch", 24);
    g.node("MatMul", List.of(x, g.weight("w", OnnxTensor.normal(new long[] {32, 24}, 7, 0, 0.2))), List.of("y"),
        List.of());
    Path fp32 = temp.resolve("fp32.onnx");
    try (OutputStream out = Files.newOutputStream(fp32)) {
      new OnnxModelWriter("test", "test", Map.of()).write(g, out);
    }
    ByteArrayOutputStream int8 = new ByteArrayOutputStream();
    OnnxInt8Quantizer.quantize(fp32, int8);

    byte[] weights = initializerBytes(ByteBuffer.wrap(int8.toByteArray()), "w_int8");
    assertEquals(32 * 24, weights.length);
    int[] largest = new int[24];
    for (int i = 0; i < weights.length; i++) {
      largest[i % 24] = Math.max(largest[i % 24], Math.abs(weights[i]));
    }
    for (int column = 0; column < 24; column++) {
      assertEquals(64, largest[column], "largest |weight| of column " + column);
    }
  }

  /** The raw bytes of the initializer {@code name} in a model file. */
  private static byte[] initializerBytes(ByteBuffer file, String name) throws Exception {
    ProtoReader model = new ProtoReader(file);
    while (model.hasNext()) {
      if (model.next() != OnnxProto.MODEL_GRAPH) {
        model.skip();
        continue;
      }
      ProtoReader graph = model.message();
      while (graph.hasNext()) {
        if (graph.next() != OnnxProto.GRAPH_INITIALIZER) {
          graph.skip();
          continue;
        }
        ProtoReader tensor = graph.message();
        String tensorName = null;
        ByteBuffer raw = null;
        while (tensor.hasNext()) {
          int field = tensor.next();
          if (field == OnnxProto.TENSOR_NAME) {
            tensorName = tensor.string();
          } else if (field == OnnxProto.TENSOR_RAW_DATA) {
            raw = tensor.bytes();
          } else {
            tensor.skip();
          }
        }
        if (name.equals(tensorName)) {
          byte[] bytes = new byte[raw.remaining()];
          raw.get(bytes);
          return bytes;
        }
      }
    }
    throw new AssertionError("no initializer " + name);
  }

  /**
   * y = x · w with a 32×64 float weight: kept in the file (with too few columns to quantize: 8) or, with
   * {@code external}, 64 columns whose data lives in a file beside the model.
   */
  private Path model(boolean external) throws Exception {
    ProtoChunks weight = new ProtoChunks()
        .varintField(OnnxProto.TENSOR_DIMS, 32)
        .varintField(OnnxProto.TENSOR_DIMS, external ? 64 : 8)
        .varintField(OnnxProto.TENSOR_DATA_TYPE, 1)
        .string(OnnxProto.TENSOR_NAME, "w");
    if (external) {
      weight.message(TENSOR_EXTERNAL_DATA, new ProtoChunks().string(1, "location").string(2, "weights.bin"))
          .varintField(TENSOR_DATA_LOCATION, 1);
    } else {
      weight.bytes(OnnxProto.TENSOR_RAW_DATA, java.nio.ByteBuffer.allocate(32 * 8 * 4));
    }
    ProtoChunks node = new ProtoChunks()
        .string(OnnxProto.NODE_INPUT, "x")
        .string(OnnxProto.NODE_INPUT, "w")
        .string(OnnxProto.NODE_OUTPUT, "y")
        .string(OnnxProto.NODE_OP_TYPE, "MatMul");
    ProtoChunks graph = new ProtoChunks()
        .message(OnnxProto.GRAPH_NODE, node)
        .message(OnnxProto.GRAPH_INITIALIZER, weight);
    ProtoChunks model = new ProtoChunks()
        .varintField(1, 8)
        .message(OnnxProto.MODEL_OPSET_IMPORT, new ProtoChunks().varintField(OnnxProto.OPSET_VERSION, 13))
        .message(OnnxProto.MODEL_GRAPH, graph);
    Path file = temp.resolve(external ? "external.onnx" : "small.onnx");
    try (OutputStream out = Files.newOutputStream(file)) {
      model.writeTo(out);
    }
    return file;
  }

  private static void quantize(Path model) throws Exception {
    OnnxInt8Quantizer.quantize(model, new ByteArrayOutputStream());
  }
}
