package dev.askpage.installer.model;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes tiny ONNX protobufs for tests: a graph with named inputs, outputs and one initializer of filler bytes. */
final class TestOnnx {
  private TestOnnx() {}

  static byte[] model(List<String> inputs, List<String> outputs, int weightBytes) {
    ByteArrayOutputStream graph = new ByteArrayOutputStream();
    field(graph, 1, message(new byte[0])); // node (empty)
    ByteArrayOutputStream tensor = new ByteArrayOutputStream();
    field(tensor, 8, "weights".getBytes(StandardCharsets.UTF_8));
    field(tensor, 9, new byte[weightBytes]); // raw_data
    field(graph, 5, tensor.toByteArray());
    for (String input : inputs) {
      field(graph, 11, valueInfo(input));
    }
    field(graph, 11, valueInfo("weights")); // an initializer listed as input, as old exporters do
    for (String output : outputs) {
      field(graph, 12, valueInfo(output));
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

  private static byte[] valueInfo(String name) {
    ByteArrayOutputStream info = new ByteArrayOutputStream();
    field(info, 1, name.getBytes(StandardCharsets.UTF_8));
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
