package dev.askpage.installer.browser;

import dev.askpage.installer.platform.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

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
    if (sandbox(browser).isPresent()) {
      return true;
    }
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

  /**
   * Whether {@code browser} is installed as a snap or a flatpak (Linux), by what such an install leaves: the folder
   * it keeps in the home once run ({@code ~/snap/NAME}, {@code ~/.var/app/ID}) or its command in the folders snapd and
   * Flatpak put on {@code PATH} ({@code /snap/bin}, {@code .../flatpak/exports/bin}).
   */
  public Optional<Sandbox> sandbox(Browser browser) {
    BrowserLocation row = BrowserTable.location(browser, platform.os());
    for (String snap : row.snaps()) {
      Optional<Path> found = folder(platform.home().resolve("snap").resolve(snap))
          .or(() -> command(snap, folder -> folder.endsWith(Path.of("snap", "bin"))));
      if (found.isPresent()) {
        return Optional.of(new Sandbox("snap", found.get()));
      }
    }
    for (String flatpak : row.flatpaks()) {
      Path userExports = platform.xdgDataHome().resolve("flatpak").resolve("exports").resolve("bin");
      Optional<Path> found = folder(platform.home().resolve(".var").resolve("app").resolve(flatpak))
          .or(() -> executable(userExports.resolve(flatpak)))
          .or(() -> command(flatpak, folder -> folder.endsWith(Path.of("flatpak", "exports", "bin"))));
      if (found.isPresent()) {
        return Optional.of(new Sandbox("flatpak", found.get()));
      }
    }
    return Optional.empty();
  }

  private static Optional<Path> folder(Path path) {
    return Files.isDirectory(path) ? Optional.of(path) : Optional.empty();
  }

  private static Optional<Path> executable(Path path) {
    return Files.isRegularFile(path) && Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
  }

  /** {@code name} as an executable in a {@code PATH} folder that {@code where} accepts. */
  private Optional<Path> command(String name, Predicate<Path> where) {
    for (Path folder : platform.searchPath()) {
      if (where.test(folder) && executable(folder.resolve(name)).isPresent()) {
        return Optional.of(folder.resolve(name));
      }
    }
    return Optional.empty();
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
