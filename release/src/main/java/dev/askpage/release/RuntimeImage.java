package dev.askpage.release;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Links the linux-x64 archive's Java runtime with the {@code jlink} of the JDK running the build, in a process of its
 * own. The image installer/runtime's maven-jlink-plugin makes is not used as is: the plugin runs jlink inside Maven's
 * JVM, where the classes of its generate-jli-classes step came out different in one of two clean builds here (JDK
 * 17.0.15), while a fresh jlink process gave the same lib/modules every time. Same modules (read from that image's
 * {@code release} file) and the same options as installer/runtime/pom.xml.
 */
final class RuntimeImage {
  static final List<String> OPTIONS = List.of("--strip-debug", "--no-header-files", "--no-man-pages", "--compress=2");

  private RuntimeImage() {}

  /** Writes the image of {@code modules} (comma-separated) to {@code out}, which must not exist. */
  static void link(String modules, Path out) throws IOException, ReleaseException {
    Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
    List<String> command = new ArrayList<>(List.of(jlink.toString(), "--add-modules", modules));
    command.addAll(OPTIONS);
    command.addAll(List.of("--output", out.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new ReleaseException(String.join(" ", command) + " failed (the build needs a JDK with jlink):\n"
            + output);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new ReleaseException("interrupted while running jlink");
    }
  }
}
