package dev.askpage.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Another process keeping one core busy ({@code sh -c 'while :; do :; done'}), as a browser tab running scripts does.
 * Closing it kills that process (and only it); a shutdown hook kills it too if the bench is interrupted.
 */
final class BusyLoop implements AutoCloseable {
  private final Process process;
  private final Thread hook;

  private BusyLoop(Process process) {
    this.process = process;
    this.hook = new Thread(process::destroyForcibly, "askpage-bench-busy-loop-killer");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  static BusyLoop start() throws IOException {
    Process p = new ProcessBuilder("sh", "-c", "while :; do :; done")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    return new BusyLoop(p);
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook runs anyway.
    }
  }
}
