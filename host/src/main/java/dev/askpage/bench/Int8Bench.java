package dev.askpage.bench;

import dev.askpage.decode.DecodeOptions;
import dev.askpage.decode.Decoded;
import dev.askpage.decode.SpanDecoder;
import dev.askpage.decode.WindowLogits;
import dev.askpage.engine.EngineSettings;
import dev.askpage.engine.PreparedPage;
import dev.askpage.engine.QaEngine;
import dev.askpage.eval.ProgressBar;
import dev.askpage.infer.BatchLogits;
import dev.askpage.infer.InferenceException;
import dev.askpage.infer.ModelLoadException;
import dev.askpage.infer.QaModel;
import dev.askpage.infer.ThreadPolicy;
import dev.askpage.tokenizer.WordPieceTokenizer;
import dev.askpage.window.Window;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Times the int8 and fp32 sessions on the same windows and compares their logits. The two alternate question by
 * question (which goes first alternates too), so load that comes and goes on a shared machine touches both alike.
 */
final class Int8Bench {
  private static final int LOAD_TRIALS = 3;
  private static final int SINGLE_WINDOW_QUESTIONS = 24;

  private final Path fp32;
  private final Path int8;
  private final ThreadPolicy threads;
  private final EngineSettings settings;
  private final boolean predictsNoAnswer;

  Int8Bench(Path fp32, Path int8, ThreadPolicy threads, EngineSettings settings, boolean predictsNoAnswer) {
    this.fp32 = fp32;
    this.int8 = int8;
    this.threads = threads;
    this.settings = settings;
    this.predictsNoAnswer = predictsNoAnswer;
  }

  Int8Comparison measure(WordPieceTokenizer tokenizer, List<QuestionSample.Ask> asks, ProgressBar progress)
      throws ModelLoadException, InferenceException, IOException {
    double loadStart = BenchCommand.loadAverageNow();
    double[] loads = loadTimes();
    QaEngine planner = QaEngine.tokenizedWithoutModel(tokenizer, settings);
    Map<String, PreparedPage> pages = new HashMap<>();
    DecodeOptions decode = new DecodeOptions(DecodeOptions.DEFAULT_N_BEST, settings.maxAnswerTokens(), 1,
        predictsNoAnswer, settings.nullThreshold());
    double fp32Ms = 0;
    double int8Ms = 0;
    double fp32Single = 0;
    double int8Single = 0;
    int singles = 0;
    int windows = 0;
    int sameSpan = 0;
    CosineSum pooled = new CosineSum();
    double cosineSum = 0;
    double minCosine = 1;
    try (QaModel a = QaModel.load(fp32, threads); QaModel b = QaModel.load(int8, threads)) {
      QuestionSample.Ask first = asks.get(0);
      List<List<Window>> warm = OverheadBench.batches(planner, planner.prepare(first.page()), first.question(),
          settings.defaultWindows(), settings.batchSize());
      run(a, warm);
      run(b, warm);
      for (int i = 0; i < asks.size(); i++) {
        QuestionSample.Ask ask = asks.get(i);
        PreparedPage page = pages.computeIfAbsent(ask.page(), planner::prepare);
        List<List<Window>> batches = OverheadBench.batches(planner, page, ask.question(), settings.defaultWindows(),
            settings.batchSize());
        Timed fp;
        Timed q;
        if (i % 2 == 0) {
          fp = run(a, batches);
          q = run(b, batches);
        } else {
          q = run(b, batches);
          fp = run(a, batches);
        }
        fp32Ms += fp.ms();
        int8Ms += q.ms();
        for (int w = 0; w < fp.start().size(); w++) {
          CosineSum one = new CosineSum();
          one.add(fp.start().get(w), q.start().get(w));
          one.add(fp.end().get(w), q.end().get(w));
          pooled.add(fp.start().get(w), q.start().get(w));
          pooled.add(fp.end().get(w), q.end().get(w));
          cosineSum += one.cosine();
          minCosine = Math.min(minCosine, one.cosine());
          windows++;
        }
        if (sameTopSpan(page, batches, fp, q, decode)) {
          sameSpan++;
        }
        if (i < SINGLE_WINDOW_QUESTIONS) {
          List<List<Window>> one = List.of(List.of(batches.get(0).get(0)));
          if (i % 2 == 0) {
            fp32Single += run(a, one).ms();
            int8Single += run(b, one).ms();
          } else {
            int8Single += run(b, one).ms();
            fp32Single += run(a, one).ms();
          }
          singles++;
        }
        if (progress != null) {
          progress.step();
        }
      }
    } catch (ai.onnxruntime.OrtException e) {
      throw new InferenceException("cannot close a session", e);
    }
    return new Int8Comparison(asks.size(), windows, fp32Ms, int8Ms, singles, fp32Single, int8Single,
        pooled.cosine(), minCosine, cosineSum / windows, sameSpan, Files.size(fp32), Files.size(int8), loads[0],
        loads[1], threads.intraOpThreads() > 0 ? threads.intraOpThreads() : Runtime.getRuntime().availableProcessors(),
        BenchCommand.machine(Double.NaN).cpuModel(), new double[] {loadStart, BenchCommand.loadAverageNow()});
  }

  /** Median session creation of each, fp32 and int8 alternating. */
  private double[] loadTimes() throws ModelLoadException {
    double[] fp = new double[LOAD_TRIALS];
    double[] q = new double[LOAD_TRIALS];
    for (int t = 0; t < LOAD_TRIALS; t++) {
      fp[t] = timeLoad(fp32);
      q[t] = timeLoad(int8);
    }
    return new double[] {Stats.median(fp), Stats.median(q)};
  }

  private double timeLoad(Path file) throws ModelLoadException {
    long t0 = System.nanoTime();
    try (QaModel m = QaModel.load(file, threads)) {
      return HostBench.millisSince(t0);
    } catch (ai.onnxruntime.OrtException e) {
      throw new ModelLoadException("cannot close the session of " + file, e);
    }
  }

  private record Timed(double ms, List<float[]> start, List<float[]> end) {}

  private static Timed run(QaModel model, List<List<Window>> batches) throws InferenceException {
    List<float[]> start = new ArrayList<>();
    List<float[]> end = new ArrayList<>();
    long t0 = System.nanoTime();
    for (List<Window> batch : batches) {
      int[][] ids = new int[batch.size()][];
      int[] contextStarts = new int[batch.size()];
      for (int i = 0; i < batch.size(); i++) {
        ids[i] = batch.get(i).inputIds();
        contextStarts[i] = batch.get(i).contextStart();
      }
      BatchLogits logits = model.run(ids, contextStarts);
      start.addAll(List.of(logits.start()));
      end.addAll(List.of(logits.end()));
    }
    return new Timed(HostBench.millisSince(t0), start, end);
  }

  private static boolean sameTopSpan(PreparedPage page, List<List<Window>> batches, Timed fp, Timed q,
      DecodeOptions decode) {
    List<Window> flat = batches.stream().flatMap(List::stream).toList();
    int[] starts = page.tokens().starts();
    int[] ends = page.tokens().ends();
    List<WindowLogits> a = new ArrayList<>();
    List<WindowLogits> b = new ArrayList<>();
    for (int w = 0; w < flat.size(); w++) {
      a.add(flat.get(w).withLogits(fp.start().get(w), fp.end().get(w), starts, ends));
      b.add(flat.get(w).withLogits(q.start().get(w), q.end().get(w), starts, ends));
    }
    Decoded da = new SpanDecoder(decode).decode(a);
    Decoded db = new SpanDecoder(decode).decode(b);
    if (da.answers().isEmpty() || db.answers().isEmpty()) {
      return da.answers().isEmpty() == db.answers().isEmpty();
    }
    return da.answers().get(0).start() == db.answers().get(0).start()
        && da.answers().get(0).end() == db.answers().get(0).end();
  }

  /** Dot products and norms of mean-centred logit vectors, summed so that several vectors pool into one cosine. */
  private static final class CosineSum {
    private double dot;
    private double normA;
    private double normB;

    void add(float[] a, float[] b) {
      double meanA = 0;
      double meanB = 0;
      for (int i = 0; i < a.length; i++) {
        meanA += a[i];
        meanB += b[i];
      }
      meanA /= a.length;
      meanB /= b.length;
      for (int i = 0; i < a.length; i++) {
        double x = a[i] - meanA;
        double y = b[i] - meanB;
        dot += x * y;
        normA += x * x;
        normB += y * y;
      }
    }

    double cosine() {
      return dot / Math.sqrt(normA * normB);
    }
  }
}
