package dev.askpage.bench;

import dev.askpage.bench.BenchReport.OrtWeb;
import dev.askpage.infer.InferenceException;
import dev.askpage.infer.ModelLoadException;
import dev.askpage.infer.QaModel;
import dev.askpage.infer.ThreadPolicy;
import dev.askpage.window.Window;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The in-browser alternative: the engine's own batches of windows through onnxruntime-web (WASM, as many threads as
 * the machine has) in headless Chromium via {@link OrtWebRunner}, and through the host's {@link QaModel} before and
 * after it. When node, run.mjs, its node_modules or Chromium is missing, the result says so instead of failing.
 */
final class OrtWebBench {
  private final OrtWebRunner runner;

  OrtWebBench(OrtWebRunner runner) {
    this.runner = runner;
  }

  OrtWeb measure(Path modelFile, List<List<Window>> batches, int threads, int repeat) throws BenchException {
    try {
      runner.checkAvailable();
    } catch (OrtWebUnavailableException e) {
      return OrtWeb.unavailable(e.missing() + ": " + e.getMessage());
    }
    List<OrtWebRunner.Batch> webBatches = new ArrayList<>();
    List<int[][]> ids = new ArrayList<>();
    List<int[]> starts = new ArrayList<>();
    List<String> shapes = new ArrayList<>();
    for (List<Window> batch : batches) {
      int[][] windowIds = new int[batch.size()][];
      int[] contextStarts = new int[batch.size()];
      for (int i = 0; i < batch.size(); i++) {
        windowIds[i] = batch.get(i).inputIds();
        contextStarts[i] = batch.get(i).contextStart();
      }
      ids.add(windowIds);
      starts.add(contextStarts);
      OrtWebRunner.Batch b = OrtWebRunner.Batch.fromWindows(windowIds, contextStarts);
      webBatches.add(b);
      shapes.add(b.batch() + "x" + b.seq());
    }
    double[][] javaTimes = new double[batches.size()][2 * repeat];
    OrtWebRunner.Result web;
    try (QaModel qa = QaModel.load(modelFile, new ThreadPolicy(threads, true))) {
      timeJava(qa, ids, starts, repeat, javaTimes, 0);
      web = runner.run(modelFile, webBatches, threads, repeat);
      timeJava(qa, ids, starts, repeat, javaTimes, repeat);
    } catch (OrtWebUnavailableException e) {
      return OrtWeb.unavailable(e.missing() + ": " + e.getMessage());
    } catch (OrtWebException e) {
      return OrtWeb.unavailable("the ort-web run failed: " + e.getMessage());
    } catch (ModelLoadException | InferenceException | ai.onnxruntime.OrtException e) {
      throw new BenchException("the host's session failed next to ort-web: " + e.getMessage(), e);
    }
    double javaMs = 0;
    double webMs = 0;
    for (int k = 0; k < batches.size(); k++) {
      javaMs += Stats.median(javaTimes[k]);
      webMs += web.batches().get(k).medianMs();
    }
    return new OrtWeb(webMs / javaMs, null, javaMs, webMs, shapes, web.ortVersion(), web.chromium(),
        web.threadsUsed(), web.crossOriginIsolated(), web.sessionCreateMs());
  }

  private static void timeJava(QaModel qa, List<int[][]> ids, List<int[]> starts, int repeat, double[][] times,
      int offset) throws InferenceException {
    for (int k = 0; k < ids.size(); k++) {
      if (offset == 0) {
        qa.run(ids.get(k), starts.get(k));
      }
      for (int r = 0; r < repeat; r++) {
        long t0 = System.nanoTime();
        qa.run(ids.get(k), starts.get(k));
        times[k][offset + r] = HostBench.millisSince(t0);
      }
    }
  }
}
