package dev.askpage.installer.cli;

import dev.askpage.installer.install.Uninstaller;
import dev.askpage.installer.platform.Platform;
import dev.askpage.installer.registry.RegistryException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code askpage uninstall [--purge]}: removes our manifests, registry keys and runtime; models only with --purge. */
@Command(name = "uninstall", mixinStandardHelpOptions = true,
    description = {"Remove what `askpage install` put in place for this user: our native messaging manifests "
        + "(dev.askpage.host.json only) in every browser's folder, our registry keys (Windows), the runtime (Java "
        + "image, application, launchers, class-data archive) and the folders the install created once empty. "
        + "Other native messaging hosts and other files are left alone. The models stay unless --purge."})
public final class UninstallCommand implements Callable<Integer> {
  @Option(names = "--purge", description = "remove the installed models too")
  boolean purge;

  private final Platform platform;

  /** The command for this process's user. */
  public UninstallCommand() {
    this(null); // read at call(): a HOME Java cannot use is then one clear line, not a stack trace
  }

  /** The command for {@code platform} (tests); null: this process's user. */
  public UninstallCommand(Platform platform) {
    this.platform = platform;
  }

  @Override
  public Integer call() throws Exception {
    Platform platform = Commands.platform(this.platform);
    try {
      new Uninstaller(platform, Commands.registry(platform), Commands.stdout()).uninstall(purge);
      return 0;
    } catch (RegistryException e) {
      return Commands.fail("uninstall", e);
    }
  }
}
