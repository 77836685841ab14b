package dev.askpage.installer.install;

import dev.askpage.installer.browser.Browser;
import dev.askpage.installer.browser.BrowserLocation;
import dev.askpage.installer.browser.BrowserTable;
import dev.askpage.installer.browser.HostIdentity;
import dev.askpage.installer.browser.HostManifest;
import dev.askpage.installer.platform.Platform;
import dev.askpage.installer.registry.Registry;
import dev.askpage.installer.registry.RegistryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Registers and unregisters the host with one browser at a time, as {@link BrowserTable} says. */
public final class Registrar {
  private final Platform platform;
  private final Registry registry;

  /** A registrar for {@code platform}; {@code registry} is used only where the table names a key (Windows). */
  public Registrar(Platform platform, Registry registry) {
    this.platform = platform;
    this.registry = registry;
  }

  /** Where {@code browser} reads our manifest on this platform. */
  public Path manifestPath(Browser browser) {
    return location(browser).manifestDir().resolve(platform).resolve(HostIdentity.MANIFEST_FILE);
  }

  /**
   * Writes the manifest (mode 0644) for {@code browser} pointing at {@code launcher}, and its registry key; notes the
   * browser in {@code record}.
   */
  public Path register(Browser browser, Path launcher, InstallRecord record) throws IOException, RegistryException {
    Path manifest = manifestPath(browser);
    // Missing folders above the manifests' one (a browser that never ran: its profile will live there; ~/.config) are
    // made 0700, as the browsers and the XDG spec make them; the manifests' folder is one a browser reads.
    FileOps.createDirectories(manifest.getParent().getParent(), record, FileOps.DATA_DIR_MODE);
    FileOps.createDirectories(manifest.getParent(), record);
    String json = HostManifest.forFamily(browser.family(), launcher).toJson();
    FileOps.writeAtomically(manifest, json.getBytes(StandardCharsets.UTF_8), FileOps.FILE_MODE);
    Optional<String> key = location(browser).hostRegistryKey();
    if (key.isPresent()) {
      registry.setDefaultValue(key.get(), manifest.toString());
    }
    record.registered(browser);
    return manifest;
  }

  /** Removes our manifest and registry key for {@code browser}; other hosts' files stay. Returns whether any existed. */
  public boolean unregister(Browser browser) throws IOException, RegistryException {
    boolean removed = Files.deleteIfExists(manifestPath(browser));
    Optional<String> key = location(browser).hostRegistryKey();
    if (key.isPresent()) {
      removed |= registry.deleteKey(key.get());
    }
    return removed;
  }

  /** The registry key for {@code browser}, if this platform uses one. */
  public Optional<String> registryKey(Browser browser) {
    return location(browser).hostRegistryKey();
  }

  private BrowserLocation location(Browser browser) {
    return BrowserTable.location(browser, platform.os());
  }
}
