package dev.askpage.infer;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.askpage.models.export.QaExport;
import dev.askpage.models.onnx.OnnxValueShapes;
import dev.askpage.models.onnx.OnnxValueShapes.Dim;
import dev.askpage.models.onnx.OnnxValueShapes.ValueShape;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures the shapes of a model's intermediate values ({@link OnnxValueShapes}): runs the model, every intermediate
 * value made an output, on three small batches of made-up tokens (nothing of the user's) and names each dimension that
 * is the batch size or the sequence length in all three. A dimension that is neither but never changes is fixed; any
 * other stays unknown.
 */
final class ShapeProbe {
  /** Batch size and sequence length of each probe: all different, so no dimension is mistaken for another. */
  private static final int[][] PROBES = {{2, 7}, {3, 11}, {5, 13}};
  static final String BATCH = "batch";
  static final String SEQUENCE = "sequence";
  /** ONNX TensorProto data type codes by ONNX Runtime's element type name. */
  private static final List<String> ONNX_TYPES = List.of("UNDEFINED", "FLOAT", "UINT8", "INT8", "UINT16", "INT16",
      "INT32", "INT64", "STRING", "BOOL", "FLOAT16", "DOUBLE", "UINT32", "UINT64", "COMPLEX64", "COMPLEX128",
      "BFLOAT16");

  private ShapeProbe() {}

  /**
   * The shapes of a model's intermediate values {@code names}.
   *
   * @param probeModel the model with {@code names} made outputs ({@link OnnxValueShapes#outputsField})
   * @param export how to feed the model
   */
  static List<ValueShape> measure(OrtEnvironment env, ByteBuffer probeModel, List<String> names, QaExport export,
      OrtSession.SessionOptions options) throws OrtException {
    List<Run> runs = new ArrayList<>();
    try (OrtSession probe = env.createSession(probeModel, options)) {
      for (int[] shape : PROBES) {
        int batch = export.fixedBatch() > 0 ? export.fixedBatch() : shape[0];
        int sequence = export.fixedSequence() > 0 ? export.fixedSequence() : shape[1];
        runs.add(run(env, probe, export, batch, sequence));
      }
    }
    List<ValueShape> shapes = new ArrayList<>();
    for (String name : names) {
      ValueShape shape = classify(name, runs);
      if (shape != null) {
        shapes.add(shape);
      }
    }
    return shapes;
  }

  /**
   * One probe's outcome.
   *
   * @param shapes each intermediate value's shape
   * @param types each intermediate value's ONNX data type code
   */
  record Run(long batch, long sequence, Map<String, long[]> shapes, Map<String, Integer> types) {}

  private static Run run(OrtEnvironment env, OrtSession probe, QaExport export, int batch, int sequence)
      throws OrtException {
    long[] ids = new long[batch * sequence];
    long[] mask = new long[ids.length];
    long[] types = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      int position = i % sequence;
      ids[i] = 1000 + position; // in every BERT vocabulary
      mask[i] = 1;
      types[i] = position < sequence / 2 ? 0 : 1;
    }
    long[] dims = {batch, sequence};
    Map<String, OnnxTensor> feed = new HashMap<>();
    Run run = new Run(batch, sequence, new HashMap<>(), new HashMap<>());
    try {
      feed.put(export.ids().name(), QaModel.feedTensor(env, export.ids(), ids, dims));
      feed.put(export.mask().name(), QaModel.feedTensor(env, export.mask(), mask, dims));
      if (export.types() != null) {
        feed.put(export.types().name(), QaModel.feedTensor(env, export.types(), types, dims));
      }
      try (OrtSession.Result result = probe.run(feed)) {
        for (Map.Entry<String, OnnxValue> output : result) {
          if (output.getValue().getInfo() instanceof TensorInfo info) {
            run.shapes().put(output.getKey(), info.getShape());
            run.types().put(output.getKey(),
                ONNX_TYPES.indexOf(info.onnxType.name().replace("ONNX_TENSOR_ELEMENT_DATA_TYPE_", "")));
          }
        }
      }
    } finally {
      feed.values().forEach(OnnxTensor::close);
    }
    return run;
  }

  /** The shape of {@code name} across the runs, or null when a run lacks it, its rank changes or its type is odd. */
  static ValueShape classify(String name, List<Run> runs) {
    long[] first = runs.get(0).shapes().get(name);
    Integer type = runs.get(0).types().get(name);
    if (first == null || type == null || type <= 0) {
      return null;
    }
    List<Dim> dims = new ArrayList<>();
    for (int d = 0; d < first.length; d++) {
      boolean batch = true;
      boolean sequence = true;
      boolean fixed = true;
      for (Run run : runs) {
        long[] shape = run.shapes().get(name);
        if (shape == null || shape.length != first.length) {
          return null;
        }
        batch &= shape[d] == run.batch();
        sequence &= shape[d] == run.sequence();
        fixed &= shape[d] == first[d];
      }
      dims.add(fixed ? Dim.fixed(first[d]) : batch ? Dim.named(BATCH) : sequence ? Dim.named(SEQUENCE)
          : Dim.UNKNOWN);
    }
    return new ValueShape(name, type, dims);
  }
}
