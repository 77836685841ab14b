package dev.askpage.installer.cli;

import dev.askpage.installer.install.InstallOptions;
import dev.askpage.installer.install.Installer;
import dev.askpage.installer.platform.Platform;
import dev.askpage.installer.platform.UserDirs;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code askpage model install}: downloads (resumably) or copies the default model into the user's data folder. */
@Command(name = "install", mixinStandardHelpOptions = true,
    description = "Install the default model into your data folder: download with resume and checksum check, or copy "
        + "from --model-dir / --model-file. The host uses it from its next start.")
public final class ModelInstallCommand implements Callable<Integer> {
  @Option(names = "--model-dir", paramLabel = "DIR", description = "install from a local folder")
  Path modelDir;

  @Option(names = "--model-file", paramLabel = "FILE", description = "install from a local model.onnx")
  Path modelFile;

  @Option(names = "--url-base", paramLabel = "URL", description = "download the files from URL/<name> instead")
  String urlBase;

  private final Platform platform;

  /** The command for this process's user. */
  public ModelInstallCommand() {
    this(Platform.current());
  }

  /** The command for {@code platform} (tests). */
  public ModelInstallCommand(Platform platform) {
    this.platform = platform;
  }

  @Override
  public Integer call() throws Exception {
    InstallOptions.ModelChoice choice = modelDir != null
        ? new InstallOptions.ModelChoice(InstallOptions.ModelChoice.Kind.LOCAL_DIR, modelDir, null)
        : modelFile != null ? new InstallOptions.ModelChoice(InstallOptions.ModelChoice.Kind.LOCAL_FILE, modelFile, null)
        : InstallOptions.ModelChoice.download(urlBase);
    UserDirs dirs = UserDirs.of(platform);
    return new Installer(platform, Commands.registry(platform), System.out, System.err).installModel(choice, dirs)
        ? 0 : 1;
  }
}
