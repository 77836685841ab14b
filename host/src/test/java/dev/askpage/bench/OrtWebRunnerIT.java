package dev.askpage.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.abort;

import dev.askpage.models.ModelDirectory;
import dev.askpage.models.SharedData;
import dev.askpage.models.SyntheticModels;
import dev.askpage.models.SyntheticSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs run.mjs for real: node, node_modules and Chromium must be installed, else the test is skipped. */
class OrtWebRunnerIT {

  private static OrtWebRunner availableRunner() {
    OrtWebRunner runner = OrtWebRunner.withDefaults();
    try {
      runner.checkAvailable();
    } catch (OrtWebUnavailableException e) {
      abort("ort-web baseline not available: " + e.getMessage());
    }
    return runner;
  }

  @TempDir static Path dir;

  /** The tiny synthetic MobileBERT: the real graph's operators and inputs, a few MB. */
  private static Path model() throws IOException {
    Path modelDir = dir.resolve("tiny");
    if (!Files.isDirectory(modelDir)) {
      SyntheticModels.writeMobileBert(modelDir, SyntheticSize.TINY, 7, SharedData.vocabulary());
    }
    return modelDir.resolve(ModelDirectory.MODEL_FILE);
  }

  @Test
  void runsEveryBatchWithTwoThreadsInAnIsolatedPage() throws Exception {
    OrtWebRunner runner = availableRunner();
    Path model = model();
    OrtWebRunner.Result result = runner.run(model,
        List.of(OrtWebRunnerTest.batch(1, 384), OrtWebRunnerTest.batch(4, 160)), 2, 2);
    assertTrue(result.crossOriginIsolated(), "COOP/COEP must make the page cross-origin isolated");
    assertEquals(2, result.threadsRequested());
    assertEquals(2, result.threadsUsed());
    assertTrue(result.workersStarted() >= 1, "ort-web starts worker threads");
    assertEquals(2, result.batches().size());
    assertEquals(4, result.batches().get(1).batch());
    assertEquals(160, result.batches().get(1).seq());
    assertEquals(2, result.batches().get(1).timesMs().size());
  }

  @Test
  void aModelThatIsNotOnnxIsARunError() throws Exception {
    OrtWebRunner runner = availableRunner();
    Path bad = Files.createTempFile("askpage-not-a-model", ".onnx");
    try {
      Files.writeString(bad, "not a model");
      OrtWebException e = assertThrows(OrtWebException.class,
          () -> runner.run(bad, List.of(OrtWebRunnerTest.batch(1, 8)), 1, 1));
      assertTrue(e.getMessage().contains("status 5"), e.getMessage());
    } finally {
      Files.deleteIfExists(bad);
    }
  }
}
