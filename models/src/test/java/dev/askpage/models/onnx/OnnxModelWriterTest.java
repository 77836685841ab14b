package dev.askpage.models.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnnxModelWriterTest {
  @Test
  void reportedSizeIsTheBytesWritten() throws Exception {
    OnnxGraph graph = graph(3);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long size = new OnnxModelWriter("1", "doc", Map.of("k", "v")).write(graph, out);
    assertEquals(out.size(), size);
  }

  @Test
  void sameSeedSameBytes() throws Exception {
    assertArrayEquals(bytes(graph(3)), bytes(graph(3)));
  }

  @Test
  void modelStartsWithTheIrVersion() throws Exception {
    byte[] bytes = bytes(graph(3));
    assertEquals(0x08, bytes[0]); // field 1, varint
    assertEquals(OnnxModelWriter.IR_VERSION, bytes[1]);
  }

  private static byte[] bytes(OnnxGraph graph) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new OnnxModelWriter("1", "", Map.of()).write(graph, out);
    return out.toByteArray();
  }

  private static OnnxGraph graph(long seed) {
    OnnxGraph graph = new OnnxGraph("g");
    String x = graph.input("x", OnnxType.FLOAT, "n", 1000);
    graph.output("y", OnnxType.FLOAT, "n", 1000);
    String w = graph.weight("w", OnnxTensor.normal(new long[] {1000}, seed, 0, 1));
    graph.node("Add", List.of(x, w), List.of("y"), List.of());
    return graph;
  }
}
