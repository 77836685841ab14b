package dev.askpage.cli;

import dev.askpage.installer.platform.UserDirs;
import dev.askpage.models.ModelCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the model to use: an explicit directory, then {@code ASKPAGE_MODEL_DIR}, then the installed default. */
final class ModelLocator {
  static final String ENV = "ASKPAGE_MODEL_DIR";

  private ModelLocator() {}

  static Optional<Path> locate(Path explicit) {
    if (explicit != null) {
      return Optional.of(explicit);
    }
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) {
      return Optional.of(Path.of(env));
    }
    Path installed = installedDefault();
    return Files.isDirectory(installed) ? Optional.of(installed) : Optional.empty();
  }

  /**
   * Where the host looks for its model: as {@link #locate}, but the installed default's directory even before a model
   * is there, so that a running host can take up a model installed later.
   */
  static Optional<Path> forHost(Path explicit) {
    Optional<Path> found = locate(explicit);
    return found.isPresent() ? found : Optional.of(installedDefault());
  }

  private static Path installedDefault() {
    return UserDirs.current().modelDir(ModelCatalog.defaultModel().id());
  }
}
