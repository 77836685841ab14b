package dev.askpage.bench;

import dev.askpage.bench.BenchReport.ColdStart;
import dev.askpage.bench.BenchReport.Machine;
import dev.askpage.bench.BenchReport.OrtWeb;
import dev.askpage.bench.BenchReport.Overhead;
import dev.askpage.bench.BenchReport.Retrieval;
import dev.askpage.bench.BenchReport.RunSettings;
import dev.askpage.bench.BenchReport.WarmRun;
import dev.askpage.engine.EngineSettings;
import dev.askpage.engine.PreparedPage;
import dev.askpage.engine.QaEngine;
import dev.askpage.eval.EvalException;
import dev.askpage.eval.ProgressBar;
import dev.askpage.eval.RetrievalEval;
import dev.askpage.eval.SquadDataset;
import dev.askpage.infer.InferenceException;
import dev.askpage.infer.ModelLoadException;
import dev.askpage.infer.ThreadPolicy;
import dev.askpage.models.Int8Variants;
import dev.askpage.models.ModelDirectory;
import dev.askpage.models.SharedData;
import dev.askpage.models.SyntheticModels;
import dev.askpage.models.SyntheticSize;
import dev.askpage.tokenizer.Vocabulary;
import dev.askpage.tokenizer.WordPieceTokenizer;
import dev.askpage.window.Window;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import dev.askpage.installer.runtime.Launcher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code askpage bench}: latency, cold start, memory, overhead and the in-browser baseline, in one report. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    subcommands = WindowBenchCommand.class,
    description = {
      "Measure the host on the full-size synthetic MobileBERT (same shapes and cost as the real model) with SQuAD "
          + "dev-v1.1 questions asked of their whole article: warm time to answer through a real host process "
          + "(quiet and with one core busy, per thread policy), cold start, peak memory, the engine's overhead over "
          + "bare ONNX Runtime, onnxruntime-web in headless Chromium, retrieval recall per window budget, and the int8 "
          + "variant against fp32 (speed on the same windows with the two sessions alternating, size, session "
          + "creation, logit cosine on 200 questions).",
      "Writes DIR/report.json, DIR/report.md, DIR/latency.png (on a Java with java.desktop: not on the installed "
          + "runtime, which says so), DIR/int8.json and DIR/int8.md. Take final figures on a quiet machine.",
      "Progress goes to stderr; the report table to stdout."
    })
public final class BenchCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--quick", description = "A smaller sample: done in a few minutes.")
  boolean quick;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/bench",
      description = "Where the report goes (default target/bench).")
  Path out;

  @Option(names = "--model", paramLabel = "DIR",
      description = "Model directory (default: write the full-size synthetic MobileBERT into DIR/model).")
  Path model;

  @Option(names = "--questions", paramLabel = "N",
      description = "Questions timed in the headline warm run (default 120, or 24 with --quick).")
  Integer questions;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Sampling seed (default 1).")
  long seed;

  @Option(names = "--int8-only", description = "Only the int8 against fp32 comparison (speed, size, load time, "
      + "logit fidelity); writes DIR/int8.json and DIR/int8.md.")
  boolean int8Only;

  @Option(names = "--skip-ortweb", description = "Do not start onnxruntime-web in Chromium (the report says so).")
  boolean skipOrtWeb;

  @Option(names = "--progressive", description = "Instead of the whole report: what progressive answers cost. On "
      + "cached pages, the time to the partial answers and to the final ones of asks with partial, the same asks "
      + "without, and W (one 336-token window through bare ONNX Runtime) beside them. Writes DIR/progressive.md.")
  boolean progressive;

  @Option(names = "--soak", description = "Instead of the whole report: a soak of one host process. 2,000 questions "
      + "over 100 distinct pages (prepare and ask by page id, ask with text, with and without partial answers), with "
      + "a storm of 400 questions on one tab, one every 50 ms, after the first 1,000. Uses the tiny synthetic model "
      + "unless --model is given. Writes DIR/soak.md; exits 1 when the soak does not hold.")
  boolean soak;

  /** Host policies compared: label and host options. */
  record Policy(String label, List<String> options) {}

  @Override
  public Integer call() throws IOException, BenchException, EvalException, ModelLoadException, InferenceException {
    if (progressive || soak) {
      return progressiveAndSoak();
    }
    long started = System.nanoTime();
    PrintWriter err = spec.commandLine().getErr();
    int timed = questions != null ? questions : quick ? 24 : 120;
    int perPolicy = Math.max(QuestionSample.PER_ARTICLE, Math.min(timed, quick ? 12 : 48));
    int coldTrials = 3;
    Machine machineAtStart = machine(Double.NaN);
    if (machineAtStart.loadStart() >= 0.5) {
      err.printf(Locale.ROOT, "warning: load average %.2f: other work is running, figures will be noisy%n",
          machineAtStart.loadStart());
    }

    Path modelDir = model != null ? model : writeModel(out.resolve("model"), err);
    ModelDirectory dir = ModelDirectory.read(modelDir);
    SquadDataset squad = SquadDataset.read(SharedData.resolve("squad/dev-v1.1.json"));
    QuestionSample sample = QuestionSample.draw(squad, timed, seed);
    EngineSettings settings = EngineSettings.defaults();
    WordPieceTokenizer tokenizer = new WordPieceTokenizer(Vocabulary.load(dir.vocabFile()));
    if (int8Only) {
      Int8Comparison int8 = int8(dir, squad, settings, err);
      spec.commandLine().getOut().print(int8.toMarkdown());
      return 0;
    }

    // Retrieval: no model needed.
    List<Integer> budgets = new ArrayList<>(List.of(1, 2, 4, 8));
    if (!budgets.contains(settings.defaultWindows())) {
      budgets.add(settings.defaultWindows());
      budgets.sort(Comparator.naturalOrder());
    }
    int answerable = (int) squad.questions().stream().filter(q -> !q.answers().isEmpty()).count();
    ProgressBar retrievalBar = ProgressBar.on(err, "retrieval", answerable);
    Map<Integer, Double> recall = new RetrievalEval(tokenizer, settings).recall(squad, budgets, retrievalBar);
    retrievalBar.finish();
    Retrieval retrieval = new Retrieval(recall, settings.defaultWindows(), answerable);

    HostLauncher launcher = HostLauncher.forThisJvm(modelDir.toAbsolutePath());
    HostBench host = new HostBench(launcher);

    // The host as the installed launcher starts it: its heap options and environment, the class-data archive, ONNX
    // Runtime's native libraries extracted once. The headline.
    List<QuestionSample.Ask> coldAsks = sample.first(QuestionSample.PER_ARTICLE);
    Path archive = writeClassArchive(host, out.toAbsolutePath().resolve("askpage-host.jsa"), coldAsks.get(0), err);
    Path nativeDir = extractOrtNative(out.toAbsolutePath().resolve("ort-native"), err);
    List<String> launcherFlags = launcherFlags(archive, nativeDir);
    ProgressBar warmBar = ProgressBar.on(err, "warm (as the launcher starts it)", timed);
    WarmRun warm = host.warm(policyLabel(new Policy("", List.of())), false, launcherFlags, LAUNCHER_ENV, List.of(),
        sample, sample.asks(), warmBar);
    warmBar.finish();

    // The same questions through plain `java -jar askpage.jar host`, no JVM flags.
    ProgressBar plainBar = ProgressBar.on(err, "warm (plain java -jar)", timed);
    WarmRun warmPlain = host.warm(warm.label() + ", plain java -jar (no JVM flags, no " + LAUNCHER_ENV_TEXT + ")",
        false, List.of(), Map.of(), List.of(), sample, sample.asks(), plainBar);
    plainBar.finish();

    // Thread policies, quiet and under load, on the same first questions.
    List<Policy> policies = policies();
    List<WarmRun> policyRuns = new ArrayList<>();
    List<QuestionSample.Ask> policyAsks = sample.first(perPolicy);
    ProgressBar policyBar = ProgressBar.on(err, "thread policies", (long) perPolicy * (2L * policies.size() - 1));
    for (Policy p : policies) {
      String label = policyLabel(p);
      if (p.options().isEmpty()) {
        policyRuns.add(warm.first(perPolicy));
      } else {
        policyRuns.add(host.warm(label, false, launcherFlags, LAUNCHER_ENV, p.options(), sample, policyAsks,
            policyBar));
      }
      try (BusyLoop busy = BusyLoop.start()) {
        policyRuns.add(host.warm(label, true, launcherFlags, LAUNCHER_ENV, p.options(), sample, policyAsks,
            policyBar));
      }
    }
    policyBar.finish();
    String recommended = policyRuns.stream().filter(WarmRun::underLoad)
        .min(Comparator.comparingDouble(r -> r.p(95))).map(WarmRun::label).orElse("");

    // Cold starts, per set of JVM flags.
    List<List<String>> jvmFlagSets = jvmFlagSets(archive);
    jvmFlagSets.add(launcherFlags);
    List<ColdStart> cold = new ArrayList<>();
    ProgressBar coldBar = ProgressBar.on(err, "cold starts", (long) coldTrials * jvmFlagSets.size());
    // Round robin over the flag sets, so load that comes and goes on the machine touches each set alike.
    for (int t = 0; t < coldTrials; t++) {
      for (int k = 0; k < jvmFlagSets.size(); k++) {
        List<String> flags = jvmFlagSets.get(k);
        ColdStart trial = host.cold(flags.isEmpty() ? "no flags" : String.join(" ", flags), flags, coldAsks.get(0),
            coldAsks.subList(1, coldAsks.size()), 1, coldBar);
        if (t == 0) {
          cold.add(trial);
        } else {
          cold.set(k, cold.get(k).plus(trial));
        }
      }
    }
    coldBar.finish();

    // The engine over bare ONNX Runtime, in this process.
    int overheadQuestions = quick ? 8 : 24;
    int overheadRepeat = 2;
    ProgressBar overheadBar = ProgressBar.on(err, "overhead", overheadRepeat);
    Overhead overhead = new OverheadBench(modelDir, ThreadPolicy.defaults(), settings)
        .measure(sample.first(overheadQuestions), overheadRepeat, overheadBar);
    overheadBar.finish();

    Int8Comparison int8 = int8(dir, squad, settings, err);

    // onnxruntime-web on the engine's own batches for the first questions.
    OrtWeb ortWeb;
    if (skipOrtWeb) {
      ortWeb = OrtWeb.unavailable("skipped (--skip-ortweb)");
    } else {
      err.println("onnxruntime-web in Chromium ...");
      List<List<Window>> batches = new ArrayList<>();
      QaEngine planner = QaEngine.tokenizedWithoutModel(tokenizer, settings);
      for (QuestionSample.Ask a : sample.first(quick ? 1 : 2)) {
        PreparedPage page = planner.prepare(a.page());
        batches.addAll(OverheadBench.batches(planner, page, a.question(), settings.defaultWindows(),
            settings.batchSize()));
      }
      ortWeb = new OrtWebBench(OrtWebRunner.withDefaults()).measure(dir.modelFile(),
          batches, Runtime.getRuntime().availableProcessors(), quick ? 2 : 3);
    }

    double seconds = (System.nanoTime() - started) / 1e9;
    Machine machine = machine(machineAtStart.loadStart());
    RunSettings runSettings = new RunSettings(quick, warm.asks().size(), policyAsks.size(), seed,
        dir.manifest().id() + " (" + dir.manifest().parameters() + " parameters)", settings.defaultWindows(),
        seconds, launcherFlags, LAUNCHER_ENV_TEXT);
    BenchReport report = new BenchReport(machine, runSettings, warm, warmPlain, policyRuns, recommended, cold,
        overhead, ortWeb, retrieval);
    report.write(out);
    List<LatencyPlot.Series> series = new ArrayList<>();
    series.add(new LatencyPlot.Series("default policy, no added load", roundTrips(warm), 0x1e64c8));
    WarmRun defaultLoad = report.policy(warm.label(), true);
    if (defaultLoad != null) {
      series.add(new LatencyPlot.Series("default policy, one core busy", roundTrips(defaultLoad), 0xe67814));
    }
    WarmRun best = report.policy(recommended, true);
    if (best != null && !recommended.equals(warm.label())) {
      series.add(new LatencyPlot.Series(recommended + ", one core busy", roundTrips(best), 0x28a046));
    }
    boolean plotted = plot(out.resolve("latency.png"), String.format(Locale.ROOT,
        "askpage warm time to answer (full-size MobileBERT, whole SQuAD articles, %d windows, %d cores)",
        settings.defaultWindows(), machine.cores()), series, err);
    spec.commandLine().getOut().print(report.toMarkdown());
    spec.commandLine().getOut().print("\n" + int8.toMarkdown());
    spec.commandLine().getOut().flush();
    err.printf(Locale.ROOT, "wrote %s, %s%s%n", out.resolve("report.json"), out.resolve("report.md"),
        plotted ? " and " + out.resolve("latency.png") : "");
    return 0;
  }

  /**
   * Draws the latency plot when this Java has AWT ({@code java.desktop}); the installed runtime leaves that module
   * out, and a whole benchmark must not end in NoClassDefFoundError there: it says so instead. Returns whether the
   * plot was drawn. Nothing here names an AWT class, so this class loads without them.
   */
  static boolean plot(Path file, String title, List<LatencyPlot.Series> series, PrintWriter err) throws IOException {
    if (ModuleLayer.boot().findModule("java.desktop").isEmpty()) {
      err.println("latency plot not drawn: this Java runtime has no java.desktop (askpage's installed runtime "
          + "leaves it out); the figures are in the report. For the plot run the benchmark on a full JDK: "
          + "java -jar host/target/askpage.jar bench");
      return false;
    }
    LatencyPlot.write(file, title, series);
    return true;
  }

  /** {@code --progressive} and {@code --soak}: each prints its table and writes it to DIR. */
  private int progressiveAndSoak() throws IOException, BenchException, EvalException, ModelLoadException,
      InferenceException {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    SquadDataset squad = SquadDataset.read(SharedData.resolve("squad/dev-v1.1.json"));
    EngineSettings settings = EngineSettings.defaults();
    Files.createDirectories(out);
    boolean held = true;
    if (progressive) {
      Path modelDir = model != null ? model : writeModel(out.resolve("model"), err);
      int count = questions != null ? questions : quick ? 12 : 48;
      Machine start = machine(Double.NaN);
      ProgressBar bar = ProgressBar.on(err, "progressive", count);
      ProgressiveBench.Progressive figures = new ProgressiveBench(modelDir, ThreadPolicy.defaults(), settings)
          .measure(QuestionSample.draw(squad, count, seed).asks(), bar);
      bar.finish();
      Machine end = machine(start.loadStart());
      String md = figures.toMarkdown(end.cpuModel(), end.cores(), end.loadStart(), end.loadEnd(),
          ModelDirectory.read(modelDir).manifest().id());
      Files.writeString(out.resolve("progressive.md"), md);
      stdout.println(md);
    }
    if (soak) {
      Path modelDir = model;
      String label = "the model in " + model;
      if (modelDir == null) {
        modelDir = out.resolve("model-tiny");
        if (!Files.isRegularFile(modelDir.resolve(ModelDirectory.MODEL_FILE))) {
          SyntheticModels.writeMobileBert(modelDir, SyntheticSize.TINY, 1, SharedData.vocabulary());
        }
        label = "the tiny synthetic model";
      }
      int total = quick ? 400 : 2000;
      int storm = total / 5;
      Machine start = machine(Double.NaN);
      ProgressBar bar = ProgressBar.on(err, "soak", total);
      SoakBench.Soak figures = new SoakBench(HostLauncher.forThisJvm(modelDir.toAbsolutePath())).run(label,
          launcherFlags(null, null), LAUNCHER_ENV, SoakBench.pages(squad, 100), total, total / 2, storm, 50, bar);
      bar.finish();
      Machine end = machine(start.loadStart());
      String md = figures.toMarkdown(end.cpuModel(), end.cores(), end.loadStart(), end.loadEnd());
      Files.writeString(out.resolve("soak.md"), md);
      stdout.println(md);
      held = figures.holds();
    }
    stdout.flush();
    return held ? 0 : 1;
  }

  /**
   * int8 against fp32 on the same windows of SQuAD dev-v1.1 questions in page mode (200, or 24 with --quick): the
   * model's own int8 variant, or one quantized into DIR/model-int8 for the run. Writes DIR/int8.json and int8.md.
   */
  private Int8Comparison int8(ModelDirectory dir, SquadDataset squad, EngineSettings settings, PrintWriter err)
      throws IOException, ModelLoadException, InferenceException {
    ModelDirectory withInt8 = dir;
    if (dir.manifest().int8() == null) {
      err.println("quantizing " + dir.modelFile() + " to int8 for the comparison ...");
      withInt8 = Int8Variants.quantize(dir, out.resolve("model-int8")).directory();
    }
    Path int8File = withInt8.dir().resolve(withInt8.manifest().int8().file());
    int count = quick ? 24 : 200;
    List<QuestionSample.Ask> asks = QuestionSample.draw(squad, count, seed).asks();
    WordPieceTokenizer tokenizer = new WordPieceTokenizer(Vocabulary.load(dir.vocabFile()));
    ProgressBar bar = ProgressBar.on(err, "int8 against fp32", asks.size());
    Int8Comparison result = new Int8Bench(dir.modelFile(), int8File, ThreadPolicy.defaults(), settings,
        dir.manifest().predictsNoAnswer()).measure(tokenizer, asks, bar);
    bar.finish();
    result.write(out);
    return result;
  }

  private static double[] roundTrips(WarmRun run) {
    return run.asks().stream().mapToDouble(BenchReport.AskTiming::roundTripMs).toArray();
  }

  /** The default policy, then (2 threads, no spinning) when that is not the default here, (2, spinning), (1 thread). */
  static List<Policy> policies() {
    List<Policy> list = new ArrayList<>();
    list.add(new Policy("", List.of()));
    if (Runtime.getRuntime().availableProcessors() != 2) {
      list.add(new Policy("", List.of("--threads", "2", "--no-spin")));
    }
    list.add(new Policy("", List.of("--threads", "2", "--spin")));
    list.add(new Policy("", List.of("--threads", "1")));
    return list;
  }

  static String policyLabel(Policy p) {
    if (p.options().isEmpty()) {
      return "default (" + Runtime.getRuntime().availableProcessors() + " threads, no spinning)";
    }
    String threads = p.options().get(p.options().indexOf("--threads") + 1);
    boolean spin = p.options().contains("--spin");
    return threads.equals("1") ? "1 thread" : threads + " threads, " + (spin ? "spinning" : "no spinning");
  }

  /**
   * Flags that keep the host's heap small: a serial collector, a small initial heap (the default, 1/64 of the RAM, lets
   * the young generation touch far more memory before its first collection) and a cap well above a 5 M-character
   * page.
   */
  static final List<String> SMALL_HEAP = Launcher.HOST_HEAP_OPTIONS;

  /**
   * Environment a launcher script could export: fewer glibc malloc arenas (ONNX Runtime's threads otherwise each get
   * one). Ignored off glibc.
   */
  static final Map<String, String> LAUNCHER_ENV = Launcher.HOST_TUNING_ENV;

  static final String LAUNCHER_ENV_TEXT = "env " + LAUNCHER_ENV.entrySet().stream()
      .map(e -> e.getKey() + "=" + e.getValue()).sorted().collect(java.util.stream.Collectors.joining(" "));

  /**
   * The installed launcher's heap and JIT options and, when there are: the class-data archive and ONNX Runtime's
   * native libraries extracted once (else its loader copies them to a temporary folder on every start).
   */
  static List<String> launcherFlags(Path archive, Path nativeDir) {
    List<String> flags = new ArrayList<>(SMALL_HEAP);
    flags.addAll(Launcher.HOST_JIT_OPTIONS);
    if (archive != null) {
      flags.add("-XX:SharedArchiveFile=" + archive);
    }
    if (nativeDir != null) {
      flags.add("-Donnxruntime.native.path=" + nativeDir);
    }
    return flags;
  }

  /** Copies ONNX Runtime's Linux x86-64 native libraries out of its jar, as an installer would; null elsewhere. */
  private static Path extractOrtNative(Path dir, PrintWriter err) {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch");
    if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
      return null;
    }
    try {
      Files.createDirectories(dir);
      for (String lib : List.of("libonnxruntime.so", "libonnxruntime4j_jni.so")) {
        try (var in = ai.onnxruntime.OrtEnvironment.class.getResourceAsStream(
            "/ai/onnxruntime/native/linux-x64/" + lib)) {
          if (in == null) {
            return null;
          }
          Files.copy(in, dir.resolve(lib), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return dir;
    } catch (IOException e) {
      err.println("cannot extract ONNX Runtime's native libraries: " + e.getMessage());
      return null;
    }
  }

  /**
   * JVM flags tried for the host's cold start and memory (the launcher's set is added after these). The archive
   * ({@code -XX:SharedArchiveFile}) is written by one untimed host run with {@code -XX:ArchiveClassesAtExit} (an
   * installer could do the same once).
   */
  List<List<String>> jvmFlagSets(Path archive) {
    List<List<String>> sets = new ArrayList<>();
    sets.add(List.of());
    sets.add(SMALL_HEAP);
    if (!quick) {
      List<String> c1 = new ArrayList<>(SMALL_HEAP);
      c1.addAll(Launcher.HOST_JIT_OPTIONS);
      sets.add(c1);
    }
    if (archive != null) {
      List<String> cds = new ArrayList<>(SMALL_HEAP);
      cds.add("-XX:SharedArchiveFile=" + archive);
      sets.add(cds);
    }
    return sets;
  }

  /** Writes the class-data archive by running the host once (hello and one question); null when that fails. */
  private static Path writeClassArchive(HostBench host, Path archive, QuestionSample.Ask ask, PrintWriter err) {
    try {
      Files.deleteIfExists(archive);
      List<String> flags = new ArrayList<>(SMALL_HEAP);
      flags.add("-XX:ArchiveClassesAtExit=" + archive);
      host.runAndLetExit(flags, ask);
      return Files.isRegularFile(archive) ? archive : null;
    } catch (BenchException | IOException e) {
      err.println("no class-data archive: " + e.getMessage());
      return null;
    }
  }

  private static Path writeModel(Path dir, PrintWriter err) throws IOException {
    if (Files.isRegularFile(dir.resolve(ModelDirectory.MODEL_FILE))) {
      return dir;
    }
    err.println("writing the full-size synthetic MobileBERT to " + dir + " ...");
    SyntheticModels.writeMobileBert(dir, SyntheticSize.FULL, 1, SharedData.vocabulary());
    return dir;
  }

  /** Cores, CPU model and load average (the start's load is passed in once known). */
  static Machine machine(double loadStart) {
    String cpu = "unknown CPU";
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).trim();
          break;
        }
      }
    } catch (IOException e) {
      cpu = System.getProperty("os.arch");
    }
    double load = loadAverage();
    return new Machine(Runtime.getRuntime().availableProcessors(), cpu,
        "Java " + System.getProperty("java.version"), System.getProperty("os.name") + " "
            + System.getProperty("os.arch"), Double.isNaN(loadStart) ? load : loadStart, load);
  }

  /** The 1-minute load average now (NaN where unknown). */
  static double loadAverageNow() {
    return loadAverage();
  }

  private static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
    } catch (IOException | NumberFormatException e) {
      return Double.NaN;
    }
  }
}
