package dev.askpage.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.askpage.installer.browser.Browser;
import dev.askpage.installer.browser.HostIdentity;
import dev.askpage.installer.browser.HostManifest;
import dev.askpage.installer.doctor.Doctor;
import dev.askpage.installer.doctor.HostClient;
import dev.askpage.installer.doctor.Probe;
import dev.askpage.installer.install.FileOps;
import dev.askpage.installer.install.InstallOptions;
import dev.askpage.installer.install.Installer;
import dev.askpage.installer.install.Registrar;
import dev.askpage.installer.install.Uninstaller;
import dev.askpage.installer.platform.Os;
import dev.askpage.installer.platform.Platform;
import dev.askpage.installer.platform.UserDirs;
import dev.askpage.installer.registry.CommandRunner;
import dev.askpage.installer.registry.RegExe;
import dev.askpage.models.ModelDirectory;
import dev.askpage.models.SharedData;
import dev.askpage.models.SyntheticModels;
import dev.askpage.tokenizer.Vocabulary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
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
 * Installs the built host (target/askpage.jar + lib/, and installer/runtime's jlink image) into a temporary HOME with a
 * space in it, and uses it as the browsers do. Runs after package (failsafe); the jar and the image must exist.
 *
 * <p>Linux layout: through the real CLI ({@code java -jar askpage.jar install | doctor | uninstall} with {@code HOME}
 * set), with an oracle model installed by {@code --model-dir}; every manifest's {@code path} is started with that
 * browser's arguments, runs the JVM of the installed image and answers a framed {@code hello} and {@code ask}. This
 * part runs only on Linux: it starts the installed Linux image. macOS layout: installed by the same installer code
 * for an aarch64 Mac into a fake home on this machine, it checks the manifests' places and JSON and that uninstall
 * removes everything; nothing is started (the image and the ONNX Runtime libraries are this machine's, not a Mac's).
 */
class InstallIT {
  private static final Path APP = Path.of("target").toAbsolutePath();
  private static final Path JAR = APP.resolve("askpage.jar");
  private static final Path IMAGE = APP.resolve("../../installer/runtime/target/maven-jlink/default").normalize();

  @TempDir Path temp;

  @BeforeAll
  static void theBuildIsThere() {
    if (!Files.isRegularFile(JAR) || !Files.isRegularFile(APP.resolve("lib").resolve("askpage-installer-0.1.0.jar"))) {
      fail("InstallIT installs the built host, but " + JAR + " (with lib/) is missing: run it with mvn verify, "
          + "which packages first");
    }
    if (!Files.isRegularFile(IMAGE.resolve("bin").resolve("java"))) {
      fail("InstallIT installs installer/runtime's jlink image, but " + IMAGE + " is missing: run mvn verify from the "
          + "root, which builds installer/runtime before host");
    }
  }

  @Test
  @EnabledOnOs(value = OS.LINUX, disabledReason = "starts the installed Linux runtime image")
  void linuxInstallThroughTheCliAnswersThroughEveryManifestThenUninstallLeavesNothing() throws Exception {
    Path home = Files.createDirectories(temp.resolve("home with space"));
    Map<String, String> env = userEnvironment(home);
    Platform platform = Platform.of(Os.LINUX, home, env);
    Path oracle = oracleModel(temp.resolve("oracle model"));

    String installed = cli(env, 0, "install", "--browsers", "all", "--model-dir", oracle.toString());
    assertTrue(installed.contains("class-data archive written"), installed);
    UserDirs dirs = UserDirs.of(platform);
    Path runtime = dirs.runtimeDir();
    assertEquals(home.resolve(".local/share/askpage/runtime"), runtime);
    assertTrue(Files.isRegularFile(runtime.resolve("app.jsa")), "app CDS archive made at install time");
    assertTrue(Files.isRegularFile(runtime.resolve("native/libonnxruntime.so")), "natives extracted once");
    assertEquals("oracle-" + String.join("-", tokenIds()),
        ModelDirectory.read(dirs.modelDir("mobilebert-uncased-squad-v2")).manifest().id());

    Registrar registrar = new Registrar(platform, new RegExe(CommandRunner.processes())); // no keys off Windows
    Path launcher = runtime.resolve("bin/askpage-host");
    assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(launcher)));
    for (Browser browser : Browser.values()) {
      Path manifest = registrar.manifestPath(browser);
      checkManifest(browser, manifest, launcher);
      List<String> command = new ArrayList<>(List.of(HostManifest.parse(Files.readString(manifest),
          browser.family()).path()));
      command.addAll(Doctor.browserArguments(browser, manifest)); // Chrome: the origin; Firefox: manifest, add-on id
      try (HostClient host = HostClient.start(command, env)) {
        host.send(Probe.hello(1));
        JsonObject hello = host.receive(Probe.timeout());
        assertNull(Probe.checkReply(hello, 1, "hello"), hello.toString());
        Path exe = Files.readSymbolicLink(Path.of("/proc", Long.toString(host.process().pid()), "exe"));
        assertEquals(runtime.resolve("image/bin/java"), exe, browser + ": the launcher runs the installed image");
        host.send(Probe.ask(2));
        JsonObject answers = host.receive(Probe.timeout());
        assertNull(Probe.checkReply(answers, 2, "answers"), answers.toString());
        assertEquals("model", Probe.mode(answers), answers.toString());
        assertEquals("Sesame Street", answers.getAsJsonObject("result").getAsJsonArray("answers").get(0)
            .getAsJsonObject().get("text").getAsString(), answers.toString());
        host.closeInput();
        assertTrue(host.process().waitFor(30, TimeUnit.SECONDS), "host exits when the browser closes the pipe");
        assertEquals(0, host.process().exitValue(), host.stderrText());
      }
    }

    String doctor = cli(env, 0, "doctor");
    assertFalse(doctor.contains("✗") || doctor.contains("⚠"), doctor);
    for (Browser browser : Browser.values()) {
      assertTrue(doctor.lines().anyMatch(l -> l.contains(browser.displayName()) && l.contains("ok (model)")), doctor);
    }

    cli(env, 0, "uninstall", "--purge");
    try (Stream<Path> left = Files.walk(home)) {
      assertEquals(List.of(home), left.toList(), "uninstall --purge leaves no file behind");
    }
  }

  @Test
  void macLayoutPutsEveryManifestWhereTheBrowserReadsItAndUninstallRemovesAll() throws Exception {
    Path home = Files.createDirectories(temp.resolve("mac home"));
    Platform mac = new Platform(Os.MAC, "aarch64", home, Map.of());
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
    RegExe noRegistry = new RegExe(CommandRunner.processes()); // the table names no keys on macOS
    Path launcher = new Installer(mac, noRegistry, out, out).install(new InstallOptions(EnumSet.allOf(Browser.class),
        IMAGE, Path.of(System.getProperty("java.home")), APP, InstallOptions.ModelChoice.skip(), false));
    Path support = home.resolve("Library/Application Support");
    assertEquals(support.resolve("askpage/runtime/bin/askpage-host"), launcher);
    Map<Browser, String> folders = Map.of(Browser.CHROME, "Google/Chrome", Browser.CHROMIUM, "Chromium",
        Browser.EDGE, "Microsoft Edge", Browser.BRAVE, "BraveSoftware/Brave-Browser", Browser.VIVALDI, "Vivaldi",
        Browser.FIREFOX, "Mozilla");
    Registrar registrar = new Registrar(mac, noRegistry);
    for (Browser browser : Browser.values()) {
      Path manifest = support.resolve(folders.get(browser)).resolve("NativeMessagingHosts/dev.askpage.host.json");
      assertEquals(manifest, registrar.manifestPath(browser));
      checkManifest(browser, manifest, launcher);
    }
    assertTrue(Files.readString(launcher).contains(support.resolve("askpage/runtime/image/bin/java").toString()),
        "the launcher runs the installed image");
    assertTrue(Files.isRegularFile(support.resolve("askpage/runtime/native/libonnxruntime.dylib")), log.toString());

    new Uninstaller(mac, noRegistry, out).uninstall(true);
    try (Stream<Path> left = Files.walk(home)) {
      assertEquals(List.of(home), left.toList(), "uninstall --purge leaves no file behind");
    }
  }

  @Test
  @EnabledOnOs(value = OS.LINUX, disabledReason = "POSIX modes and umask")
  void underUmask000NothingIsWritableByOthers() throws Exception {
    Path home = Files.createDirectories(temp.resolve("umask home"));
    Map<String, String> env = userEnvironment(home);
    Platform platform = Platform.of(Os.LINUX, home, env);
    Path oracle = oracleModel(temp.resolve("oracle"));
    List<String> install = new ArrayList<>(List.of("sh", "-c", "umask 000; exec \"$@\"", "sh",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(),
        "install", "--browsers", "chromium,firefox", "--model-dir", oracle.toString(), "--no-cds"));
    run(install, env, 0);
    UserDirs dirs = UserDirs.of(platform);
    try (Stream<Path> all = Files.walk(home)) {
      for (Path path : all.filter(p -> !p.equals(home)).toList()) {
        assertFalse(FileOps.writableByOthers(path), path + " is " + mode(path));
      }
    }
    assertEquals("rwx------", mode(dirs.dataDir()));
    assertEquals("rwx------", mode(dirs.modelsDir()));
    assertEquals("rwx------", mode(dirs.modelDir("mobilebert-uncased-squad-v2")));
    assertEquals("rwxr-xr-x", mode(home.resolve(".config/chromium/NativeMessagingHosts")));
    assertEquals("rwxr-xr-x", mode(home.resolve(".mozilla/native-messaging-hosts")));
    assertEquals("rwxr-xr-x", mode(dirs.runtimeDir().resolve("bin")));
    assertEquals("rwxr-xr-x", mode(dirs.runtimeDir().resolve("bin/askpage-host")));
    try (Stream<Path> jars = Files.list(dirs.runtimeDir().resolve("app/lib"))) {
      for (Path jar : jars.toList()) {
        assertEquals("rw-r--r--", mode(jar), jar.toString());
      }
    }
  }

  @Test
  @EnabledOnOs(value = OS.LINUX, disabledReason = "starts the installed Linux runtime image")
  void homeWithAnEmojiIsDetectedAndTheHostStillAnswers() throws Exception {
    Path home = Files.createDirectories(temp.resolve("emoji \uD83D\uDE00 home"));
    String installed = installAndAnswer(home, Map.of());
    assertTrue(installed.contains("Java cannot load jars from this folder") && installed.contains("emoji"), installed);
  }

  @Test
  @EnabledOnOs(value = OS.LINUX, disabledReason = "starts the installed Linux runtime image")
  void homeWithAColonIsDetectedAndTheHostStillAnswers() throws Exception {
    Path home = Files.createDirectories(temp.resolve("colon:home"));
    String installed = installAndAnswer(home, Map.of());
    assertTrue(installed.contains("Java cannot load jars from this folder") && installed.contains("':'"), installed);
  }

  @Test
  @EnabledOnOs(value = OS.LINUX, disabledReason = "starts the installed Linux runtime image")
  void nonAsciiHomeUnderTheCLocaleStillAnswers() throws Exception {
    Path home = Files.createDirectories(temp.resolve("h\u00e9l\u00e8ne"));
    Map<String, String> cLocale = new HashMap<>(userEnvironment(home));
    cLocale.putAll(Map.of("LC_ALL", "C", "LANG", "C"));
    String refused = cli(cLocale, 1, "install", "--no-model"); // java -jar directly, not through a launcher
    assertTrue(refused.contains("LC_ALL=C.UTF-8") && !refused.contains("Exception"), refused);
    String installed = installAndAnswer(home, Map.of("LC_ALL", "C", "LANG", "C"), "--no-cds");
    assertFalse(installed.contains("Java cannot load jars"), installed);
  }

  /**
   * Installs for every browser into {@code home} (as install.sh runs it: a UTF-8 locale), then starts the installed
   * launcher as Chromium does with {@code launchEnv} on top of the user's: its first output is the hello reply, an ask
   * is answered, it exits at EOF; the installed {@code askpage doctor} works in that environment too. Returns the
   * install's output.
   */
  private String installAndAnswer(Path home, Map<String, String> launchEnv, String... installOptions)
      throws Exception {
    Map<String, String> env = userEnvironment(home);
    Map<String, String> installEnv = new HashMap<>(env);
    installEnv.put("LC_ALL", "C.UTF-8");
    List<String> args = new ArrayList<>(List.of("install", "--browsers", "all", "--no-model"));
    args.addAll(List.of(installOptions));
    String installed = cli(installEnv, 0, args.toArray(String[]::new));
    Path runtime = UserDirs.of(Platform.of(Os.LINUX, home, env)).runtimeDir();
    Map<String, String> userEnv = new HashMap<>(env);
    userEnv.putAll(launchEnv);
    try (HostClient host = HostClient.start(List.of(runtime.resolve("bin/askpage-host").toString(),
        HostIdentity.CHROME_ORIGIN), userEnv)) {
      host.send(Probe.hello(1));
      JsonObject hello = host.receive(Probe.timeout());
      assertNull(Probe.checkReply(hello, 1, "hello"), hello + "\n" + host.stderrText());
      host.send(Probe.ask(2));
      JsonObject answers = host.receive(Probe.timeout());
      assertNull(Probe.checkReply(answers, 2, "answers"), answers.toString());
      host.closeInput();
      assertTrue(host.process().waitFor(30, TimeUnit.SECONDS), "host exits when the browser closes the pipe");
      assertEquals(0, host.process().exitValue(), host.stderrText());
    }
    String doctor = run(List.of(runtime.resolve("bin/askpage").toString(), "doctor"), userEnv, 0);
    assertFalse(doctor.contains("✗") || doctor.contains("Exception"), doctor);
    return installed;
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, java.nio.file.LinkOption.NOFOLLOW_LINKS));
  }

  /** The manifest has exactly the fields the browser's family reads, our name, the launcher, mode 0644. */
  private static void checkManifest(Browser browser, Path manifest, Path launcher) throws IOException {
    assertTrue(Files.isRegularFile(manifest), browser + ": " + manifest);
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(manifest)), browser.id());
    JsonObject json = JsonParser.parseString(Files.readString(manifest)).getAsJsonObject();
    String allowed = HostManifest.allowedKey(browser.family());
    assertEquals(Set.of("name", "description", "path", "type", allowed), json.keySet(), browser.id());
    assertEquals(HostIdentity.HOST_NAME, json.get("name").getAsString());
    assertEquals("stdio", json.get("type").getAsString());
    assertEquals(launcher.toString(), json.get("path").getAsString());
    List<String> expected = HostIdentity.allowed(browser.family());
    assertEquals(expected, json.getAsJsonArray(allowed).asList().stream().map(e -> e.getAsString()).toList());
  }

  /** A user whose HOME is {@code home}; XDG folders at their defaults inside it. */
  private static Map<String, String> userEnvironment(Path home) {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", home.toString());
    env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
    env.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
    env.put("ASKPAGE_MODEL_DIR", "");
    return env;
  }

  /** Runs {@code java -jar target/askpage.jar ARGS} as that user; checks the exit status; returns stdout+stderr. */
  private static String cli(Map<String, String> env, int status, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toString()));
    command.addAll(List.of(args));
    return run(command, env, status);
  }

  /** Runs {@code command} with {@code env} on top of this process's; checks the exit status; returns its output. */
  static String run(List<String> command, Map<String, String> env, int status) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(180, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
    assertEquals(status, process.exitValue(), String.join(" ", command) + ":\n" + output);
    System.out.println("$ " + String.join(" ", command) + "\n" + output);
    return output;
  }

  private static List<String> tokenIds() throws IOException {
    Vocabulary v = Vocabulary.load(SharedData.vocabulary());
    return List.of(Integer.toString(v.id("sesame")), Integer.toString(v.id("street")));
  }

  /** The oracle model answering from "sesame" to "street": the probe's text answers "Sesame Street". */
  private static Path oracleModel(Path dir) throws IOException {
    Path vocab = SharedData.vocabulary();
    if (!Files.isRegularFile(vocab)) {
      fail("no vocabulary at " + vocab + ": set -Daskpage.shared.data=<shared/data folder>");
    }
    Vocabulary v = Vocabulary.load(vocab);
    return SyntheticModels.writeOracle(dir, v.id("sesame"), v.id("street"), vocab).dir();
  }
}
