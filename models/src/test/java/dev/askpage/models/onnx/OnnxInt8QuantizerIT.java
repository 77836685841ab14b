package dev.askpage.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.OutputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Gemm with a transposed weight and a bias, and a MatMul + Add: both become int8 products that ONNX Runtime runs. */
class OnnxInt8QuantizerIT {
  @TempDir Path temp;

  @Test
  void gemmWithTransposedWeightAndMatMulWithBiasAreQuantizedFaithfully() throws Exception {
    OnnxGraph g = new OnnxGraph("products");
    String x = g.input("x", OnnxType.FLOAT, "batch", 32);
    g.output("y", OnnxType.FLOAT, "batch", 24);
    String hidden = g.op("Gemm", List.of(OnnxAttribute.of("transB", 1L)), x,
        g.weight("w1", dev.askpage.models.onnx.OnnxTensor.normal(new long[] {48, 32}, 1, 0, 0.2)),
        g.weight("b1", dev.askpage.models.onnx.OnnxTensor.normal(new long[] {48}, 2, 0, 0.2)));
    String product = g.op("MatMul", hidden,
        g.weight("w2", dev.askpage.models.onnx.OnnxTensor.normal(new long[] {48, 24}, 3, 0, 0.2)));
    // What older exports carry: a weight also listed as a graph input, shape inference's value_info for the product.
    g.listAsInput("w2", OnnxType.FLOAT, 48, 24);
    g.valueInfo(product, OnnxType.FLOAT, "batch", 24);
    g.node("Add", List.of(product, "b2"), List.of("y"), List.of());
    g.weight("b2", dev.askpage.models.onnx.OnnxTensor.normal(new long[] {24}, 4, 0, 0.2));
    Path fp32 = temp.resolve("fp32.onnx");
    try (OutputStream out = Files.newOutputStream(fp32)) {
      new OnnxModelWriter("test", "test", Map.of()).write(g, out);
    }
    Path int8 = temp.resolve("int8.onnx");
    OnnxInt8Quantizer.Report report;
    try (OutputStream out = Files.newOutputStream(int8)) {
      report = OnnxInt8Quantizer.quantize(fp32, out);
    }
    assertEquals(2, report.quantized());
    assertEquals(1, report.fusedBiases());
    assertEquals(Files.size(int8), report.bytesWritten());

    float[] input = new float[3 * 32];
    Random random = new Random(1);
    for (int i = 0; i < input.length; i++) {
      input[i] = (float) random.nextGaussian();
    }
    float[][] a = run(fp32, input);
    float[][] b = run(int8, input);
    double err = 0;
    double norm = 0;
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 24; c++) {
        err += (a[r][c] - b[r][c]) * (a[r][c] - b[r][c]);
        norm += a[r][c] * a[r][c];
      }
    }
    double relative = Math.sqrt(err / norm);
    assertTrue(relative < 0.03, "relative error " + relative);
    assertTrue(relative > 0, "the int8 file really is another computation");
  }

  private static float[][] run(Path model, float[] input) throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(model.toString(), new OrtSession.SessionOptions())) {
      // The weight the rewrite replaced is not left behind as an input the caller would have to feed.
      assertEquals(java.util.Set.of("x"), session.getInputNames());
    }
    try (OrtSession session = env.createSession(model.toString(), new OrtSession.SessionOptions());
        ai.onnxruntime.OnnxTensor x =
            ai.onnxruntime.OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {3, 32});
        OrtSession.Result result = session.run(Map.of("x", x))) {
      return (float[][]) result.get(0).getValue();
    }
  }
}
