package dev.askpage.installer.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.askpage.installer.install.FileOps;
import dev.askpage.installer.platform.Os;
import dev.askpage.installer.platform.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
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
}
