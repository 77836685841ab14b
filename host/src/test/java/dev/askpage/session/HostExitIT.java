package dev.askpage.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the host ends: SIGTERM (what {@code Process.destroy()} sends on Linux, and what browsers send) and end of input
 * both give status 0 and leave nothing on stdout but whole frames, even when a big reply is half written.
 */
class HostExitIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void sigtermEndsAnIdleHostWithStatusZero() throws Exception {
    try (HostProcess host = HostProcess.start("--model", "/nonexistent",
        "chrome-extension://figobfochmfbacgiggdecdnedcidedin/")) {
      // Process.destroy(): SIGTERM on Linux (it also closes the pipes on our side).
      host.send(Requests.hello(1));
      assertEquals("hello", host.receive(WAIT).get("type").getAsString());
      long t0 = System.nanoTime();
      host.process().destroy();
      assertEquals(0, host.awaitExit(Duration.ofSeconds(10)), host::stderr);
      System.out.printf("SIGTERM, idle: exit after %.0f ms%n", (System.nanoTime() - t0) / 1e6);
      assertEquals(1, host.allFramesAfterExit().size());
    }
  }

  @Test
  void sigtermWhileABigReplyIsHalfWrittenLeavesWholeFrames() throws Exception {
    try (HostProcess host = blockedOnStdout()) {
      host.sigterm();
      assertWholeFramesAfterExit(host, "SIGTERM");
    }
  }

  @Test
  void endOfInputWhileABigReplyIsHalfWrittenLeavesWholeFrames() throws Exception {
    try (HostProcess host = blockedOnStdout()) {
      host.closeInput();
      assertWholeFramesAfterExit(host, "end of input");
    }
  }

  /**
   * A host whose stdout pipe (64 KiB) nobody reads, full of lexical answers of about 20 KB each: the worker is blocked
   * in the middle of writing a frame.
   */
  private static HostProcess blockedOnStdout() throws Exception {
    HostProcess host = HostProcess.start(HostProcess.command(List.of("--model", "/nonexistent",
        "chrome-extension://figobfochmfbacgiggdecdnedcidedin/")), false);
    StringBuilder page = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      page.append("Sentence ").append(i).append(" about alpha ").append("alpha beta gamma ".repeat(70))
          .append(".\n\n");
    }
    for (int i = 0; i < 12; i++) {
      JsonObject ask = Requests.ask(i, "alpha", page.toString());
      ask.addProperty("top", 20);
      host.send(ask);
    }
    // Lexical answers take milliseconds; this is ample time for the pipe to fill up.
    Thread.sleep(3000);
    assertTrue(host.process().isAlive());
    return host;
  }

  /**
   * A slow reader: starts reading 700 ms after the host was told to end, then reads everything. (HotSpot's exit waits
   * at most 300 ms for threads blocked in a write; without the host's own wait it is gone by then.)
   */
  private static void assertWholeFramesAfterExit(HostProcess host, String how) throws Exception {
    long t0 = System.nanoTime();
    Thread.sleep(700);
    System.out.println(how + ": host alive when reading starts: " + host.process().isAlive());
    host.startReading();
    int status = host.awaitExit(Duration.ofSeconds(10));
    double ms = (System.nanoTime() - t0) / 1e6;
    List<JsonObject> frames = host.allFramesAfterExit();
    System.out.printf("%s while blocked on stdout: status %d after %.0f ms, %d whole frames%n", how, status, ms,
        frames.size());
    assertEquals(0, status, host::stderr);
    assertTrue(frames.size() >= 1, host::stderr);
    for (JsonObject f : frames) {
      assertEquals("answers", f.get("type").getAsString(), f.toString().substring(0, 200));
    }
  }
}
