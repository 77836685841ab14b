package dev.askpage.bench;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * What {@code askpage bench} measured, and its two renderings: {@code report.json} (flat headline numbers first, then
 * the details) and {@code report.md} (tables, each figure next to its target).
 *
 * @param machine where it ran
 * @param settings how it ran (sample size, seed, model, quick or full)
 * @param warm the headline warm run: the host as the installed launcher starts it (its heap options, environment,
 *     class-data archive), default thread policy, no added load
 * @param warmPlain the same questions through plain {@code java -jar askpage.jar host}, no JVM flags
 * @param policies thread policies, quiet and under load, on the same questions
 * @param recommendedPolicy the policy with the best p95 under load (its label)
 * @param coldStarts cold starts per set of JVM flags; the first is the headline (no flags)
 * @param overhead the engine against bare ONNX Runtime
 * @param ortWeb onnxruntime-web in Chromium against the host's session
 * @param retrieval page-level recall per window budget
 */
public record BenchReport(Machine machine, RunSettings settings, WarmRun warm, WarmRun warmPlain,
    List<WarmRun> policies,
    String recommendedPolicy, List<ColdStart> coldStarts, Overhead overhead, OrtWeb ortWeb, Retrieval retrieval) {

  /** Targets, from the benchmark issue. */
  static final double TARGET_P50_MS = 250;
  static final double TARGET_P95_MS = 500;
  static final double TARGET_COLD_MS = 2000;
  static final double TARGET_RSS_MB = 400;
  static final double TARGET_OVERHEAD = 1.10;
  static final double TARGET_ORTWEB = 4.0;

  public BenchReport {
    policies = List.copyOf(policies);
    coldStarts = List.copyOf(coldStarts);
  }

  /** The machine: cores, CPU model, load average when the bench started and ended. */
  public record Machine(int cores, String cpuModel, String java, String os, double loadStart, double loadEnd) {}

  /** How the bench ran. */
  public record RunSettings(boolean quick, int questions, int policyQuestions, long seed, String model,
      int defaultWindowBudget, double seconds, List<String> launcherFlags, String launcherEnv) {
    public RunSettings {
      launcherFlags = List.copyOf(launcherFlags);
    }
  }

  /** One question's timings: the client's round trip and the reply's {@code timings}. */
  public record AskTiming(double roundTripMs, double transferMs, double tokenizeMs, double retrieveMs,
      double inferenceMs, double decodeMs, double totalMs, int windows, boolean cacheHit) {}

  /** Questions asked of one host process, one after the other. */
  public record WarmRun(String label, String hostOptions, boolean underLoad, List<AskTiming> asks, double peakRssMb) {
    public WarmRun {
      asks = List.copyOf(asks);
    }

    double[] values(ToDoubleFunction<AskTiming> f, Predicate<AskTiming> which) {
      return asks.stream().filter(which).mapToDouble(f).toArray();
    }

    double p(double percentile) {
      return Stats.percentile(values(AskTiming::roundTripMs, a -> true), percentile);
    }

    /** Windows read per second of inference. */
    double windowsPerSecond() {
      double windows = asks.stream().mapToInt(AskTiming::windows).sum();
      double seconds = Stats.sum(values(AskTiming::inferenceMs, a -> true)) / 1000;
      return windows / seconds;
    }

    /** The first {@code n} questions as a run of its own. */
    WarmRun first(int n) {
      return new WarmRun(label, hostOptions, underLoad, asks.subList(0, Math.min(n, asks.size())), peakRssMb);
    }
  }

  /** Cold starts of the host with one set of JVM flags. */
  public record ColdStart(String label, String jvmFlags, List<Double> helloMs, List<Double> firstAnswerMs,
      List<Double> laterAnswerMs, List<AskTiming> firstTimings, double peakRssMb) {
    public ColdStart {
      helloMs = List.copyOf(helloMs);
      firstAnswerMs = List.copyOf(firstAnswerMs);
      laterAnswerMs = List.copyOf(laterAnswerMs);
      firstTimings = List.copyOf(firstTimings);
    }

    /** This set's trials followed by {@code other}'s (same flags), the peak RSS the larger. */
    ColdStart plus(ColdStart other) {
      return new ColdStart(label, jvmFlags, concat(helloMs, other.helloMs), concat(firstAnswerMs, other.firstAnswerMs),
          concat(laterAnswerMs, other.laterAnswerMs), concat(firstTimings, other.firstTimings),
          Math.max(peakRssMb, other.peakRssMb));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
      List<T> out = new ArrayList<>(a);
      out.addAll(b);
      return out;
    }

    /** Median of one part of the first question's own timings. */
    double firstPart(ToDoubleFunction<AskTiming> part) {
      return Stats.median(firstTimings.stream().mapToDouble(part).toArray());
    }

    double helloMedian() {
      return Stats.median(helloMs);
    }

    double firstAnswerMedian() {
      return Stats.median(firstAnswerMs);
    }

    double laterMedian() {
      return Stats.median(laterAnswerMs);
    }
  }

  /** Total engine and bare-ORT time over the same questions and batches. */
  public record Overhead(int questions, int batches, double engineMs, double bareMs) {
    double ratio() {
      return engineMs / bareMs;
    }
  }

  /** onnxruntime-web against the host on the same batches; a null ratio with the reason when it could not run. */
  public record OrtWeb(Double ratio, String reason, double javaMs, double webMs, List<String> shapes,
      String ortVersion, String chromium, int threadsUsed, boolean crossOriginIsolated, double webSessionMs) {
    static OrtWeb unavailable(String reason) {
      return new OrtWeb(null, reason, Double.NaN, Double.NaN, List.of(), "", "", 0, false, Double.NaN);
    }
  }

  /** Recall of the windows read, per budget, over {@code questions} answerable questions. */
  public record Retrieval(Map<Integer, Double> recall, int defaultBudget, int questions) {
    public Retrieval {
      recall = new LinkedHashMap<>(recall);
    }

    double atDefault() {
      return recall.getOrDefault(defaultBudget, Double.NaN);
    }
  }

  /** One line of the targets table. */
  record Target(String key, String what, double value, String unit, String target, boolean met, String note) {}

  List<Target> targets() {
    ColdStart cold = coldStarts.isEmpty() ? null : coldStarts.get(0);
    List<Target> t = new ArrayList<>();
    t.add(new Target("warm_p50_ms", "warm time to answer, p50", warm.p(50), "ms", "≤ 250 ms",
        warm.p(50) <= TARGET_P50_MS, ""));
    t.add(new Target("warm_p95_ms", "warm time to answer, p95", warm.p(95), "ms", "≤ 500 ms",
        warm.p(95) <= TARGET_P95_MS, ""));
    double coldMs = cold == null ? Double.NaN : cold.firstAnswerMedian();
    t.add(new Target("cold_start_ms", "cold start to first answer (median of " + (cold == null ? 0
        : cold.firstAnswerMs().size()) + ")", coldMs, "ms", "≤ 2000 ms", coldMs <= TARGET_COLD_MS, ""));
    double rss = peakRssMb();
    t.add(new Target("peak_rss_mb", "host peak resident memory (VmHWM)", rss, "MiB", "≤ 400 MiB",
        rss <= TARGET_RSS_MB, ""));
    t.add(new Target("overhead_ratio", "engine time / bare ORT time", overhead.ratio(), "×", "≤ 1.10",
        overhead.ratio() <= TARGET_OVERHEAD, ""));
    double web = ortWeb.ratio() == null ? Double.NaN : ortWeb.ratio();
    t.add(new Target("ortweb_ratio", "onnxruntime-web time / host time", web, "×", "≥ 4",
        web >= TARGET_ORTWEB, ortWeb.ratio() == null ? "not measured: " + ortWeb.reason() : ""));
    return t;
  }

  double peakRssMb() {
    return warm.peakRssMb();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // JSON

  JsonObject toJson() {
    JsonObject o = new JsonObject();
    o.add("warm_p50_ms", num(warm.p(50)));
    o.add("warm_p95_ms", num(warm.p(95)));
    ColdStart cold = coldStarts.isEmpty() ? null : coldStarts.get(0);
    o.add("cold_start_ms", num(cold == null ? Double.NaN : cold.firstAnswerMedian()));
    o.add("hello_ms", num(cold == null ? Double.NaN : cold.helloMedian()));
    o.add("peak_rss_mb", num(peakRssMb()));
    o.add("warm_p50_ms_plain_java", num(warmPlain.p(50)));
    o.add("warm_p95_ms_plain_java", num(warmPlain.p(95)));
    o.add("peak_rss_mb_plain_java", num(warmPlain.peakRssMb()));
    o.add("overhead_ratio", num(overhead.ratio(), 3));
    o.add("ortweb_ratio", ortWeb.ratio() == null ? JsonNull.INSTANCE : num(ortWeb.ratio(), 2));
    if (ortWeb.ratio() == null) {
      o.addProperty("ortweb_reason", ortWeb.reason());
    }
    o.add("retrieval_recall_default", num(retrieval.atDefault(), 4));
    o.addProperty("default_window_budget", settings.defaultWindowBudget());
    o.addProperty("questions", warm.asks().size());
    o.add("windows_per_second", num(warm.windowsPerSecond(), 2));
    o.addProperty("recommended_thread_policy", recommendedPolicy);

    JsonObject m = new JsonObject();
    m.addProperty("cores", machine.cores());
    m.addProperty("cpu_model", machine.cpuModel());
    m.addProperty("java", machine.java());
    m.addProperty("os", machine.os());
    m.add("load_average_start", num(machine.loadStart(), 2));
    m.add("load_average_end", num(machine.loadEnd(), 2));
    o.add("machine", m);

    JsonObject s = new JsonObject();
    s.addProperty("quick", settings.quick());
    s.addProperty("questions", settings.questions());
    s.addProperty("policy_questions", settings.policyQuestions());
    s.addProperty("seed", settings.seed());
    s.addProperty("model", settings.model());
    s.add("seconds", num(settings.seconds()));
    o.add("settings", s);

    JsonObject w = runJson(warm);
    w.add("cache_miss", partJson(warm, a -> !a.cacheHit()));
    w.add("cache_hit", partJson(warm, AskTiming::cacheHit));
    o.add("warm", w);
    o.add("warm_plain_java", runJson(warmPlain));

    JsonArray policyArray = new JsonArray();
    for (WarmRun run : policies) {
      policyArray.add(runJson(run));
    }
    o.add("thread_policies", policyArray);

    JsonArray coldArray = new JsonArray();
    for (ColdStart c : coldStarts) {
      JsonObject j = new JsonObject();
      j.addProperty("label", c.label());
      j.addProperty("jvm_flags", c.jvmFlags());
      j.add("hello_ms", numbers(c.helloMs()));
      j.add("first_answer_ms", numbers(c.firstAnswerMs()));
      j.add("hello_median_ms", num(c.helloMedian()));
      j.add("first_answer_median_ms", num(c.firstAnswerMedian()));
      j.add("later_answer_median_ms", num(c.laterMedian()));
      JsonObject first = new JsonObject();
      for (Part part : Part.values()) {
        first.add(part.key, num(c.firstPart(part.value)));
      }
      j.add("first_answer_parts_median", first);
      j.add("peak_rss_mb", num(c.peakRssMb()));
      coldArray.add(j);
    }
    o.add("cold_starts", coldArray);

    JsonObject ov = new JsonObject();
    ov.addProperty("questions", overhead.questions());
    ov.addProperty("batches", overhead.batches());
    ov.add("engine_ms", num(overhead.engineMs()));
    ov.add("bare_ort_ms", num(overhead.bareMs()));
    ov.add("ratio", num(overhead.ratio(), 3));
    o.add("overhead", ov);

    JsonObject web = new JsonObject();
    web.add("ratio", ortWeb.ratio() == null ? JsonNull.INSTANCE : num(ortWeb.ratio(), 2));
    if (ortWeb.reason() != null) {
      web.addProperty("reason", ortWeb.reason());
    }
    web.add("host_ms", num(ortWeb.javaMs()));
    web.add("ortweb_ms", num(ortWeb.webMs()));
    JsonArray shapes = new JsonArray();
    ortWeb.shapes().forEach(shapes::add);
    web.add("batches", shapes);
    web.addProperty("ort_web_version", ortWeb.ortVersion());
    web.addProperty("chromium", ortWeb.chromium());
    web.addProperty("threads_used", ortWeb.threadsUsed());
    web.addProperty("cross_origin_isolated", ortWeb.crossOriginIsolated());
    web.add("ortweb_session_ms", num(ortWeb.webSessionMs()));
    o.add("ortweb", web);

    JsonObject r = new JsonObject();
    r.addProperty("questions", retrieval.questions());
    r.addProperty("default_budget", retrieval.defaultBudget());
    JsonObject byBudget = new JsonObject();
    retrieval.recall().forEach((budget, recall) -> byBudget.add(Integer.toString(budget), num(recall, 4)));
    r.add("recall_by_budget", byBudget);
    o.add("retrieval", r);

    JsonArray targets = new JsonArray();
    for (Target t : targets()) {
      JsonObject j = new JsonObject();
      j.addProperty("key", t.key());
      j.add("value", num(t.value(), 3));
      j.addProperty("target", t.target());
      j.addProperty("met", t.met());
      targets.add(j);
    }
    o.add("targets", targets);
    return o;
  }

  private static JsonObject runJson(WarmRun run) {
    JsonObject j = partJson(run, a -> true);
    j.addProperty("label", run.label());
    j.addProperty("host_options", run.hostOptions());
    j.addProperty("under_load", run.underLoad());
    j.add("peak_rss_mb", num(run.peakRssMb()));
    j.add("windows_per_second", num(run.windowsPerSecond(), 2));
    return j;
  }

  private static JsonObject partJson(WarmRun run, Predicate<AskTiming> which) {
    JsonObject j = new JsonObject();
    j.addProperty("questions", run.values(AskTiming::roundTripMs, which).length);
    for (Part part : Part.values()) {
      double[] v = run.values(part.value, which);
      JsonObject p = new JsonObject();
      p.add("p50", num(Stats.percentile(v, 50)));
      p.add("p95", num(Stats.percentile(v, 95)));
      p.add("mean", num(Stats.mean(v)));
      j.add(part.key, p);
    }
    return j;
  }

  /** The parts of the time to answer, in the order the markdown shows them. */
  enum Part {
    ROUND_TRIP("round_trip_ms", "client round trip (time to answer)", AskTiming::roundTripMs),
    TRANSFER("transfer_ms", "capture → host transfer", AskTiming::transferMs),
    TOKENIZE("tokenize_ms", "tokenisation", AskTiming::tokenizeMs),
    RETRIEVE("retrieve_ms", "retrieval", AskTiming::retrieveMs),
    INFERENCE("inference_ms", "inference", AskTiming::inferenceMs),
    DECODE("decode_ms", "decoding", AskTiming::decodeMs),
    HOST_TOTAL("host_total_ms", "host total (in the worker)", AskTiming::totalMs),
    WINDOWS("windows", "windows read", AskTiming::windows);

    final String key;
    final String label;
    final ToDoubleFunction<AskTiming> value;

    Part(String key, String label, ToDoubleFunction<AskTiming> value) {
      this.key = key;
      this.label = label;
      this.value = value;
    }
  }

  private static JsonElement num(double v) {
    return num(v, 1);
  }

  private static JsonElement num(double v, int decimals) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return JsonNull.INSTANCE;
    }
    double scale = Math.pow(10, decimals);
    return new JsonPrimitive(Math.round(v * scale) / scale);
  }

  private static JsonArray numbers(List<Double> values) {
    JsonArray a = new JsonArray();
    values.forEach(v -> a.add(num(v)));
    return a;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Markdown

  String toMarkdown() {
    StringBuilder md = new StringBuilder();
    md.append("# askpage bench\n\n");
    md.append(String.format(Locale.ROOT, "Machine: %d cores, %s; %s; %s. Load average %.2f at the start, %.2f at "
        + "the end (the end includes the bench's own busy loop, hosts and Chromium)%s.%n%n", machine.cores(),
        machine.cpuModel(), machine.java(), machine.os(), machine.loadStart(), machine.loadEnd(),
        machine.loadStart() >= 0.5 ? " (**not a quiet machine: other work was running, figures are noisy**)" : ""));
    md.append(String.format(Locale.ROOT, "Model: %s, fp32. %s run: %d questions from SQuAD dev-v1.1 (seed %d), "
        + "each asked of its whole article, %d per article (the first one a page-cache miss); default window budget "
        + "%d; %.0f s in all.%n%n", settings.model(), settings.quick() ? "Quick" : "Full", settings.questions(),
        settings.seed(), QuestionSample.PER_ARTICLE, settings.defaultWindowBudget(), settings.seconds()));

    md.append("## Targets\n\n| figure | measured | target | met |\n| --- | ---: | --- | --- |\n");
    for (Target t : targets()) {
      String value = Double.isNaN(t.value()) ? "n/a" : format(t.value(), t.unit());
      md.append("| ").append(t.what()).append(" | ").append(value).append(" | ").append(t.target()).append(" | ")
          .append(t.met() ? "yes" : "**no**").append(t.note().isEmpty() ? "" : " (" + t.note() + ")")
          .append(" |\n");
    }
    md.append('\n');

    md.append("## Warm time to answer, default thread policy, no added load\n\n");
    md.append(String.format(Locale.ROOT, "%d questions through the host process as the installed launcher starts it "
        + "(`%s`; JVM flags `%s`, %s); %.2f windows per second of inference; host peak RSS %.0f MiB.%n%n",
        warm.asks().size(), warm.label(), String.join(" ", settings.launcherFlags()), settings.launcherEnv(),
        warm.windowsPerSecond(), warm.peakRssMb()));
    md.append("| part (ms) | p50 | p95 | p50 cache miss | p95 cache miss | p50 cache hit | p95 cache hit |\n");
    md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (Part part : Part.values()) {
      md.append("| ").append(part.label);
      for (Predicate<AskTiming> which : List.<Predicate<AskTiming>>of(a -> true, a -> !a.cacheHit(),
          AskTiming::cacheHit)) {
        double[] v = warm.values(part.value, which);
        md.append(" | ").append(ms(Stats.percentile(v, 50))).append(" | ").append(ms(Stats.percentile(v, 95)));
      }
      md.append(" |\n");
    }
    md.append(String.format(Locale.ROOT, "%nCache misses: %d questions; cache hits: %d.%n%n",
        warm.values(AskTiming::roundTripMs, a -> !a.cacheHit()).length,
        warm.values(AskTiming::roundTripMs, AskTiming::cacheHit).length));
    md.append(String.format(Locale.ROOT, "The same questions through plain `java -jar askpage.jar host` (no JVM flags, "
        + "no launcher environment): p50 %s ms, p95 %s ms, cache-miss tokenisation p95 %s ms, host peak RSS "
        + "**%.0f MiB**.%n%n", ms(warmPlain.p(50)), ms(warmPlain.p(95)),
        ms(Stats.percentile(warmPlain.values(AskTiming::tokenizeMs, a -> !a.cacheHit()), 95)),
        warmPlain.peakRssMb()));

    md.append("## Thread policies, quiet and under load\n\n");
    md.append(String.format(Locale.ROOT, "The same %d questions per run; under load another process keeps one core "
        + "busy (`sh -c 'while :; do :; done'`).%n%n", settings.policyQuestions()));
    md.append("| policy | host options | quiet p50 | quiet p95 | under load p50 | under load p95 |\n");
    md.append("| --- | --- | ---: | ---: | ---: | ---: |\n");
    for (String label : policyLabels()) {
      WarmRun quiet = policy(label, false);
      WarmRun load = policy(label, true);
      md.append("| ").append(label).append(label.equals(recommendedPolicy) ? " (best p95 under load)" : "")
          .append(" | `").append(quiet == null ? "" : quiet.hostOptions()).append("` | ")
          .append(quiet == null ? "n/a" : ms(quiet.p(50))).append(" | ")
          .append(quiet == null ? "n/a" : ms(quiet.p(95))).append(" | ")
          .append(load == null ? "n/a" : ms(load.p(50))).append(" | ")
          .append(load == null ? "n/a" : ms(load.p(95))).append(" |\n");
    }
    md.append('\n');

    md.append("## Cold start and JVM flags\n\n");
    md.append("From spawning `java ... -jar askpage.jar host --model DIR chrome-extension://.../` to the reply; "
        + "`hello` is sent at once, the first question when `hello` is answered. Medians; the first question's own "
        + "parts from its reply (its wait for the model to load is inside the round trip, not in these); peak RSS "
        + "after three more questions on the same page.\n\n");
    md.append("| JVM flags | hello | first answer | its round trip | its tokenisation | its inference | "
        + "later answers p50 | peak RSS |\n");
    md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (ColdStart c : coldStarts) {
      md.append("| ").append(c.jvmFlags().isEmpty() ? "(none)" : "`" + c.jvmFlags() + "`").append(" | ")
          .append(ms(c.helloMedian())).append(" ms | ").append(ms(c.firstAnswerMedian())).append(" ms | ")
          .append(ms(c.firstPart(AskTiming::roundTripMs))).append(" ms | ")
          .append(ms(c.firstPart(AskTiming::tokenizeMs))).append(" ms | ")
          .append(ms(c.firstPart(AskTiming::inferenceMs))).append(" ms | ")
          .append(ms(c.laterMedian())).append(" ms | ")
          .append(String.format(Locale.ROOT, "%.0f MiB", c.peakRssMb())).append(" |\n");
    }
    md.append('\n');

    md.append("## Host overhead over bare ONNX Runtime\n\n");
    md.append(String.format(Locale.ROOT, "%d questions (%d batches) on cached pages: `QaEngine.ask` %.0f ms, the "
        + "same batches through a bare `OrtSession.run` %.0f ms: ratio **%.3f**.%n%n", overhead.questions(),
        overhead.batches(), overhead.engineMs(), overhead.bareMs(), overhead.ratio()));

    md.append("## onnxruntime-web in headless Chromium\n\n");
    if (ortWeb.ratio() == null) {
      md.append("Not measured: ").append(ortWeb.reason()).append("\n\n");
    } else {
      md.append(String.format(Locale.ROOT, "Batches %s (the engine's own windows): host %.0f ms, onnxruntime-web %s "
          + "(WASM, %d thread(s), cross-origin isolated: %b) in Chromium %s %.0f ms: ort-web takes **%.2f×** as "
          + "long. Its session creation took %.0f ms.%n%n", String.join(", ", ortWeb.shapes()), ortWeb.javaMs(),
          ortWeb.ortVersion(), ortWeb.threadsUsed(), ortWeb.crossOriginIsolated(), ortWeb.chromium(),
          ortWeb.webMs(), ortWeb.ratio(), ortWeb.webSessionMs()));
    }

    md.append("## Retrieval: is the gold answer inside the windows read?\n\n");
    md.append(String.format(Locale.ROOT, "All %d answerable questions of SQuAD dev-v1.1, whole articles as pages.%n%n",
        retrieval.questions()));
    md.append("| window budget | recall |\n| ---: | ---: |\n");
    retrieval.recall().forEach((budget, recall) -> md.append("| ").append(budget)
        .append(budget == retrieval.defaultBudget() ? " (default)" : "").append(" | ")
        .append(String.format(Locale.ROOT, "%.1f %%", 100 * recall)).append(" |\n"));
    md.append("\n![warm latency](latency.png)\n");
    return md.toString();
  }

  List<String> policyLabels() {
    List<String> labels = new ArrayList<>();
    for (WarmRun run : policies) {
      if (!labels.contains(run.label())) {
        labels.add(run.label());
      }
    }
    return labels;
  }

  WarmRun policy(String label, boolean underLoad) {
    return policies.stream().filter(r -> r.label().equals(label) && r.underLoad() == underLoad).findFirst()
        .orElse(null);
  }

  private static String ms(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    return v < 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.0f", v);
  }

  private static String format(double v, String unit) {
    return switch (unit) {
      case "ms" -> String.format(Locale.ROOT, "%.0f ms", v);
      case "MiB" -> String.format(Locale.ROOT, "%.0f MiB", v);
      default -> String.format(Locale.ROOT, "%.2f%s", v, unit);
    };
  }

  /** Writes report.json and report.md into {@code dir}. */
  void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("report.json"),
        new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(toJson()) + "\n",
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("report.md"), toMarkdown(), StandardCharsets.UTF_8);
  }
}
