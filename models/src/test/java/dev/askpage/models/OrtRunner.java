package dev.askpage.models;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Map;

/** Test helper: one ONNX Runtime session over a written model, fed [batch, sequence] int64 inputs. */
final class OrtRunner implements AutoCloseable {
  static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

  final OrtSession session;

  OrtRunner(Path model, int threads) throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(threads);
    options.setInterOpNumThreads(1);
    session = ENV.createSession(model.toString(), options);
  }

  /** Runs the model and returns {start_logits, end_logits}, each [batch][sequence]. */
  float[][][] run(long[][] ids, long[][] mask, long[][] types) throws OrtException {
    try (OnnxTensor idTensor = tensor(ids);
        OnnxTensor maskTensor = tensor(mask);
        OnnxTensor typeTensor = tensor(types);
        OrtSession.Result result = session.run(
            Map.of("input_ids", idTensor, "attention_mask", maskTensor, "token_type_ids", typeTensor))) {
      return new float[][][] {
        (float[][]) result.get("start_logits").orElseThrow().getValue(),
        (float[][]) result.get("end_logits").orElseThrow().getValue()
      };
    }
  }

  static long[][] filled(int batch, int sequence, long value) {
    long[][] out = new long[batch][sequence];
    for (long[] row : out) {
      java.util.Arrays.fill(row, value);
    }
    return out;
  }

  private static OnnxTensor tensor(long[][] values) throws OrtException {
    int rows = values.length;
    int columns = values[0].length;
    LongBuffer buffer = LongBuffer.allocate(rows * columns);
    for (long[] row : values) {
      buffer.put(row);
    }
    buffer.flip();
    return OnnxTensor.createTensor(ENV, buffer, new long[] {rows, columns});
  }

  @Override
  public void close() throws OrtException {
    session.close();
  }
}
