package dev.askpage.bench;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.askpage.engine.EngineFactory;
import dev.askpage.engine.EngineSettings;
import dev.askpage.engine.PreparedPage;
import dev.askpage.engine.QaEngine;
import dev.askpage.eval.EvalException;
import dev.askpage.eval.SquadDataset;
import dev.askpage.infer.InferenceException;
import dev.askpage.infer.ModelLoadException;
import dev.askpage.infer.OrtNative;
import dev.askpage.infer.QaModel;
import dev.askpage.infer.ThreadPolicy;
import dev.askpage.models.ModelDirectory;
import dev.askpage.models.SharedData;
import dev.askpage.window.Window;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code askpage bench window}: W, the time of one full-length window (336 tokens) through a bare ONNX Runtime session
 * with the host's thread policy, as one line of JSON. Other benchmarks (the browser benchmark in extension/test/bench)
 * state their figures as multiples of W measured in the same run, because absolute times on a shared machine are noise.
 */
@Command(
    name = "window",
    mixinStandardHelpOptions = true,
    description = {
      "Time one full-length window (336 tokens: a question and the Normans article of SQuAD dev-v1.1) through a bare "
          + "ONNX Runtime session with the host's default thread policy, after untimed warm-up runs.",
      "Prints one line of JSON: {\"windowMs\": median, \"p90Ms\", \"minMs\", \"runs\", \"tokens\", \"model\", "
          + "\"cpu\", \"cores\", \"loadStart\", \"loadEnd\"}."
    })
public final class WindowBenchCommand implements Callable<Integer> {
  /** W's length: the unit every browser figure of issue 9 is stated in, whatever the engine's own window length. */
  static final int W_TOKENS = 336;

  private static final String QUESTION = "What did Rollo do with fealty to King Charles III of West Francia?";
  private static final int WARM_UP_RUNS = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", paramLabel = "DIR", required = true,
      description = "Model directory (e.g. the full-size synthetic model: askpage model synth --size full).")
  Path model;

  @Option(names = "--runs", paramLabel = "N", defaultValue = "20", description = "Timed runs (default 20).")
  int runs;

  @Override
  public Integer call() throws IOException, BenchException, EvalException, ModelLoadException, InferenceException {
    if (runs < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--runs must be at least 1");
    }
    double loadStart = BenchCommand.machine(Double.NaN).loadStart();
    EngineSettings settings = EngineSettings.defaults();
    String page = SquadDataset.read(SharedData.resolve("squad/dev-v1.1.json")).articles().stream()
        .filter(a -> a.title().equals("Normans")).findFirst()
        .orElseThrow(() -> new BenchException("no Normans article in SQuAD dev-v1.1")).text();
    double[] times = new double[runs];
    OrtEnvironment env = OrtNative.environment();
    ThreadPolicy threads = ThreadPolicy.defaults();
    Window window;
    try (QaEngine engine = EngineFactory.fromDirectory(model, threads, settings)) {
      PreparedPage prepared = engine.prepare(page);
      window = fullLength(engine.planWindows(prepared, QUESTION, 1).windows().get(0), W_TOKENS);
    }
    try (OrtSession.SessionOptions options = QaModel.sessionOptions(threads);
        OrtSession session = env.createSession(model.resolve(ModelDirectory.MODEL_FILE).toString(), options)) {
      boolean types = session.getInputNames().contains("token_type_ids");
      List<List<Window>> batches = List.of(List.of(window));
      for (int i = 0; i < WARM_UP_RUNS; i++) {
        OverheadBench.runBare(env, session, batches, types);
      }
      for (int i = 0; i < runs; i++) {
        times[i] = OverheadBench.runBare(env, session, batches, types);
      }
    } catch (OrtException e) {
      throw new BenchException("ONNX Runtime failed in the bare session: " + e.getMessage(), e);
    }
    BenchReport.Machine machine = BenchCommand.machine(loadStart);
    spec.commandLine().getOut().println(String.format(Locale.ROOT,
        "{\"windowMs\":%.2f,\"p90Ms\":%.2f,\"minMs\":%.2f,\"runs\":%d,\"tokens\":%d,\"model\":\"%s\",\"cpu\":\"%s\","
            + "\"cores\":%d,\"loadStart\":%.2f,\"loadEnd\":%.2f}",
        Stats.median(times), Stats.percentile(times, 90), Arrays.stream(times).min().orElse(Double.NaN), runs,
        window.length(), jsonEscape(ModelDirectory.read(model).manifest().id()), jsonEscape(machine.cpuModel()),
        machine.cores(), machine.loadStart(), machine.loadEnd()));
    return 0;
  }

  /**
   * The engine's window made exactly {@code length} positions long: grown with more of its own context (its passages
   * may leave it short) or cut (the engine's windows may be longer than W's). What ONNX Runtime costs depends on the
   * length, not on which tokens fill it.
   */
  static Window fullLength(Window planned, int length) {
    int[] source = planned.inputIds();
    if (source.length == length) {
      return planned;
    }
    int start = planned.contextStart();
    int contextTokens = Math.max(1, source.length - 1 - start); // without the closing [SEP]
    int[] ids = Arrays.copyOf(source, length);
    for (int i = start; i < length - 1; i++) {
      ids[i] = source[start + (i - start) % contextTokens];
    }
    ids[length - 1] = source[source.length - 1];
    return new Window(ids, start, new int[0], new int[0], new boolean[0]);
  }

  private static String jsonEscape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
