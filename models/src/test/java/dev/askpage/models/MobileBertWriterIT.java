package dev.askpage.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.TensorInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MobileBertWriterIT {
  @TempDir Path temp;

  @Test
  void tinyModelHasTheRealInputsAndOutputs() throws Exception {
    ModelDirectory model = SyntheticModels.writeMobileBert(temp, SyntheticSize.TINY, 7, SharedData.vocabulary());
    try (OrtRunner runner = new OrtRunner(model.modelFile(), 1)) {
      assertEquals(List.of("input_ids", "attention_mask", "token_type_ids"),
          List.copyOf(runner.session.getInputNames()));
      assertEquals(List.of("start_logits", "end_logits"), List.copyOf(runner.session.getOutputNames()));
      for (var input : runner.session.getInputInfo().values()) {
        TensorInfo info = (TensorInfo) input.getInfo();
        assertEquals(OnnxJavaType.INT64, info.type, input.getName());
        assertEquals(List.of("batch", "sequence"), List.of(info.getDimensionNames()), input.getName());
      }
      for (var output : runner.session.getOutputInfo().values()) {
        TensorInfo info = (TensorInfo) output.getInfo();
        assertEquals(OnnxJavaType.FLOAT, info.type, output.getName());
        assertEquals(List.of("batch", "sequence"), List.of(info.getDimensionNames()), output.getName());
      }
    }
  }

  @Test
  void tinyModelGivesFiniteVaryingLogitsForABatch() throws Exception {
    ModelDirectory model = SyntheticModels.writeMobileBert(temp, SyntheticSize.TINY, 7, SharedData.vocabulary());
    long[][] ids = randomIds(2, 17, 3);
    long[][] mask = OrtRunner.filled(2, 17, 1);
    mask[1][15] = 0;
    mask[1][16] = 0;
    long[][] types = OrtRunner.filled(2, 17, 0);
    for (int i = 9; i < 17; i++) {
      types[0][i] = 1;
      types[1][i] = 1;
    }
    try (OrtRunner runner = new OrtRunner(model.modelFile(), 1)) {
      float[][][] logits = runner.run(ids, mask, types);
      for (float[][] output : logits) {
        assertEquals(2, output.length);
        for (float[] row : output) {
          assertEquals(17, row.length);
          assertFiniteAndVarying(row);
        }
      }
    }
  }

  @Test
  void sameSeedWritesTheSameBytesAndAnotherSeedDoesNot() throws Exception {
    Path vocab = SharedData.vocabulary();
    ModelDirectory a = SyntheticModels.writeMobileBert(temp.resolve("a"), SyntheticSize.TINY, 1, vocab);
    ModelDirectory b = SyntheticModels.writeMobileBert(temp.resolve("b"), SyntheticSize.TINY, 1, vocab);
    ModelDirectory c = SyntheticModels.writeMobileBert(temp.resolve("c"), SyntheticSize.TINY, 2, vocab);
    assertEquals(a.manifest().sha256(), b.manifest().sha256());
    assertTrue(!a.manifest().sha256().equals(c.manifest().sha256()));
  }

  /** The one full-size test: the real MobileBERT shape, written, loaded and run at 1 x 384 (prints the figures). */
  @Test
  void fullModelHasMobileBertsSizeAndRuns() throws Exception {
    long start = System.nanoTime();
    ModelDirectory model = SyntheticModels.writeMobileBert(temp, SyntheticSize.FULL, 42, SharedData.vocabulary());
    double writeSeconds = seconds(start);
    long parameters = model.manifest().parameters();
    long bytes = Files.size(model.modelFile());
    assertEquals(MobileBertShape.of(SyntheticSize.FULL).parameterCount(30522), parameters);
    assertTrue(parameters > 24_000_000 && parameters < 26_000_000, "about 25 M parameters: " + parameters);

    start = System.nanoTime();
    try (OrtRunner runner = new OrtRunner(model.modelFile(), 2)) {
      double sessionSeconds = seconds(start);
      long[][] ids = randomIds(1, 384, 11);
      long[][] mask = OrtRunner.filled(1, 384, 1);
      long[][] types = OrtRunner.filled(1, 384, 0);
      float[][][] logits = runner.run(ids, mask, types);
      assertEquals(384, logits[0][0].length);
      assertEquals(384, logits[1][0].length);
      assertFiniteAndVarying(logits[0][0]);
      double[] runs = new double[10];
      for (int i = 0; i < runs.length; i++) {
        start = System.nanoTime();
        runner.run(ids, mask, types);
        runs[i] = seconds(start);
      }
      java.util.Arrays.sort(runs);
      System.err.printf("full synthetic MobileBERT: %,d parameters, model.onnx %,d bytes, written in %.1f s,"
          + " session created in %.2f s, 1x384 inference best %.0f ms, median %.0f ms (10 runs, 2 threads)%n",
          parameters, bytes, writeSeconds, sessionSeconds, runs[0] * 1000, runs[runs.length / 2] * 1000);
    }
  }

  static long[][] randomIds(int batch, int sequence, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long[][] ids = new long[batch][sequence];
    for (long[] row : ids) {
      for (int i = 0; i < sequence; i++) {
        row[i] = 1000 + random.nextInt(29000);
      }
      row[0] = 101;
      row[sequence - 1] = 102;
    }
    return ids;
  }

  private static void assertFiniteAndVarying(float[] row) {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float value : row) {
      assertTrue(Float.isFinite(value), "finite logit");
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
    assertTrue(max - min > 1e-4, "logits vary along the sequence: " + min + ".." + max);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
