package dev.askpage.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host never uses the network: through a whole session it holds no TCP, UDP or raw socket (Linux {@code /proc}),
 * under strace it connects and sends nowhere but to local (unix) sockets, and in a namespace without a network
 * ({@code unshare -n}) it answers all the same.
 */
class NoNetworkIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final List<String> INET_TABLES = List.of("tcp", "tcp6", "udp", "udp6", "raw", "raw6", "udplite",
      "udplite6");

  @TempDir Path temp;

  @Test
  void holdsNoInternetSocketThroughASession() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs Linux /proc");
    Path model = TestModels.oracle(temp.resolve("oracle"));
    try (HostProcess host = HostProcess.start("--model", model.toString(),
        "chrome-extension://figobfochmfbacgiggdecdnedcidedin/")) {
      List<String> seen = new ArrayList<>();
      HostProcessIT.awaitModel(host, "ready");
      seen.addAll(assertNoInternetSocketsInTree(host.pid(), "after hello"));
      runSession(host);
      seen.addAll(assertNoInternetSocketsInTree(host.pid(), "after ask, cancel and ping"));
      System.out.println("NoNetworkIT: sockets the host holds: " + (seen.isEmpty() ? "none" : seen));
    }
  }

  @Test
  void connectsAndSendsNowhereUnderStrace() throws Exception {
    assumeTrue(works("strace", "-f", "-qq", "-e", "trace=connect", "-o", "/dev/null", "true"),
        "strace is missing or not permitted here (ptrace)");
    Path model = TestModels.oracle(temp.resolve("oracle"));
    Path trace = temp.resolve("strace.txt");
    List<String> command = new ArrayList<>(List.of("strace", "-f", "-qq", "-e",
        "trace=connect,bind,sendto,sendmsg,sendmmsg", "-o", trace.toString()));
    command.addAll(HostProcess.command(List.of("--model", model.toString())));
    try (HostProcess host = HostProcess.start(command, true)) {
      HostProcessIT.awaitModel(host, "ready");
      runSession(host);
      // A browser keeps the host running for minutes; background work (ONNX Runtime's telemetry uploader first
      // resolves its server about 10 s after start) shows only if the host lives a while. Stay connected 20 s.
      for (int i = 0; i < 10; i++) {
        Thread.sleep(2000);
        host.send(Requests.ping("idle-" + i));
        assertEquals("pong", host.receive(WAIT).get("type").getAsString());
      }
      host.closeInput();
      assertEquals(0, host.awaitExit(Duration.ofSeconds(30)), host::stderr);
    }
    List<String> calls = Files.readAllLines(trace, StandardCharsets.UTF_8);
    List<String> inet = calls.stream().filter(l -> l.contains("AF_INET") || l.contains("AF_NETLINK")
        || l.contains("AF_PACKET")).toList();
    System.out.println("NoNetworkIT: strace saw " + calls.size() + " connect/bind/send calls, " + inet.size()
        + " to a network address");
    calls.stream().limit(20).forEach(l -> System.out.println("  " + l));
    assertEquals(List.of(), inet, "the host connected, bound or sent to a network address");
  }

  @Test
  void answersInANamespaceWithoutNetwork() throws Exception {
    ProcessResult probe = run("unshare", "-n", "true");
    assumeTrue(probe.status == 0, "unshare -n is not available here: " + probe.output.strip());
    Path model = TestModels.oracle(temp.resolve("oracle"));
    List<String> command = new ArrayList<>(List.of("unshare", "-n"));
    command.addAll(HostProcess.command(List.of("--model", model.toString(),
        "chrome-extension://figobfochmfbacgiggdecdnedcidedin/")));
    try (HostProcess host = HostProcess.start(command, true)) {
      HostProcessIT.awaitModel(host, "ready");
      host.send(Requests.ask("offline", HostProcessIT.QUESTION, TestModels.PAGE));
      JsonObject reply = host.receive(WAIT);
      assertEquals("answers", reply.get("type").getAsString(), reply::toString);
      assertEquals(TestModels.ANSWER, reply.getAsJsonObject("result").getAsJsonArray("answers").get(0)
          .getAsJsonObject().get("text").getAsString());
      host.closeInput();
      assertEquals(0, host.awaitExit(Duration.ofSeconds(10)), host::stderr);
      host.allFramesAfterExit();
    }
  }

  /** hello, an ask, a cancel of a long ask, ping: every kind of request. */
  private static void runSession(HostProcess host) throws Exception {
    host.send(Requests.ask("a1", HostProcessIT.QUESTION, TestModels.PAGE));
    assertEquals("answers", host.receive(WAIT).get("type").getAsString());
    JsonObject longer = Requests.ask("a2", HostProcessIT.QUESTION, TestModels.PAGE.repeat(2000));
    longer.addProperty("maxWindows", 256);
    host.send(longer);
    host.send(Requests.cancel("c", "a2"));
    host.send(Requests.ping("p"));
    List<String> types = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      types.add(host.receive(WAIT).get("type").getAsString());
    }
    assertTrue(types.containsAll(List.of("cancel", "pong")), types::toString);
  }

  /**
   * {@link #assertNoInternetSockets} for the process and every process under it: started as {@code java -jar}, the
   * host relaunches itself (TelemetryGuard) and the child does the work while the first process only waits.
   */
  static List<String> assertNoInternetSocketsInTree(long pid, String when) throws IOException {
    List<Long> pids = new ArrayList<>(List.of(pid));
    ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
    List<String> seen = new ArrayList<>();
    for (long each : pids) {
      try {
        seen.addAll(assertNoInternetSockets(each, when + " (pid " + each + ")"));
      } catch (java.nio.file.NoSuchFileException exited) {
        // a process that ended between the listing and the look holds nothing
      }
    }
    return seen;
  }

  /**
   * Fails if any socket the process holds is a TCP, UDP or raw socket; returns a description of the sockets it holds
   * (unix sockets are fine: they cannot leave the machine).
   */
  static List<String> assertNoInternetSockets(long pid, String when) throws IOException {
    Map<String, String> socketFds = new HashMap<>();
    try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            socketFds.put(target.substring(8, target.length() - 1), fd.getFileName().toString());
          }
        } catch (IOException closedMeanwhile) {
          // the fd was closed between listing and reading
        }
      }
    }
    List<String> described = new ArrayList<>();
    for (String table : INET_TABLES) {
      Set<String> inodes = inodes(pid, table, 9);
      for (Map.Entry<String, String> s : socketFds.entrySet()) {
        if (inodes.contains(s.getKey())) {
          throw new AssertionError(when + ": fd " + s.getValue() + " is a " + table + " socket (inode " + s.getKey()
              + ")");
        }
      }
    }
    Set<String> unix = inodes(pid, "unix", 6);
    for (Map.Entry<String, String> s : socketFds.entrySet()) {
      described.add("fd " + s.getValue() + (unix.contains(s.getKey()) ? " unix" : " other") + " (" + when + ")");
      assertTrue(unix.contains(s.getKey()), when + ": fd " + s.getValue() + " is a socket of no known kind");
    }
    return described;
  }

  /** The inode column of a /proc/PID/net table. */
  private static Set<String> inodes(long pid, String table, int column) throws IOException {
    Path path = Path.of("/proc/" + pid + "/net/" + table);
    Set<String> out = new HashSet<>();
    if (!Files.exists(path)) {
      return out;
    }
    List<String> lines = Files.readAllLines(path);
    for (String line : lines.subList(1, lines.size())) {
      String[] cols = line.trim().split("\\s+");
      if (cols.length > column) {
        out.add(cols[column]);
      }
    }
    return out;
  }

  private record ProcessResult(int status, String output) {}

  private static ProcessResult run(String... command) throws InterruptedException {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new ProcessResult(-1, "timed out");
      }
      return new ProcessResult(p.exitValue(), out);
    } catch (IOException e) {
      return new ProcessResult(-1, e.getMessage());
    }
  }

  private static boolean works(String... command) throws InterruptedException {
    return run(command).status == 0;
  }
}
