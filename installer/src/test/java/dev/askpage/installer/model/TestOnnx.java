package dev.askpage.installer.model;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes tiny ONNX protobufs for tests: a graph with named inputs, outputs and one initializer of filler bytes. */
final class TestOnnx {
  private static final int FLOAT = 1;
  private static final int INT64 = 7;

  private TestOnnx() {}

  static byte[] model(List<String> inputs, List<String> outputs, int weightBytes) {
    ByteArrayOutputStream graph = new ByteArrayOutputStream();
    field(graph, 1, message(new byte[0])); // node (empty)
    ByteArrayOutputStream tensor = new ByteArrayOutputStream();
    field(tensor, 8, "weights".getBytes(StandardCharsets.UTF_8));
    field(tensor, 9, new byte[weightBytes]); // raw_data
    field(graph, 5, tensor.toByteArray());
    for (String input : inputs) {
      field(graph, 11, valueInfo(input, INT64));
    }
    field(graph, 11, valueInfo("weights", FLOAT)); // an initializer listed as input, as old exporters do
    for (String output : outputs) {
      field(graph, 12, valueInfo(output, FLOAT));
    }
    ByteArrayOutputStream model = new ByteArrayOutputStream();
    model.write(8); // ir_version = 7
    model.write(7);
    field(model, 2, "askpage-test".getBytes(StandardCharsets.UTF_8));
    field(model, 7, graph.toByteArray());
    return model.toByteArray();
  }

  static byte[] bert(int weightBytes) {
    return model(List.of("input_ids", "attention_mask", "token_type_ids"), List.of("start_logits", "end_logits"),
        weightBytes);
  }

  /** A value_info of type {@code elemType} and shape [batch, sequence], as real exports declare their tensors. */
  private static byte[] valueInfo(String name, int elemType) {
    ByteArrayOutputStream shape = new ByteArrayOutputStream();
    for (String dim : List.of("batch", "sequence")) {
      ByteArrayOutputStream dimension = new ByteArrayOutputStream();
      field(dimension, 2, dim.getBytes(StandardCharsets.UTF_8)); // dim_param
      field(shape, 1, dimension.toByteArray());
    }
    ByteArrayOutputStream tensorType = new ByteArrayOutputStream();
    varint(tensorType, 1 << 3); // elem_type
    varint(tensorType, elemType);
    field(tensorType, 2, shape.toByteArray());
    ByteArrayOutputStream type = new ByteArrayOutputStream();
    field(type, 1, tensorType.toByteArray());
    ByteArrayOutputStream info = new ByteArrayOutputStream();
    field(info, 1, name.getBytes(StandardCharsets.UTF_8));
    field(info, 2, type.toByteArray());
    return info.toByteArray();
  }

  private static byte[] message(byte[] bytes) {
    return bytes;
  }

  private static void field(ByteArrayOutputStream out, int number, byte[] bytes) {
    varint(out, (number << 3) | 2);
    varint(out, bytes.length);
    out.writeBytes(bytes);
  }

  private static void varint(ByteArrayOutputStream out, long value) {
    while ((value & ~0x7fL) != 0) {
      out.write((int) ((value & 0x7f) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }
}
