package dev.askpage.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.askpage.bench.BenchReport.AskTiming;
import dev.askpage.bench.BenchReport.ColdStart;
import dev.askpage.bench.BenchReport.Machine;
import dev.askpage.bench.BenchReport.OrtWeb;
import dev.askpage.bench.BenchReport.Overhead;
import dev.askpage.bench.BenchReport.Retrieval;
import dev.askpage.bench.BenchReport.RunSettings;
import dev.askpage.bench.BenchReport.WarmRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {
  @TempDir Path temp;

  private static List<AskTiming> asks(double base) {
    List<AskTiming> asks = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      asks.add(new AskTiming(base + i, 2, i % 4 == 0 ? 30 : 0.1, 0.5, base - 10 + i, 0.6, base - 5 + i, 4,
          i % 4 != 0));
    }
    return asks;
  }

  private static BenchReport report(OrtWeb web) {
    WarmRun warm = new WarmRun("default (2 threads, spinning)", "", false, asks(200), 320);
    WarmRun load = new WarmRun("default (2 threads, spinning)", "", true, asks(900), 320);
    WarmRun noSpinLoad = new WarmRun("2 threads, no spinning", "--threads 2 --no-spin", true, asks(400), 310);
    Map<Integer, Double> recall = new LinkedHashMap<>();
    recall.put(1, 0.928);
    recall.put(2, 0.958);
    recall.put(4, 0.975);
    recall.put(8, 0.986);
    return new BenchReport(new Machine(2, "AMD EPYC", "Java 17", "Linux amd64", 0.2, 0.3),
        new RunSettings(true, 8, 8, 1, "synthetic-mobilebert-full", 4, 120, List.of("-XX:+UseSerialGC"),
            "env MALLOC_ARENA_MAX=2"),
        warm, new WarmRun("default, plain java -jar", "", false, asks(190), 280),
        List.of(warm, load, noSpinLoad), "2 threads, no spinning",
        List.of(new ColdStart("no flags", "", List.of(300.0, 310.0, 320.0), List.of(1800.0, 1900.0, 2100.0),
            List.of(200.0), asks(600).subList(0, 3), 330)),
        new Overhead(8, 8, 1050, 1000), web, new Retrieval(recall, 4, 10570));
  }

  @Test
  void jsonHasTheHeadlineNumbers() {
    JsonObject json = report(new OrtWeb(6.5, null, 180, 1170, List.of("4x383"), "1.30.0", "156", 2, true, 2000))
        .toJson();
    for (String key : List.of("warm_p50_ms", "warm_p95_ms", "cold_start_ms", "peak_rss_mb", "overhead_ratio",
        "ortweb_ratio", "retrieval_recall_default", "default_window_budget", "machine", "questions")) {
      assertTrue(json.has(key), key);
    }
    assertEquals(2, json.getAsJsonObject("machine").get("cores").getAsInt());
    assertEquals("AMD EPYC", json.getAsJsonObject("machine").get("cpu_model").getAsString());
    assertEquals(8, json.get("questions").getAsInt());
    assertEquals(1900.0, json.get("cold_start_ms").getAsDouble());
    assertEquals(1.05, json.get("overhead_ratio").getAsDouble(), 1e-9);
    assertEquals(0.975, json.get("retrieval_recall_default").getAsDouble(), 1e-9);
    assertEquals(4, json.get("default_window_budget").getAsInt());
    assertEquals(280.0, json.get("peak_rss_mb_plain_java").getAsDouble());
  }

  @Test
  void ortWebRatioIsNullWithAReasonWhenItCouldNotRun() {
    JsonObject json = report(OrtWeb.unavailable("NODE_MODULES: run npm ci")).toJson();
    assertTrue(json.get("ortweb_ratio").isJsonNull());
    assertEquals("NODE_MODULES: run npm ci", json.get("ortweb_reason").getAsString());
    assertTrue(report(OrtWeb.unavailable("NODE_MODULES: run npm ci")).toMarkdown()
        .contains("Not measured: NODE_MODULES: run npm ci"));
  }

  @Test
  void markdownHasTheTargetsTableAndSaysWhichAreMissed() {
    String md = report(new OrtWeb(6.5, null, 180, 1170, List.of("4x383"), "1.30.0", "156", 2, true, 2000))
        .toMarkdown();
    assertTrue(md.contains("| figure | measured | target | met |"), md);
    assertTrue(md.contains("| warm time to answer, p50 | 204 ms | ≤ 250 ms | yes |"), md);
    assertTrue(md.contains("| host peak resident memory (VmHWM) | 320 MiB | ≤ 400 MiB | yes |"), md);
    assertTrue(md.contains("| 4 (default) | 97.5 % |"), md);
    assertTrue(md.contains("2 threads, no spinning (best p95 under load)"), md);
    assertFalse(md.contains("not a quiet machine"), md);
  }

  @Test
  void writesBothFilesAndAPlot() throws Exception {
    BenchReport report = report(OrtWeb.unavailable("skipped"));
    report.write(temp);
    JsonObject json = JsonParser.parseString(Files.readString(temp.resolve("report.json"), StandardCharsets.UTF_8))
        .getAsJsonObject();
    assertTrue(json.has("warm_p95_ms"));
    assertTrue(Files.readString(temp.resolve("report.md")).startsWith("# askpage bench"));
    Path png = temp.resolve("latency.png");
    LatencyPlot.write(png, "test", List.of(new LatencyPlot.Series("quiet", new double[] {200, 210, 250},
        0x0000ff)));
    assertEquals(960, ImageIO.read(png.toFile()).getWidth());
  }
}
