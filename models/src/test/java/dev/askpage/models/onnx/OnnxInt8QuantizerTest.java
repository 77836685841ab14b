package dev.askpage.models.onnx;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
