package dev.askpage.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps ONNX Runtime from phoning home. Since 1.29 its Linux and macOS builds start a telemetry uploader (DNS look-ups
 * of a Microsoft events host, an event cache under ~/.cache) that only {@code ORT_DISABLE_TELEMETRY=1} in the
 * environment at process start turns off; the API switch comes too late. The installed launcher sets the variable;
 * when it is missing (e.g. {@code java -jar askpage.jar}), the command runs again in a child process that has it, with
 * the same standard streams, and this process only waits and passes on its exit status.
 */
final class TelemetryGuard {
  static final String VARIABLE = "ORT_DISABLE_TELEMETRY";
  /** Set in the relaunched child, which then ends itself when its parent is killed. */
  static final String RELAUNCHED = "ASKPAGE_RELAUNCHED";

  private TelemetryGuard() {}

  /** Whether this process can load ONNX Runtime without telemetry. */
  static boolean isOff(Map<String, String> env) {
    return "1".equals(env.get(VARIABLE));
  }

  /**
   * Runs this same command line again with telemetry off and returns its exit status; empty when this process is
   * already safe, or when its command line cannot be read (then the caller goes on, and the Java API switch is all
   * that is left).
   */
  static Optional<Integer> relaunchIfNeeded(String[] mainArgs) throws InterruptedException {
    if (isOff(System.getenv())) {
      return Optional.empty();
    }
    ProcessHandle.Info info = ProcessHandle.current().info();
    if (info.command().isEmpty() || info.arguments().isEmpty()) {
      return Optional.empty();
    }
    Optional<List<String>> jvmPart = jvmPart(List.of(info.arguments().get()), mainArgs);
    if (jvmPart.isEmpty()) {
      return Optional.empty();
    }
    List<String> command = new ArrayList<>();
    command.add(info.command().get());
    command.addAll(jvmPart.get());
    command.addAll(List.of(mainArgs));
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    builder.environment().put(VARIABLE, "1");
    builder.environment().put(RELAUNCHED, "1");
    Process child;
    try {
      child = builder.start();
    } catch (IOException e) {
      return Optional.empty();
    }
    forwardTermination(child);
    return Optional.of(child.waitFor());
  }

  /**
   * The process's arguments before {@code main}'s (JVM options, {@code -jar askpage.jar}). The OS's copy of the command
   * line loses empty arguments ({@code askpage tokenize ""}), so {@code main}'s own arguments are passed on instead,
   * and the JVM part is what precedes the non-empty ones. Empty when the two do not line up.
   */
  static Optional<List<String>> jvmPart(List<String> processArgs, String[] mainArgs) {
    List<String> nonEmpty = new ArrayList<>();
    for (String a : mainArgs) {
      if (!a.isEmpty()) {
        nonEmpty.add(a);
      }
    }
    int split = processArgs.size() - nonEmpty.size();
    if (split < 0 || !processArgs.subList(split, processArgs.size()).equals(nonEmpty)) {
      return Optional.empty();
    }
    return Optional.of(processArgs.subList(0, split));
  }

  /**
   * In a relaunched child: when the parent dies (a browser may SIGKILL the process it started), end too, so that
   * nobody holds the browser's pipes open and the browser sees the host exit.
   */
  static void followParent() {
    if (!"1".equals(System.getenv(RELAUNCHED))) {
      return;
    }
    ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(0)));
  }

  /** SIGTERM to this process ends the child the same way, and this process then exits with the child's status. */
  @SuppressWarnings("restriction")
  private static void forwardTermination(Process child) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> {
        child.destroy();
        try {
          Runtime.getRuntime().halt(child.waitFor());
        } catch (InterruptedException e) {
          Runtime.getRuntime().halt(143);
        }
      });
    } catch (IllegalArgumentException e) {
      // No SIGTERM here (Windows); closing the pipes ends the child.
    }
  }
}
