package dev.askpage.installer.cli;

import dev.askpage.installer.install.InstallOptions.ModelChoice;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the model comes from ({@code --model-dir}, {@code --model-file}, {@code --url-base}): a picocli mixin. */
final class ModelSourceOptions {
  @Option(names = "--model-dir", paramLabel = "DIR",
      description = "install the model from a local folder (model.onnx, vocab.txt, optionally its own model.json)")
  Path modelDir;

  @Option(names = "--model-file", paramLabel = "FILE",
      description = "install the model from a local model.onnx (vocab.txt beside it)")
  Path modelFile;

  @Option(names = "--url-base", paramLabel = "URL",
      description = "download the model files from URL/<name> instead of the catalog's address (a mirror)")
  String urlBase;

  @Option(names = "--replace",
      description = "download even when the installed model's files are intact, and let a download replace an "
          + "installed model whose files differ from it, or whose record (pins.json) cannot be read (without it a "
          + "download must match the SHA-256 recorded when the model was installed)")
  boolean replace;

  /** The choice these options make: a local folder, a local ONNX file, or a download (from the mirror if given). */
  ModelChoice choice() {
    if (modelDir != null) {
      return new ModelChoice(ModelChoice.Kind.LOCAL_DIR, modelDir, null);
    }
    if (modelFile != null) {
      return new ModelChoice(ModelChoice.Kind.LOCAL_FILE, modelFile, null);
    }
    return ModelChoice.download(urlBase);
  }
}
