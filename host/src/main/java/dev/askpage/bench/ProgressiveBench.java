package dev.askpage.bench;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
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
import dev.askpage.infer.OrtNative;
import dev.askpage.infer.QaModel;
import dev.askpage.infer.ThreadPolicy;
import dev.askpage.window.Window;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What progressive answers cost, in this process on cached pages: per question the time to the partial answers and to
 * the final ones with {@code partial}, the time of the same ask without it, and W, one window of full length (336
 * tokens) through a bare ONNX Runtime session, measured beside them so that load on the machine touches all alike.
 */
final class ProgressiveBench {
  private final Path modelDir;
  private final ThreadPolicy threads;
  private final EngineSettings settings;

  ProgressiveBench(Path modelDir, ThreadPolicy threads, EngineSettings settings) {
    this.modelDir = modelDir;
    this.threads = threads;
    this.settings = settings;
  }

  /**
   * The figures of one run.
   *
   * @param windowMs W per question (bare session, one 336-token window)
   * @param partialMs time to the partial answers per question
   * @param finalMs time to the final answers with partial, per question
   * @param plainMs time of the same ask without partial, per question
   */
  record Progressive(int budget, List<Double> windowMs, List<Double> partialMs, List<Double> finalMs,
      List<Double> plainMs) {
    double medianW() {
      return Stats.median(windowMs);
    }

    /** Median over questions of the time to the partial answers over that question's W. */
    double partialOverW() {
      double[] r = new double[partialMs.size()];
      for (int i = 0; i < r.length; i++) {
        r[i] = partialMs.get(i) / windowMs.get(i);
      }
      return Stats.median(r);
    }

    /** Summed final times with partial over summed times without: the cost of reading one window alone first. */
    double finalOverPlain() {
      return sum(finalMs) / sum(plainMs);
    }

    String toMarkdown(String cpu, int cores, double loadStart, double loadEnd, String model) {
      StringBuilder b = new StringBuilder();
      b.append(String.format(Locale.ROOT, "Progressive answers: %d questions, budget %d windows, %s, %s (%d cores), "
          + "load average %.1f at the start and %.1f at the end.%n%n", partialMs.size(), budget, model, cpu, cores,
          loadStart, loadEnd));
      b.append("| figure | value |\n| --- | --- |\n");
      b.append(String.format(Locale.ROOT, "| W, one 336-token window, bare ONNX Runtime (median) | %.0f ms |%n",
          medianW()));
      b.append(String.format(Locale.ROOT, "| time to the partial answers (median) | %.0f ms |%n",
          Stats.median(partialMs)));
      b.append(String.format(Locale.ROOT, "| time to the partial answers / W (median per question) | %.2f |%n",
          partialOverW()));
      b.append(String.format(Locale.ROOT, "| time to the final answers with partial (median) | %.0f ms |%n",
          Stats.median(finalMs)));
      b.append(String.format(Locale.ROOT, "| the same ask without partial (median) | %.0f ms |%n",
          Stats.median(plainMs)));
      b.append(String.format(Locale.ROOT, "| final with partial / without (summed over questions) | %.3f |%n",
          finalOverPlain()));
      return b.toString();
    }

    private static double sum(List<Double> values) {
      return values.stream().mapToDouble(Double::doubleValue).sum();
    }
  }

  Progressive measure(List<QuestionSample.Ask> asks, ProgressBar progress)
      throws ModelLoadException, InferenceException, BenchException {
    Map<String, PreparedPage> pages = new LinkedHashMap<>();
    OrtEnvironment env = OrtNative.environment();
    int budget = settings.defaultWindows();
    AskOptions options = new AskOptions(5, budget);
    List<Double> windowMs = new ArrayList<>();
    List<Double> partialMs = new ArrayList<>();
    List<Double> finalMs = new ArrayList<>();
    List<Double> plainMs = new ArrayList<>();
    try (QaEngine engine = EngineFactory.fromDirectory(modelDir, threads, settings);
        OrtSession.SessionOptions sessionOptions = QaModel.sessionOptions(threads);
        OrtSession bare = env.createSession(modelDir.resolve("model.onnx").toString(), sessionOptions)) {
      boolean types = bare.getInputNames().contains("token_type_ids");
      // One untimed pass, so that no side pays for first-run allocations.
      QuestionSample.Ask warm = asks.get(0);
      PreparedPage warmPage = pages.computeIfAbsent(warm.page(), engine::prepare);
      engine.ask(warmPage, warm.question(), options, true, Cancellation.NEVER);
      OverheadBench.runBare(env, bare, List.of(List.of(fullWindow(engine, warmPage, warm.question()))), types);
      for (int i = 0; i < asks.size(); i++) {
        QuestionSample.Ask a = asks.get(i);
        PreparedPage page = pages.computeIfAbsent(a.page(), engine::prepare);
        Window w = fullWindow(engine, page, a.question());
        // Alternate the order, so that neither kind of ask always runs right after the other.
        boolean plainFirst = i % 2 == 0;
        if (plainFirst) {
          plainMs.add(timePlain(engine, page, a.question(), options));
        }
        double[] partialAt = {Double.NaN};
        long t0 = System.nanoTime();
        engine.ask(page, a.question(), options, true, Cancellation.NEVER,
            Optional.of(first -> partialAt[0] = HostBench.millisSince(t0)));
        double finalAt = HostBench.millisSince(t0);
        if (!plainFirst) {
          plainMs.add(timePlain(engine, page, a.question(), options));
        }
        windowMs.add(OverheadBench.runBare(env, bare, List.of(List.of(w)), types));
        // A plan of one window has no partial answers: its final answers are its first.
        partialMs.add(Double.isNaN(partialAt[0]) ? finalAt : partialAt[0]);
        finalMs.add(finalAt);
        if (progress != null) {
          progress.step();
        }
      }
    } catch (OrtException e) {
      throw new BenchException("ONNX Runtime failed in the bare session: " + e.getMessage(), e);
    } catch (CancelledException e) {
      throw new BenchException("the engine was cancelled", e);
    }
    return new Progressive(budget, windowMs, partialMs, finalMs, plainMs);
  }

  private static double timePlain(QaEngine engine, PreparedPage page, String question, AskOptions options)
      throws InferenceException, CancelledException {
    long t0 = System.nanoTime();
    engine.ask(page, question, options, true, Cancellation.NEVER);
    return HostBench.millisSince(t0);
  }

  /** The question's first window, grown to a full window (W is the time of one full-length window). */
  private Window fullWindow(QaEngine engine, PreparedPage page, String question) {
    return WindowBenchCommand.fullLength(engine.planWindows(page, question, 1).windows().get(0),
        WindowBenchCommand.W_TOKENS);
  }
}
