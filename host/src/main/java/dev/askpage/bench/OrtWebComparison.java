package dev.askpage.bench;

import dev.askpage.infer.BatchLogits;
import dev.askpage.infer.InferenceException;
import dev.askpage.infer.ModelLoadException;
import dev.askpage.infer.QaModel;
import dev.askpage.infer.ThreadPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The same windows through the Java host's {@link QaModel} and through onnxruntime-web in Chromium: median and
 * fastest batch times and their ratios. A measuring tool, not a test:
 * {@code OrtWebComparison MODEL.onnx THREADS REPEAT BxS...}.
 */
public final class OrtWebComparison {
  private static final int CLS = 101;
  private static final int SEP = 102;
  private static final int QUESTION_TOKENS = 12;

  /** One shape's figures: median and fastest milliseconds per batch in Java and in ort-web. */
  public record Row(int batch, int seq, double javaMs, double ortWebMs, double javaMinMs, double ortWebMinMs) {
    /** How many times longer ort-web takes than the Java host (medians). */
    public double ratio() {
      return ortWebMs / javaMs;
    }

    /** The same ratio on the fastest runs, less sensitive to other load on the machine. */
    public double minRatio() {
      return ortWebMinMs / javaMinMs;
    }
  }

  private OrtWebComparison() {}

  /** Windows of {@code seq} tokens ([CLS] question [SEP] context [SEP]) with seeded random ids, the same each run. */
  static int[][] windows(int batch, int seq, long seed) {
    Random random = new Random(seed);
    int[][] windows = new int[batch][seq];
    for (int[] window : windows) {
      for (int i = 0; i < seq; i++) {
        window[i] = 1000 + random.nextInt(29000);
      }
      window[0] = CLS;
      window[QUESTION_TOKENS + 1] = SEP;
      window[seq - 1] = SEP;
    }
    return windows;
  }

  static int[] contextStarts(int batch) {
    int[] starts = new int[batch];
    Arrays.fill(starts, QUESTION_TOKENS + 2);
    return starts;
  }

  /**
   * The whole comparison.
   *
   * @param javaLoadMs time to create the Java session ({@code QaModel.load})
   * @param web what ort-web reported (session creation time, threads, isolation, versions)
   * @param rows one row per shape
   */
  public record Comparison(double javaLoadMs, OrtWebRunner.Result web, List<Row> rows) {
    public Comparison {
      rows = List.copyOf(rows);
    }
  }

  /**
   * Times each shape ({@code {batch, seq}}) with {@code threads} threads on both sides: one warm-up, then
   * {@code repeat} timed runs in Java before ort-web and {@code repeat} after it (so load that comes and goes on the
   * machine touches both sides), and {@code repeat} timed runs in ort-web.
   */
  public static Comparison compare(Path model, int threads, int repeat, List<int[]> shapes, OrtWebRunner runner)
      throws ModelLoadException, InferenceException, OrtWebUnavailableException, OrtWebException {
    List<int[][]> windows = new ArrayList<>();
    List<OrtWebRunner.Batch> batches = new ArrayList<>();
    for (int k = 0; k < shapes.size(); k++) {
      int[][] w = windows(shapes.get(k)[0], shapes.get(k)[1], k);
      windows.add(w);
      batches.add(OrtWebRunner.Batch.fromWindows(w, contextStarts(w.length)));
    }
    long loadStart = System.nanoTime();
    double[][] javaTimes = new double[shapes.size()][2 * repeat];
    OrtWebRunner.Result web;
    double javaLoadMs;
    try (QaModel qa = QaModel.load(model, new ThreadPolicy(threads, true))) {
      javaLoadMs = (System.nanoTime() - loadStart) / 1e6;
      timeJava(qa, windows, repeat, javaTimes, 0);
      web = runner.run(model, batches, threads, repeat);
      timeJava(qa, windows, repeat, javaTimes, repeat);
    } catch (ai.onnxruntime.OrtException e) {
      throw new InferenceException("cannot close the session", e);
    }
    if (!web.crossOriginIsolated() || web.threadsUsed() != threads) {
      System.err.printf(Locale.ROOT, "warning: ort-web ran %d thread(s) (isolated: %b)%n", web.threadsUsed(),
          web.crossOriginIsolated());
    }
    List<Row> rows = new ArrayList<>();
    for (int k = 0; k < shapes.size(); k++) {
      OrtWebRunner.BatchTimes times = web.batches().get(k);
      double webMin = times.timesMs().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
      double javaMin = Arrays.stream(javaTimes[k]).min().orElse(Double.NaN);
      rows.add(new Row(times.batch(), times.seq(), median(javaTimes[k]), times.medianMs(), javaMin, webMin));
    }
    return new Comparison(javaLoadMs, web, rows);
  }

  private static void timeJava(QaModel qa, List<int[][]> windows, int repeat, double[][] times, int offset)
      throws InferenceException {
    for (int k = 0; k < windows.size(); k++) {
      int[][] w = windows.get(k);
      int[] starts = contextStarts(w.length);
      if (offset == 0) {
        BatchLogits warm = qa.run(w, starts);
        if (warm.start().length != w.length) {
          throw new InferenceException("the model returned " + warm.start().length + " rows for " + w.length, null);
        }
      }
      for (int r = 0; r < repeat; r++) {
        long start = System.nanoTime();
        qa.run(w, starts);
        times[k][offset + r] = (System.nanoTime() - start) / 1e6;
      }
    }
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /** {@code MODEL.onnx THREADS REPEAT BxS...}, e.g. {@code model.onnx 2 10 1x384 4x160 8x192}. */
  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println("usage: OrtWebComparison MODEL.onnx THREADS REPEAT BxS...");
      System.exit(2);
    }
    List<int[]> shapes = new ArrayList<>();
    for (int i = 3; i < args.length; i++) {
      String[] parts = args[i].split("x");
      shapes.add(new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])});
    }
    int threads = Integer.parseInt(args[1]);
    Comparison comparison =
        compare(Path.of(args[0]), threads, Integer.parseInt(args[2]), shapes, OrtWebRunner.withDefaults());
    OrtWebRunner.Result web = comparison.web();
    System.out.printf(Locale.ROOT, "onnxruntime-web %s in Chromium %s, %d thread(s) (isolated: %b, workers: %d)%n",
        web.ortVersion(), web.chromium(), web.threadsUsed(), web.crossOriginIsolated(), web.workersStarted());
    System.out.printf(Locale.ROOT, "session: java %.0f ms, ortweb %.0f ms%n", comparison.javaLoadMs(),
        web.sessionCreateMs());
    List<Row> rows = comparison.rows();
    System.out.printf(Locale.ROOT, "%-8s %10s %10s %7s   %10s %10s %7s%n", "batch", "java med", "ortweb med", "ratio",
        "java min", "ortweb min", "ratio");
    for (Row row : rows) {
      System.out.printf(Locale.ROOT, "%-8s %10.2f %10.2f %7.2f   %10.2f %10.2f %7.2f%n", row.batch() + "x" + row.seq(),
          row.javaMs(), row.ortWebMs(), row.ratio(), row.javaMinMs(), row.ortWebMinMs(), row.minRatio());
    }
  }
}
