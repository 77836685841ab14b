package dev.askpage.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs npm scripts in extension/, with their output in the build log. */
final class Npm {
  private static final Path DIR = Path.of(System.getProperty("user.dir"));

  private Npm() {}

  /** Runs {@code npm ARGS...} (npm ci first when node_modules is missing) and fails the test on a non-zero exit. */
  static void run(String... args) throws IOException, InterruptedException {
    if (!Files.isDirectory(DIR.resolve("node_modules"))) {
      exec(List.of("ci", "--no-audit", "--no-fund"));
    }
    exec(List.of(args));
  }

  private static void exec(List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(System.getProperty("os.name").startsWith("Windows") ? "npm.cmd" : "npm");
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true);
    String shared = System.getProperty("askpage.shared.data");
    if (shared != null && System.getenv("ASKPAGE_SHARED_DATA") == null) {
      builder.environment().put("ASKPAGE_SHARED_DATA", shared);
    }
    Process process = builder.start();
    process.getOutputStream().close();
    // Through System.out, so that surefire/failsafe keep it in the report and print it when the test fails.
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        System.out.println(line);
      }
    }
    if (!process.waitFor(20, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("npm " + String.join(" ", args) + " did not finish in 20 minutes");
    }
    assertEquals(0, process.exitValue(), "npm " + String.join(" ", args));
  }
}
