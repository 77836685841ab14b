package dev.askpage.infer;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A question-answering model in ONNX Runtime: one session, created once and reused for every batch.
 *
 * <p>Input and output names come from the model itself: {@code input_ids} and {@code attention_mask} are required,
 * {@code token_type_ids} is fed when present; outputs {@code start_logits} and {@code end_logits}.
 */
public final class QaModel implements AutoCloseable {
  static final String INPUT_IDS = "input_ids";
  static final String ATTENTION_MASK = "attention_mask";
  static final String TOKEN_TYPES = "token_type_ids";
  static final String START_LOGITS = "start_logits";
  static final String END_LOGITS = "end_logits";

  private final OrtEnvironment env;
  private final OrtSession session;
  private final boolean feedsTokenTypes;
  private final String startOutput;
  private final String endOutput;

  private QaModel(OrtEnvironment env, OrtSession session, boolean feedsTokenTypes, String start, String end) {
    this.env = env;
    this.session = session;
    this.feedsTokenTypes = feedsTokenTypes;
    this.startOutput = start;
    this.endOutput = end;
  }

  /** Creates the session for {@code model.onnx} with full graph optimisation. */
  public static QaModel load(Path modelFile, ThreadPolicy threads) throws ModelLoadException {
    if (!Files.isRegularFile(modelFile)) {
      throw new ModelLoadException("no model file at " + modelFile);
    }
    OrtEnvironment env = OrtNative.environment();
    disableTelemetry(env);
    OrtSession session;
    try (OrtSession.SessionOptions options = sessionOptions(threads)) {
      session = env.createSession(modelFile.toString(), options);
    } catch (OrtException e) {
      throw new ModelLoadException("ONNX Runtime cannot load " + modelFile + ": " + e.getMessage(), e);
    }
    try {
      return checked(env, session);
    } catch (ModelLoadException | OrtException e) {
      closeQuietly(session);
      if (e instanceof ModelLoadException m) {
        throw m;
      }
      throw new ModelLoadException("cannot read the inputs and outputs of " + modelFile, e);
    }
  }

  /** The session options of every QaModel (the benchmark's bare session uses them too): full optimisation. */
  public static OrtSession.SessionOptions sessionOptions(ThreadPolicy threads) throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    options.setIntraOpNumThreads(threads.resolvedThreads());
    options.setInterOpNumThreads(1);
    options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
    options.addConfigEntry("session.intra_op.allow_spinning", threads.spinning() ? "1" : "0");
    return options;
  }

  /** Turns ONNX Runtime's telemetry off where the API can (Windows); on Linux and macOS see TelemetryGuard. */
  private static void disableTelemetry(OrtEnvironment env) throws ModelLoadException {
    try {
      env.setTelemetry(false);
    } catch (OrtException e) {
      throw new ModelLoadException("cannot turn ONNX Runtime's telemetry off: " + e.getMessage(), e);
    }
  }

  private static QaModel checked(OrtEnvironment env, OrtSession session) throws ModelLoadException, OrtException {
    Map<String, NodeInfo> inputs = session.getInputInfo();
    Set<String> unknown = new TreeSet<>(inputs.keySet());
    unknown.removeAll(Set.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPES));
    if (!unknown.isEmpty()) {
      throw new ModelLoadException("the model has inputs askpage cannot feed: " + unknown
          + " (it feeds input_ids, attention_mask and token_type_ids)");
    }
    if (!inputs.containsKey(INPUT_IDS) || !inputs.containsKey(ATTENTION_MASK)) {
      throw new ModelLoadException("the model must take input_ids and attention_mask; it takes " + inputs.keySet());
    }
    for (NodeInfo info : inputs.values()) {
      if (!(info.getInfo() instanceof TensorInfo t) || t.type != ai.onnxruntime.OnnxJavaType.INT64) {
        throw new ModelLoadException("input " + info.getName() + " must be an int64 tensor, it is " + info.getInfo());
      }
    }
    List<String> outputs = new ArrayList<>(session.getOutputNames());
    if (!outputs.contains(START_LOGITS) || !outputs.contains(END_LOGITS)) {
      throw new ModelLoadException("the model must output start_logits and end_logits; it outputs " + outputs);
    }
    return new QaModel(env, session, inputs.containsKey(TOKEN_TYPES), START_LOGITS, END_LOGITS);
  }

  /**
   * Runs one batch. Windows are padded to the longest of the batch (pad id 0, attention 0).
   *
   * @param inputIds token ids per window
   * @param contextStarts position where each window's second segment (token type 1) starts
   */
  public BatchLogits run(int[][] inputIds, int[] contextStarts) throws InferenceException {
    int batch = inputIds.length;
    int seq = 0;
    for (int[] ids : inputIds) {
      seq = Math.max(seq, ids.length);
    }
    long[] ids = new long[batch * seq];
    long[] mask = new long[batch * seq];
    long[] types = new long[batch * seq];
    for (int b = 0; b < batch; b++) {
      int[] row = inputIds[b];
      int base = b * seq;
      for (int i = 0; i < row.length; i++) {
        ids[base + i] = row[i];
        mask[base + i] = 1;
        types[base + i] = i >= contextStarts[b] ? 1 : 0;
      }
    }
    long[] shape = {batch, seq};
    Map<String, OnnxTensor> feed = new HashMap<>();
    try {
      feed.put(INPUT_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
      feed.put(ATTENTION_MASK, OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
      if (feedsTokenTypes) {
        feed.put(TOKEN_TYPES, OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape));
      }
      try (OrtSession.Result result = session.run(feed, Set.of(startOutput, endOutput))) {
        float[][] start = rows(result.get(startOutput).orElseThrow(), inputIds);
        float[][] end = rows(result.get(endOutput).orElseThrow(), inputIds);
        return new BatchLogits(start, end);
      }
    } catch (OrtException e) {
      throw new InferenceException("ONNX Runtime failed on a batch of " + batch + "x" + seq, e);
    } finally {
      feed.values().forEach(OnnxTensor::close);
    }
  }

  private static float[][] rows(OnnxValue value, int[][] inputIds) throws OrtException {
    float[][] all = (float[][]) value.getValue();
    float[][] out = new float[inputIds.length][];
    for (int b = 0; b < inputIds.length; b++) {
      out[b] = java.util.Arrays.copyOf(all[b], inputIds[b].length);
    }
    return out;
  }

  private static void closeQuietly(OrtSession session) {
    try {
      session.close();
    } catch (OrtException ignored) {
      // Already failing to load; the load error is the one worth reporting.
    }
  }

  @Override
  public void close() throws OrtException {
    session.close();
  }
}
