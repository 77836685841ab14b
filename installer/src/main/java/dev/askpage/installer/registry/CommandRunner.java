package dev.askpage.installer.registry;

import java.io.IOException;
import java.util.List;

/** Runs a program and returns its exit status and output; faked in tests. */
public interface CommandRunner {
  /** The result of one run. */
  record Result(int exitCode, String output) {}

  /** Runs {@code command} to completion. */
  Result run(List<String> command) throws IOException;

  /** Runs commands as real processes, stdout and stderr merged. */
  static CommandRunner processes() {
    return command -> {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.Charset.defaultCharset());
      try {
        return new Result(process.waitFor(), output);
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while running " + command.get(0));
      }
    };
  }
}
