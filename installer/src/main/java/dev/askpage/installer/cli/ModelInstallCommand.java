package dev.askpage.installer.cli;

import dev.askpage.installer.install.Installer;
import dev.askpage.installer.model.ModelInstallException;
import dev.askpage.installer.platform.Platform;
import dev.askpage.installer.platform.UserDirs;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code askpage model install}: downloads (resumably) or copies the default model into the user's data folder. */
@Command(name = "install", mixinStandardHelpOptions = true,
    description = {"Install the model the host uses into your data folder (<data>/askpage/models/"
        + "mobilebert-uncased-squad-v2): download the catalog's default model (resumes a cut download, checks the "
        + "SHA-256 pins and the ONNX inputs and outputs, records the hashes in model.json and pins.json), or copy "
        + "one from --model-dir / --model-file. A file counts only when all its announced bytes arrived; a download "
        + "must match the SHA-256 (and Hugging Face commit) recorded when the model was first installed, unless "
        + "--replace. A folder with its own model.json (e.g. from `askpage model synth` or `model oracle`) is "
        + "installed with that description. The old model stays until the new one is complete.",
        "A running host keeps its model; the next one started uses the new one. Exit status 1 when nothing was "
            + "installed (e.g. offline)."})
public final class ModelInstallCommand implements Callable<Integer> {
  @Mixin ModelSourceOptions modelSource;

  private final Platform platform;

  /** The command for this process's user. */
  public ModelInstallCommand() {
    this(null); // read at call(): a HOME Java cannot use is then one clear line, not a stack trace
  }

  /** The command for {@code platform} (tests); null: this process's user. */
  public ModelInstallCommand(Platform platform) {
    this.platform = platform;
  }

  @Override
  public Integer call() throws Exception {
    Platform platform = Commands.platform(this.platform);
    UserDirs dirs = UserDirs.of(platform);
    try {
      return new Installer(platform, Commands.registry(platform), Commands.stdout(), Commands.stderr())
          .replacingModel(modelSource.replace).installModel(modelSource.choice(), dirs) ? 0 : 1;
    } catch (ModelInstallException e) {
      return Commands.fail("model install", e);
    }
  }
}
