package dev.askpage.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.askpage.installer.runtime.Launcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host, started as the installed launcher starts it (its heap flags and environment), against what once killed it
 * (issue 11): frames well under the 64 MiB limit built to exhaust a parser's heap, and 5 M-character pages, six one
 * after another and twenty at once, with the full-size synthetic MobileBERT. Every request gets exactly one reply, the
 * host never exits before its input ends, and its peak resident memory stays under the bound PROTOCOL.md states.
 */
class HostMemoryIT {
  /** PROTOCOL.md, "Memory": the host's peak resident set (VmHWM) under any sequence of requests. */
  static final long MAX_PEAK_RSS_MIB = 1024;
  private static final int MIB = 1 << 20;
  private static final int PAGE_CHARS = 5_000_000;
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String ORIGIN = "chrome-extension://figobfochmfbacgiggdecdnedcidedin/";

  @TempDir static Path temp;
  private static Path fullModel;
  private static Path oracle;

  @BeforeAll
  static void models() throws IOException {
    oracle = TestModels.oracle(temp.resolve("oracle"));
    fullModel = TestModels.fullMobileBert(temp.resolve("full"));
  }

  /**
   * {@code java <launcher heap and JIT flags> -jar askpage.jar host --model DIR ORIGIN} with the launcher's
   * environment.
   */
  private static HostProcess startAsLauncher(Path model, String... moreJvmFlags) throws IOException {
    List<String> command = new ArrayList<>(HostProcess.command(List.of("--model", model.toString(), ORIGIN)));
    List<String> flags = new ArrayList<>(Launcher.HOST_HEAP_OPTIONS);
    flags.addAll(Launcher.HOST_JIT_OPTIONS);
    flags.addAll(List.of(moreJvmFlags)); // a later -Xmx wins
    command.addAll(1, flags);
    Map<String, String> env = new HashMap<>(Launcher.HOST_TUNING_ENV);
    env.put("ORT_DISABLE_TELEMETRY", "1"); // as the launcher: no relaunch, so pid() is the host itself
    return HostProcess.start(command, env, true);
  }

  @Test
  void framesBuiltToExhaustTheHeapAreAnsweredAndTheHostServesOn() throws Exception {
    try (HostProcess host = startAsLauncher(oracle)) {
      HostProcessIT.awaitModel(host, "ready");
      host.sendRaw(HostProcess.frame(pingWithArray(1, "{}, ", 24 * MIB)));
      assertEquals(HostProcessIT.pong(1), host.receive(WAIT));
      host.sendRaw(HostProcess.frame(pingWithArray(2, "0,", 60 * MIB)));
      assertEquals(HostProcessIT.pong(2), host.receive(WAIT));
      host.sendRaw(HostProcess.frame(pingWithArray(3, "[],", 60 * MIB)));
      assertEquals(HostProcessIT.pong(3), host.receive(WAIT));
      byte[] zeros = new byte[60 * MIB];
      java.util.Arrays.fill(zeros, (byte) '0');
      host.sendRaw(HostProcess.frame(zeros));
      assertError(host.receive(WAIT), "invalid_json");
      host.sendRaw(HostProcess.frame("[]".repeat(30 * MIB).getBytes(StandardCharsets.UTF_8)));
      assertError(host.receive(WAIT), "invalid_json");
      host.send(Requests.ask(4, "where does big bird live?", TestModels.PAGE));
      JsonObject answers = host.receive(WAIT);
      assertEquals("answers", answers.get("type").getAsString(), answers::toString);
      assertEquals(TestModels.ANSWER, answers.getAsJsonObject("result").getAsJsonArray("answers").get(0)
          .getAsJsonObject().get("text").getAsString());
      finish(host, "huge frames");
    }
  }

  @Test
  void fiveMillionCharacterPagesSixInARowThenTwentyAtOnce() throws Exception {
    try (HostProcess host = startAsLauncher(fullModel)) {
      HostProcessIT.awaitModel(host, "ready");
      long t0 = System.nanoTime();
      for (int i = 1; i <= 6; i++) {
        host.sendRaw(bigAsk(i, i));
        JsonObject reply = host.receive(WAIT);
        assertEquals(new JsonPrimitive(i), reply.get("id"), reply::toString);
        assertEquals("answers", reply.get("type").getAsString(), reply::toString);
        assertFalse(reply.getAsJsonObject("result").getAsJsonObject("timings").get("cacheHit").getAsBoolean());
      }
      double sequentialS = (System.nanoTime() - t0) / 1e9;

      // Twenty different pages at once: the queue takes what it can, the rest are busy; each gets one reply.
      long t1 = System.nanoTime();
      Thread writer = new Thread(() -> {
        try {
          for (int i = 101; i <= 120; i++) {
            host.sendRaw(bigAsk(i, i));
          }
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }, "big-page-writer");
      writer.start();
      Map<String, Integer> outcomes = new TreeMap<>();
      Set<JsonElement> answered = new java.util.HashSet<>();
      for (int n = 0; n < 20; n++) {
        JsonObject reply = host.receive(WAIT);
        JsonElement id = reply.get("id");
        assertNotNull(id, reply::toString);
        assertTrue(id.getAsInt() >= 101 && id.getAsInt() <= 120, reply::toString);
        assertTrue(answered.add(id), () -> "a second reply for " + id);
        String outcome = reply.get("type").getAsString().equals("error")
            ? reply.getAsJsonObject("error").get("name").getAsString() : reply.get("type").getAsString();
        assertTrue(Set.of("answers", "busy").contains(outcome), reply::toString);
        outcomes.merge(outcome, 1, Integer::sum);
      }
      writer.join();
      double concurrentS = (System.nanoTime() - t1) / 1e9;
      assertTrue(outcomes.getOrDefault("answers", 0) > 0, outcomes::toString);

      host.send(Requests.ask(200, "where does big bird live?", TestModels.PAGE));
      assertEquals("answers", host.receive(WAIT).get("type").getAsString());
      System.out.printf("5 M-character pages: 6 in a row %.1f s; 20 at once %.1f s, %s%n", sequentialS, concurrentS,
          outcomes);
      finish(host, "5 M-character pages");
    }
  }

  /**
   * Under a 64 MiB heap (a page budget of 8 MiB) the host refuses what it cannot hold, each with one reply, and serves
   * on: a 60 MiB frame it has no room for ({@code internal}), a 5 M-character page refused before it is prepared and a
   * page of one token per character refused once prepared ({@code page_too_large}); a question of 4 M characters is
   * answered (only its first tokens are read).
   */
  @Test
  void aSmallHeapRefusesWhatItCannotHoldAndServesOn() throws Exception {
    try (HostProcess host = startAsLauncher(oracle, "-Xmx64m")) {
      HostProcessIT.awaitModel(host, "ready");
      host.sendRaw(HostProcess.frame(pingWithArray(1, "0,", 60 * MIB)));
      JsonObject noRoom = host.receive(WAIT);
      assertError(noRoom, "internal");
      host.sendRaw(bigAsk(2, 1));
      JsonObject big = host.receive(WAIT);
      assertEquals(new JsonPrimitive(2), big.get("id"), big::toString);
      assertError(big, "page_too_large");
      StringBuilder ideographs = new StringBuilder();
      java.util.Random random = new java.util.Random(5);
      while (ideographs.length() < 600_000) {
        ideographs.append(random.nextInt(12) == 0 ? ' ' : (char) (0x4E00 + random.nextInt(3000)));
      }
      host.send(Requests.ask(3, "什么?", ideographs.toString()));
      JsonObject dense = host.receive(WAIT);
      assertEquals(new JsonPrimitive(3), dense.get("id"), dense::toString);
      assertError(dense, "page_too_large");
      // A question of 4 M characters: only its first 64 tokens are tokenised and read, so it is answered.
      StringBuilder question = new StringBuilder();
      while (question.length() < 4_000_000) {
        question.append("word").append(random.nextInt(100_000)).append(' ');
      }
      host.send(Requests.ask(4, question.toString(), TestModels.PAGE));
      JsonObject longQuestion = host.receive(WAIT);
      assertEquals(new JsonPrimitive(4), longQuestion.get("id"), longQuestion::toString);
      assertEquals("answers", longQuestion.get("type").getAsString(), longQuestion::toString);
      host.send(Requests.ask(5, "where does big bird live?", TestModels.PAGE));
      JsonObject answers = host.receive(WAIT);
      assertEquals("answers", answers.get("type").getAsString(), answers::toString);
      finish(host, "64 MiB heap", false);
    }
  }

  /** Checks the host is still serving, ends its input, and checks the exit and the peak resident memory. */
  private static void finish(HostProcess host, String what) throws Exception {
    finish(host, what, true);
  }

  private static void finish(HostProcess host, String what, boolean heapSuffices) throws Exception {
    assertTrue(host.process().isAlive(), host::stderr);
    long peakMib = peakRssMib(host.pid());
    host.closeInput();
    assertEquals(0, host.awaitExit(Duration.ofSeconds(10)), host::stderr);
    if (heapSuffices) {
      assertFalse(host.stderr().contains("OutOfMemoryError"), host::stderr);
    }
    System.out.printf("%s: host peak RSS (VmHWM) %d MiB; bound %d MiB%n", what, peakMib, MAX_PEAK_RSS_MIB);
    assertTrue(peakMib < MAX_PEAK_RSS_MIB, what + ": peak RSS " + peakMib + " MiB");
  }

  private static void assertError(JsonObject reply, String name) {
    assertEquals("error", reply.get("type").getAsString(), reply::toString);
    assertEquals(name, reply.getAsJsonObject("error").get("name").getAsString(), reply::toString);
  }

  /** {@code {"id":ID,"type":"ping","extra":[element element ...]}} of about {@code bytes}. */
  private static byte[] pingWithArray(int id, String element, int bytes) {
    byte[] head = ("{\"id\":" + id + ",\"type\":\"ping\",\"extra\":[").getBytes(StandardCharsets.US_ASCII);
    byte[] e = element.getBytes(StandardCharsets.US_ASCII);
    int count = (bytes - head.length) / e.length;
    byte[] out = new byte[head.length + count * e.length + 2];
    System.arraycopy(head, 0, out, 0, head.length);
    for (int i = 0, at = head.length; i < count; i++, at += e.length) {
      System.arraycopy(e, 0, out, at, e.length);
    }
    // Replace the separator after the last element by the closing brackets (and spaces, which JSON allows).
    int last = head.length + count * e.length - e.length + element.indexOf(',');
    java.util.Arrays.fill(out, last, out.length, (byte) ' ');
    out[out.length - 2] = ']';
    out[out.length - 1] = '}';
    return out;
  }

  /** A framed ask about a 5 M-character page of {@code seed}, reading one window (the page is the cost here). */
  private static byte[] bigAsk(int id, long seed) {
    try {
      JsonObject ask = Requests.ask(id, "What did the Normans do in Italy?", BigPages.page(seed, PAGE_CHARS));
      ask.addProperty("maxWindows", 1);
      return HostProcess.frame(Requests.json(ask).getBytes(StandardCharsets.UTF_8));
    } catch (dev.askpage.eval.EvalException e) {
      throw new IllegalStateException("cannot read the SQuAD dev sets", e);
    }
  }

  /** {@code VmHWM} of a process, in MiB. */
  private static long peakRssMib(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) / 1024;
      }
    }
    throw new IllegalStateException("no VmHWM for " + pid);
  }
}
