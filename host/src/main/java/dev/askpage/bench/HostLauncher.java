package dev.askpage.bench;

import com.google.gson.JsonObject;
import dev.askpage.installer.doctor.HostClient;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts {@code askpage host} the way Chrome does: {@code java -jar askpage.jar host ... chrome-extension://ID/}, with
 * framed stdin and stdout through {@link HostClient}.
 *
 * @param java the java executable
 * @param classPath either {@code -jar askpage.jar} or {@code -cp CLASSPATH dev.askpage.cli.Main}
 * @param modelDir the model directory passed with {@code --model}
 */
record HostLauncher(Path java, List<String> classPath, Path modelDir) {
  /** The origin Chrome passes to a host it starts for the askpage extension. */
  static final String ORIGIN = "chrome-extension://figobfochmfbacgiggdecdnedcidedin/";

  HostLauncher {
    classPath = List.copyOf(classPath);
  }

  /** This JVM's java, and the jar this class was loaded from (or the class path when run from classes). */
  static HostLauncher forThisJvm(Path modelDir) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> cp;
    Path jar = codeSource();
    if (jar != null && jar.toString().endsWith(".jar") && Files.isRegularFile(jar)) {
      cp = List.of("-jar", jar.toString());
    } else {
      cp = List.of("-cp", System.getProperty("java.class.path"), "dev.askpage.cli.Main");
    }
    return new HostLauncher(java, cp, modelDir);
  }

  private static Path codeSource() {
    try {
      var source = HostLauncher.class.getProtectionDomain().getCodeSource();
      return source == null ? null : Path.of(source.getLocation().toURI());
    } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
      return null;
    }
  }

  /** The whole command line for these JVM flags and host options. */
  List<String> command(List<String> jvmFlags, List<String> hostOptions) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(jvmFlags);
    command.addAll(classPath);
    command.add("host");
    command.add("--model");
    command.add(modelDir.toString());
    command.addAll(hostOptions);
    command.add(ORIGIN);
    return command;
  }

  HostClient start(List<String> jvmFlags, List<String> hostOptions) throws IOException {
    return start(jvmFlags, hostOptions, Map.of());
  }

  /** Starts the host with {@code env} added to the environment (what a launcher script would export). */
  HostClient start(List<String> jvmFlags, List<String> hostOptions, Map<String, String> env) throws IOException {
    return HostClient.start(command(jvmFlags, hostOptions), env);
  }

  /** {@code VmHWM} (peak resident set) of a process in MiB, from /proc; NaN where there is no /proc. */
  static double peakRssMb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return Long.parseLong(parts[0]) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }

  /** An {@code ask} request carrying {@code sentAt}. */
  static JsonObject ask(int id, String page, String question) {
    JsonObject ask = new JsonObject();
    ask.addProperty("id", id);
    ask.addProperty("type", "ask");
    ask.addProperty("question", question);
    ask.addProperty("text", page);
    ask.addProperty("tab", 1);
    ask.addProperty("sentAt", System.currentTimeMillis());
    return ask;
  }

  static JsonObject hello(int id) {
    JsonObject hello = new JsonObject();
    hello.addProperty("id", id);
    hello.addProperty("type", "hello");
    return hello;
  }
}
