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
    Path installed = UserDirs.current().modelDir(ModelCatalog.defaultModel().id());
    return Files.isDirectory(installed) ? Optional.of(installed) : Optional.empty();
  }
}
