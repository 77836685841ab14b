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
 */
public record BrowserLocation(
    Browser browser, Os os, Place manifestDir, Optional<String> registryKey, List<Place> markers,
    List<String> executables) {
  /** A row with copies of its lists. */
  public BrowserLocation {
    markers = List.copyOf(markers);
    executables = List.copyOf(executables);
  }

  /** The full registry key for our host, e.g. {@code HKCU\Software\Google\Chrome\NativeMessagingHosts\dev.askpage.host}. */
  public Optional<String> hostRegistryKey() {
    return registryKey.map(key -> "HKCU\\" + key + "\\" + HostIdentity.HOST_NAME);
  }
}
