package dev.askpage.bench;

import com.google.gson.JsonObject;
import dev.askpage.bench.BenchReport.AskTiming;
import dev.askpage.bench.BenchReport.ColdStart;
import dev.askpage.bench.BenchReport.WarmRun;
import dev.askpage.eval.ProgressBar;
import dev.askpage.installer.doctor.HostClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/** Times questions through a real host process, as the browser sends them. */
final class HostBench {
  private static final Duration REPLY_TIMEOUT = Duration.ofMinutes(3);

  private final HostLauncher launcher;

  HostBench(HostLauncher launcher) {
    this.launcher = launcher;
  }

  /**
   * Starts a host, waits until it has answered two warm-up questions, then asks {@code asks} one after the other.
   *
   * @param label what the run is called in the report
   * @param jvmFlags flags for the host's JVM
   * @param hostOptions host options ({@code --threads 1}, {@code --no-spin})
   */
  WarmRun warm(String label, boolean underLoad, List<String> jvmFlags, List<String> hostOptions,
      QuestionSample sample, List<QuestionSample.Ask> asks, ProgressBar progress) throws BenchException {
    return warm(label, underLoad, jvmFlags, Map.of(), hostOptions, sample, asks, progress);
  }

  /** {@link #warm} with {@code env} added to the host's environment. */
  WarmRun warm(String label, boolean underLoad, List<String> jvmFlags, Map<String, String> env,
      List<String> hostOptions, QuestionSample sample, List<QuestionSample.Ask> asks, ProgressBar progress)
      throws BenchException {
    try (HostClient host = launcher.start(jvmFlags, hostOptions, env)) {
      int id = 1;
      expect(host, HostLauncher.hello(id++), "hello");
      ask(host, id++, sample.warmupFirst());
      ask(host, id++, sample.warmupSecond());
      List<AskTiming> timings = new ArrayList<>();
      for (QuestionSample.Ask a : asks) {
        timings.add(ask(host, id++, a));
        if (progress != null) {
          progress.step();
        }
      }
      double rss = HostLauncher.peakRssMb(host.process().pid());
      return new WarmRun(label, String.join(" ", hostOptions), underLoad, timings, rss);
    } catch (IOException e) {
      throw new BenchException("cannot talk to the host: " + e.getMessage(), e);
    }
  }

  /**
   * Cold starts: spawn the host, send {@code hello} at once (as the extension does on connecting), then the first
   * question when the reply comes. Times to the {@code hello} reply and to the {@code answers} reply, from the spawn;
   * then a few more questions on the same page and the host's peak RSS.
   */
  ColdStart cold(String label, List<String> jvmFlags, QuestionSample.Ask first, List<QuestionSample.Ask> more,
      int trials, ProgressBar progress) throws BenchException {
    List<Double> helloMs = new ArrayList<>();
    List<Double> answerMs = new ArrayList<>();
    List<Double> laterMs = new ArrayList<>();
    List<AskTiming> firstTimings = new ArrayList<>();
    double rss = 0;
    for (int t = 0; t < trials; t++) {
      long spawn = System.nanoTime();
      try (HostClient host = launcher.start(jvmFlags, List.of())) {
        expect(host, HostLauncher.hello(1), "hello");
        helloMs.add(millisSince(spawn));
        firstTimings.add(ask(host, 2, first));
        answerMs.add(millisSince(spawn));
        int id = 3;
        for (QuestionSample.Ask a : more) {
          laterMs.add(ask(host, id++, a).roundTripMs());
        }
        rss = Math.max(rss, HostLauncher.peakRssMb(host.process().pid()));
      } catch (IOException e) {
        throw new BenchException("cannot talk to the host: " + e.getMessage(), e);
      }
      if (progress != null) {
        progress.step();
      }
    }
    return new ColdStart(label, String.join(" ", jvmFlags), helloMs, answerMs, laterMs, firstTimings, rss);
  }

  /**
   * One host run that ends the way a browser ends it (input closed) and is then left to exit on its own, for JVM
   * flags that write something at exit ({@code -XX:ArchiveClassesAtExit}).
   */
  void runAndLetExit(List<String> jvmFlags, QuestionSample.Ask ask) throws BenchException {
    try (HostClient host = launcher.start(jvmFlags, List.of())) {
      expect(host, HostLauncher.hello(1), "hello");
      ask(host, 2, ask);
      host.closeInput();
      if (!host.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        throw new BenchException("the host did not exit within 60 s of its input closing");
      }
    } catch (IOException e) {
      throw new BenchException("cannot talk to the host: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted", e);
    }
  }

  private static AskTiming ask(HostClient host, int id, QuestionSample.Ask a) throws BenchException, IOException {
    long start = System.nanoTime();
    JsonObject result = expect(host, HostLauncher.ask(id, a.page(), a.question()), "answers");
    double roundTrip = millisSince(start);
    if (!"model".equals(result.get("mode").getAsString())) {
      throw new BenchException("the host answered in " + result.get("mode").getAsString()
          + " mode: the model did not load (" + lastLines(host) + ")");
    }
    JsonObject t = result.getAsJsonObject("timings");
    return new AskTiming(roundTrip, number(t, "transferMs"), number(t, "tokenizeMs"), number(t, "retrieveMs"),
        number(t, "inferenceMs"), number(t, "decodeMs"), number(t, "totalMs"), t.get("windows").getAsInt(),
        t.get("cacheHit").getAsBoolean());
  }

  private static JsonObject expect(HostClient host, JsonObject request, String type)
      throws BenchException, IOException {
    host.send(request);
    JsonObject reply;
    try {
      reply = host.receive(REPLY_TIMEOUT);
    } catch (TimeoutException e) {
      throw new BenchException("no reply from the host within " + REPLY_TIMEOUT.toSeconds() + " s ("
          + lastLines(host) + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted", e);
    }
    if (!type.equals(reply.get("type").getAsString())) {
      throw new BenchException("the host replied " + reply + " to a " + request.get("type").getAsString()
          + " request (" + lastLines(host) + ")");
    }
    return reply.getAsJsonObject("result");
  }

  private static double number(JsonObject o, String key) {
    return o.has(key) ? o.get(key).getAsDouble() : Double.NaN;
  }

  private static String lastLines(HostClient host) {
    String err = host.stderrText().strip();
    return err.isEmpty() ? "nothing on its stderr" : "stderr: " + err.substring(Math.max(0, err.length() - 600));
  }

  static double millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }
}
