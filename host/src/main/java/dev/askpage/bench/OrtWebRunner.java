package dev.askpage.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a model with onnxruntime-web (WASM, threads) in headless Chromium, through {@code host/src/bench/ortweb/run.mjs}
 * in a {@code node} process, and reads back its timings: the benchmark's in-browser baseline.
 */
public final class OrtWebRunner {
  /** Exit status of run.mjs when Chromium is missing or does not start. */
  static final int EXIT_CHROMIUM = 3;

  /** Exit status of run.mjs when its node_modules are missing. */
  static final int EXIT_DEPENDENCIES = 4;

  private static final int STDERR_TAIL_CHARS = 2000;

  /** One batch of windows, int64 rows of equal length: what the model's three inputs receive. */
  public record Batch(long[][] inputIds, long[][] attentionMask, long[][] tokenTypeIds) {
    public Batch {
      int rows = inputIds.length;
      if (rows == 0) {
        throw new IllegalArgumentException("a batch needs at least one window");
      }
      int seq = inputIds[0].length;
      for (long[][] input : List.of(inputIds, attentionMask, tokenTypeIds)) {
        if (input.length != rows) {
          throw new IllegalArgumentException("inputs differ in batch size");
        }
        for (long[] row : input) {
          if (row.length != seq) {
            throw new IllegalArgumentException("a batch's windows must all have " + seq + " tokens");
          }
        }
      }
    }

    /**
     * The batch {@code QaModel.run} feeds for these windows: padded to the longest with id 0 and attention 0, token
     * type 1 from each window's context start on.
     */
    public static Batch fromWindows(int[][] windows, int[] contextStarts) {
      int seq = 0;
      for (int[] window : windows) {
        seq = Math.max(seq, window.length);
      }
      long[][] ids = new long[windows.length][seq];
      long[][] mask = new long[windows.length][seq];
      long[][] types = new long[windows.length][seq];
      for (int b = 0; b < windows.length; b++) {
        for (int i = 0; i < windows[b].length; i++) {
          ids[b][i] = windows[b][i];
          mask[b][i] = 1;
          types[b][i] = i >= contextStarts[b] ? 1 : 0;
        }
      }
      return new Batch(ids, mask, types);
    }

    /** Windows in the batch. */
    public int batch() {
      return inputIds.length;
    }

    /** Tokens per window. */
    public int seq() {
      return inputIds[0].length;
    }
  }

  /** The timings of one batch: one warm-up run, then the timed repeats (milliseconds). */
  public record BatchTimes(int batch, int seq, double warmupMs, List<Double> timesMs) {
    public BatchTimes {
      timesMs = List.copyOf(timesMs);
    }

    /** The median of the timed repeats. */
    public double medianMs() {
      double[] sorted = timesMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      if (sorted.length == 0) {
        return Double.NaN;
      }
      int mid = sorted.length / 2;
      return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
  }

  /**
   * What run.mjs measured.
   *
   * @param ortVersion the onnxruntime-web version
   * @param chromium the browser version
   * @param crossOriginIsolated whether the page was isolated (without it ort-web runs one thread)
   * @param threadsRequested {@code ort.env.wasm.numThreads} as set
   * @param threadsUsed {@code ort.env.wasm.numThreads} after the session was created (ort-web lowers it when threads
   *     are not possible)
   * @param workersStarted Web Workers the page started (ort-web's thread pool)
   * @param sessionCreateMs time to create the session from the model bytes
   * @param batches per-batch timings, in the order given
   */
  public record Result(String ortVersion, String chromium, boolean crossOriginIsolated, int threadsRequested,
      int threadsUsed, int workersStarted, double sessionCreateMs, List<BatchTimes> batches) {
    public Result {
      batches = List.copyOf(batches);
    }
  }

  private final Path scriptDir;
  private final String node;
  private final Path chromium;
  private final Duration timeout;

  /**
   * A runner using the run.mjs in {@code scriptDir} (with its node_modules), the {@code node} command and the Chromium
   * executable given, killing a run that takes longer than {@code timeout}.
   */
  public OrtWebRunner(Path scriptDir, String node, Path chromium, Duration timeout) {
    this.scriptDir = scriptDir;
    this.node = node;
    this.chromium = chromium;
    this.timeout = timeout;
  }

  /**
   * The usual set-up: run.mjs found from the working directory (the repository root or the host module), the
   * {@code askpage.ortweb.dir} property overriding; {@code node} on the PATH; Chromium from {@code CHROMIUM} or
   * {@code /usr/bin/chromium}; 10 minutes per run.
   */
  public static OrtWebRunner withDefaults() {
    String env = System.getenv("CHROMIUM");
    Path browser = Path.of(env != null && !env.isBlank() ? env : "/usr/bin/chromium");
    return new OrtWebRunner(defaultScriptDir(), "node", browser, Duration.ofMinutes(10));
  }

  /** Where run.mjs is: {@code askpage.ortweb.dir}, else {@code host/src/bench/ortweb} or {@code src/bench/ortweb}. */
  public static Path defaultScriptDir() {
    String property = System.getProperty("askpage.ortweb.dir");
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    Path fromRoot = Path.of("host", "src", "bench", "ortweb");
    return Files.isDirectory(fromRoot) ? fromRoot : Path.of("src", "bench", "ortweb");
  }

  /** Checks that node runs and that run.mjs, its node_modules and Chromium are there, without starting a browser. */
  public void checkAvailable() throws OrtWebUnavailableException {
    if (!Files.isRegularFile(scriptDir.resolve("run.mjs"))) {
      throw new OrtWebUnavailableException(OrtWebUnavailableException.Missing.SCRIPT,
          "no run.mjs in " + scriptDir.toAbsolutePath() + ": the onnxruntime-web comparison runs only from a clone of "
              + "askpage (host/src/bench/ortweb, after npm ci there)");
    }
    Path modules = scriptDir.resolve("node_modules");
    if (!Files.isRegularFile(modules.resolve("onnxruntime-web/dist/ort.wasm.min.mjs"))
        || !Files.isDirectory(modules.resolve("playwright-core"))) {
      throw new OrtWebUnavailableException(OrtWebUnavailableException.Missing.NODE_MODULES,
          "onnxruntime-web or playwright-core is not installed in " + modules.toAbsolutePath()
              + " (run npm ci in " + scriptDir + ")");
    }
    if (!Files.isExecutable(chromium)) {
      throw new OrtWebUnavailableException(OrtWebUnavailableException.Missing.CHROMIUM,
          "no Chromium at " + chromium + " (apt-get install chromium, or set CHROMIUM)");
    }
    checkNode();
  }

  private void checkNode() throws OrtWebUnavailableException {
    try {
      Process process = new ProcessBuilder(node, "--version")
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new OrtWebUnavailableException(OrtWebUnavailableException.Missing.NODE, node + " --version hangs");
      }
      if (process.exitValue() != 0) {
        throw new OrtWebUnavailableException(OrtWebUnavailableException.Missing.NODE,
            node + " --version failed with status " + process.exitValue());
      }
    } catch (IOException e) {
      throw new OrtWebUnavailableException(OrtWebUnavailableException.Missing.NODE,
          "cannot run node (" + node + "): " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OrtWebUnavailableException(OrtWebUnavailableException.Missing.NODE, "interrupted while checking node");
    }
  }

  /**
   * Times every batch with {@code threads} WASM threads: one warm-up run, then {@code repeat} timed runs each.
   *
   * @throws OrtWebUnavailableException node, node_modules, run.mjs or Chromium is missing
   * @throws OrtWebException the run failed or timed out
   */
  public Result run(Path model, List<Batch> batches, int threads, int repeat)
      throws OrtWebUnavailableException, OrtWebException {
    return run(model, batches, threads, repeat, true);
  }

  /**
   * As {@link #run(Path, List, int, int)}; with {@code crossOriginIsolated} false the page is served without COOP/COEP,
   * as a page that did not opt in would be, and ort-web falls back to one thread.
   */
  public Result run(Path model, List<Batch> batches, int threads, int repeat, boolean crossOriginIsolated)
      throws OrtWebUnavailableException, OrtWebException {
    if (threads < 1 || repeat < 1) {
      throw new IllegalArgumentException("threads and repeat must be at least 1");
    }
    checkAvailable();
    Path work = null;
    try {
      work = Files.createTempDirectory("askpage-ortweb");
      Path batchesFile = work.resolve("batches.json");
      Path resultFile = work.resolve("result.json");
      Path stderrFile = work.resolve("stderr.txt");
      writeBatches(batchesFile, batches);
      List<String> command = new ArrayList<>(List.of(node, scriptDir.resolve("run.mjs").toAbsolutePath().toString(),
          "--model", model.toAbsolutePath().toString(),
          "--batches", batchesFile.toString(),
          "--threads", Integer.toString(threads),
          "--repeat", Integer.toString(repeat),
          "--out", resultFile.toString(),
          "--chromium", chromium.toString(),
          "--timeout", Long.toString(Math.max(1, timeout.toSeconds()))));
      if (!crossOriginIsolated) {
        command.add("--no-isolation");
      }
      Process process = new ProcessBuilder(command)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(stderrFile.toFile())
          .start();
      int status = waitFor(process);
      String stderr = tail(Files.readString(stderrFile, StandardCharsets.UTF_8));
      if (status == EXIT_CHROMIUM) {
        throw new OrtWebUnavailableException(OrtWebUnavailableException.Missing.CHROMIUM, stderr);
      }
      if (status == EXIT_DEPENDENCIES) {
        throw new OrtWebUnavailableException(OrtWebUnavailableException.Missing.NODE_MODULES, stderr);
      }
      if (status != 0) {
        throw new OrtWebException("run.mjs failed with status " + status + ": " + stderr);
      }
      return parseResult(Files.readString(resultFile, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new OrtWebException("cannot run " + node + " " + scriptDir.resolve("run.mjs") + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(work);
    }
  }

  private int waitFor(Process process) throws OrtWebException {
    try {
      if (!process.waitFor(timeout.toMillis() + 30_000, TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new OrtWebException("run.mjs took longer than " + timeout.toSeconds() + " s and was stopped");
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new OrtWebException("interrupted while waiting for run.mjs", e);
    }
  }

  /** Writes the batches file run.mjs reads: {@code [{batch, seq, input_ids, attention_mask, token_type_ids}]}. */
  static void writeBatches(Path file, List<Batch> batches) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        JsonWriter json = new JsonWriter(out)) {
      json.beginArray();
      for (Batch batch : batches) {
        json.beginObject();
        json.name("batch").value(batch.batch());
        json.name("seq").value(batch.seq());
        writeMatrix(json.name("input_ids"), batch.inputIds());
        writeMatrix(json.name("attention_mask"), batch.attentionMask());
        writeMatrix(json.name("token_type_ids"), batch.tokenTypeIds());
        json.endObject();
      }
      json.endArray();
    }
  }

  private static void writeMatrix(JsonWriter json, long[][] rows) throws IOException {
    json.beginArray();
    for (long[] row : rows) {
      json.beginArray();
      for (long value : row) {
        json.value(value);
      }
      json.endArray();
    }
    json.endArray();
  }

  /** Reads run.mjs's result JSON. */
  static Result parseResult(String text) throws OrtWebException {
    try {
      JsonObject json = JsonParser.parseString(text).getAsJsonObject();
      List<BatchTimes> batches = new ArrayList<>();
      for (JsonElement element : json.getAsJsonArray("batches")) {
        JsonObject batch = element.getAsJsonObject();
        JsonArray times = batch.getAsJsonArray("timesMs");
        List<Double> timesMs = new ArrayList<>();
        times.forEach(t -> timesMs.add(t.getAsDouble()));
        batches.add(new BatchTimes(batch.get("batch").getAsInt(), batch.get("seq").getAsInt(),
            batch.get("warmupMs").getAsDouble(), timesMs));
      }
      return new Result(
          json.get("ortVersion").getAsString(),
          json.has("chromium") ? json.get("chromium").getAsString() : "",
          json.get("crossOriginIsolated").getAsBoolean(),
          json.get("threadsRequested").getAsInt(),
          json.get("threadsUsed").getAsInt(),
          json.get("workersStarted").getAsInt(),
          json.get("sessionCreateMs").getAsDouble(),
          batches);
    } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException e) {
      throw new OrtWebException("run.mjs wrote a result this runner cannot read: " + e.getMessage(), e);
    }
  }

  private static String tail(String text) {
    String trimmed = text.strip();
    return trimmed.length() <= STDERR_TAIL_CHARS ? trimmed : "..." + trimmed.substring(trimmed.length()
        - STDERR_TAIL_CHARS);
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (var files = Files.walk(dir)) {
      for (Path path : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // A temporary folder left behind is harmless.
    }
  }
}
