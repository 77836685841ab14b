package dev.askpage.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.askpage.bench.OrtWebUnavailableException.Missing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrtWebRunnerTest {
  @TempDir Path dir;

  static OrtWebRunner.Batch batch(int rows, int seq) {
    long[][] ids = new long[rows][seq];
    long[][] mask = new long[rows][seq];
    long[][] types = new long[rows][seq];
    for (int r = 0; r < rows; r++) {
      for (int s = 0; s < seq; s++) {
        ids[r][s] = s == 0 ? 101 : 2000 + r * seq + s;
        mask[r][s] = 1;
        types[r][s] = s < seq / 2 ? 0 : 1;
      }
    }
    return new OrtWebRunner.Batch(ids, mask, types);
  }

  @Test
  void writesBatchesInTheLayoutRunMjsReads() throws IOException {
    Path file = dir.resolve("batches.json");
    OrtWebRunner.writeBatches(file, List.of(batch(2, 3), batch(1, 4)));
    JsonArray json = JsonParser.parseString(Files.readString(file)).getAsJsonArray();
    assertEquals(2, json.size());
    JsonObject first = json.get(0).getAsJsonObject();
    assertEquals(2, first.get("batch").getAsInt());
    assertEquals(3, first.get("seq").getAsInt());
    assertEquals("[[101,2001,2002],[101,2004,2005]]", first.get("input_ids").toString());
    assertEquals("[[1,1,1],[1,1,1]]", first.get("attention_mask").toString());
    assertEquals("[[0,1,1],[0,1,1]]", first.get("token_type_ids").toString());
    assertEquals(4, json.get(1).getAsJsonObject().get("seq").getAsInt());
  }

  @Test
  void windowsArePaddedAsTheJavaHostPadsThem() {
    OrtWebRunner.Batch batch = OrtWebRunner.Batch.fromWindows(new int[][] {{101, 7, 102, 9, 102}, {101, 8, 102}},
        new int[] {3, 3});
    assertEquals(2, batch.batch());
    assertEquals(5, batch.seq());
    assertEquals("[101, 8, 102, 0, 0]", java.util.Arrays.toString(batch.inputIds()[1]));
    assertEquals("[1, 1, 1, 0, 0]", java.util.Arrays.toString(batch.attentionMask()[1]));
    assertEquals("[0, 0, 0, 1, 1]", java.util.Arrays.toString(batch.tokenTypeIds()[0]));
  }

  @Test
  void aRaggedBatchIsRefused() {
    long[][] ragged = {{1, 2}, {1}};
    long[][] even = {{1, 2}, {1, 2}};
    assertThrows(IllegalArgumentException.class, () -> new OrtWebRunner.Batch(ragged, even, even));
    assertThrows(IllegalArgumentException.class, () -> new OrtWebRunner.Batch(even, new long[][] {{1, 1}}, even));
  }

  @Test
  void readsTheResult() throws OrtWebException {
    String json = """
        {"ortVersion": "1.30.0", "chromium": "156.0.8078.79", "crossOriginIsolated": true, "threadsRequested": 2,
         "threadsUsed": 2, "workersStarted": 1, "sessionCreateMs": 318.8, "modelFetchMs": 5,
         "batches": [{"batch": 4, "seq": 160, "warmupMs": 4.2, "timesMs": [3.5, 3.1, 3.4, 9.0],
                      "outputDims": {"start_logits": [4, 160]}}]}""";
    OrtWebRunner.Result result = OrtWebRunner.parseResult(json);
    assertEquals("1.30.0", result.ortVersion());
    assertTrue(result.crossOriginIsolated());
    assertEquals(2, result.threadsUsed());
    assertEquals(1, result.workersStarted());
    OrtWebRunner.BatchTimes times = result.batches().get(0);
    assertEquals(4, times.batch());
    assertEquals(160, times.seq());
    assertEquals(3.45, times.medianMs(), 1e-9);
  }

  @Test
  void anUnreadableResultIsARunError() {
    assertThrows(OrtWebException.class, () -> OrtWebRunner.parseResult("{\"batches\": []}"));
    assertThrows(OrtWebException.class, () -> OrtWebRunner.parseResult("not json"));
  }

  @Test
  void missingScriptIsTyped() {
    OrtWebRunner runner = new OrtWebRunner(dir, "node", Path.of("/usr/bin/chromium"), Duration.ofMinutes(1));
    OrtWebUnavailableException e = assertThrows(OrtWebUnavailableException.class, runner::checkAvailable);
    assertEquals(Missing.SCRIPT, e.missing());
  }

  @Test
  void missingNodeModulesIsTyped() throws IOException {
    Files.writeString(dir.resolve("run.mjs"), "// stand-in\n");
    OrtWebRunner runner = new OrtWebRunner(dir, "node", Path.of("/usr/bin/chromium"), Duration.ofMinutes(1));
    OrtWebUnavailableException e = assertThrows(OrtWebUnavailableException.class,
        () -> runner.run(dir.resolve("model.onnx"), List.of(batch(1, 4)), 1, 1));
    assertEquals(Missing.NODE_MODULES, e.missing());
    assertTrue(e.getMessage().contains("npm ci"), e.getMessage());
  }

  @Test
  void missingChromiumIsTyped() throws IOException {
    fakeInstall();
    OrtWebRunner runner = new OrtWebRunner(dir, "node", dir.resolve("no-chromium"), Duration.ofMinutes(1));
    OrtWebUnavailableException e = assertThrows(OrtWebUnavailableException.class, runner::checkAvailable);
    assertEquals(Missing.CHROMIUM, e.missing());
  }

  @Test
  void missingNodeIsTyped() throws IOException {
    fakeInstall();
    Path chromium = Files.createFile(dir.resolve("chromium"));
    assertTrue(chromium.toFile().setExecutable(true));
    OrtWebRunner runner = new OrtWebRunner(dir, dir.resolve("no-node").toString(), chromium, Duration.ofMinutes(1));
    OrtWebUnavailableException e = assertThrows(OrtWebUnavailableException.class, runner::checkAvailable);
    assertEquals(Missing.NODE, e.missing());
  }

  @Test
  void defaultScriptFolderIsTheCommittedOne() {
    Path script = OrtWebRunner.defaultScriptDir().resolve("run.mjs");
    assertTrue(Files.isRegularFile(script), script.toAbsolutePath().toString());
    assertFalse(script.isAbsolute());
  }

  private void fakeInstall() throws IOException {
    Files.writeString(dir.resolve("run.mjs"), "// stand-in\n");
    Files.createDirectories(dir.resolve("node_modules/onnxruntime-web/dist"));
    Files.writeString(dir.resolve("node_modules/onnxruntime-web/dist/ort.wasm.min.mjs"), "");
    Files.createDirectories(dir.resolve("node_modules/playwright-core"));
  }
}
