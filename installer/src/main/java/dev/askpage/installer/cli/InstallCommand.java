package dev.askpage.installer.cli;

import dev.askpage.installer.browser.Browser;
import dev.askpage.installer.install.InstallOptions;
import dev.askpage.installer.install.Installer;
import dev.askpage.installer.model.ModelInstallException;
import dev.askpage.installer.platform.Platform;
import dev.askpage.installer.platform.UserDirs;
import dev.askpage.installer.registry.RegistryException;
import dev.askpage.installer.runtime.RuntimeInstallException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code askpage install}: per-user install of the runtime, browser registration and model; no root. */
@Command(name = "install", mixinStandardHelpOptions = true,
    description = {"Install askpage for this user, from a build (java -jar host/target/askpage.jar install): copies "
        + "the Java runtime image and the application into your data folder (Linux $XDG_DATA_HOME/askpage or "
        + "~/.local/share/askpage, macOS ~/Library/Application Support/askpage, Windows %%LOCALAPPDATA%%\\askpage; "
        + "ASKPAGE_DATA_DIR, an absolute path, names the folder itself) with ONNX Runtime's libraries for this "
        + "platform extracted once, writes the launchers bin/askpage-host and bin/askpage (which set ASKPAGE_DATA_DIR "
        + "to that folder, so the host a browser starts uses it without XDG_DATA_HOME), writes the native messaging "
        + "manifest for each chosen browser (and its registry key on Windows), installs the default model, and "
        + "makes the class-data archive that speeds up the host's start.",
        "Offline, or when the model download fails (a server error, a file that fails its check), the install says "
            + "why and installs everything else (an installed model stays as it was; without one the host answers in "
            + "lexical mode until `askpage model install` succeeds). Writes only to your own folders; safe to re-run.",
        "Modes are set whatever the umask: the data folder and models 0700, the folders a browser reads 0755, "
            + "files 0644 (programs 0755); nothing is group- or world-writable. A data folder whose path Java cannot "
            + "use (':' in it, or a character such as an emoji) is reported, and the launchers load the jars through "
            + "a small bootstrap jar (for ':', on the Java running this install); the launchers switch a non-UTF-8 "
            + "locale to C.UTF-8, so a non-ASCII HOME works under the C locale."})
public final class InstallCommand implements Callable<Integer> {
  @Option(names = "--browsers", paramLabel = "LIST",
      description = "chrome,chromium,edge,brave,vivaldi,firefox or all (default: the browsers found on this machine)")
  String browsers;

  @Option(names = "--image", paramLabel = "DIR",
      description = "the jlink runtime image (default: installer/runtime/target/maven-jlink/default of this build; "
          + "without one the host runs on the Java running this command)")
  Path image;

  @Option(names = "--app-dir", paramLabel = "DIR",
      description = "the folder holding askpage.jar and lib/ (default: the running askpage.jar's folder)")
  Path appDir;

  @Mixin ModelSourceOptions modelSource;

  @Option(names = "--no-model", description = "do not install a model (the host answers in lexical mode)")
  boolean noModel;

  @Option(names = "--no-cds", description = "do not make the class-data archive (the host starts slower)")
  boolean noCds;

  private final Platform platform;

  /** The command for this process's user. */
  public InstallCommand() {
    this(null); // read at call(): a HOME Java cannot use is then one clear line, not a stack trace
  }

  /** The command for {@code platform} (tests); null: this process's user. */
  public InstallCommand(Platform platform) {
    this.platform = platform;
  }

  @Override
  public Integer call() throws Exception {
    Platform platform = Commands.platform(this.platform);
    Path app = appDir != null ? appDir : Commands.runningAppDir().orElse(null);
    if (app == null) {
      Commands.stderr().println("askpage install: cannot find askpage.jar; pass --app-dir host/target");
      return 2;
    }
    app = app.toAbsolutePath().normalize();
    if (app.startsWith(UserDirs.of(platform).runtimeDir().toAbsolutePath().normalize())) {
      Commands.stderr().println("askpage install: this is the installed copy (" + app + "); run install from a "
          + "build: installer/install.sh, or java -jar host/target/askpage.jar install");
      return 2;
    }
    Path runtimeImage = image != null ? image
        : app.resolve("../../installer/runtime/target/maven-jlink/default").normalize();
    InstallOptions.ModelChoice model = noModel ? InstallOptions.ModelChoice.skip() : modelSource.choice();
    Set<Browser> chosen;
    try {
      chosen = browsers == null ? null : Browser.parseList(browsers);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--browsers: " + e.getMessage());
    }
    InstallOptions options = new InstallOptions(chosen, Files.isDirectory(runtimeImage) ? runtimeImage : null,
        Path.of(System.getProperty("java.home")), app, model, !noCds);
    PrintStream out = Commands.stdout();
    try {
      Path launcher = new Installer(platform, Commands.registry(platform), out, Commands.stderr())
          .replacingModel(modelSource.replace).install(options);
      out.println("host      " + launcher);
      return 0;
    } catch (ModelInstallException | RuntimeInstallException | RegistryException e) {
      return Commands.fail("install", e);
    }
  }
}
