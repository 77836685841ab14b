package dev.askpage.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

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

  private static Path model() {
    String property = System.getProperty("askpage.ortweb.model");
    assumeTrue(property != null && Files.isRegularFile(Path.of(property)), "set askpage.ortweb.model to a QA .onnx");
    return Path.of(property);
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
      OrtWebException e = org.junit.jupiter.api.Assertions.assertThrows(OrtWebException.class,
          () -> runner.run(bad, List.of(OrtWebRunnerTest.batch(1, 8)), 1, 1));
      assertTrue(e.getMessage().contains("status 5"), e.getMessage());
    } finally {
      Files.deleteIfExists(bad);
    }
  }
}
