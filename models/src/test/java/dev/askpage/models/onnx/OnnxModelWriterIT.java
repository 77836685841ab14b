package dev.askpage.models.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnnxModelWriterIT {
  private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

  @Test
  void onnxRuntimeLoadsAndRunsAWrittenGraph() throws Exception {
    OnnxGraph graph = new OnnxGraph("scale_and_shift");
    String x = graph.input("x", OnnxType.FLOAT, "batch", 3);
    graph.output("y", OnnxType.FLOAT, "batch", 3);
    String w = graph.weight("w", dev.askpage.models.onnx.OnnxTensor.floats(new long[] {3}, 1f, 2f, 3f));
    String b = graph.constant("b", dev.askpage.models.onnx.OnnxTensor.scalar(0.5f));
    String scaled = graph.op("Mul", x, w);
    graph.node("Add", List.of(scaled, b), List.of("y"), List.of());

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long written = new OnnxModelWriter("test", "doc", Map.of("purpose", "test")).write(graph, bytes);
    assertEquals(bytes.size(), written);

    try (OrtSession session = ENV.createSession(bytes.toByteArray(), new OrtSession.SessionOptions())) {
      NodeInfo input = session.getInputInfo().get("x");
      TensorInfo info = (TensorInfo) input.getInfo();
      assertEquals(OnnxJavaType.FLOAT, info.type);
      assertArrayEquals(new long[] {-1, 3}, info.getShape());
      assertEquals("batch", info.getDimensionNames()[0]);
      assertEquals("test", session.getMetadata().getCustomMetadata().get("purpose"));
      assertEquals("askpage", session.getMetadata().getProducerName());

      try (OnnxTensor in = OnnxTensor.createTensor(ENV, new float[][] {{1, 1, 1}, {2, 0, -1}});
          OrtSession.Result result = session.run(Map.of("x", in))) {
        float[][] y = (float[][]) result.get("y").orElseThrow().getValue();
        assertArrayEquals(new float[] {1.5f, 2.5f, 3.5f}, y[0]);
        assertArrayEquals(new float[] {2.5f, 0.5f, -2.5f}, y[1]);
      }
    }
  }

  @Test
  void attributesOfEveryKindReachTheRuntime() throws Exception {
    OnnxGraph graph = new OnnxGraph("attributes");
    String x = graph.input("x", OnnxType.FLOAT, 2, 3);
    graph.output("y", OnnxType.FLOAT, 3, 2);
    String t = graph.op("Transpose", List.of(OnnxAttribute.ofInts("perm", 1, 0)), x);
    String e = graph.op("Elu", List.of(OnnxAttribute.of("alpha", 0.5f)), t);
    graph.node("Softmax", List.of(e), List.of("y"), List.of(OnnxAttribute.of("axis", 1)));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new OnnxModelWriter("test", "", Map.of()).write(graph, bytes);

    try (OrtSession session = ENV.createSession(bytes.toByteArray(), new OrtSession.SessionOptions());
        OnnxTensor in = OnnxTensor.createTensor(ENV, new float[][] {{0, 0, 0}, {-100, 0, 0}});
        OrtSession.Result result = session.run(Map.of("x", in))) {
      float[][] y = (float[][]) result.get("y").orElseThrow().getValue();
      // Row 0 of the transpose is (0, -100); Elu(alpha 0.5) gives (0, -0.5); softmax over it.
      double expected = Math.exp(0) / (Math.exp(0) + Math.exp(-0.5));
      assertEquals(expected, y[0][0], 1e-6);
      assertEquals(0.5, y[1][0], 1e-6);
    }
  }
}
