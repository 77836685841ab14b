package dev.askpage.installer.platform;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The machine the installer works on: its OS, CPU, the user's home and environment. Created once from the real process
 * ({@link #current()}) or in tests from a temporary home, then passed in; nothing below reads {@code System.getenv}.
 */
public record Platform(Os os, String arch, Path home, Map<String, String> env) {
  /** A platform with copies of its maps. */
  public Platform {
    env = Map.copyOf(env);
  }

  /** This process's platform. */
  public static Platform current() {
    Os os = Os.fromOsName(System.getProperty("os.name"));
    return new Platform(os, System.getProperty("os.arch"), home(os, System.getenv(), System.getProperty("user.home")),
        System.getenv());
  }

  /**
   * The user's home: on Linux and macOS {@code $HOME} when it is an absolute path (as browsers, shells and XDG use it;
   * Java's {@code user.home} comes from the password database and ignores {@code HOME=... command}), else
   * {@code user.home}; on Windows {@code user.home}.
   */
  static Path home(Os os, Map<String, String> env, String userHome) {
    String home = env.get("HOME");
    if (os != Os.WINDOWS && home != null && !home.isBlank() && Path.of(home).isAbsolute()) {
      return Path.of(home);
    }
    return Path.of(userHome);
  }

  /** A platform for tests: {@code os} with {@code home} and {@code env}, on this machine's CPU. */
  public static Platform of(Os os, Path home, Map<String, String> env) {
    return new Platform(os, System.getProperty("os.arch"), home, env);
  }

  /** An environment variable, if set and not blank. */
  public Optional<String> getenv(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  /** An environment variable holding an absolute path (XDG rules: relative values are ignored). */
  public Optional<Path> absolutePathEnv(String name) {
    return getenv(name).map(Path::of).filter(Path::isAbsolute);
  }

  /** Linux {@code $XDG_CONFIG_HOME} or {@code ~/.config}. */
  public Path xdgConfigHome() {
    return absolutePathEnv("XDG_CONFIG_HOME").orElse(home.resolve(".config"));
  }

  /** Linux {@code $XDG_DATA_HOME} or {@code ~/.local/share}. */
  public Path xdgDataHome() {
    return absolutePathEnv("XDG_DATA_HOME").orElse(home.resolve(".local").resolve("share"));
  }

  /** macOS {@code ~/Library/Application Support}. */
  public Path macAppSupport() {
    return home.resolve("Library").resolve("Application Support");
  }

  /** Windows {@code %LOCALAPPDATA%} or {@code ~\AppData\Local}. */
  public Path localAppData() {
    return absolutePathEnv("LOCALAPPDATA").orElse(home.resolve("AppData").resolve("Local"));
  }

  /** Windows {@code %APPDATA%} or {@code ~\AppData\Roaming}. */
  public Path roamingAppData() {
    return absolutePathEnv("APPDATA").orElse(home.resolve("AppData").resolve("Roaming"));
  }

  /** The folders of {@code PATH}, in order. */
  public List<Path> searchPath() {
    String separator = os == Os.WINDOWS ? ";" : File.pathSeparator;
    List<Path> folders = new ArrayList<>();
    for (String entry : getenv("PATH").or(() -> getenv("Path")).orElse("").split(separator)) {
      if (!entry.isBlank()) {
        folders.add(Path.of(entry));
      }
    }
    return folders;
  }

  /** ONNX Runtime's name for this platform's native folder, e.g. {@code linux-x64}, {@code osx-aarch64}. */
  public String onnxRuntimeOsArch() {
    String osPart = switch (os) {
      case LINUX -> "linux";
      case MAC -> "osx";
      case WINDOWS -> "win";
    };
    String a = arch.toLowerCase(Locale.ROOT);
    String archPart = a.equals("amd64") || a.equals("x86_64") || a.equals("x64") ? "x64"
        : a.equals("aarch64") || a.equals("arm64") ? "aarch64" : a;
    return osPart + "-" + archPart;
  }
}
