package dev.askpage.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed {@code askpage bench} runs on the installer's trimmed runtime, which has no java.desktop (AWT): its
 * last step, the latency plot, must say it cannot draw there instead of ending a whole benchmark in
 * NoClassDefFoundError; on a full JDK it draws.
 */
class TrimmedRuntimeBenchIT {
  private static final Path TARGET = Path.of("target").toAbsolutePath();
  private static final Path IMAGE = TARGET.resolve("../../installer/runtime/target/maven-jlink/default").normalize();

  @TempDir Path temp;

  private String plotWith(Path java, Path png) throws Exception {
    String classPath = String.join(File.pathSeparator, TARGET.resolve("askpage.jar").toString(),
        TARGET.resolve("lib").resolve("*").toString(), TARGET.resolve("test-classes").toString());
    Process process = new ProcessBuilder(java.toString(), "-cp", classPath, PlotStepMain.class.getName(),
        png.toString()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), output);
    return output;
  }

  @Test
  void theTrimmedRuntimeSaysItCannotDrawAndAFullJdkDraws() throws Exception {
    Path imageJava = IMAGE.resolve("bin/java");
    if (!Files.isRegularFile(imageJava)) {
      fail(IMAGE + " is missing: run mvn verify from the root, which builds installer/runtime before host");
    }
    Path png = temp.resolve("latency.png");
    String trimmed = plotWith(imageJava, png);
    assertTrue(trimmed.contains("not drawn") && trimmed.contains("java.desktop"), trimmed);
    assertFalse(trimmed.contains("NoClassDefFoundError"), trimmed);
    assertFalse(Files.exists(png));

    String full = plotWith(Path.of(System.getProperty("java.home"), "bin", "java"), png);
    assertEquals(List.of("drawn"), full.lines().toList(), full);
    assertTrue(Files.size(png) > 0);
  }
}
