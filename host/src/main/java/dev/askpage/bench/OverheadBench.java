package dev.askpage.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.askpage.bench.BenchReport.Overhead;
import dev.askpage.engine.AskOptions;
import dev.askpage.engine.Cancellation;
import dev.askpage.engine.CancelledException;
import dev.askpage.engine.EngineFactory;
import dev.askpage.engine.EngineSettings;
import dev.askpage.engine.PreparedPage;
import dev.askpage.engine.QaEngine;
import dev.askpage.eval.ProgressBar;
import dev.askpage.infer.InferenceException;
import dev.askpage.infer.ModelLoadException;
import dev.askpage.infer.ThreadPolicy;
import dev.askpage.infer.OrtNative;
import dev.askpage.infer.QaModel;
import dev.askpage.window.Window;
import dev.askpage.window.WindowBatches;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's cost over ONNX Runtime itself: each question through {@code QaEngine.ask} on a cached page, and the same
 * windows, in the same batches, through a bare {@code OrtSession.run} (tensors built and the session run, nothing
 * else), interleaved so that load on the machine touches both alike.
 */
final class OverheadBench {
  private final Path modelDir;
  private final ThreadPolicy threads;
  private final EngineSettings settings;

  OverheadBench(Path modelDir, ThreadPolicy threads, EngineSettings settings) {
    this.modelDir = modelDir;
    this.threads = threads;
    this.settings = settings;
  }

  /** The windows the engine reads for each question, in the engine's batches (WindowBatches.readingOrder). */
  static List<List<Window>> batches(QaEngine engine, PreparedPage page, String question, int budget, int batchSize) {
    return WindowBatches.readingOrder(engine.planWindows(page, question, budget), batchSize);
  }

  Overhead measure(List<QuestionSample.Ask> asks, int repeat, ProgressBar progress)
      throws ModelLoadException, InferenceException, BenchException {
    Map<String, PreparedPage> pages = new LinkedHashMap<>();
    OrtEnvironment env = OrtNative.environment();
    int budget = settings.defaultWindows();
    AskOptions options = new AskOptions(5, budget);
    double engineMs = 0;
    double bareMs = 0;
    int batchCount = 0;
    try (QaEngine engine = EngineFactory.fromDirectory(modelDir, threads, settings);
        OrtSession.SessionOptions sessionOptions = QaModel.sessionOptions(threads);
        // The file the engine runs (fp32 model.onnx, or the int8 variant when model.json chooses it).
        OrtSession bare = env.createSession(activeModelFile(modelDir).toString(), sessionOptions)) {
      boolean types = bare.getInputNames().contains("token_type_ids");
      List<List<List<Window>>> plans = new ArrayList<>();
      for (QuestionSample.Ask a : asks) {
        PreparedPage page = pages.computeIfAbsent(a.page(), engine::prepare);
        plans.add(batches(engine, page, a.question(), budget, settings.batchSize()));
      }
      // One untimed pass through both, so neither side pays for first-run allocations.
      for (int i = 0; i < asks.size() && i < 2; i++) {
        engine.ask(pages.get(asks.get(i).page()), asks.get(i).question(), options, true, Cancellation.NEVER);
        runBare(env, bare, plans.get(i), types);
      }
      for (int r = 0; r < repeat; r++) {
        for (int i = 0; i < asks.size(); i++) {
          QuestionSample.Ask a = asks.get(i);
          PreparedPage page = pages.get(a.page());
          // Alternate which side goes first, so neither always runs right after the other.
          boolean engineFirst = (i + r) % 2 == 0;
          if (!engineFirst) {
            bareMs += runBare(env, bare, plans.get(i), types);
          }
          long t0 = System.nanoTime();
          engine.ask(page, a.question(), options, true, Cancellation.NEVER);
          engineMs += HostBench.millisSince(t0);
          if (engineFirst) {
            bareMs += runBare(env, bare, plans.get(i), types);
          }
          batchCount += plans.get(i).size();
        }
        if (progress != null) {
          progress.step();
        }
      }
    } catch (OrtException e) {
      throw new BenchException("ONNX Runtime failed in the bare session: " + e.getMessage(), e);
    } catch (CancelledException e) {
      throw new BenchException("the engine was cancelled", e);
    }
    return new Overhead(asks.size() * repeat, batchCount, engineMs, bareMs);
  }

  private static Path activeModelFile(Path modelDir) throws BenchException {
    try {
      return dev.askpage.models.ModelDirectory.read(modelDir).activeModelFile();
    } catch (java.io.IOException e) {
      throw new BenchException("cannot read the model directory: " + e.getMessage(), e);
    }
  }

  /** Builds the three tensors per batch and runs the session; milliseconds for the whole question. */
  static double runBare(OrtEnvironment env, OrtSession session, List<List<Window>> batches, boolean types)
      throws OrtException {
    long t0 = System.nanoTime();
    for (List<Window> batch : batches) {
      int seq = batch.get(0).length();
      long[] ids = new long[batch.size() * seq];
      long[] mask = new long[ids.length];
      long[] typeIds = new long[ids.length];
      for (int b = 0; b < batch.size(); b++) {
        Window w = batch.get(b);
        for (int i = 0; i < w.length(); i++) {
          ids[b * seq + i] = w.inputIds()[i];
          mask[b * seq + i] = 1;
          typeIds[b * seq + i] = w.typeId(i);
        }
      }
      long[] shape = {batch.size(), seq};
      Map<String, OnnxTensor> feed = new HashMap<>();
      try {
        feed.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
        feed.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
        if (types) {
          feed.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(typeIds), shape));
        }
        try (OrtSession.Result result = session.run(feed)) {
          result.size();
        }
      } finally {
        feed.values().forEach(OnnxTensor::close);
      }
    }
    return HostBench.millisSince(t0);
  }
}
