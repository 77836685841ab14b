package dev.askpage.installer.cli;

import dev.askpage.installer.install.Uninstaller;
import dev.askpage.installer.platform.Platform;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code askpage uninstall [--purge]}: removes our manifests, registry keys and runtime; models only with --purge. */
@Command(name = "uninstall", mixinStandardHelpOptions = true,
    description = "Remove askpage's manifests (dev.askpage.host.json only), registry keys and runtime for this user. "
        + "Other native messaging hosts are left alone.")
public final class UninstallCommand implements Callable<Integer> {
  @Option(names = "--purge", description = "remove the downloaded models too")
  boolean purge;

  private final Platform platform;

  /** The command for this process's user. */
  public UninstallCommand() {
    this(Platform.current());
  }

  /** The command for {@code platform} (tests). */
  public UninstallCommand(Platform platform) {
    this.platform = platform;
  }

  @Override
  public Integer call() throws Exception {
    new Uninstaller(platform, Commands.registry(platform), System.out).uninstall(purge);
    return 0;
  }
}
