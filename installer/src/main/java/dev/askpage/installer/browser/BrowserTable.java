package dev.askpage.installer.browser;

import static dev.askpage.installer.browser.Place.Base.ASKPAGE_MANIFESTS;
import static dev.askpage.installer.browser.Place.Base.HOME;
import static dev.askpage.installer.browser.Place.Base.LOCAL_APP_DATA;
import static dev.askpage.installer.browser.Place.Base.MAC_APPLICATIONS;
import static dev.askpage.installer.browser.Place.Base.MAC_APP_SUPPORT;
import static dev.askpage.installer.browser.Place.Base.MAC_USER_APPLICATIONS;
import static dev.askpage.installer.browser.Place.Base.PROGRAM_FILES;
import static dev.askpage.installer.browser.Place.Base.ROAMING_APP_DATA;
import static dev.askpage.installer.browser.Place.Base.XDG_CONFIG;

import dev.askpage.installer.platform.Os;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one table of (browser, OS) → where the host manifest goes and how to detect the browser. Everything that
 * installs, uninstalls or checks a browser reads this table; there is no per-browser code.
 *
 * <p>Sources: Chrome's "Native messaging" guide (Linux {@code ~/.config/google-chrome/NativeMessagingHosts}, macOS
 * {@code ~/Library/Application Support/Google/Chrome/NativeMessagingHosts}, Windows
 * {@code HKCU\Software\Google\Chrome\NativeMessagingHosts}), Microsoft's Edge guide ({@code HKCU\Software\Microsoft\Edge
 * \NativeMessagingHosts}), MDN "Native manifests" (Firefox: {@code ~/.mozilla/native-messaging-hosts},
 * {@code ~/Library/Application Support/Mozilla/NativeMessagingHosts}, {@code HKCU\Software\Mozilla\NativeMessagingHosts}).
 * Chromium browsers on Linux keep their profile (and so {@code NativeMessagingHosts}) under {@code $XDG_CONFIG_HOME}.
 * On Windows, Brave and Vivaldi read Chrome's registry key (as KeePassXC's and web-ext-native-msg's installers also
 * record), so their rows point at it.
 */
public final class BrowserTable {
  private static final String NMH = "NativeMessagingHosts";
  private static final List<BrowserLocation> ROWS = List.of(
      // Linux; the snap names and Flathub ids say when a browser is packaged in a sandbox (no Chrome or Edge snap)
      row(Browser.CHROME, Os.LINUX, Place.of(XDG_CONFIG, "google-chrome", NMH), null,
          List.of(Place.of(XDG_CONFIG, "google-chrome")), "google-chrome", "google-chrome-stable")
          .sandboxedAs(null, "com.google.Chrome"),
      row(Browser.CHROMIUM, Os.LINUX, Place.of(XDG_CONFIG, "chromium", NMH), null,
          List.of(Place.of(XDG_CONFIG, "chromium")), "chromium", "chromium-browser")
          .sandboxedAs("chromium", "org.chromium.Chromium"),
      row(Browser.EDGE, Os.LINUX, Place.of(XDG_CONFIG, "microsoft-edge", NMH), null,
          List.of(Place.of(XDG_CONFIG, "microsoft-edge")), "microsoft-edge", "microsoft-edge-stable")
          .sandboxedAs(null, "com.microsoft.Edge"),
      row(Browser.BRAVE, Os.LINUX, Place.of(XDG_CONFIG, "BraveSoftware", "Brave-Browser", NMH), null,
          List.of(Place.of(XDG_CONFIG, "BraveSoftware", "Brave-Browser")), "brave-browser", "brave")
          .sandboxedAs("brave", "com.brave.Browser"),
      row(Browser.VIVALDI, Os.LINUX, Place.of(XDG_CONFIG, "vivaldi", NMH), null,
          List.of(Place.of(XDG_CONFIG, "vivaldi")), "vivaldi", "vivaldi-stable")
          .sandboxedAs("vivaldi", "com.vivaldi.Vivaldi"),
      row(Browser.FIREFOX, Os.LINUX, Place.of(HOME, ".mozilla", "native-messaging-hosts"), null,
          List.of(Place.of(HOME, ".mozilla", "firefox")), "firefox")
          .sandboxedAs("firefox", "org.mozilla.firefox"),
      // macOS
      row(Browser.CHROME, Os.MAC, Place.of(MAC_APP_SUPPORT, "Google", "Chrome", NMH), null,
          macMarkers("Google/Chrome", "Google Chrome.app")),
      row(Browser.CHROMIUM, Os.MAC, Place.of(MAC_APP_SUPPORT, "Chromium", NMH), null,
          macMarkers("Chromium", "Chromium.app")),
      row(Browser.EDGE, Os.MAC, Place.of(MAC_APP_SUPPORT, "Microsoft Edge", NMH), null,
          macMarkers("Microsoft Edge", "Microsoft Edge.app")),
      row(Browser.BRAVE, Os.MAC, Place.of(MAC_APP_SUPPORT, "BraveSoftware", "Brave-Browser", NMH), null,
          macMarkers("BraveSoftware/Brave-Browser", "Brave Browser.app")),
      row(Browser.VIVALDI, Os.MAC, Place.of(MAC_APP_SUPPORT, "Vivaldi", NMH), null,
          macMarkers("Vivaldi", "Vivaldi.app")),
      row(Browser.FIREFOX, Os.MAC, Place.of(MAC_APP_SUPPORT, "Mozilla", NMH), null,
          macMarkers("Firefox", "Firefox.app")),
      // Windows: the registry key's default value is the manifest's path; the manifests live in askpage's folder.
      row(Browser.CHROME, Os.WINDOWS, Place.of(ASKPAGE_MANIFESTS, "chromium"), "Software\\Google\\Chrome\\" + NMH,
          List.of(Place.of(LOCAL_APP_DATA, "Google", "Chrome", "User Data"),
              Place.of(PROGRAM_FILES, "Google", "Chrome", "Application")), "chrome.exe"),
      row(Browser.CHROMIUM, Os.WINDOWS, Place.of(ASKPAGE_MANIFESTS, "chromium"), "Software\\Chromium\\" + NMH,
          List.of(Place.of(LOCAL_APP_DATA, "Chromium", "User Data")), "chromium.exe"),
      row(Browser.EDGE, Os.WINDOWS, Place.of(ASKPAGE_MANIFESTS, "chromium"), "Software\\Microsoft\\Edge\\" + NMH,
          List.of(Place.of(LOCAL_APP_DATA, "Microsoft", "Edge", "User Data")), "msedge.exe"),
      row(Browser.BRAVE, Os.WINDOWS, Place.of(ASKPAGE_MANIFESTS, "chromium"), "Software\\Google\\Chrome\\" + NMH,
          List.of(Place.of(LOCAL_APP_DATA, "BraveSoftware", "Brave-Browser", "User Data")), "brave.exe"),
      row(Browser.VIVALDI, Os.WINDOWS, Place.of(ASKPAGE_MANIFESTS, "chromium"), "Software\\Google\\Chrome\\" + NMH,
          List.of(Place.of(LOCAL_APP_DATA, "Vivaldi", "User Data")), "vivaldi.exe"),
      row(Browser.FIREFOX, Os.WINDOWS, Place.of(ASKPAGE_MANIFESTS, "firefox"), "Software\\Mozilla\\" + NMH,
          List.of(Place.of(ROAMING_APP_DATA, "Mozilla", "Firefox"),
              Place.of(PROGRAM_FILES, "Mozilla Firefox")), "firefox.exe"));

  private BrowserTable() {}

  /** Every row. */
  public static List<BrowserLocation> rows() {
    return ROWS;
  }

  /** The row for {@code browser} on {@code os}. */
  public static BrowserLocation location(Browser browser, Os os) {
    for (BrowserLocation row : ROWS) {
      if (row.browser() == browser && row.os() == os) {
        return row;
      }
    }
    throw new IllegalStateException("BrowserTable has no row for " + browser + " on " + os);
  }

  private static BrowserLocation row(Browser browser, Os os, Place manifestDir, String registryKey,
      List<Place> markers, String... executables) {
    return new BrowserLocation(browser, os, manifestDir, Optional.ofNullable(registryKey), markers,
        List.of(executables), List.of(), List.of());
  }

  private static List<Place> macMarkers(String appSupportFolder, String appBundle) {
    List<Place> markers = new ArrayList<>();
    markers.add(Place.of(MAC_APP_SUPPORT, appSupportFolder.split("/")));
    markers.add(Place.of(MAC_APPLICATIONS, appBundle));
    markers.add(Place.of(MAC_USER_APPLICATIONS, appBundle));
    return markers;
  }
}
