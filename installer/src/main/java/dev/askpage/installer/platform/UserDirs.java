package dev.askpage.installer.platform;

import java.nio.file.Path;

/**
 * The user's askpage folders: data ({@code $XDG_DATA_HOME/askpage} or {@code ~/.local/share/askpage} on Linux,
 * {@code ~/Library/Application Support/askpage} on macOS, {@code %LOCALAPPDATA%\askpage} on Windows), with the models,
 * the runtime image and (Windows) the native messaging manifests inside it.
 *
 * <p>The host finds the installed default model at {@code UserDirs.current().modelsDir().resolve(id)}. The launchers
 * the install writes set {@value #DATA_DIR_ENV} to the data folder the install used, so that the host a browser
 * starts, and the installed {@code askpage} command, use that folder whatever the environment they are started in
 * (a browser does not pass on the {@code XDG_DATA_HOME} the install ran with).
 */
public final class UserDirs {
  /** The data folder itself ({@code .../askpage}), set by the launchers; an absolute path, else ignored. */
  public static final String DATA_DIR_ENV = "ASKPAGE_DATA_DIR";

  private final Path dataDir;

  private UserDirs(Path dataDir) {
    this.dataDir = dataDir;
  }

  /** The folders of {@code platform}'s user: {@value #DATA_DIR_ENV} when set, else the platform's data folder. */
  public static UserDirs of(Platform platform) {
    java.util.Optional<Path> chosen = platform.absolutePathEnv(DATA_DIR_ENV);
    if (chosen.isPresent()) {
      return new UserDirs(chosen.get());
    }
    Path base = switch (platform.os()) {
      case LINUX -> platform.xdgDataHome();
      case MAC -> platform.macAppSupport();
      case WINDOWS -> platform.localAppData();
    };
    return new UserDirs(base.resolve("askpage"));
  }

  /** The folders of the user running this process. */
  public static UserDirs current() {
    return of(Platform.current());
  }

  /** Everything askpage keeps for this user. */
  public Path dataDir() {
    return dataDir;
  }

  /** Installed models, one folder per model id. */
  public Path modelsDir() {
    return dataDir.resolve("models");
  }

  /** The installed default (or any) model's folder. */
  public Path modelDir(String modelId) {
    return modelsDir().resolve(modelId);
  }

  /** The runtime: Java image, application jars, native libraries, launcher. */
  public Path runtimeDir() {
    return dataDir.resolve("runtime");
  }

  /** Manifests that do not live in a browser's folder (Windows: the registry points at them). */
  public Path manifestsDir() {
    return dataDir.resolve("manifests");
  }

  /** What the last install created, so that uninstall removes exactly that. */
  public Path installRecord() {
    return dataDir.resolve("install-record.json");
  }
}
