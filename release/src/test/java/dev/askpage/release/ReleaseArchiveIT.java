package dev.askpage.release;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.askpage.installer.browser.Browser;
import dev.askpage.models.SharedData;
import dev.askpage.models.SyntheticModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archives that {@code package} built into target/release: their checksums, that a second build of the same
 * inputs gives the same bytes, and the linux-x64 archive installed as a user would, unpacked with tar and installed by
 * its install.sh with nothing of a developer's machine on PATH.
 */
class ReleaseArchiveIT {
  /** What install.sh must work without: the archive brings its own Java and built extension. */
  private static final Set<String> DEVELOPER_TOOLS = Set.of("java", "javac", "jlink", "mvn", "node", "npm", "npx");
  private static final Path RELEASE = Path.of("target/release").toAbsolutePath();
  private static final ReleaseInputs INPUTS = new ReleaseInputs(Path.of("..").toAbsolutePath().normalize(),
      System.getProperty("askpage.version"), Instant.parse(System.getProperty("askpage.release.timestamp")));

  @TempDir Path temp;

  @BeforeAll
  static void theArchivesAreBuilt() {
    if (!Files.isRegularFile(RELEASE.resolve("SHA256SUMS"))) {
      fail("no " + RELEASE.resolve("SHA256SUMS") + ": the archives are made at package (mvn -B verify -Prelease)");
    }
  }

  private static Path linuxArchive() {
    return RELEASE.resolve("askpage-" + INPUTS.version() + "-linux-x64.tar.gz");
  }

  private static Path portableArchive() {
    return RELEASE.resolve("askpage-" + INPUTS.version() + "-portable.zip");
  }

  @Test
  void sha256sumsNamesBothArchivesWithTheirDigests() throws IOException {
    assertEquals(ReleaseBuilder.sha256Line(linuxArchive()) + ReleaseBuilder.sha256Line(portableArchive()),
        Files.readString(RELEASE.resolve("SHA256SUMS")));
  }

  @Test
  void aSecondBuildOfTheSameInputsGivesTheSameBytes() throws Exception {
    List<Path> again = new ReleaseBuilder(INPUTS).build(temp.resolve("again"));
    for (Path file : again) {
      assertArrayEquals(Files.readAllBytes(RELEASE.resolve(file.getFileName())), Files.readAllBytes(file),
          file.getFileName() + " differs between two builds");
    }
  }

  @Test
  @EnabledOnOs(value = OS.LINUX, disabledReason = "installs the linux-x64 archive")
  void linuxArchiveInstallsWithoutJavaOrNodeAnswersInEveryBrowserThenUninstallLeavesNothing() throws Exception {
    Path unpacked = Files.createDirectories(temp.resolve("downloads"));
    run(List.of("tar", "xzf", linuxArchive().toString()), unpacked, System.getenv(), 0);
    Path folder = unpacked.resolve(INPUTS.folder());
    Path home = Files.createDirectories(temp.resolve("home with space"));
    Path bin = temp.resolve("bin");
    try {
      installAndUninstall(folder, unpacked, home, pathWithout(DEVELOPER_TOOLS, bin));
    } finally {
      deleteLinks(bin); // JUnit would warn about each link to outside its temporary folder
    }
  }

  private void installAndUninstall(Path folder, Path unpacked, Path home, String path) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", path);
    env.put("HOME", home.toString());
    env.put("LANG", "C.UTF-8");
    Path oracle = oracleModel(temp.resolve("oracle model"));

    String installed = run(List.of(folder.resolve("install.sh").toString(), "--browsers", "all",
        "--model-dir", oracle.toString()), unpacked, env, 0);
    assertTrue(installed.contains("class-data archive written"), installed);
    assertTrue(installed.contains("extension " + folder.resolve("extension") + " (built)"), installed);
    assertFalse(installed.contains("✗") || installed.contains("⚠"), installed);
    for (Browser browser : Browser.values()) {
      assertTrue(installed.lines().anyMatch(l -> l.startsWith("  " + browser.displayName() + " ")
          && l.contains("ok (model)")), browser + " green in the doctor's table:\n" + installed);
    }
    Path launcher = home.resolve(".local/share/askpage/runtime/bin/askpage-host");
    assertTrue(Files.readString(launcher).contains(home.resolve(".local/share/askpage/runtime/image/bin/java")
        .toString()), "the host runs on the installed copy of the archive's runtime");

    run(List.of(folder.resolve("uninstall.sh").toString(), "--purge"), unpacked, env, 0);
    try (Stream<Path> left = Files.walk(home)) {
      assertEquals(List.of(home), left.toList(), "uninstall.sh --purge leaves no file behind");
    }
  }

  /**
   * A PATH with this process's PATH folders in order, but as one folder of links that leaves out {@code tools}
   * (the system keeps java and node in /usr/bin beside sh and tar).
   */
  private static String pathWithout(Set<String> tools, Path bin) throws IOException {
    Files.createDirectories(bin);
    for (String dir : System.getenv("PATH").split(":")) {
      Path folder = Path.of(dir);
      if (!folder.isAbsolute() || !Files.isDirectory(folder)) {
        continue;
      }
      try (Stream<Path> list = Files.list(folder)) {
        for (Path exe : list.toList()) {
          String name = exe.getFileName().toString();
          Path link = bin.resolve(name);
          if (!tools.contains(name) && !Files.exists(link, LinkOption.NOFOLLOW_LINKS)
              && Files.isExecutable(exe) && !Files.isDirectory(exe)) {
            Files.createSymbolicLink(link, exe);
          }
        }
      }
    }
    return bin.toString();
  }

  private static void deleteLinks(Path bin) throws IOException {
    if (Files.isDirectory(bin)) {
      try (Stream<Path> links = Files.list(bin)) {
        for (Path link : links.toList()) {
          Files.delete(link);
        }
      }
    }
  }

  /** The oracle model answering from "sesame" to "street", which the doctor's ask reads as "Sesame Street". */
  private static Path oracleModel(Path dir) throws IOException {
    Path vocab = SharedData.vocabulary();
    if (!Files.isRegularFile(vocab)) {
      fail("no vocabulary at " + vocab + ": set -Daskpage.shared.data=<shared/data folder>");
    }
    List<String> tokens = Files.readAllLines(vocab, StandardCharsets.UTF_8); // the line number is the token id
    return SyntheticModels.writeOracle(dir, tokens.indexOf("sesame"), tokens.indexOf("street"), vocab).dir();
  }

  /** Runs {@code command} in {@code dir} with exactly {@code env}; checks the status; returns stdout and stderr. */
  private static String run(List<String> command, Path dir, Map<String, String> env, int status) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(300, TimeUnit.SECONDS), command + " did not finish");
    System.out.println("$ " + String.join(" ", command) + "\n" + output);
    assertEquals(status, process.exitValue(), String.join(" ", command) + ":\n" + output);
    return output;
  }
}
