package dev.askpage.installer.browser;

import dev.askpage.installer.platform.Os;
import java.util.List;
import java.util.Optional;

/**
 * One row of {@link BrowserTable}: where {@code browser} on {@code os} reads the host manifest, the registry key that
 * points at it (Windows only), and how to tell that the browser is installed.
 *
 * @param manifestDir the folder our {@code dev.askpage.host.json} goes in
 * @param registryKey the key under {@code HKCU} whose default value is the manifest's path (Windows), without the host
 *     name
 * @param markers folders that exist when the browser is installed or has been run (profile folders, app bundles)
 * @param executables program names looked up on {@code PATH}
 * @param snaps the browser's snap names (Linux): a snap runs sandboxed, where {@code manifestDir} is out of its reach
 * @param flatpaks the browser's Flatpak application ids (Linux), sandboxed the same way
 */
public record BrowserLocation(
    Browser browser, Os os, Place manifestDir, Optional<String> registryKey, List<Place> markers,
    List<String> executables, List<String> snaps, List<String> flatpaks) {
  /** A row with copies of its lists. */
  public BrowserLocation {
    markers = List.copyOf(markers);
    executables = List.copyOf(executables);
    snaps = List.copyOf(snaps);
    flatpaks = List.copyOf(flatpaks);
  }

  /** This row with the snap name and Flatpak id the browser is packaged under. */
  BrowserLocation sandboxedAs(String snap, String flatpak) {
    return new BrowserLocation(browser, os, manifestDir, registryKey, markers, executables,
        snap == null ? List.of() : List.of(snap), List.of(flatpak));
  }

  /** The full registry key for our host, e.g. {@code HKCU\Software\Google\Chrome\NativeMessagingHosts\dev.askpage.host}. */
  public Optional<String> hostRegistryKey() {
    return registryKey.map(key -> "HKCU\\" + key + "\\" + HostIdentity.HOST_NAME);
  }
}
