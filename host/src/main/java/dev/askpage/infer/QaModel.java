package dev.askpage.infer;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.askpage.models.export.ExportTensor;
import dev.askpage.models.export.QaExport;
import dev.askpage.models.export.UnsupportedExportException;
import java.io.IOException;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A question-answering model in ONNX Runtime: one session, created once and reused for every batch.
 *
 * <p>How to feed it comes from the model's own input and output metadata ({@link QaExport}): int64 or int32 inputs,
 * TensorFlow or Hugging Face names, no token types, fixed or dynamic batch and sequence, two logits outputs or one.
 *
 * <p>A model {@link #following following} its directory's choice of file (fp32 or int8, {@code askpage model use})
 * switches session before the next batch once the choice changes; a file that fails to load is logged and the
 * current session stays, until that file or the choice changes (then it is tried again).
 */
public final class QaModel implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QaModel.class);

  private final OrtEnvironment env;
  private final ThreadPolicy threads;
  private OrtSession session;
  private QaExport export;
  private Path file;
  private FileChoice choice;
  private volatile String precision;
  /** The last choice whose file failed to load, as it was then; tried again once either changes. */
  private Refusal refused;

  /**
   * The file a model directory chooses to run now.
   *
   * @param file the ONNX file
   * @param precision {@code fp32} or {@code int8}
   * @param manifestStamp what the choice was read from, as it was then ({@code model.json}'s modification time, size
   *     and file key): a choice read again after a change is not equal to the one before, even naming the same file
   */
  public record Chosen(Path file, String precision, Object manifestStamp) {}

  /** A choice whose file failed to load, with that file's {@link #fileStamp} then. */
  private record Refusal(Chosen choice, Object fileStamp) {}

  /** Tells which file to run; asked before every batch, so it must be cheap when nothing changed. */
  @FunctionalInterface
  public interface FileChoice {
    Chosen current() throws IOException;
  }

  /** Guards {@link #interruptible}: set, ended and cleared under it, so that options are never used once closed. */
  private final Object interruptibleLock = new Object();
  /** The options of the interruptible run under way, or null. */
  private OrtSession.RunOptions interruptible;

  private QaModel(OrtEnvironment env, ThreadPolicy threads, OrtSession session, QaExport export, Path file) {
    this.env = env;
    this.threads = threads;
    this.session = session;
    this.export = export;
    this.file = file;
  }

  /**
   * From now on, runs the file {@code choice} names (switching before a batch when it changes); {@code precision}
   * is the loaded file's.
   */
  public synchronized QaModel following(FileChoice choice, String loadedPrecision) {
    this.choice = choice;
    this.precision = loadedPrecision;
    return this;
  }

  /** The precision of the session running now, or null when the model does not follow a directory's choice. */
  public String precision() {
    return precision;
  }

  /** Creates the session for {@code model.onnx} with full graph optimisation and its value shapes. */
  public static QaModel load(Path modelFile, ThreadPolicy threads) throws ModelLoadException {
    if (!Files.isRegularFile(modelFile)) {
      throw new ModelLoadException("no model file at " + modelFile);
    }
    OrtEnvironment env = OrtNative.environment();
    disableTelemetry(env);
    OrtSession session;
    try (OrtSession.SessionOptions options = sessionOptions(threads)) {
      session = PlannedSession.create(env, modelFile, options);
    } catch (OrtException e) {
      throw new ModelLoadException("ONNX Runtime cannot load " + modelFile + ": " + e.getMessage(), e);
    }
    try {
      return new QaModel(env, threads, session, export(session), modelFile);
    } catch (UnsupportedExportException e) {
      closeQuietly(session);
      throw new ModelLoadException(modelFile.getFileName() + " is " + e.getMessage(), e);
    } catch (OrtException e) {
      closeQuietly(session);
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

  /** The export mapping, from the session's declared inputs and outputs. */
  private static QaExport export(OrtSession session) throws OrtException, UnsupportedExportException {
    return QaExport.of(describe(session.getInputInfo()), describe(session.getOutputInfo()));
  }

  private static List<ExportTensor> describe(Map<String, NodeInfo> infos) {
    List<ExportTensor> tensors = new ArrayList<>();
    for (NodeInfo info : infos.values()) {
      if (info.getInfo() instanceof TensorInfo t) {
        String type = switch (t.type) {
          case INT64 -> "int64";
          case INT32 -> "int32";
          case FLOAT -> "float";
          default -> t.onnxType.name().replace("ONNX_TENSOR_ELEMENT_DATA_TYPE_", "").toLowerCase(Locale.ROOT);
        };
        tensors.add(new ExportTensor(info.getName(), type, t.getShape()));
      } else {
        tensors.add(new ExportTensor(info.getName(), "non-tensor", new long[0]));
      }
    }
    return tensors;
  }

  /** How this model is fed and read. */
  public synchronized QaExport export() {
    return export;
  }

  /** The longest window the model takes: its fixed sequence length, or 0 when any length goes. */
  public synchronized int fixedSequenceLength() {
    return export.fixedSequence();
  }

  /**
   * Runs windows. They are padded to the longest of the batch, or to the model's fixed sequence length (pad id 0,
   * attention 0); a model with a fixed batch size gets them in groups of that size, the last one filled with padding.
   *
   * @param inputIds token ids per window
   * @param contextStarts position where each window's second segment (token type 1) starts
   * @throws InferenceException if ONNX Runtime fails, or a window is longer than the model's fixed length
   */
  public synchronized BatchLogits run(int[][] inputIds, int[] contextStarts) throws InferenceException {
    return run(inputIds, contextStarts, false);
  }

  /**
   * {@link #run(int[][], int[])}, but {@link #endInterruptibleRun} from another thread ends it at ONNX Runtime's next
   * operator, with an InferenceException (the warm-up's runs: a question must not wait for a whole batch of them).
   */
  public synchronized BatchLogits runInterruptibly(int[][] inputIds, int[] contextStarts) throws InferenceException {
    return run(inputIds, contextStarts, true);
  }

  /** Ends the interruptible run under way, if any (see {@link #runInterruptibly}); a run that starts later is not. */
  public void endInterruptibleRun() {
    synchronized (interruptibleLock) {
      if (interruptible != null) {
        try {
          interruptible.setTerminate(true);
        } catch (OrtException e) {
          LOG.warn("cannot end the run under way: {}", e.getMessage());
        }
      }
    }
  }

  /** Whether an interruptible run is under way now (tests). */
  public boolean interruptibleRunUnderWay() {
    synchronized (interruptibleLock) {
      return interruptible != null;
    }
  }

  private BatchLogits run(int[][] inputIds, int[] contextStarts, boolean canBeEnded) throws InferenceException {
    followChoice();
    int longest = 0;
    for (int[] ids : inputIds) {
      longest = Math.max(longest, ids.length);
    }
    int seq = export.fixedSequence() > 0 ? export.fixedSequence() : longest;
    if (longest > seq) {
      throw new InferenceException("a window of " + longest + " tokens does not fit the model's fixed length " + seq,
          null);
    }
    int group = export.fixedBatch() > 0 ? export.fixedBatch() : inputIds.length;
    float[][] start = new float[inputIds.length][];
    float[][] end = new float[inputIds.length][];
    for (int from = 0; from < inputIds.length; from += group) {
      int to = Math.min(inputIds.length, from + group);
      runGroup(Arrays.copyOfRange(inputIds, from, to), Arrays.copyOfRange(contextStarts, from, to), group, seq,
          start, end, from, canBeEnded);
    }
    return new BatchLogits(start, end);
  }

  /** Runs {@code rows} as one batch of {@code batch} rows of {@code seq} positions; further rows are padding. */
  private void runGroup(int[][] rows, int[] contextStarts, int batch, int seq, float[][] start, float[][] end,
      int offset, boolean canBeEnded) throws InferenceException {
    long[] ids = new long[batch * seq];
    long[] mask = new long[batch * seq];
    long[] types = new long[batch * seq];
    for (int b = 0; b < rows.length; b++) {
      int[] row = rows[b];
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
      feed.put(export.ids().name(), tensor(export.ids(), ids, shape));
      feed.put(export.mask().name(), tensor(export.mask(), mask, shape));
      if (export.types() != null) {
        feed.put(export.types().name(), tensor(export.types(), types, shape));
      }
      try (OrtSession.RunOptions options = new OrtSession.RunOptions();
          OrtSession.Result result = runEndable(feed, options, canBeEnded)) {
        if (export.singleLogits()) {
          float[][][] logits = (float[][][]) result.get(export.logits()).orElseThrow().getValue();
          for (int b = 0; b < rows.length; b++) {
            start[offset + b] = new float[rows[b].length];
            end[offset + b] = new float[rows[b].length];
            for (int i = 0; i < rows[b].length; i++) {
              start[offset + b][i] = logits[b][i][0];
              end[offset + b][i] = logits[b][i][1];
            }
          }
        } else {
          copyRows(result.get(export.start()).orElseThrow(), rows, start, offset);
          copyRows(result.get(export.end()).orElseThrow(), rows, end, offset);
        }
      }
    } catch (OrtException e) {
      throw new InferenceException("ONNX Runtime failed on a batch of " + batch + "x" + seq, e);
    } finally {
      feed.values().forEach(OnnxTensor::close);
    }
  }

  /** One session run; while it runs, {@code options} can end it from another thread when {@code canBeEnded}. */
  private OrtSession.Result runEndable(Map<String, OnnxTensor> feed, OrtSession.RunOptions options, boolean canBeEnded)
      throws OrtException {
    if (canBeEnded) {
      synchronized (interruptibleLock) {
        interruptible = options;
      }
    }
    try {
      return session.run(feed, Set.copyOf(export.outputNames()), options);
    } finally {
      if (canBeEnded) {
        synchronized (interruptibleLock) { // before the options are closed: never set on closed options
          interruptible = null;
        }
      }
    }
  }

  /** Switches to the chosen file when the choice changed; keeps the current session if the new one cannot be used. */
  private void followChoice() {
    if (choice == null) {
      return;
    }
    Chosen wanted;
    try {
      wanted = choice.current();
    } catch (IOException e) {
      LOG.warn("cannot read which model file to run ({}); keeps running {}", e.getMessage(), file.getFileName());
      return;
    }
    if (wanted.file().equals(file)) {
      return;
    }
    // A refused file is tried again once it is rewritten (askpage model quantize) or model.json changes (model use).
    Refusal now = new Refusal(wanted, fileStamp(wanted.file()));
    if (now.equals(refused)) {
      return;
    }
    try {
      QaModel next = load(wanted.file(), threads);
      if (!next.export.equals(export)) {
        closeQuietly(next.session);
        throw new ModelLoadException("it has other inputs or outputs than " + file.getFileName() + " ("
            + next.export.summary() + ")");
      }
      closeQuietly(session);
      session = next.session;
      file = wanted.file();
      precision = wanted.precision();
      refused = null;
      LOG.info("now running {} ({})", file.getFileName(), precision);
    } catch (ModelLoadException e) {
      refused = now;
      LOG.warn("cannot switch to {}: {}; keeps running {}", wanted.file().getFileName(), e.getMessage(),
          file.getFileName());
    }
  }

  /** The file's {@link FileStamp} (changed by a rewrite or a move over it), or "absent". */
  private static Object fileStamp(Path file) {
    try {
      return FileStamp.of(file);
    } catch (IOException e) {
      return "absent";
    }
  }

  private OnnxTensor tensor(QaExport.Feed input, long[] values, long[] shape) throws OrtException {
    return feedTensor(env, input, values, shape);
  }

  /** One input of the model as its export wants it: int64, or narrowed to int32. */
  static OnnxTensor feedTensor(OrtEnvironment env, QaExport.Feed input, long[] values, long[] shape)
      throws OrtException {
    if (!input.int32()) {
      return OnnxTensor.createTensor(env, LongBuffer.wrap(values), shape);
    }
    int[] narrow = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      narrow[i] = (int) values[i];
    }
    return OnnxTensor.createTensor(env, IntBuffer.wrap(narrow), shape);
  }

  private static void copyRows(OnnxValue value, int[][] rows, float[][] out, int offset) throws OrtException {
    float[][] all = (float[][]) value.getValue();
    for (int b = 0; b < rows.length; b++) {
      out[offset + b] = Arrays.copyOf(all[b], rows[b].length);
    }
  }

  private static void closeQuietly(OrtSession session) {
    try {
      session.close();
    } catch (OrtException ignored) {
      // Already failing to load; the load error is the one worth reporting.
    }
  }

  @Override
  public synchronized void close() throws OrtException {
    session.close();
  }
}
