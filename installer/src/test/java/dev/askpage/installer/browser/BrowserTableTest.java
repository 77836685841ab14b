package dev.askpage.installer.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.askpage.installer.platform.Os;
import dev.askpage.installer.platform.Platform;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BrowserTableTest {
  private static final Path HOME = Path.of("/home/u");

  private static Path dir(Browser browser, Os os) {
    return BrowserTable.location(browser, os).manifestDir()
        .resolve(Platform.of(os, HOME, Map.of("LOCALAPPDATA", "/local")));
  }

  @Test
  void everyBrowserHasOneRowPerOs() {
    for (Os os : Os.values()) {
      for (Browser browser : Browser.values()) {
        assertEquals(1, BrowserTable.rows().stream().filter(r -> r.browser() == browser && r.os() == os).count(),
            browser + " on " + os);
      }
    }
    assertEquals(Browser.values().length * Os.values().length, BrowserTable.rows().size());
  }

  @Test
  void linuxFolders() {
    assertEquals(HOME.resolve(".config/google-chrome/NativeMessagingHosts"), dir(Browser.CHROME, Os.LINUX));
    assertEquals(HOME.resolve(".config/chromium/NativeMessagingHosts"), dir(Browser.CHROMIUM, Os.LINUX));
    assertEquals(HOME.resolve(".config/microsoft-edge/NativeMessagingHosts"), dir(Browser.EDGE, Os.LINUX));
    assertEquals(HOME.resolve(".config/BraveSoftware/Brave-Browser/NativeMessagingHosts"),
        dir(Browser.BRAVE, Os.LINUX));
    assertEquals(HOME.resolve(".config/vivaldi/NativeMessagingHosts"), dir(Browser.VIVALDI, Os.LINUX));
    assertEquals(HOME.resolve(".mozilla/native-messaging-hosts"), dir(Browser.FIREFOX, Os.LINUX));
  }

  @Test
  void linuxChromiumFamilyFollowsXdgConfigHome() {
    Platform platform = Platform.of(Os.LINUX, HOME, Map.of("XDG_CONFIG_HOME", "/cfg"));
    assertEquals(Path.of("/cfg/google-chrome/NativeMessagingHosts"),
        BrowserTable.location(Browser.CHROME, Os.LINUX).manifestDir().resolve(platform));
  }

  @Test
  void macFolders() {
    Path support = HOME.resolve("Library/Application Support");
    assertEquals(support.resolve("Google/Chrome/NativeMessagingHosts"), dir(Browser.CHROME, Os.MAC));
    assertEquals(support.resolve("Chromium/NativeMessagingHosts"), dir(Browser.CHROMIUM, Os.MAC));
    assertEquals(support.resolve("Microsoft Edge/NativeMessagingHosts"), dir(Browser.EDGE, Os.MAC));
    assertEquals(support.resolve("BraveSoftware/Brave-Browser/NativeMessagingHosts"), dir(Browser.BRAVE, Os.MAC));
    assertEquals(support.resolve("Vivaldi/NativeMessagingHosts"), dir(Browser.VIVALDI, Os.MAC));
    assertEquals(support.resolve("Mozilla/NativeMessagingHosts"), dir(Browser.FIREFOX, Os.MAC));
  }

  @Test
  void windowsKeysAndManifestFolders() {
    assertEquals(Optional.of("HKCU\\Software\\Google\\Chrome\\NativeMessagingHosts\\dev.askpage.host"),
        BrowserTable.location(Browser.CHROME, Os.WINDOWS).hostRegistryKey());
    assertEquals(Optional.of("HKCU\\Software\\Microsoft\\Edge\\NativeMessagingHosts\\dev.askpage.host"),
        BrowserTable.location(Browser.EDGE, Os.WINDOWS).hostRegistryKey());
    assertEquals(Optional.of("HKCU\\Software\\Mozilla\\NativeMessagingHosts\\dev.askpage.host"),
        BrowserTable.location(Browser.FIREFOX, Os.WINDOWS).hostRegistryKey());
    assertEquals(Path.of("/local/askpage/manifests/chromium"), dir(Browser.EDGE, Os.WINDOWS));
    assertEquals(Path.of("/local/askpage/manifests/firefox"), dir(Browser.FIREFOX, Os.WINDOWS));
  }

  @Test
  void onlyWindowsUsesTheRegistry() {
    for (BrowserLocation row : BrowserTable.rows()) {
      assertEquals(row.os() == Os.WINDOWS, row.registryKey().isPresent(), row.toString());
      assertFalse(row.markers().isEmpty(), row.toString());
    }
    assertTrue(BrowserTable.location(Browser.FIREFOX, Os.LINUX).executables().contains("firefox"));
  }
}
