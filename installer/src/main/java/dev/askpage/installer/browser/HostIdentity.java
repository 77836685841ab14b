package dev.askpage.installer.browser;

import java.util.List;

/** The names that tie the extension and the host together: one place, used by install and doctor alike. */
public final class HostIdentity {
  /** The native messaging host name, also the manifest's file name without {@code .json}. */
  public static final String HOST_NAME = "dev.askpage.host";
  /** The manifest's file name. */
  public static final String MANIFEST_FILE = HOST_NAME + ".json";
  /** The manifest's description. */
  public static final String DESCRIPTION = "askpage: find-in-page by question";
  /** The extension's id in Chromium browsers (fixed by the key in the extension's manifest). */
  public static final String CHROME_EXTENSION_ID = "figobfochmfbacgiggdecdnedcidedin";
  /** The origin Chromium browsers allow, and pass to the host as its first argument. */
  public static final String CHROME_ORIGIN = "chrome-extension://" + CHROME_EXTENSION_ID + "/";
  /** The extension's id in Firefox ({@code browser_specific_settings.gecko.id}). */
  public static final String FIREFOX_EXTENSION_ID = "askpage@askpage.dev";

  private HostIdentity() {}

  /** What a manifest for {@code family} allows: origins for Chromium, extension ids for Firefox. */
  public static List<String> allowed(Family family) {
    return family == Family.CHROMIUM ? List.of(CHROME_ORIGIN) : List.of(FIREFOX_EXTENSION_ID);
  }
}
