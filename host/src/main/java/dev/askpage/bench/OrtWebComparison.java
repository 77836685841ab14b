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
 * The same windows through the Java host's {@link QaModel} and through onnxruntime-web in Chromium: median batch times
 * and their ratio. A measuring tool, not a test: {@code OrtWebComparison MODEL.onnx THREADS REPEAT BxS...}.
 */
public final class OrtWebComparison {
  private static final int CLS = 101;
  private static final int SEP = 102;
  private static final int QUESTION_TOKENS = 12;

  /** One shape's figures: median milliseconds per batch in Java and in ort-web. */
  public record Row(int batch, int seq, double javaMs, double ortWebMs) {
    /** How many times longer ort-web takes than the Java host. */
    public double ratio() {
      return ortWebMs / javaMs;
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

  /** Times each shape ({@code {batch, seq}}) with {@code threads} threads on both sides. */
  public static List<Row> compare(Path model, int threads, int repeat, List<int[]> shapes, OrtWebRunner runner)
      throws ModelLoadException, InferenceException, OrtWebUnavailableException, OrtWebException {
    List<OrtWebRunner.Batch> batches = new ArrayList<>();
    double[] javaMs = new double[shapes.size()];
    try (QaModel qa = QaModel.load(model, new ThreadPolicy(threads, true))) {
      for (int k = 0; k < shapes.size(); k++) {
        int[][] windows = windows(shapes.get(k)[0], shapes.get(k)[1], k);
        int[] starts = contextStarts(windows.length);
        batches.add(OrtWebRunner.Batch.fromWindows(windows, starts));
        BatchLogits warm = qa.run(windows, starts);
        double[] times = new double[repeat];
        for (int r = 0; r < repeat; r++) {
          long start = System.nanoTime();
          warm = qa.run(windows, starts);
          times[r] = (System.nanoTime() - start) / 1e6;
        }
        if (warm.start().length != windows.length) {
          throw new InferenceException("the model returned " + warm.start().length + " rows", null);
        }
        javaMs[k] = median(times);
      }
    } catch (ai.onnxruntime.OrtException e) {
      throw new InferenceException("cannot close the session", e);
    }
    OrtWebRunner.Result web = runner.run(model, batches, threads, repeat);
    if (!web.crossOriginIsolated() || web.threadsUsed() != threads) {
      System.err.printf(Locale.ROOT, "warning: ort-web ran %d thread(s) (isolated: %b)%n", web.threadsUsed(),
          web.crossOriginIsolated());
    }
    List<Row> rows = new ArrayList<>();
    for (int k = 0; k < shapes.size(); k++) {
      OrtWebRunner.BatchTimes times = web.batches().get(k);
      rows.add(new Row(times.batch(), times.seq(), javaMs[k], times.medianMs()));
    }
    return rows;
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
    List<Row> rows = compare(Path.of(args[0]), threads, Integer.parseInt(args[2]), shapes, OrtWebRunner.withDefaults());
    System.out.printf(Locale.ROOT, "%-8s %10s %10s %7s%n", "batch", "java ms", "ortweb ms", "ratio");
    for (Row row : rows) {
      System.out.printf(Locale.ROOT, "%-8s %10.2f %10.2f %7.2f%n", row.batch() + "x" + row.seq(), row.javaMs(),
          row.ortWebMs(), row.ratio());
    }
  }
}
