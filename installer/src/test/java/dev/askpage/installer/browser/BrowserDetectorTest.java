package dev.askpage.installer.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.askpage.installer.install.FileOps;
import dev.askpage.installer.platform.Os;
import dev.askpage.installer.platform.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrowserDetectorTest {
  @TempDir Path home;

  @Test
  void nothingInstalledInAnEmptyHome() {
    Platform platform = Platform.of(Os.LINUX, home, Map.of("PATH", home.resolve("bin").toString()));
    assertEquals(EnumSet.noneOf(Browser.class), new BrowserDetector(platform).installed());
  }

  @Test
  void profileFolderOrProgramOnPathMeansInstalled() throws Exception {
    Files.createDirectories(home.resolve(".config/BraveSoftware/Brave-Browser"));
    Files.createDirectories(home.resolve(".mozilla/firefox"));
    Path bin = Files.createDirectories(home.resolve("my bin"));
    Path chromium = Files.createFile(bin.resolve("chromium-browser"));
    FileOps.setMode(chromium, FileOps.EXEC_MODE);
    Files.createFile(bin.resolve("vivaldi")); // not executable: ignored
    Platform platform = Platform.of(Os.LINUX, home, Map.of("PATH", bin.toString()));
    assertEquals(EnumSet.of(Browser.BRAVE, Browser.FIREFOX, Browser.CHROMIUM),
        new BrowserDetector(platform).installed());
  }

  @Test
  void macApplicationSupportFolder() throws Exception {
    Files.createDirectories(home.resolve("Library/Application Support/Microsoft Edge"));
    Files.createDirectories(home.resolve("Applications/Google Chrome.app"));
    Platform platform = Platform.of(Os.MAC, home, Map.of());
    assertEquals(EnumSet.of(Browser.EDGE, Browser.CHROME), new BrowserDetector(platform).installed());
  }

  @Test
  void snapsAndFlatpaksAreInstalledAndSandboxed() throws Exception {
    Path snapBin = Files.createDirectories(home.resolve("root/snap/bin"));
    FileOps.setMode(Files.createFile(snapBin.resolve("chromium")), FileOps.EXEC_MODE);
    Files.createDirectories(home.resolve("snap/brave")); // ~/snap/NAME: the snap has run for this user
    Path exports = Files.createDirectories(home.resolve(".local/share/flatpak/exports/bin"));
    FileOps.setMode(Files.createFile(exports.resolve("com.google.Chrome")), FileOps.EXEC_MODE);
    Path plainBin = Files.createDirectories(home.resolve("usr/bin"));
    FileOps.setMode(Files.createFile(plainBin.resolve("firefox")), FileOps.EXEC_MODE); // a plain Firefox
    Platform platform = Platform.of(Os.LINUX, home, Map.of("PATH", snapBin + ":" + plainBin));
    BrowserDetector detector = new BrowserDetector(platform);
    assertEquals(EnumSet.of(Browser.CHROMIUM, Browser.BRAVE, Browser.CHROME, Browser.FIREFOX), detector.installed());
    assertEquals(Optional.of(new Sandbox("snap", snapBin.resolve("chromium"))), detector.sandbox(Browser.CHROMIUM));
    assertEquals(Optional.of(new Sandbox("snap", home.resolve("snap/brave"))), detector.sandbox(Browser.BRAVE));
    assertEquals(Optional.of(new Sandbox("flatpak", exports.resolve("com.google.Chrome"))),
        detector.sandbox(Browser.CHROME));
    assertEquals(Optional.empty(), detector.sandbox(Browser.FIREFOX));
    assertEquals(Optional.empty(), new BrowserDetector(Platform.of(Os.MAC, home, Map.of())).sandbox(Browser.BRAVE));
  }
}
