package dev.askpage.installer.install;

import dev.askpage.installer.FakeBuild;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.askpage.installer.browser.Browser;
import dev.askpage.installer.browser.HostManifest;
import dev.askpage.installer.platform.Os;
import dev.askpage.installer.platform.Platform;
import dev.askpage.installer.platform.UserDirs;
import dev.askpage.installer.registry.RecordingRunner;
import dev.askpage.installer.registry.RegExe;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installs into a temporary HOME (with a space in it) for the Linux and macOS layouts, then uninstalls. */
class InstallerTest {
  @TempDir Path temp;
  private final ByteArrayOutputStream output = new ByteArrayOutputStream();

  private Path app() throws Exception {
    return FakeBuild.at(temp.resolve("build dir/target"));
  }

  private InstallOptions options(InstallOptions.ModelChoice model) throws Exception {
    return new InstallOptions(EnumSet.allOf(Browser.class), null, Path.of(System.getProperty("java.home")), app(),
        model, false);
  }

  private Installer installer(Platform platform) {
    PrintStream out = new PrintStream(output, true);
    return new Installer(platform, new RegExe(new RecordingRunner()), out, out);
  }

  @ParameterizedTest
  @EnumSource(value = Os.class, names = {"LINUX", "MAC"})
  void installsEveryBrowserThenUninstallLeavesNothing(Os os) throws Exception {
    Path home = Files.createDirectories(temp.resolve("home of " + os));
    Platform platform = Platform.of(os, home, Map.of());
    Path launcher = installer(platform).install(options(InstallOptions.ModelChoice.skip()));
    assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(launcher)));
    Registrar registrar = new Registrar(platform, new RegExe(new RecordingRunner()));
    for (Browser browser : Browser.values()) {
      Path manifest = registrar.manifestPath(browser);
      assertTrue(manifest.startsWith(home), manifest.toString());
      assertEquals("dev.askpage.host.json", manifest.getFileName().toString());
      assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(manifest)));
      HostManifest parsed = HostManifest.parse(Files.readString(manifest), browser.family());
      assertEquals(List.of(), parsed.problems());
      assertEquals(launcher.toString(), parsed.path());
    }
    // idempotent
    installer(platform).install(options(InstallOptions.ModelChoice.skip()));
    assertEquals(java.util.Optional.of(EnumSet.allOf(Browser.class)),
        InstallRecord.read(UserDirs.of(platform).installRecord()).registeredBrowsers(), "for the doctor");

    new Uninstaller(platform, new RegExe(new RecordingRunner()), new PrintStream(output, true)).uninstall(true);
    try (Stream<Path> left = Files.walk(home)) {
      assertEquals(List.of(home), left.toList(), output.toString());
    }
  }

  @Test
  void uninstallKeepsOtherHostsAndFoldersThatWereThere() throws Exception {
    Path home = Files.createDirectories(temp.resolve("home"));
    Path chromeHosts = Files.createDirectories(home.resolve(".config/google-chrome/NativeMessagingHosts"));
    Path other = Files.writeString(chromeHosts.resolve("org.other.host.json"), "{}");
    Platform platform = Platform.of(Os.LINUX, home, Map.of());
    installer(platform).install(options(InstallOptions.ModelChoice.skip()));
    Files.createDirectories(UserDirs.of(platform).modelDir("m"));
    new Uninstaller(platform, new RegExe(new RecordingRunner()), new PrintStream(output, true)).uninstall(false);
    assertTrue(Files.exists(other));
    assertFalse(Files.exists(chromeHosts.resolve("dev.askpage.host.json")));
    assertFalse(Files.exists(home.resolve(".mozilla")));
    assertTrue(Files.isDirectory(UserDirs.of(platform).modelDir("m")), "models stay without --purge");
    assertEquals(java.util.Optional.of(java.util.Set.of()),
        InstallRecord.read(UserDirs.of(platform).installRecord()).registeredBrowsers(), "no browser registered now");
    assertFalse(Files.exists(UserDirs.of(platform).runtimeDir()));
  }

  @Test
  void offlineModelDownloadStillInstallsEverythingElse() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path home = Files.createDirectories(temp.resolve("offline home"));
    Platform platform = Platform.of(Os.LINUX, home, Map.of());
    installer(platform).install(options(InstallOptions.ModelChoice.download("http://127.0.0.1:" + port + "/")));
    assertTrue(output.toString().contains("NOT INSTALLED"), output.toString());
    assertTrue(output.toString().contains("lexical mode"), output.toString());
    assertTrue(Files.exists(new Registrar(platform, null).manifestPath(Browser.FIREFOX)));
    assertFalse(Files.exists(UserDirs.of(platform).modelsDir()), "no empty models folder is left");
  }
}
