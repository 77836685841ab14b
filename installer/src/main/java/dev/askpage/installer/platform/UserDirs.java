package dev.askpage.installer.platform;

import java.nio.file.Path;

/**
 * The user's askpage folders: data ({@code $XDG_DATA_HOME/askpage} or {@code ~/.local/share/askpage} on Linux,
 * {@code ~/Library/Application Support/askpage} on macOS, {@code %LOCALAPPDATA%\askpage} on Windows), with the models,
 * the runtime image and (Windows) the native messaging manifests inside it.
 *
 * <p>The host finds the installed default model at {@code UserDirs.current().modelsDir().resolve(id)}.
 */
public final class UserDirs {
  private final Path dataDir;

  private UserDirs(Path dataDir) {
    this.dataDir = dataDir;
  }

  /** The folders of {@code platform}'s user. */
  public static UserDirs of(Platform platform) {
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
