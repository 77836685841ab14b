package dev.askpage.installer.cli;

import dev.askpage.installer.browser.Browser;
import dev.askpage.installer.install.InstallOptions;
import dev.askpage.installer.install.Installer;
import dev.askpage.installer.platform.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code askpage install}: per-user install of the runtime, browser registration and model; no root. */
@Command(name = "install", mixinStandardHelpOptions = true,
    description = {"Install askpage for this user: the Java runtime image, the host launcher, the native messaging "
        + "manifests of the chosen browsers and the default model. Writes only to your own folders; safe to re-run."})
public final class InstallCommand implements Callable<Integer> {
  @Option(names = "--browsers", paramLabel = "LIST",
      description = "chrome,chromium,edge,brave,vivaldi,firefox or all (default: the browsers found on this machine)")
  String browsers;

  @Option(names = "--image", paramLabel = "DIR",
      description = "the jlink runtime image (default: installer/runtime/target/maven-jlink/default of this build)")
  Path image;

  @Option(names = "--app-dir", paramLabel = "DIR",
      description = "the folder holding askpage.jar and lib/ (default: the running askpage.jar's folder)")
  Path appDir;

  @Option(names = "--model-dir", paramLabel = "DIR", description = "install the model from a local folder")
  Path modelDir;

  @Option(names = "--model-file", paramLabel = "FILE",
      description = "install the model from a local model.onnx (vocab.txt beside it)")
  Path modelFile;

  @Option(names = "--url-base", paramLabel = "URL", description = "download the model files from URL/<name> instead")
  String urlBase;

  @Option(names = "--no-model", description = "do not install a model (the host answers in lexical mode)")
  boolean noModel;

  @Option(names = "--no-cds", description = "do not make the class-data archive (slower host start)")
  boolean noCds;

  private final Platform platform;

  /** The command for this process's user. */
  public InstallCommand() {
    this(Platform.current());
  }

  /** The command for {@code platform} (tests). */
  public InstallCommand(Platform platform) {
    this.platform = platform;
  }

  @Override
  public Integer call() throws Exception {
    Path app = appDir != null ? appDir : Commands.runningAppDir().orElse(null);
    if (app == null) {
      System.err.println("askpage install: cannot find askpage.jar; pass --app-dir host/target");
      return 2;
    }
    Path runtimeImage = image != null ? image
        : app.toAbsolutePath().resolve("../../installer/runtime/target/maven-jlink/default").normalize();
    InstallOptions.ModelChoice model = noModel ? InstallOptions.ModelChoice.skip()
        : modelDir != null ? new InstallOptions.ModelChoice(InstallOptions.ModelChoice.Kind.LOCAL_DIR, modelDir, null)
        : modelFile != null
            ? new InstallOptions.ModelChoice(InstallOptions.ModelChoice.Kind.LOCAL_FILE, modelFile, null)
            : InstallOptions.ModelChoice.download(urlBase);
    InstallOptions options = new InstallOptions(browsers == null ? null : Browser.parseList(browsers),
        Files.isDirectory(runtimeImage) ? runtimeImage : null, Path.of(System.getProperty("java.home")), app, model,
        !noCds);
    Path launcher = new Installer(platform, Commands.registry(platform), System.out, System.err).install(options);
    System.out.println("host      " + launcher);
    return 0;
  }
}
