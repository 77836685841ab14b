package dev.askpage.installer.browser;

import dev.askpage.installer.platform.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/** Tells which browsers are installed: a marker folder from {@link BrowserTable} exists or a program is on PATH. */
public final class BrowserDetector {
  private final Platform platform;

  /** A detector for {@code platform}. */
  public BrowserDetector(Platform platform) {
    this.platform = platform;
  }

  /** Whether {@code browser} looks installed. */
  public boolean isInstalled(Browser browser) {
    BrowserLocation row = BrowserTable.location(browser, platform.os());
    for (Place marker : row.markers()) {
      if (Files.isDirectory(marker.resolve(platform))) {
        return true;
      }
    }
    for (String executable : row.executables()) {
      for (Path folder : platform.searchPath()) {
        Path candidate = folder.resolve(executable);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The installed browsers among all. */
  public Set<Browser> installed() {
    Set<Browser> found = EnumSet.noneOf(Browser.class);
    for (Browser browser : Browser.values()) {
      if (isInstalled(browser)) {
        found.add(browser);
      }
    }
    return found;
  }
}
