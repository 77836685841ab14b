package dev.askpage.installer.install;

import dev.askpage.installer.browser.Browser;
import dev.askpage.installer.platform.Platform;
import dev.askpage.installer.platform.UserDirs;
import dev.askpage.installer.registry.Registry;
import dev.askpage.installer.registry.RegistryException;
import dev.askpage.installer.runtime.RuntimeInstaller;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Removes what {@link Installer} put in place: our manifests and registry keys in every browser's location, the
 * runtime, the models only with {@code purge}, then the folders the install created once they are empty.
 */
public final class Uninstaller {
  private final Platform platform;
  private final Registry registry;
  private final PrintStream out;

  /** An uninstaller for {@code platform}'s user. */
  public Uninstaller(Platform platform, Registry registry, PrintStream out) {
    this.platform = platform;
    this.registry = registry;
    this.out = out;
  }

  /** Uninstalls; with {@code purge} the models go too. */
  public void uninstall(boolean purge) throws IOException, RegistryException {
    UserDirs dirs = UserDirs.of(platform);
    InstallRecord record = InstallRecord.read(dirs.installRecord());
    Registrar registrar = new Registrar(platform, registry);
    for (Browser browser : Browser.values()) {
      if (registrar.unregister(browser)) {
        out.println("removed   " + browser.id() + " " + registrar.manifestPath(browser));
      }
    }
    if (new RuntimeInstaller(platform).uninstall()) {
      out.println("removed   " + dirs.runtimeDir());
    }
    if (purge) {
      if (Files.exists(dirs.modelsDir())) {
        FileOps.deleteTree(dirs.modelsDir());
        out.println("removed   " + dirs.modelsDir());
      }
      Files.deleteIfExists(dirs.installRecord());
    } else if (Files.isDirectory(dirs.modelsDir())) {
      out.println("kept      " + dirs.modelsDir() + " (uninstall --purge removes the models too)");
      record.forgetRegistrations(); // the record stays for the models' folders: no browser is registered now
      record.write(dirs.installRecord());
    } else {
      Files.deleteIfExists(dirs.installRecord());
    }
    for (Path dir : record.createdDirsDeepestFirst()) {
      FileOps.deleteIfEmpty(dir);
    }
    FileOps.deleteIfEmpty(dirs.manifestsDir());
    FileOps.deleteIfEmpty(dirs.dataDir());
  }
}
